"""YAML loading that remembers where every mapping key and list item starts.

Paths are tuples of mapping keys and list indexes, e.g. ``("graph", "step1", "add", 0)``.
Validation messages look lines up here, so a finding deep inside an argument still
names the closest line that holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dioptra.engine.errors import YamlSyntaxError
from dioptra.engine.limits import (
    DOCUMENT_LIMITS,
    DocumentLimits,
    check_expanded_nodes,
    check_text_size,
)

PathKey = tuple[Any, ...]


class _Nest:
    """Makes ``nest`` usable both as ``SourceMap.nest(prefix, other)`` (starting from an
    empty map) and as ``some_map.nest(prefix, other)`` (starting from ``some_map``)."""

    @overload
    def __get__(
        self, instance: None, owner: type[SourceMap]
    ) -> Callable[[Sequence[Any], SourceMap], SourceMap]: ...

    @overload
    def __get__(
        self, instance: SourceMap, owner: type[SourceMap]
    ) -> Callable[[Sequence[Any], SourceMap], SourceMap]: ...

    def __get__(
        self, instance: SourceMap | None, owner: type[SourceMap]
    ) -> Callable[[Sequence[Any], SourceMap], SourceMap]:
        base = instance if instance is not None else owner()

        def nest(prefix: Sequence[Any], other: SourceMap) -> SourceMap:
            return base._nested(tuple(prefix), other)

        return nest


class SourceMap:
    """1-based start lines of the keys and items of a loaded document, by path."""

    def __init__(self, lines: Mapping[PathKey, int] | None = None) -> None:
        self._lines: dict[PathKey, int] = dict(lines or {})

    nest = _Nest()
    """``nest(prefix, other)``: a new map holding this map's entries plus ``other``'s,
    re-rooted under ``prefix`` (``other`` wins where both know a path). Use it to say
    "the subtree at ``("graph",)`` came from this YAML text"."""

    def _nested(self, prefix: PathKey, other: SourceMap) -> SourceMap:
        merged = dict(self._lines)
        merged.update({prefix + path: line for path, line in other._lines.items()})
        return SourceMap(merged)

    def line(self, path: Sequence[Any]) -> int | None:
        """The line of ``path``, or of its nearest ancestor the map knows."""
        key = tuple(path)
        while True:
            try:
                found = self._lines.get(key)
            except TypeError:  # an unhashable path element: treat as unknown
                found = None
            if found is not None:
                return found
            if not key:
                return None
            key = key[:-1]

    def exact(self, path: Sequence[Any]) -> int | None:
        """The line of exactly ``path`` (no fallback to ancestors)."""
        try:
            return self._lines.get(tuple(path))
        except TypeError:
            return None

    def subtree(self, prefix: Sequence[Any]) -> SourceMap:
        """The entries under ``prefix``, re-rooted so ``prefix`` becomes ``()``."""
        size = len(prefix)
        head = tuple(prefix)
        return SourceMap(
            {path[size:]: line for path, line in self._lines.items() if path[:size] == head}
        )

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._lines)

    def __repr__(self) -> str:
        return f"SourceMap({len(self._lines)} paths)"


# libyaml's loader is about ten times faster; both are "safe" and give the same marks.
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


def _problem_text(error: yaml.YAMLError) -> tuple[str, int | None, int | None]:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.problem:
            problem = f"{problem} ({error.context})"
        if mark is not None:
            return problem, mark.line + 1, mark.column + 1
        return problem, None, None
    return str(error), None, None


def load_yaml(text: str, limits: DocumentLimits = DOCUMENT_LIMITS) -> tuple[Any, SourceMap]:
    """Parse one YAML document safely; return the data and the lines of its parts.

    Raises ``YamlSyntaxError`` (with line and column) when the text does not parse, and
    its kind ``DocumentTooLargeError`` when the text, or what its aliases expand to, is
    over ``limits`` (checked before the data is built).
    """
    check_text_size(text, limits)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_expanded_nodes(node, limits)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        problem, line, column = _problem_text(error)
        raise YamlSyntaxError(problem, line, column) from None
    except RecursionError:
        raise YamlSyntaxError("the document is nested too deeply") from None
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    if node is not None:
        try:
            _record(loader, node, (), lines, set())
        except RecursionError:
            raise YamlSyntaxError("the document is nested too deeply") from None
    return data, SourceMap(lines)


def _record(
    loader: SafeConstructor, node: Node, path: PathKey, lines: dict[PathKey, int], done: set[int]
) -> None:
    # A node already mapped (an alias) is not walked twice; its paths fall back to the
    # alias's own line. (Recursive aliases were refused while counting nodes.)
    if id(node) in done:
        return
    done.add(id(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = _scalar_key(loader, key_node)
            if key is _UNKNOWN:
                continue
            child = (*path, key)
            lines.setdefault(child, key_node.start_mark.line + 1)
            _record(loader, value_node, child, lines, done)
    elif isinstance(node, SequenceNode):
        for index, item_node in enumerate(node.value):
            child = (*path, index)
            lines.setdefault(child, item_node.start_mark.line + 1)
            _record(loader, item_node, child, lines, done)


_UNKNOWN = object()


def _scalar_key(loader: SafeConstructor, key_node: Node) -> Any:
    if not isinstance(key_node, ScalarNode):
        return _UNKNOWN
    try:
        return loader.construct_object(key_node, deep=True)
    except yaml.YAMLError:
        return _UNKNOWN
