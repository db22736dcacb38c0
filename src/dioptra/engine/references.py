"""References inside argument values: ``$param``, ``$step``, ``$step.output``.

A string is a reference when it starts with ``$`` and is more than the ``$`` alone;
``$$x`` escapes to the literal ``$x`` (only the leading ``$$`` is unescaped). References
are whole strings (no interpolation) and may sit anywhere inside lists and mapping
values, never in mapping keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reference:
    root: str
    output: str | None
    text: str

    def __str__(self) -> str:
        return self.text


def parse_reference(value: str) -> Reference | None:
    """The reference a string makes, or None when the string is a literal."""
    if not value.startswith("$") or value == "$" or value.startswith("$$"):
        return None
    root, dot, output = value[1:].partition(".")
    return Reference(root, output if dot else None, value)


def unescape(value: str) -> str:
    """The literal a non-reference string stands for (``$$x`` -> ``$x``)."""
    return value[1:] if value.startswith("$$") else value


def iter_references(
    value: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[Reference, tuple[Any, ...]]]:
    """Every reference inside ``value`` with the path where it sits."""
    if isinstance(value, str):
        reference = parse_reference(value)
        if reference is not None:
            yield reference, path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from iter_references(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_references(item, (*path, index))


def resolve_value(value: Any, lookup: Callable[[Reference], Any]) -> Any:
    """A copy of ``value`` with references replaced by ``lookup`` and escapes undone."""
    if isinstance(value, str):
        reference = parse_reference(value)
        return unescape(value) if reference is None else lookup(reference)
    if isinstance(value, Mapping):
        return {key: resolve_value(item, lookup) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_value(item, lookup) for item in value]
    if isinstance(value, tuple):
        return tuple(resolve_value(item, lookup) for item in value)
    return value
