"""The type system of experiment documents: type objects, compatibility, inference.

A type is *simple* (just a name, with optional single inheritance) or *structured*
(list, tuple, enumerated mapping, key/value mapping, union). Structured types may be
named (defined under ``types:``) or anonymous (written inline, or inferred from a
literal). Two named structured types with different names never match, whatever
their structure; structure is compared only when one side is anonymous.

Type objects are immutable and compare by value, so compatibility answers can be
cached across documents without mixing up two documents' same-named types.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dioptra.engine.references import Reference, parse_reference


@dataclass(frozen=True)
class Type:
    name: str | None

    def __str__(self) -> str:
        return self.name if self.name is not None else self.describe()

    def describe(self) -> str:
        """The structure, written out (anonymous types show this as their name)."""
        return self.name or "?"


@dataclass(frozen=True)
class SimpleType(Type):
    name: str
    supertype: SimpleType | None = None

    def is_subtype_of(self, other: SimpleType) -> bool:
        current: SimpleType | None = self
        while current is not None:
            if current == other:
                return True
            current = current.supertype
        return False


@dataclass(frozen=True)
class ListType(Type):
    element: Type

    def describe(self) -> str:
        return f"list[{self.element}]"


@dataclass(frozen=True)
class TupleType(Type):
    elements: tuple[Type, ...]

    def describe(self) -> str:
        return f"tuple[{', '.join(map(str, self.elements))}]"


@dataclass(frozen=True)
class EnumMappingType(Type):
    """A mapping with a fixed set of string keys, each with its own value type."""

    # Sorted by key so that key order in the source does not affect equality.
    properties: tuple[tuple[str, Type], ...]

    @property
    def as_dict(self) -> dict[str, Type]:
        return dict(self.properties)

    def describe(self) -> str:
        inner = ", ".join(f"{key}: {value}" for key, value in self.properties)
        return f"mapping{{{inner}}}"


@dataclass(frozen=True)
class KeyValueMappingType(Type):
    key: Type
    value: Type

    def describe(self) -> str:
        return f"mapping[{self.key}, {self.value}]"


@dataclass(frozen=True)
class UnionType(Type):
    members: tuple[Type, ...]

    def describe(self) -> str:
        return f"union[{', '.join(map(str, self.members))}]"


StructuredType = ListType | TupleType | EnumMappingType | KeyValueMappingType


def enum_mapping(properties: Mapping[str, Type], name: str | None = None) -> EnumMappingType:
    return EnumMappingType(name, tuple(sorted(properties.items())))


ANY = SimpleType("any")
STRING = SimpleType("string")
NUMBER = SimpleType("number")
INTEGER = SimpleType("integer", NUMBER)
BOOLEAN = SimpleType("boolean")
NULL = SimpleType("null")

BUILTIN_TYPES: dict[str, Type] = {
    t.name: t for t in (ANY, STRING, NUMBER, INTEGER, BOOLEAN, NULL) if t.name is not None
}


@functools.lru_cache(maxsize=16384)
def is_compatible(given: Type, expected: Type) -> bool:
    """Whether a value of type ``given`` may be passed where ``expected`` is declared."""
    if expected == ANY or given == expected:
        return True
    if isinstance(given, UnionType):
        # Every member must fit; so the empty union fits everywhere.
        return all(is_compatible(member, expected) for member in given.members)
    if isinstance(expected, UnionType):
        return any(is_compatible(given, member) for member in expected.members)
    if given == ANY:
        return False
    if isinstance(given, SimpleType) and isinstance(expected, SimpleType):
        return given.is_subtype_of(expected)
    if isinstance(given, SimpleType) or isinstance(expected, SimpleType):
        return False
    if given.name is not None and expected.name is not None:
        return False  # differently named structured types (equal ones returned above)
    return _structures_compatible(given, expected)


def _structures_compatible(given: Type, expected: Type) -> bool:
    if isinstance(expected, ListType):
        if isinstance(given, ListType):
            return is_compatible(given.element, expected.element)
        if isinstance(given, TupleType):
            return all(is_compatible(item, expected.element) for item in given.elements)
        return False
    if isinstance(expected, TupleType):
        return (
            isinstance(given, TupleType)
            and len(given.elements) == len(expected.elements)
            and all(map(is_compatible, given.elements, expected.elements))
        )
    if isinstance(expected, EnumMappingType):
        if not isinstance(given, EnumMappingType):
            return False
        given_props, expected_props = given.as_dict, expected.as_dict
        return given_props.keys() == expected_props.keys() and all(
            is_compatible(given_props[key], expected_props[key]) for key in expected_props
        )
    if isinstance(expected, KeyValueMappingType):
        if isinstance(given, KeyValueMappingType):
            return is_compatible(given.key, expected.key) and is_compatible(
                given.value, expected.value
            )
        if isinstance(given, EnumMappingType):
            return expected.key == STRING and all(
                is_compatible(value, expected.value) for _, value in given.properties
            )
    return False


ReferenceTyper = Callable[[Reference], Type | None]


def infer_type(value: Any, reference_type: ReferenceTyper | None = None) -> Type | None:
    """The type of a literal value; ``None`` when a reference inside has no known type.

    With ``reference_type`` given, strings that are references take the type of what
    they refer to; without it every string is a ``string``.
    """
    if isinstance(value, str):
        if reference_type is None:
            return STRING
        reference = parse_reference(value)
        return STRING if reference is None else reference_type(reference)
    if isinstance(value, bool):  # before int: bool is an int in Python
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if value is None:
        return NULL
    if isinstance(value, Mapping):
        return _infer_mapping(value, reference_type)
    if isinstance(value, list | tuple | set | frozenset):
        elements = [infer_type(item, reference_type) for item in value]
        if any(element is None for element in elements):
            return None
        return TupleType(None, tuple(e for e in elements if e is not None))
    return ANY


def _infer_mapping(value: Mapping[Any, Any], reference_type: ReferenceTyper | None) -> Type | None:
    if not value:
        return EnumMappingType(None, ())
    keys = list(value)
    if all(isinstance(key, str) for key in keys):
        properties = {key: infer_type(item, reference_type) for key, item in value.items()}
        known = {key: item for key, item in properties.items() if item is not None}
        if len(known) != len(properties):
            return None
        return enum_mapping(known)
    if all(isinstance(key, int) and not isinstance(key, bool) for key in keys):
        members: list[Type] = []
        for item in value.values():
            item_type = infer_type(item, reference_type)
            if item_type is None:
                return None
            if item_type not in members:
                members.append(item_type)
        value_type = members[0] if len(members) == 1 else UnionType(None, tuple(members))
        return KeyValueMappingType(None, INTEGER, value_type)
    return ANY  # no mapping type describes mixed or exotic keys
