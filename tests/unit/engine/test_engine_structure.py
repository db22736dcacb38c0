"""Structure (schema) of the experiment document: every form of §3.1, and bad shapes."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testing import base_document, single_issue

from dioptra.engine import IssueKind, validate

SCHEMA = IssueKind.SCHEMA
SEMANTIC = IssueKind.SEMANTIC


def test_the_base_document_is_valid() -> None:
    assert validate(base_document()) == []


def test_only_tasks_and_graph_are_required() -> None:
    document = {"tasks": {"t": {"plugin": "m.t"}}, "graph": {"s": {"task": "t"}}}
    assert validate(document) == []


@pytest.mark.parametrize(
    "graph",
    [
        {"s": {"add": [1, 2]}},  # positional list
        {"s": {"add": 1}},  # scalar positional
        {"s": {"add": {"a": 1, "b": 2}}},  # keyword
        {"s": {"task": "add", "args": [1], "kwargs": {"b": 2}}},  # mixed
        {"s": {"task": "add", "args": 1}},  # mixed with a scalar args
        {"s": {"task": "add", "kwargs": {"a": 1}}},
        {"s": {"task": "tick"}},  # zero-argument
        {"s": {"tick": []}},  # zero-argument, short form
        {"s": {"tick": []}, "t": {"add": [1], "dependencies": "s"}},  # dependency as a string
        {"s": {"tick": []}, "t": {"add": [1], "dependencies": ["s"]}},
        {"s": {"task": "tick", "dependencies": []}},
    ],
)
def test_every_step_form_is_valid(graph: dict[str, Any]) -> None:
    document = base_document()
    document["graph"] = graph
    assert validate(document) == []


def test_a_null_positional_is_one_none_argument() -> None:
    document = base_document()
    document["tasks"]["maybe"] = {"plugin": "m.maybe", "inputs": [{"x": "null"}]}
    document["graph"] = {"s": {"maybe": None}}
    assert validate(document) == []
    document["graph"] = {"s": {"shout": None}}
    single_issue(document, IssueKind.TYPE, step="s", argument="text", contains=("null",))


def test_input_forms_and_outputs_forms() -> None:
    document = base_document()
    document["tasks"]["t"] = {
        "plugin": "m.t",
        "inputs": [{"x": "integer"}, {"name": "y", "type": "string", "required": False}],
        "outputs": [{"only": "integer"}],
    }
    document["graph"]["u"] = {"t": [1]}
    document["graph"]["v"] = {"add": ["$u"]}  # one output in list form: $u is fine
    assert validate(document) == []


def test_parameter_forms() -> None:
    document = base_document()
    document["parameters"] = {
        "a": 1,
        "b": "text",
        "c": [1, 2],
        "d": None,
        "e": {"default": {"nested": True}},
        "f": {"type": "integer"},
        "g": {"type": "number", "default": 1},
        "label": "x",
        "size": 1,
        "scale": 1.0,
    }
    assert validate(document) == []


# -- bad shapes: each gives issues, never a traceback ---------------------------------------


@pytest.mark.parametrize("document", [[1, 2], "just text", 42, None, True])
def test_top_level_must_be_a_mapping(document: Any) -> None:
    issues = validate(document)
    assert len(issues) == 1
    assert issues[0].kind is SCHEMA
    assert "document" in issues[0].message


def test_yaml_text_whose_top_level_is_a_list() -> None:
    [issue] = validate("- a\n- b\n")
    assert issue.kind is SCHEMA
    assert "mapping" in issue.message


def test_unknown_top_level_keys_and_missing_required_sections() -> None:
    issues = validate({"graph": {"s": {"task": "t"}}, "artifacts": {}})
    messages = sorted(issue.message for issue in issues)
    assert any("unknown section 'artifacts'" in message for message in messages)
    assert any("'tasks' is required" in message for message in messages)
    assert all(issue.kind is SCHEMA or "unknown task" in issue.message for issue in issues)


@pytest.mark.parametrize(
    ("section", "value", "text"),
    [
        ("tasks", [], "must be a mapping"),
        ("tasks", {}, "at least one task"),
        ("graph", {}, "at least one step"),
        ("graph", "steps", "must be a mapping"),
        ("parameters", [1], "must be a mapping"),
        ("types", 5, "must be a mapping"),
        ("artifact_inputs", "x", "must be a mapping"),
        ("artifact_outputs", [], "must be a mapping"),
    ],
)
def test_sections_of_the_wrong_shape(section: str, value: Any, text: str) -> None:
    document = base_document()
    document[section] = value
    issues = validate(document)
    schema = [issue for issue in issues if issue.kind is SCHEMA]
    assert len(schema) == 1, issues
    assert text in schema[0].message
    assert section in schema[0].message


def test_empty_optional_sections_are_fine() -> None:
    document = base_document()
    document.update({"artifact_outputs": None, "artifact_inputs": {}})
    assert validate(document) == []


@pytest.mark.parametrize(
    ("task", "text"),
    [
        ("plugin.only.string", "must be a mapping"),
        ({"inputs": []}, "needs 'plugin'"),
        ({"plugin": 5}, "'plugin' must be a string"),
        ({"plugin": "a.b", "extra": 1}, "unknown key 'extra'"),
        ({"plugin": "a.b", "inputs": {"x": "integer"}}, "'inputs' must be a list"),
        ({"plugin": "a.b", "inputs": [{"x": "integer", "y": "string"}]}, "an input is"),
        ({"plugin": "a.b", "inputs": [{"x": 5}]}, "an input is"),
        ({"plugin": "a.b", "inputs": ["x"]}, "an input is"),
        ({"plugin": "a.b", "inputs": [{"name": "x"}]}, "long-form"),
        ({"plugin": "a.b", "inputs": [{"name": "x", "type": "any", "required": "no"}]}, "long"),
        ({"plugin": "a.b", "inputs": [{"name": "x", "type": "any", "other": 1}]}, "'other'"),
        ({"plugin": "a.b", "outputs": {"a": "integer", "b": "integer"}}, "one-key mapping"),
        ({"plugin": "a.b", "outputs": "integer"}, "one-key mapping"),
        ({"plugin": "a.b", "outputs": [{"a": 1}]}, "one-key mapping"),
    ],
)
def test_bad_task_definitions(task: Any, text: str) -> None:
    document = base_document()
    document["tasks"]["bad"] = task
    issue = single_issue(document, SCHEMA, contains=(text, "task 'bad'"))
    assert issue.path[:2] == ("tasks", "bad")


@pytest.mark.parametrize(
    ("parameter", "text"),
    [
        ({}, "needs a type or a default"),
        ({"nested": 1}, "only 'type' and/or 'default'"),
        ({"type": 5}, "'type' must be a type name"),
        ({"type": "integer", "default": 1, "help": "x"}, "'help'"),
    ],
)
def test_bad_parameters(parameter: Any, text: str) -> None:
    document = base_document()
    document["parameters"]["bad"] = parameter
    single_issue(document, SCHEMA, contains=(text, "parameter 'bad'"))


@pytest.mark.parametrize(
    ("step", "kind", "text"),
    [
        ([1, 2], SCHEMA, "a step must be a mapping"),
        ("add", SCHEMA, "a step must be a mapping"),
        ({}, SEMANTIC, "does not name a task"),
        ({"dependencies": ["first"]}, SEMANTIC, "does not name a task"),
        ({"add": [1], "shout": ["x"]}, SEMANTIC, "exactly one task"),
        ({"task": "add", "args": {"a": 1}}, SCHEMA, "wrap it in a list"),
        ({"task": "add", "kwargs": [1]}, SCHEMA, "'kwargs' must be a mapping"),
        ({"task": "add", "args": [1], "extra": 2}, SCHEMA, "unexpected key 'extra'"),
        ({"task": "", "args": [1]}, SCHEMA, "'task' must be a non-empty task name"),
        ({"task": ["add"]}, SCHEMA, "'task' must be a non-empty task name"),
        ({"add": [1], "dependencies": 5}, SCHEMA, "'dependencies' must be"),
        ({"add": [1], "dependencies": ["first", 3]}, SCHEMA, "must list step names"),
        ({"add": {1: 2}}, SCHEMA, "keyword argument names must be"),
        ({"task": "add", "kwargs": {None: 2}}, SCHEMA, "keyword argument names must be"),
        ({5: [1]}, SCHEMA, "task names must be non-empty strings"),
    ],
)
def test_bad_steps(step: Any, kind: IssueKind, text: str) -> None:
    document = base_document()
    document["graph"]["bad"] = step
    single_issue(document, kind, step="bad", contains=(text,))


@pytest.mark.parametrize(
    ("artifact_input", "text"),
    [
        ({}, "one-key mapping"),
        ([], "at least one output"),
        ({"a": "integer", "b": "integer"}, "one-key mapping"),
        ("integer", "one-key mapping"),
        ([{"a": "integer"}, 5], "one-key mapping"),
    ],
)
def test_bad_artifact_inputs(artifact_input: Any, text: str) -> None:
    document = base_document()
    document["artifact_inputs"] = {"model": artifact_input}
    single_issue(document, SCHEMA, contains=(text, "artifact input 'model'"))


@pytest.mark.parametrize(
    ("output", "text"),
    [
        ("$first", "must be a mapping"),
        ({"task": {"name": "Npy"}}, "needs 'contents'"),
        ({"contents": 5, "task": {"name": "Npy"}}, "'contents' must be a string"),
        ({"contents": "$first"}, "needs 'task'"),
        ({"contents": "$first", "task": "Npy"}, "needs 'task'"),
        ({"contents": "$first", "task": {"args": {}}}, "'task.name' must name"),
        ({"contents": "$first", "task": {"name": "Npy", "args": [1]}}, "lists are not accepted"),
        ({"contents": "$first", "task": {"name": "Npy", "kwargs": {}}}, "pass keyword arguments"),
        ({"contents": "$first", "task": {"name": "Npy"}, "extra": 1}, "unknown key 'extra'"),
    ],
)
def test_bad_artifact_outputs(output: Any, text: str) -> None:
    document = base_document()
    document["artifact_outputs"] = {"saved": output}
    single_issue(document, SCHEMA, contains=(text, "artifact output 'saved'"))


def test_structure_problems_are_all_reported_together() -> None:
    document = base_document()
    document["tasks"]["bad"] = {"inputs": 5}
    document["parameters"]["odd"] = {}
    document["graph"]["broken"] = [1]
    document["extra"] = True
    issues = validate(document)
    assert len(issues) == 5, issues  # plugin, inputs, parameter, step, section
    assert {issue.kind for issue in issues} == {SCHEMA}
