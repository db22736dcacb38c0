"""The type system (§3.4): compatibility, inference, and type definitions."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testing import base_document, single_issue

from dioptra.engine import IssueKind, Severity, validate
from dioptra.engine.collector import IssueCollector
from dioptra.engine.references import Reference
from dioptra.engine.type_definitions import TypeRegistry, build_types
from dioptra.engine.type_system import (
    ANY,
    BOOLEAN,
    INTEGER,
    NULL,
    NUMBER,
    STRING,
    KeyValueMappingType,
    ListType,
    SimpleType,
    TupleType,
    Type,
    UnionType,
    enum_mapping,
    infer_type,
    is_compatible,
)


def lst(element: Type, name: str | None = None) -> ListType:
    return ListType(name, element)


def tup(*elements: Type, name: str | None = None) -> TupleType:
    return TupleType(name, elements)


def union(*members: Type, name: str | None = None) -> UnionType:
    return UnionType(name, members)


def kv(key: Type, value: Type, name: str | None = None) -> KeyValueMappingType:
    return KeyValueMappingType(name, key, value)


PET = SimpleType("pet")
DOG = SimpleType("dog", PET)
CAT = SimpleType("cat", PET)

COMPATIBLE: list[tuple[Type, Type]] = [
    (STRING, ANY),
    (lst(INTEGER), ANY),
    (ANY, ANY),
    (STRING, STRING),
    (INTEGER, NUMBER),  # integer is a subtype of number
    (DOG, PET),
    (SimpleType("puppy", DOG), PET),  # transitive
    (union(INTEGER, NUMBER), NUMBER),  # every member fits
    (INTEGER, union(STRING, NUMBER)),  # fits some member
    (union(), STRING),  # the empty union fits everywhere
    (union(), union()),
    (union(DOG, CAT), union(PET, STRING)),
    (lst(INTEGER), lst(NUMBER)),  # covariant
    (tup(INTEGER, NUMBER), tup(NUMBER, NUMBER)),
    (tup(), tup()),
    (tup(INTEGER, INTEGER), lst(NUMBER)),  # tuple -> list when every element fits
    (tup(), lst(STRING)),
    (enum_mapping({"a": INTEGER}), enum_mapping({"a": NUMBER})),
    (kv(INTEGER, INTEGER), kv(INTEGER, NUMBER)),
    (enum_mapping({"a": INTEGER, "b": NUMBER}), kv(STRING, NUMBER)),
    (enum_mapping({}), kv(STRING, BOOLEAN)),  # empty enum-map -> any string-keyed map
    (lst(NUMBER, name="vec"), lst(NUMBER, name="vec")),  # same named type
    (lst(INTEGER, name="ints"), lst(NUMBER)),  # named -> anonymous: structure compared
    (tup(INTEGER), lst(NUMBER, name="vec")),  # anonymous -> named: structure compared
    (lst(lst(INTEGER)), lst(lst(NUMBER))),
    (ANY, union(STRING, ANY)),
]

INCOMPATIBLE: list[tuple[Type, Type]] = [
    (ANY, STRING),  # any goes only to any
    (NUMBER, INTEGER),  # no downcast
    (PET, DOG),
    (DOG, CAT),
    (BOOLEAN, INTEGER),
    (NULL, STRING),
    (union(INTEGER, STRING), NUMBER),  # one member does not fit
    (STRING, union(INTEGER, NUMBER)),
    (STRING, union()),  # only the empty union accepts the empty union
    (union(STRING), union()),
    (lst(STRING), lst(NUMBER)),
    (tup(INTEGER), tup(INTEGER, INTEGER)),  # length differs
    (tup(INTEGER, STRING), lst(NUMBER)),
    (lst(INTEGER), tup(INTEGER)),  # list -> tuple never
    (enum_mapping({"a": INTEGER}), enum_mapping({"a": INTEGER, "b": INTEGER})),
    (enum_mapping({"a": STRING}), enum_mapping({"a": NUMBER})),
    (kv(STRING, INTEGER), kv(INTEGER, INTEGER)),
    (kv(STRING, INTEGER), enum_mapping({"a": INTEGER})),  # kv -> enum never
    (enum_mapping({"a": INTEGER}), kv(INTEGER, INTEGER)),  # enum -> kv needs string keys
    (enum_mapping({"a": STRING}), kv(STRING, NUMBER)),
    (lst(NUMBER, name="vec"), lst(NUMBER, name="other")),  # differently named structures
    (lst(INTEGER), INTEGER),
    (STRING, lst(STRING)),
    (lst(INTEGER), enum_mapping({})),
]


@pytest.mark.parametrize(("given", "expected"), COMPATIBLE, ids=lambda t: str(t))
def test_compatible(given: Type, expected: Type) -> None:
    assert is_compatible(given, expected)


@pytest.mark.parametrize(("given", "expected"), INCOMPATIBLE, ids=lambda t: str(t))
def test_incompatible(given: Type, expected: Type) -> None:
    assert not is_compatible(given, expected)


def test_same_named_types_of_two_documents_do_not_share_cached_answers() -> None:
    # The cache is keyed on the whole type, not just the name.
    assert is_compatible(tup(INTEGER), lst(NUMBER, name="vec"))
    assert not is_compatible(tup(INTEGER), lst(STRING, name="vec"))


def test_type_equality_named_and_anonymous() -> None:
    assert lst(NUMBER) == lst(NUMBER)
    assert lst(NUMBER, name="a") != lst(NUMBER)
    assert enum_mapping({"a": INTEGER, "b": STRING}) == enum_mapping({"b": STRING, "a": INTEGER})
    assert hash(lst(NUMBER)) == hash(lst(NUMBER))
    assert str(lst(NUMBER)) == "list[number]"
    assert str(lst(NUMBER, name="vec")) == "vec"
    assert str(kv(STRING, union(INTEGER, NULL))) == "mapping[string, union[integer, null]]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text", STRING),
        (True, BOOLEAN),
        (3, INTEGER),
        (2.5, NUMBER),
        (None, NULL),
        ([1, "a"], tup(INTEGER, STRING)),  # lists infer as tuples
        ([], tup()),
        ({}, enum_mapping({})),
        ({"a": 1, "b": [True]}, enum_mapping({"a": INTEGER, "b": tup(BOOLEAN)})),
        ({1: "a", 2: "b"}, kv(INTEGER, STRING)),
        ({1: "a", 2: 3}, kv(INTEGER, union(STRING, INTEGER))),
        ({1: "a", "b": 2}, ANY),  # mixed keys
        ({True: 1}, ANY),  # booleans are not integer keys
        ({1.5: 1}, ANY),
        (object(), ANY),
    ],
)
def test_inference_from_literals(value: Any, expected: Type) -> None:
    assert infer_type(value) == expected


def test_inference_resolves_references_when_asked() -> None:
    def typer(reference: Reference) -> Type | None:
        return {"n": INTEGER}.get(reference.root)

    assert infer_type(["$n", "$$n", "$"], typer) == tup(INTEGER, STRING, STRING)
    assert infer_type({"k": "$unknown"}, typer) is None  # unknown: no verdict
    assert infer_type("$n") == STRING  # without a typer every string is a string


# -- type definitions -----------------------------------------------------------------------


def build(definitions: dict[Any, Any]) -> tuple[TypeRegistry, IssueCollector]:
    collector = IssueCollector()
    return build_types(definitions, collector), collector


def test_every_definition_form_builds() -> None:
    registry, collector = build(
        {
            "plain": None,
            "empty": {},
            "child": {"is_a": "plain"},
            "grandchild": {"is_a": "child"},
            "ints": {"list": "integer"},
            "pair": {"tuple": ["string", {"list": "number"}]},
            "nothing": {"tuple": []},
            "record": {"mapping": {"name": "string", "tags": {"list": "string"}}},
            "table": {"mapping": ["integer", "record"]},
            "either": {"union": ["ints", "string", "null"]},
            "neither": {"union": []},
        }
    )
    assert collector.issues == []
    assert registry.get("child") == SimpleType("child", SimpleType("plain"))
    assert registry.get("empty") == SimpleType("empty")
    grandchild = registry.get("grandchild")
    assert isinstance(grandchild, SimpleType)
    assert grandchild.is_subtype_of(SimpleType("plain"))
    assert registry.get("pair") == tup(STRING, lst(NUMBER), name="pair")
    record = registry.get("record")
    assert record == enum_mapping({"name": STRING, "tags": lst(STRING)}, name="record")
    assert registry.get("table") == kv(INTEGER, record, name="table")  # type: ignore[arg-type]
    assert registry.get("either") == union(lst(INTEGER, name="ints"), STRING, NULL, name="either")
    assert registry.get("neither") == union(name="neither")
    assert registry.get("integer") is INTEGER
    assert registry.get("unknown") is None


@pytest.mark.parametrize(
    ("definitions", "kind", "culprit", "text"),
    [
        ({"m": {"mapping": ["number", "string"]}}, IssueKind.SEMANTIC, "m", "keys must be"),
        ({"m": {"mapping": [{"list": "string"}, "string"]}}, IssueKind.SEMANTIC, "m", "keys"),
        ({"m": {"list": "string", "tuple": []}}, IssueKind.SCHEMA, "m", "several"),
        ({"m": {"is_a": "string", "list": "x"}}, IssueKind.SCHEMA, "m", "several"),
        ({"s": {"is_a": "l"}, "l": {"list": "string"}}, IssueKind.SEMANTIC, "s", "not a simple"),
        ({"s": {"is_a": {"list": "string"}}}, IssueKind.SCHEMA, "s", "must name a simple"),
        ({"l": {"list": "ghost"}}, IssueKind.SEMANTIC, "l", "unknown type 'ghost'"),
        ({"s": {"is_a": "ghost"}}, IssueKind.SEMANTIC, "s", "unknown type 'ghost'"),
        ({"a": {"list": "b"}, "b": {"tuple": ["a"]}}, IssueKind.SEMANTIC, "a", "a -> b -> a"),
        ({"a": {"list": "a"}}, IssueKind.SEMANTIC, "a", "cycle"),
        ({"a": {"is_a": "b"}, "b": {"is_a": "a"}}, IssueKind.SEMANTIC, "a", "cycle"),
        ({"string": None}, IssueKind.SEMANTIC, "string", "builtin"),
        ({"integer": {"list": "string"}}, IssueKind.SEMANTIC, "integer", "builtin"),
        ({"l": {"list": None}}, IssueKind.SCHEMA, "l", "anonymous"),
        ({"l": {"list": {}}}, IssueKind.SCHEMA, "l", "anonymous"),
        ({"l": {"union": ["string", {"is_a": "string"}]}}, IssueKind.SCHEMA, "l", "anonymous"),
        ({"t": {"tuple": "string"}}, IssueKind.SCHEMA, "t", "'tuple' must be a list"),
        ({"u": {"union": "string"}}, IssueKind.SCHEMA, "u", "'union' must be a list"),
        ({"m": {"mapping": ["string"]}}, IssueKind.SCHEMA, "m", "pair"),
        ({"m": {"mapping": {1: "string"}}}, IssueKind.SCHEMA, "m", "property names"),
        ({"x": 5}, IssueKind.SCHEMA, "x", "null or a mapping"),
        ({"x": "string"}, IssueKind.SCHEMA, "x", "null or a mapping"),
        ({"x": {"sequence": "string"}}, IssueKind.SCHEMA, "x", "unknown key 'sequence'"),
        ({"l": {"list": 5}}, IssueKind.SCHEMA, "l", "type name or an inline"),
    ],
)
def test_definition_errors(
    definitions: dict[str, Any], kind: IssueKind, culprit: str, text: str
) -> None:
    registry, collector = build(definitions)
    errors = [issue for issue in collector.issues if issue.severity is Severity.ERROR]
    assert len(errors) == 1, collector.issues
    assert errors[0].kind is kind
    assert f"type {culprit!r}" in errors[0].message
    assert text in errors[0].message
    if culprit not in ("string", "integer"):
        assert registry.get(culprit) is None
    else:  # the builtin stays what it is
        assert isinstance(registry.get(culprit), SimpleType)


def test_bad_type_names() -> None:
    _, collector = build({"": None, 5: None, "ok": None})
    assert [issue.kind for issue in collector.issues] == [IssueKind.SEMANTIC] * 2
    assert all("non-blank strings" in issue.message for issue in collector.issues)


def test_a_type_built_on_a_broken_one_reports_only_the_root_cause() -> None:
    registry, collector = build({"bad": {"list": "ghost"}, "user": {"list": "bad"}})
    assert len(collector.issues) == 1
    assert registry.get("user") is None
    assert registry.knows("user") and registry.knows("bad") and not registry.knows("ghost")


def test_union_duplicates_are_warnings_in_validate() -> None:
    document = base_document()
    document["types"]["choice"] = {"union": ["string", "integer", "string"]}
    issue = single_issue(
        document, IssueKind.TYPE, severity=Severity.WARNING, contains=("'choice'", "string")
    )
    assert issue.line is None  # a dict has no lines
    text = "types:\n  choice:\n    union: [string, {list: integer}, {list: integer}]\n"
    [warning] = [i for i in validate(text) if i.severity is Severity.WARNING]
    assert warning.line == 3


def test_definition_errors_surface_through_validate_with_lines() -> None:
    text = (
        "types:\n"
        "  pair: {tuple: [string, ghost]}\n"
        "tasks:\n"
        "  t: {plugin: a.b, inputs: [{x: pair}]}\n"
        "graph:\n"
        "  s: {t: [[a, b]]}\n"
    )
    [issue] = validate(text)
    assert issue.kind is IssueKind.SEMANTIC
    assert issue.line == 2
    assert "type 'pair' (line 2): unknown type 'ghost'" in issue.message
