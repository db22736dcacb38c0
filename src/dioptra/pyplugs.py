"""Plugin registration for task functions (compatible with Dioptra's ``pyplugs``).

Plugin authors decorate task functions with ``@pyplugs.register`` (bare or called).
The decorator records the function under its module's package and module name and
returns it unchanged, so a decorated function is still a plain Python function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

F = TypeVar("F", bound=Callable[..., Any])

# (package, module short name) -> {function name: function}
_REGISTRY: dict[tuple[str, str], dict[str, Callable[..., Any]]] = {}


def _coordinates(module_name: str) -> tuple[str, str]:
    package, _, plugin = module_name.rpartition(".")
    return package, plugin


@overload
def register(func: F) -> F: ...


@overload
def register(func: None = None, *, plugin: str | None = None) -> Callable[[F], F]: ...


def register(func: F | None = None, *, plugin: str | None = None) -> F | Callable[[F], F]:
    """Register a task function; usable as ``@register`` or ``@register()``."""

    def decorate(function: F) -> F:
        package, module = _coordinates(function.__module__)
        _REGISTRY.setdefault((package, plugin or module), {})[function.__name__] = function
        return function

    if func is None:
        return decorate
    return decorate(func)


def get(package: str, plugin: str, func: str) -> Callable[..., Any]:
    """Return a registered function; ``KeyError`` if it was never registered."""
    try:
        return _REGISTRY[(package, plugin)][func]
    except KeyError:
        where = f"{package}.{plugin}" if package else plugin
        raise KeyError(f"no function {func!r} is registered in plugin module {where!r}") from None


def exists(package: str, plugin: str, func: str | None = None) -> bool:
    """Whether a plugin module (or one function in it) has registered functions."""
    functions = _REGISTRY.get((package, plugin))
    if functions is None:
        return False
    return func is None or func in functions


def names(package: str, plugin: str) -> list[str]:
    """The names of the functions registered in a plugin module."""
    return sorted(_REGISTRY.get((package, plugin), {}))


def funcs(package: str, plugin: str) -> list[Callable[..., Any]]:
    """The functions registered in a plugin module, ordered by name."""
    functions = _REGISTRY.get((package, plugin), {})
    return [functions[name] for name in sorted(functions)]


def forget(package: str, plugin: str | None = None) -> None:
    """Drop registrations (used when plugin modules are reloaded between runs)."""
    for key in [k for k in _REGISTRY if k[0] == package and (plugin is None or k[1] == plugin)]:
        del _REGISTRY[key]
