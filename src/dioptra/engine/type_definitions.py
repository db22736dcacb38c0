"""Building named types from the ``types:`` section, reporting every bad definition.

Definitions (also the ``structure`` of a plugin parameter type):
``null`` or ``{}`` (simple), ``{is_a: <simple type>}``, ``{list: T}``, ``{tuple: [T, ...]}``,
``{mapping: {prop: T, ...}}``, ``{mapping: [K, V]}`` (K is string or integer),
``{union: [T, ...]}``. ``T`` is a type name or an inline structured definition;
simple types must be named at top level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dioptra.engine.collector import IssueCollector, quoted
from dioptra.engine.graph_cycles import find_cycles
from dioptra.engine.issues import IssueKind, Severity
from dioptra.engine.type_system import (
    BUILTIN_TYPES,
    INTEGER,
    STRING,
    KeyValueMappingType,
    ListType,
    SimpleType,
    TupleType,
    Type,
    UnionType,
    enum_mapping,
)

STRUCTURE_KEYS = ("list", "tuple", "mapping", "union")
_DEFINITION_KEYS = ("is_a", *STRUCTURE_KEYS)

PathKey = tuple[Any, ...]


class TypeRegistry:
    """Named types of one document; a name whose definition is broken maps to None."""

    def __init__(self, types: Mapping[str, Type | None]) -> None:
        self._types = dict(types)

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a builtin or defined (even if its definition is broken)."""
        return name in BUILTIN_TYPES or name in self._types

    def get(self, name: str) -> Type | None:
        """The type called ``name``; None when unknown or broken."""
        builtin = BUILTIN_TYPES.get(name)
        return builtin if builtin is not None else self._types.get(name)


def build_types(
    definitions: Mapping[Any, Any],
    collector: IssueCollector,
    path: PathKey = ("types",),
) -> TypeRegistry:
    """Build every definition; problems become issues and their types become None."""
    builder = _Builder(collector, path)
    return builder.build_all(definitions)


def _referenced_names(definition: Any) -> list[str]:
    # Type names sit in value positions only (keys are property names).
    if isinstance(definition, str):
        return [definition]
    if isinstance(definition, Mapping):
        return [name for value in definition.values() for name in _referenced_names(value)]
    if isinstance(definition, list):
        return [name for item in definition for name in _referenced_names(item)]
    return []


class _Builder:
    def __init__(self, collector: IssueCollector, path: PathKey) -> None:
        self.collector = collector
        self.path = path
        self.definitions: dict[str, Any] = {}
        self.built: dict[str, Type | None] = {}
        self.broken: set[str] = set()

    def report(
        self,
        type_name: str,
        problem: str,
        path: PathKey,
        kind: IssueKind = IssueKind.SEMANTIC,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.collector.add(
            kind, problem, path=path, subject=f"type {quoted(type_name)}", severity=severity
        )

    def build_all(self, definitions: Mapping[Any, Any]) -> TypeRegistry:
        for name, definition in definitions.items():
            if not isinstance(name, str) or not name.strip():
                self.collector.add(
                    IssueKind.SEMANTIC,
                    f"type names must be non-blank strings, not {name!r}",
                    path=(*self.path, name),
                    subject="types",
                )
            elif name in BUILTIN_TYPES:
                self.report(name, "a builtin type cannot be redefined", (*self.path, name))
            else:
                self.definitions[name] = definition
        references = {
            name: [n for n in _referenced_names(d) if n in self.definitions]
            for name, d in self.definitions.items()
        }
        for cycle in find_cycles(references):
            self.report(
                cycle[0],
                "type definitions refer to each other in a cycle: " + " -> ".join(cycle),
                (*self.path, cycle[0]),
            )
            self.broken.update(cycle)
        for name in self.definitions:
            self.named(name)
        return TypeRegistry({name: self.built.get(name) for name in self.definitions})

    def named(self, name: str) -> Type | None:
        if name in self.broken:
            return None
        if name not in self.built:
            self.built[name] = None  # guards against re-entry while building
            self.built[name] = self.top_level(name, self.definitions[name], (*self.path, name))
        return self.built[name]

    def lookup(self, owner: str, name: str, path: PathKey) -> Type | None:
        builtin = BUILTIN_TYPES.get(name)
        if builtin is not None:
            return builtin
        if name in self.definitions:
            return self.named(name)
        self.report(owner, f"unknown type {quoted(name)}", path)
        return None

    def top_level(self, name: str, definition: Any, path: PathKey) -> Type | None:
        if definition is None:
            return SimpleType(name)
        if not isinstance(definition, Mapping):
            self.report(
                name,
                "a type definition must be null or a mapping with one of the keys "
                + ", ".join(_DEFINITION_KEYS),
                path,
                IssueKind.SCHEMA,
            )
            return None
        if not definition:
            return SimpleType(name)
        key = self.structure_key(name, definition, path)
        if key is None:
            return None
        if key == "is_a":
            return self.simple_with_supertype(name, definition["is_a"], (*path, "is_a"))
        return self.structure(name, name, key, definition[key], (*path, key))

    def structure_key(self, owner: str, definition: Mapping[Any, Any], path: PathKey) -> str | None:
        unknown = [key for key in definition if key not in _DEFINITION_KEYS]
        for key in unknown:
            self.report(
                owner,
                f"unknown key {quoted(key)} in a type definition (expected one of "
                + ", ".join(_DEFINITION_KEYS)
                + ")",
                (*path, key),
                IssueKind.SCHEMA,
            )
        present = [key for key in _DEFINITION_KEYS if key in definition]
        if len(present) > 1:
            self.report(
                owner,
                "a type definition has exactly one structure key, found several: "
                + ", ".join(present),
                path,
                IssueKind.SCHEMA,
            )
            return None
        if unknown or not present:
            return None
        return present[0]

    def simple_with_supertype(self, name: str, supertype: Any, path: PathKey) -> Type | None:
        if not isinstance(supertype, str):
            self.report(name, "'is_a' must name a simple type", path, IssueKind.SCHEMA)
            return None
        parent = self.lookup(name, supertype, path)
        if parent is None:
            return None
        if not isinstance(parent, SimpleType):
            self.report(
                name,
                f"the supertype {quoted(supertype)} is not a simple type "
                "(only simple types can be extended with is_a)",
                path,
            )
            return None
        return SimpleType(name, parent)

    def nested(self, owner: str, definition: Any, path: PathKey) -> Type | None:
        if isinstance(definition, str):
            return self.lookup(owner, definition, path)
        if definition is None or (
            isinstance(definition, Mapping) and (not definition or set(definition) == {"is_a"})
        ):
            self.report(
                owner,
                "an inline (anonymous) definition cannot be a simple type: define it by "
                "name under 'types' (write the null type as the string \"null\")",
                path,
                IssueKind.SCHEMA,
            )
            return None
        if not isinstance(definition, Mapping):
            self.report(
                owner,
                f"expected a type name or an inline definition, not {definition!r}",
                path,
                IssueKind.SCHEMA,
            )
            return None
        key = self.structure_key(owner, definition, path)
        if key is None:
            return None
        return self.structure(owner, None, key, definition[key], (*path, key))

    def structure(
        self, owner: str, name: str | None, key: str, body: Any, path: PathKey
    ) -> Type | None:
        if key == "list":
            element = self.nested(owner, body, path)
            return None if element is None else ListType(name, element)
        if key == "tuple":
            if not isinstance(body, list):
                self.report(owner, "'tuple' must be a list of types", path, IssueKind.SCHEMA)
                return None
            items = [self.nested(owner, item, (*path, i)) for i, item in enumerate(body)]
            known = [item for item in items if item is not None]
            return TupleType(name, tuple(known)) if len(known) == len(items) else None
        if key == "union":
            return self.union(owner, name, body, path)
        return self.mapping(owner, name, body, path)

    def union(self, owner: str, name: str | None, body: Any, path: PathKey) -> Type | None:
        if not isinstance(body, list):
            self.report(owner, "'union' must be a list of types", path, IssueKind.SCHEMA)
            return None
        members = [self.nested(owner, item, (*path, i)) for i, item in enumerate(body)]
        known = [member for member in members if member is not None]
        seen: list[Type] = []
        for index, member in enumerate(members):
            if member is None:
                continue
            if member in seen:
                self.report(
                    owner,
                    f"union member {member} is listed more than once",
                    (*path, index),
                    IssueKind.TYPE,
                    Severity.WARNING,
                )
            else:
                seen.append(member)
        return UnionType(name, tuple(known)) if len(known) == len(members) else None

    def mapping(self, owner: str, name: str | None, body: Any, path: PathKey) -> Type | None:
        if isinstance(body, Mapping):
            properties: dict[str, Type] = {}
            complete = True
            for prop, definition in body.items():
                if not isinstance(prop, str):
                    self.report(
                        owner,
                        f"mapping property names must be strings, not {prop!r}",
                        (*path, prop),
                        IssueKind.SCHEMA,
                    )
                    complete = False
                    continue
                prop_type = self.nested(owner, definition, (*path, prop))
                if prop_type is None:
                    complete = False
                else:
                    properties[prop] = prop_type
            return enum_mapping(properties, name) if complete else None
        if isinstance(body, list) and len(body) == 2:
            key_type = self.nested(owner, body[0], (*path, 0))
            value_type = self.nested(owner, body[1], (*path, 1))
            if key_type is not None and key_type not in (STRING, INTEGER):
                self.report(
                    owner,
                    f"mapping keys must be string or integer, not {key_type}",
                    (*path, 0),
                )
                return None
            if key_type is None or value_type is None:
                return None
            return KeyValueMappingType(name, key_type, value_type)
        self.report(
            owner,
            "'mapping' must be a mapping of property types or a [key type, value type] pair",
            path,
            IssueKind.SCHEMA,
        )
        return None
