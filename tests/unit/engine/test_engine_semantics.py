"""Semantic rules of validation (§3.2), each valid and invalid."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testing import base_document, errors, single_issue

from dioptra.engine import IssueKind, is_valid, validate

SEMANTIC = IssueKind.SEMANTIC


@pytest.mark.parametrize(
    ("section", "name"),
    [
        ("parameters", 5),
        ("parameters", " "),
        ("tasks", None),
        ("tasks", ""),
        ("graph", 3),
        ("graph", "\t"),
        ("artifact_inputs", 1.5),
        ("artifact_outputs", ""),
    ],
)
def test_names_must_be_non_blank_strings(section: str, name: Any) -> None:
    document = base_document()
    body = {
        "parameters": 1,
        "tasks": {"plugin": "m.f"},
        "graph": {"task": "tick"},
        "artifact_inputs": {"x": "integer"},
        "artifact_outputs": {"contents": "$first", "task": {"name": "T"}},
    }[section]
    document.setdefault(section, {})[name] = body
    single_issue(document, SEMANTIC, contains=("names must be non-blank strings", section))


@pytest.mark.parametrize(
    ("section", "body"),
    [("parameters", 1), ("graph", {"task": "tick"}), ("artifact_inputs", {"x": "integer"})],
)
def test_dots_are_forbidden_in_parameter_step_and_artifact_input_names(
    section: str, body: Any
) -> None:
    document = base_document()
    document.setdefault(section, {})["a.b"] = body
    single_issue(document, SEMANTIC, contains=("'a.b'", "contains a dot"))


def test_dots_are_allowed_in_task_names() -> None:
    document = base_document()
    document["tasks"]["a.b"] = {"plugin": "m.f"}
    document["graph"]["s"] = {"task": "a.b"}
    assert validate(document) == []


def test_duplicate_input_and_output_names() -> None:
    document = base_document()
    document["tasks"]["dup_in"] = {
        "plugin": "m.f",
        "inputs": [{"x": "integer"}, {"name": "x", "type": "string"}],
    }
    single_issue(document, SEMANTIC, contains=("task 'dup_in'", "input name 'x' is used twice"))
    document = base_document()
    document["tasks"]["dup_out"] = {"plugin": "m.f", "outputs": [{"y": "any"}, {"y": "any"}]}
    single_issue(document, SEMANTIC, contains=("task 'dup_out'", "output name 'y' is used twice"))


def test_unknown_types_in_task_inputs_and_outputs() -> None:
    document = base_document()
    document["tasks"]["t"] = {
        "plugin": "m.f",
        "inputs": [{"x": "ghost"}],
        "outputs": {"y": "phantom"},
    }
    issues = validate(document)
    assert [issue.kind for issue in issues] == [SEMANTIC, SEMANTIC]
    assert "input 'x' has unknown type 'ghost'" in issues[0].message
    assert "output 'y' has unknown type 'phantom'" in issues[1].message


@pytest.mark.parametrize("plugin", ["nodots", "a..b", ".a.b", "a.b.", "."])
def test_plugin_ids_need_a_dot_and_no_empty_parts(plugin: str) -> None:
    document = base_document()
    document["tasks"]["add"]["plugin"] = plugin
    single_issue(document, SEMANTIC, contains=("task 'add'", repr(plugin), "dotted path"))


@pytest.mark.parametrize("plugin", ["a.b", "pkg.sub.module.func"])
def test_good_plugin_ids(plugin: str) -> None:
    document = base_document()
    document["tasks"]["add"]["plugin"] = plugin
    assert validate(document) == []


@pytest.mark.parametrize(
    ("section", "body", "kinds"),
    [
        ("parameters", 1, "a parameter and a step"),
        ("artifact_inputs", {"x": "number"}, "a step and an artifact input"),
    ],
)
def test_names_shared_with_steps_are_ambiguous(section: str, body: Any, kinds: str) -> None:
    document = base_document()
    document.setdefault(section, {})["first"] = body
    single_issue(document, SEMANTIC, contains=("'first'", "ambiguous", kinds))


def test_parameter_and_artifact_input_names_collide_too() -> None:
    document = base_document()
    document["artifact_inputs"] = {"size": {"x": "integer"}}
    single_issue(document, SEMANTIC, contains=("'size'", "a parameter and an artifact input"))


def test_unknown_task_in_a_step() -> None:
    document = base_document()
    document["graph"]["s"] = {"multiply": [1, 2]}
    single_issue(document, SEMANTIC, step="s", contains=("unknown task 'multiply'", "'add'"))
    document["graph"]["s"] = {"task": "multiply"}
    single_issue(document, SEMANTIC, step="s", contains=("unknown task 'multiply'",))


def test_too_many_positional_arguments() -> None:
    document = base_document()
    document["graph"]["s"] = {"add": [1, 2, 3]}
    issue = single_issue(document, SEMANTIC, step="s", argument="#3", contains=("at most 2",))
    assert issue.path == ("graph", "s", "add", 2)
    document["graph"]["s"] = {"tick": 5}  # a scalar is one positional argument
    single_issue(document, SEMANTIC, step="s", contains=("at most 0",))


def test_unknown_keyword_argument() -> None:
    document = base_document()
    document["graph"]["s"] = {"add": {"a": 1, "c": 2}}
    single_issue(document, SEMANTIC, step="s", argument="c", contains=("no input named 'c'",))
    document["graph"]["s"] = {"task": "add", "args": [1], "kwargs": {"z": 2}}
    single_issue(document, SEMANTIC, step="s", argument="z", contains=("no input named 'z'",))


def test_argument_given_both_positionally_and_by_keyword() -> None:
    document = base_document()
    document["graph"]["s"] = {"task": "add", "args": [1, 2], "kwargs": {"b": 3}}
    single_issue(document, SEMANTIC, step="s", argument="b", contains=("both positionally",))


def test_required_inputs() -> None:
    document = base_document()
    document["graph"]["s"] = {"add": {"b": 1}}  # 'a' (short form) is always required
    single_issue(document, SEMANTIC, step="s", argument="a", contains=("required input 'a'",))
    document["graph"]["s"] = {"task": "add"}
    single_issue(document, SEMANTIC, step="s", argument="a", contains=("is missing",))
    document["graph"]["s"] = {"add": {"a": 1}}  # 'b' is long form, required: false
    assert validate(document) == []
    document["tasks"]["add"]["inputs"][1].pop("required")  # long form defaults to required
    single_issue(document, SEMANTIC, step="s", argument="b", contains=("required input 'b'",))


@pytest.mark.parametrize(
    ("argument", "text"),
    [
        ("$nothing", "unresolvable reference '$nothing'"),
        ("$first.nothing", "step 'first' has no output 'nothing'"),
        ("$summary", "several outputs (low, high)"),
        ("$summary.middle", "no output 'middle'"),
        ("$clock", "produces no output"),
        ("$clock.out", "it has no outputs"),
        ("$size.value", "parameter 'size' has no outputs"),
        ("$model", "several outputs"),
        ("$model.weights.x", "no output 'weights.x'"),
        ("$.x", "unresolvable reference"),
    ],
)
def test_bad_references(argument: str, text: str) -> None:
    document = base_document()
    document["artifact_inputs"] = {"model": [{"weights": "any"}, {"meta": "any"}]}
    document["graph"]["s"] = {"add": [argument]}
    single_issue(document, SEMANTIC, step="s", argument="a", contains=(text, repr(argument)))


@pytest.mark.parametrize(
    "argument",
    ["$size", "$first", "$first.total", "$summary.high", "$model.weights", "$single", "$single.w"],
)
def test_good_references(argument: str) -> None:
    document = base_document()
    document["artifact_inputs"] = {
        "model": [{"weights": "number"}, {"meta": "number"}],
        "single": {"w": "number"},
    }
    document["graph"]["s"] = {"add": [argument]}
    assert validate(document) == []


def test_references_are_found_nested_anywhere_in_arguments() -> None:
    document = base_document()
    document["tasks"]["take"] = {"plugin": "m.take", "inputs": [{"x": "any"}]}
    document["graph"]["s"] = {"take": [[{"k": [1, {"deep": "$ghost"}]}]]}
    issue = single_issue(document, SEMANTIC, step="s", argument="x", contains=("'$ghost'",))
    assert issue.path == ("graph", "s", "take", 0, 0, "k", 1, "deep")
    # mapping keys are never references, and $$ / $ are literals
    document["graph"]["s"] = {"take": [{"$ghost": "$$ghost", "dollar": "$", "mid": "a$ghost"}]}
    assert validate(document) == []


def test_dependencies_must_name_steps() -> None:
    document = base_document()
    document["graph"]["clock"]["dependencies"] = ["greet", "ghost"]
    issue = single_issue(document, SEMANTIC, step="clock", contains=("'ghost' is not a step",))
    assert issue.path == ("graph", "clock", "dependencies", 1)
    document["graph"]["clock"]["dependencies"] = "size"  # a parameter is not a step
    single_issue(document, SEMANTIC, step="clock", contains=("'size' is not a step",))


def test_cycles_through_references() -> None:
    document = base_document()
    document["graph"]["first"] = {"add": ["$summary.low"]}
    single_issue(document, SEMANTIC, step="first", contains=("cycle", "first -> summary -> first"))


def test_cycles_through_dependencies_and_self_references() -> None:
    document = base_document()
    document["graph"]["greet"]["dependencies"] = "clock"
    single_issue(document, SEMANTIC, step="greet", contains=("greet -> clock -> greet",))
    document = base_document()
    document["graph"]["first"] = {"add": ["$first"]}
    single_issue(document, SEMANTIC, step="first", contains=("first -> first",))


def test_each_cycle_is_reported() -> None:
    document = base_document()
    document["graph"]["first"]["dependencies"] = "summary"
    document["graph"]["greet"]["dependencies"] = "clock"
    issues = validate(document)
    assert [issue.step for issue in issues] == ["first", "greet"]


def test_unknown_parameter_types() -> None:
    document = base_document()
    document["parameters"]["p"] = {"type": "ghost", "default": 1}
    single_issue(document, SEMANTIC, contains=("parameter 'p'", "unknown type 'ghost'"))


def test_unknown_artifact_input_types() -> None:
    document = base_document()
    document["artifact_inputs"] = {"model": {"weights": "ghost"}}
    single_issue(document, SEMANTIC, contains=("artifact input 'model'", "unknown type 'ghost'"))


def test_type_reference_cycles_through_validate() -> None:
    document = base_document()
    document["types"]["a"] = {"list": "b"}
    document["types"]["b"] = {"list": "a"}
    single_issue(document, SEMANTIC, contains=("cycle", "a -> b -> a"))


def test_every_issue_is_reported_at_once() -> None:
    document = base_document()
    document["parameters"]["p.q"] = 1
    document["tasks"]["add"]["plugin"] = "nodot"
    document["graph"]["s1"] = {"add": [1, 2, 3]}
    document["graph"]["s2"] = {"add": {"zz": 1, "a": "$ghost"}}
    document["graph"]["s3"] = {"shout": [5]}
    document["graph"]["clock"]["dependencies"] = "nowhere"
    issues = validate(document)
    assert len(errors(issues)) == 7, "\n".join(map(str, issues))
    assert not is_valid(issues)
    assert {issue.kind for issue in issues} == {SEMANTIC, IssueKind.TYPE}


def test_references_into_broken_parts_cause_no_follow_on_issues() -> None:
    document = base_document()
    document["tasks"]["add"]["outputs"] = "malformed"
    # 'first' calls the broken task; 'summary' refers to 'first': only the root cause
    issues = validate(document)
    assert len(issues) == 1
    assert issues[0].kind is IssueKind.SCHEMA
    document = base_document()
    document["graph"]["first"] = ["not", "a", "step"]
    issues = validate(document)
    assert len(issues) == 1, issues


def test_ambiguous_names_are_not_also_reported_as_bad_references() -> None:
    document = base_document()
    document["parameters"]["first"] = 1
    issues = validate(document)
    assert len(issues) == 1
    assert "ambiguous" in issues[0].message
