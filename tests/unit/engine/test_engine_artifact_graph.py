"""Validation of artifact inputs and the artifact output graph (§3.1, §4.4-4.5)."""

from __future__ import annotations

from typing import Any

from engine_testing import base_document, single_issue

from dioptra.engine import IssueKind, validate

SCHEMAS: dict[str, dict[str, Any] | None] = {
    "NumpyArray": {"allow_pickle": {"type": "boolean"}, "compression": {"enum": ["gz", "none"]}},
    "PlainText": None,
}


def with_output(output: dict[str, Any]) -> dict[str, Any]:
    document = base_document()
    document["artifact_inputs"] = {"previous": {"data": "number"}}
    document["artifact_outputs"] = {"saved": output}
    return document


def test_a_valid_artifact_graph_validates_with_and_without_task_names() -> None:
    document = with_output(
        {
            "contents": "$summary.high",
            "task": {"name": "NumpyArray", "args": {"allow_pickle": True}},
        }
    )
    assert validate(document) == []
    assert validate(document, artifact_tasks=SCHEMAS) == []


def test_contents_may_be_any_reference_kind_or_a_literal() -> None:
    for contents in ("$first", "$size", "$previous", "$previous.data", "a literal", "$$escaped"):
        document = with_output({"contents": contents, "task": {"name": "PlainText"}})
        assert validate(document, artifact_tasks=SCHEMAS) == [], contents


def test_contents_references_are_checked_like_arguments() -> None:
    document = with_output({"contents": "$summary", "task": {"name": "PlainText"}})
    issue = single_issue(
        document, IssueKind.SEMANTIC, contains=("artifact output 'saved'", "several outputs")
    )
    assert issue.path == ("artifact_outputs", "saved", "contents")
    document = with_output({"contents": "$ghost.x", "task": {"name": "PlainText"}})
    single_issue(document, IssueKind.SEMANTIC, contains=("unresolvable reference '$ghost.x'",))


def test_task_names_must_be_known_artifact_tasks_when_given() -> None:
    document = with_output({"contents": "$first", "task": {"name": "Pickle"}})
    assert validate(document) == []  # without the mapping, any name passes
    single_issue(
        document,
        IssueKind.SEMANTIC,
        contains=("unknown artifact task 'Pickle'", "'NumpyArray'"),
        artifact_tasks=SCHEMAS,
    )
    single_issue(document, IssueKind.SEMANTIC, contains=("none",), artifact_tasks={})


def test_args_are_validated_against_the_tasks_json_schema() -> None:
    document = with_output(
        {
            "contents": "$first",
            "task": {"name": "NumpyArray", "args": {"allow_pickle": "yes", "compression": "zip"}},
        }
    )
    issues = validate(document, artifact_tasks=SCHEMAS)
    assert [issue.kind for issue in issues] == [IssueKind.SCHEMA, IssueKind.SCHEMA]
    assert "argument 'allow_pickle'" in issues[0].message
    assert "'yes' is not of type 'boolean'" in issues[0].message
    assert "argument 'compression'" in issues[1].message
    assert issues[0].path == ("artifact_outputs", "saved", "task", "args", "allow_pickle")


def test_args_are_passed_verbatim_so_references_there_are_not_checked() -> None:
    document = with_output(
        {"contents": "$first", "task": {"name": "PlainText", "args": {"note": "$ghost"}}}
    )
    assert validate(document, artifact_tasks=SCHEMAS) == []


def test_an_invalid_argument_schema_is_reported_not_raised() -> None:
    document = with_output({"contents": "$first", "task": {"name": "Odd", "args": {"x": 1}}})
    single_issue(
        document,
        IssueKind.SCHEMA,
        contains=("invalid argument schema",),
        artifact_tasks={"Odd": {"x": {"type": "no-such-type"}}},
    )


def test_artifact_graph_errors_carry_lines() -> None:
    text = (
        "tasks:\n"
        "  make: {plugin: m.make, outputs: {value: number}}\n"
        "graph:\n"
        "  s: {task: make}\n"
        "artifact_outputs:\n"
        "  saved:\n"
        "    contents: $s.nope\n"
        "    task: {name: PlainText}\n"
    )
    [issue] = validate(text, artifact_tasks=SCHEMAS)
    assert issue.line == 7
    assert "artifact output 'saved' (line 7)" in issue.message
