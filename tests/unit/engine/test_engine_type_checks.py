"""Type checking of invocation arguments and parameter defaults (§3.2 stage 3, §3.4)."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testing import base_document, single_issue

from dioptra.engine import IssueKind, validate

TYPE = IssueKind.TYPE


@pytest.mark.parametrize(
    "step",
    [
        {"add": ["text"]},  # positional
        {"add": {"a": "text"}},  # keyword
        {"task": "add", "args": ["text"]},  # mixed, positional part
        {"task": "add", "args": [1], "kwargs": {"b": "text"}},  # mixed, keyword part
        {"add": [True]},  # boolean is not a number
        {"add": [None]},
        {"add": [[1]]},
    ],
)
def test_argument_type_mismatches_in_every_invocation_style(step: dict[str, Any]) -> None:
    document = base_document()
    document["graph"]["s"] = step
    issue = single_issue(document, TYPE, step="s", contains=("expects number",))
    assert issue.argument in ("a", "b")


def test_good_literal_arguments() -> None:
    document = base_document()
    document["tasks"]["take"] = {
        "plugin": "m.take",
        "inputs": [
            {"ints": "ints"},
            {"record": "record"},
            {"table": "table"},
            {"anything": "any"},
        ],
    }
    document["types"].update(
        {
            "ints": {"list": "integer"},
            "record": {"mapping": {"name": "string", "size": "number"}},
            "table": {"mapping": ["string", "number"]},
        }
    )
    document["graph"]["s"] = {
        "take": {
            "ints": [1, 2, 3],
            "record": {"name": "x", "size": 1},
            "table": {"a": 1, "b": 2.5},
            "anything": {"whatever": [None]},
        }
    }
    assert validate(document) == []


@pytest.mark.parametrize(
    ("value", "given"),
    [
        ([1, "x"], "tuple[integer, string]"),
        ({"name": "x"}, "mapping{name: string}"),
        ({"name": "x", "size": "big"}, "mapping{name: string, size: string}"),
    ],
)
def test_structured_mismatches(value: Any, given: str) -> None:
    document = base_document()
    document["types"]["record"] = {"mapping": {"name": "string", "size": "number"}}
    document["types"]["ints"] = {"list": "integer"}
    document["tasks"]["take"] = {
        "plugin": "m.take",
        "inputs": [{"name": "x", "type": "ints" if isinstance(value, list) else "record"}],
    }
    document["graph"]["s"] = {"take": [value]}
    single_issue(document, TYPE, step="s", argument="x", contains=(given,))


@pytest.mark.parametrize(
    ("argument", "ok"),
    [
        ("$size", True),  # inferred from default 3: integer -> number
        ("$scale", True),  # declared number
        ("$label", False),  # declared string
        ("$first", True),  # output declared number
        ("$summary.low", True),
        ("$model", False),  # artifact input output declared string
        ("$$size", False),  # an escaped literal is a string
        ("$", False),
    ],
)
def test_references_take_the_type_of_their_target(argument: str, ok: bool) -> None:
    document = base_document()
    document["artifact_inputs"] = {"model": {"name": "string"}}
    document["graph"]["s"] = {"add": [argument]}
    if ok:
        assert validate(document) == []
    else:
        single_issue(document, TYPE, step="s", argument="a", contains=("string",))


def test_references_nested_in_structures_are_typed() -> None:
    document = base_document()
    document["graph"]["s"] = {"stats": [["$size", "$first", "$summary.high"]]}
    assert validate(document) == []
    document["graph"]["s"] = {"stats": [["$size", "$label"]]}
    single_issue(
        document, TYPE, step="s", argument="values", contains=("tuple[integer, string]", "vector")
    )


def test_named_structured_types_do_not_mix() -> None:
    document = base_document()
    document["types"]["other"] = {"list": "number"}
    document["tasks"]["make"] = {"plugin": "m.make", "outputs": {"v": "other"}}
    document["graph"]["made"] = {"task": "make"}
    document["graph"]["summary"] = {"stats": ["$made"]}
    single_issue(document, TYPE, step="summary", contains=("expects vector", "type other"))


def test_subtypes_fit_their_supertypes_only() -> None:
    document = base_document()
    document["types"].update({"animal": None, "dog": {"is_a": "animal"}})
    document["tasks"]["pet"] = {"plugin": "m.pet", "inputs": [{"a": "animal"}]}
    document["tasks"]["walk"] = {"plugin": "m.walk", "inputs": [{"d": "dog"}]}
    document["tasks"]["fetch_dog"] = {"plugin": "m.fetch", "outputs": {"d": "dog"}}
    document["tasks"]["fetch_animal"] = {"plugin": "m.fetch", "outputs": {"a": "animal"}}
    document["graph"].update(
        {
            "d": {"task": "fetch_dog"},
            "a": {"task": "fetch_animal"},
            "ok": {"pet": ["$d"]},
            "bad": {"walk": ["$a"]},
        }
    )
    single_issue(document, TYPE, step="bad", argument="d", contains=("expects dog", "animal"))


def test_union_inputs_accept_any_member() -> None:
    document = base_document()
    document["types"]["num_or_text"] = {"union": ["number", "string"]}
    document["tasks"]["show"] = {"plugin": "m.show", "inputs": [{"x": "num_or_text"}]}
    document["graph"]["s1"] = {"show": ["text"]}
    document["graph"]["s2"] = {"show": [2]}
    assert validate(document) == []
    document["graph"]["s3"] = {"show": [[2]]}
    single_issue(document, TYPE, step="s3", contains=("num_or_text",))


def test_parameter_defaults_are_checked_against_declared_types() -> None:
    document = base_document()
    document["parameters"]["count"] = {"type": "integer", "default": 2.5}
    issue = single_issue(document, TYPE, contains=("parameter 'count'", "number", "integer"))
    assert issue.path == ("parameters", "count", "default")
    document["parameters"]["count"] = {"type": "number", "default": 2}
    assert validate(document) == []
    document["parameters"]["count"] = {"type": "vector", "default": [1, 2.5]}
    assert validate(document) == []
    document["parameters"]["count"] = {"type": "vector", "default": ["a"]}
    single_issue(document, TYPE, contains=("parameter 'count'", "vector"))


def test_a_parameter_without_declared_type_takes_its_defaults_type() -> None:
    document = base_document()
    document["parameters"]["size"] = "three"
    single_issue(document, TYPE, step="first", argument="a", contains=("'$size'", "string"))


def test_an_any_typed_parameter_does_not_fit_a_string_input() -> None:
    document = base_document()
    document["parameters"]["label"] = {"type": "any"}
    single_issue(document, TYPE, step="greet", argument="text", contains=("any",))


def test_type_issue_messages_carry_lines() -> None:
    text = (
        "tasks:\n"
        "  add: {plugin: m.add, inputs: [{a: number}]}\n"
        "graph:\n"
        "  s:\n"
        "    add:\n"
        "      a: not a number\n"
    )
    [issue] = validate(text)
    assert issue.kind is TYPE
    assert issue.line == 6
    assert issue.message.startswith("step 's', argument 'a' (line 6):")
