"""Shared helpers for the engine tests: a valid base document and issue assertions."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from dioptra.engine import Issue, IssueKind, Severity, validate

BASE_YAML = """\
types:
  vector: {list: number}
parameters:
  size: 3
  scale: {type: number, default: 2.5}
  label: {type: string}
tasks:
  add:
    plugin: demo.ops.add
    inputs: [{a: number}, {name: b, type: number, required: false}]
    outputs: {total: number}
  stats:
    plugin: demo.ops.stats
    inputs: [{values: vector}]
    outputs: [{low: number}, {high: number}]
  shout:
    plugin: demo.ops.shout
    inputs: [{text: string}]
  tick:
    plugin: demo.ops.tick
graph:
  first:
    add: [$size, $scale]
  summary:
    stats: [[$first, 1, 2.5]]
  greet:
    shout: {text: $label}
  clock:
    task: tick
    dependencies: [greet]
"""


def base_document() -> dict[str, Any]:
    """A fresh copy of a valid document that uses every section but artifacts."""
    return copy.deepcopy(yaml.safe_load(BASE_YAML))


def errors(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity is Severity.ERROR]


def single_issue(
    document: Any,
    kind: IssueKind,
    *,
    severity: Severity = Severity.ERROR,
    step: str | None = None,
    argument: str | None = None,
    contains: tuple[str, ...] = (),
    **validate_options: Any,
) -> Issue:
    """Validate and assert exactly one issue, of this kind, naming what it should."""
    issues = validate(document, **validate_options)
    assert len(issues) == 1, "\n".join(map(str, issues)) or "no issues"
    issue = issues[0]
    assert issue.kind is kind, str(issue)
    assert issue.severity is severity, str(issue)
    if step is not None:
        assert issue.step == step, str(issue)
        assert repr(step) in issue.message, str(issue)
    if argument is not None:
        assert issue.argument == argument, str(issue)
        assert repr(argument) in issue.message, str(issue)
    for text in contains:
        assert text in issue.message, f"{text!r} not in {issue.message!r}"
    return issue
