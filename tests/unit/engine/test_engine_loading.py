"""YAML loading with lines, issues, and reference syntax."""

from __future__ import annotations

import datetime

import pytest

from dioptra.engine import (
    Issue,
    IssueKind,
    Severity,
    SourceMap,
    YamlSyntaxError,
    is_valid,
    load_yaml,
    validate,
)
from dioptra.engine.references import iter_references, parse_reference, resolve_value, unescape

TEXT = """\
graph:
  step1:
    add:
      - 1
      - [a, b]
  step2: {add: {x: 2}}
when: 2024-01-02
"""


def test_load_yaml_records_lines_of_keys_and_items() -> None:
    data, lines = load_yaml(TEXT)
    assert data["graph"]["step1"]["add"][0] == 1
    assert lines.exact(("graph",)) == 1
    assert lines.exact(("graph", "step1")) == 2
    assert lines.exact(("graph", "step1", "add", 0)) == 4
    assert lines.exact(("graph", "step1", "add", 1, 1)) == 5
    assert lines.exact(("graph", "step2", "add", "x")) == 6


def test_line_falls_back_to_the_nearest_ancestor() -> None:
    _, lines = load_yaml(TEXT)
    assert lines.line(("graph", "step1", "add", 1, 1, "deeper")) == 5
    assert lines.line(("nowhere",)) is None
    assert lines.exact(("graph", "step1", "add", 1, 1, "deeper")) is None


def test_literals_keep_their_yaml_types() -> None:
    data, _ = load_yaml("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\nf: 2024-01-02\n")
    assert data == {
        "a": 1,
        "b": 1.5,
        "c": True,
        "d": None,
        "e": "1",
        "f": datetime.date(2024, 1, 2),
    }


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: [1\nb: 2\n", 2), ("a: 1\n  b: 2\n", 2), ("a: {\n", 2), ("key: @bad\n", 1)],
)
def test_bad_yaml_raises_with_line_and_column(text: str, line: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text)
    assert caught.value.line == line
    assert caught.value.column is not None
    assert f"line {line}" in str(caught.value)


def test_bad_yaml_is_a_syntax_issue_in_validate() -> None:
    issues = validate("graph:\n  s: [1\n")
    assert len(issues) == 1
    assert issues[0].kind is IssueKind.SYNTAX
    assert issues[0].line == 3
    assert "line 3" in issues[0].message


def test_recursive_aliases_are_refused() -> None:
    with pytest.raises(YamlSyntaxError, match="recursive"):
        load_yaml("a: &loop [1, *loop]\n")
    assert validate("a: &loop [1, *loop]\n")[0].kind is IssueKind.SYNTAX


def test_shared_aliases_load_once_and_keep_their_anchor_lines() -> None:
    # Three levels of nine-fold aliases: 9**4 leaves once expanded, within the limits
    # (``test_engine_limits`` refuses deeper ones).
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 4):
        previous = f"*l{level - 1}"
        lines.append(f"l{level}: &l{level} [{', '.join([previous] * 9)}]")
    data, source = load_yaml("\n".join(lines) + "\n")
    assert len(data["l3"]) == 9
    assert data["l3"][0] is data["l3"][8]  # shared, not copied
    assert source.exact(("l3",)) == 4
    # an alias's node is its anchor's node, so lines inside it point at the anchor
    assert source.line(("l3", 3, 3, 3)) == 3


def test_empty_text_is_an_empty_document() -> None:
    data, lines = load_yaml("")
    assert data is None
    assert len(lines) == 0
    issues = validate("")
    assert [issue.kind for issue in issues] == [IssueKind.SCHEMA]
    assert "empty" in issues[0].message


def test_nest_reroots_a_map_under_a_prefix() -> None:
    graph_text = "step1:\n  add: [$missing]\n"
    _, graph_lines = load_yaml(graph_text)
    combined = SourceMap.nest(("graph",), graph_lines)
    assert combined.exact(("graph", "step1", "add", 0)) == 2
    # the instance form starts from the instance's own entries
    base = SourceMap({("tasks",): 40})
    merged = base.nest(("graph",), graph_lines)
    assert merged.exact(("tasks",)) == 40
    assert merged.exact(("graph", "step1")) == 1
    assert base.exact(("graph", "step1")) is None  # nest returns a new map
    assert merged.subtree(("graph",)).exact(("step1", "add")) == 2


def test_validate_uses_a_nested_source_map_for_assembled_documents() -> None:
    graph, graph_lines = load_yaml("step1:\n  add:\n    - $missing\n")
    document = {
        "tasks": {"add": {"plugin": "m.add", "inputs": [{"a": "any"}]}},
        "graph": graph,
    }
    [issue] = validate(document, source_map=SourceMap.nest(("graph",), graph_lines))
    assert issue.line == 3
    assert "(line 3)" in issue.message
    assert issue.step == "step1"


def test_issue_to_dict_and_str() -> None:
    issue = Issue(
        IssueKind.TYPE, Severity.WARNING, "m", step="s", argument="a", line=3, path=("graph", "s")
    )
    assert issue.to_dict() == {
        "kind": "type",
        "severity": "warning",
        "message": "m",
        "step": "s",
        "argument": "a",
        "line": 3,
        "path": ["graph", "s"],
    }
    assert str(issue) == "type.warning: m"
    assert is_valid([issue])
    assert not is_valid([issue, Issue(IssueKind.SCHEMA, Severity.ERROR, "x")])
    assert is_valid([])


@pytest.mark.parametrize(
    ("text", "root", "output"),
    [("$p", "p", None), ("$step.out", "step", "out"), ("$a.b.c", "a", "b.c"), ("$x.", "x", "")],
)
def test_parse_reference(text: str, root: str, output: str | None) -> None:
    reference = parse_reference(text)
    assert reference is not None
    assert (reference.root, reference.output) == (root, output)


@pytest.mark.parametrize("text", ["$", "$$x", "plain", "a$b", ""])
def test_literals_are_not_references(text: str) -> None:
    assert parse_reference(text) is None


def test_unescape_removes_only_one_leading_dollar() -> None:
    assert unescape("$$x") == "$x"
    assert unescape("$$$x") == "$$x"
    assert unescape("a$$") == "a$$"
    assert unescape("$") == "$"


def test_references_are_found_in_list_items_and_mapping_values_not_keys() -> None:
    value = {"$key": ["$a", {"k": "$b.out"}], "x": "$$c", "y": ("$d",)}
    found = [(ref.text, path) for ref, path in iter_references(value, ("root",))]
    assert found == [
        ("$a", ("root", "$key", 0)),
        ("$b.out", ("root", "$key", 1, "k")),
        ("$d", ("root", "y", 0)),
    ]
    resolved = resolve_value(value, lambda ref: ref.root.upper())
    assert resolved == {"$key": ["A", {"k": "B"}], "x": "$c", "y": ("D",)}
