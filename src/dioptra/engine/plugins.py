"""Finding task functions: plugin modules on a temporary import path, looked up in pyplugs.

``plugin: "a.b.c.d"`` means module ``a.b.c``, function ``d``; the function must be
registered with ``@pyplugs.register``. Plugin directories are on ``sys.path`` only while
a run lasts; modules imported from them are forgotten afterwards, so the next run (with
other plugin files of the same names) imports its own.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dioptra import pyplugs
from dioptra.engine.errors import PluginLoadError


@contextmanager
def plugin_search_path(paths: Sequence[Path]) -> Iterator[None]:
    roots = [Path(path).resolve() for path in paths]
    saved_path = list(sys.path)
    before = set(sys.modules)
    sys.path[:0] = [str(root) for root in roots]
    importlib.invalidate_caches()  # plugin files may have been written moments ago
    try:
        yield
    finally:
        sys.path[:] = saved_path
        for name in set(sys.modules) - before:
            if _loaded_from(sys.modules.get(name), roots):
                del sys.modules[name]
                package, _, module = name.rpartition(".")
                pyplugs.forget(package, module)


def _loaded_from(module: Any, roots: list[Path]) -> bool:
    location = getattr(module, "__file__", None)
    if not location:
        return False
    try:
        path = Path(location).resolve()
    except OSError:
        return False
    return any(path.is_relative_to(root) for root in roots)


def load_task_function(plugin: str, label: str) -> Callable[..., Any]:
    """The registered function a task's ``plugin`` path names (``label`` names the
    task in messages)."""
    module_name, _, function = plugin.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # any failure while importing user code
        raise PluginLoadError(
            f"{label}: cannot import plugin module {module_name!r} "
            f"({type(error).__name__}: {error})"
        ) from error
    package, _, module_short = module_name.rpartition(".")
    if pyplugs.exists(package, module_short, function):
        return pyplugs.get(package, module_short, function)
    if callable(getattr(module, function, None)):
        raise PluginLoadError(
            f"{label}: function {function!r} of plugin module {module_name!r} is not "
            "registered; decorate it with @pyplugs.register"
        )
    raise PluginLoadError(f"{label}: plugin module {module_name!r} has no function {function!r}")
