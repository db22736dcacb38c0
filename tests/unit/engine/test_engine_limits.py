"""The bounds of ``dioptra.engine.limits``: a document is refused, quickly and with the
bound, the limit and the value reached, before anything walks what it expands to."""

from __future__ import annotations

import pytest
import yaml
from yaml.nodes import Node

from dioptra.engine import IssueKind, YamlSyntaxError, load_yaml, validate, validate_swappable
from dioptra.engine.assemble import SectionTooLargeError, assemble
from dioptra.engine.errors import DocumentTooLargeError
from dioptra.engine.limits import DOCUMENT_LIMITS, DocumentLimits, expanded_size

TASK = "tasks:\n  t:\n    plugin: p.m.t\n    inputs: [{v: integer}]\n    outputs: {out: integer}\n"


def alias_bomb(levels: int) -> str:
    """``levels`` nested lists, each repeating the previous one nine times (~40 bytes a
    level, 9 ** (levels + 1) leaves once expanded)."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def steps_text(steps: int, indent: str = "") -> str:
    """``steps`` steps, each using the previous one's output."""
    rest = "".join(f"{indent}s{i}: {{t: [$s{i - 1}]}}\n" for i in range(1, steps))
    return f"{indent}s0: {{t: [1]}}\n" + rest


def chain(steps: int) -> str:
    """A document's ``graph`` section of ``steps`` steps."""
    return "graph:\n" + steps_text(steps, "  ")


@pytest.mark.parametrize("levels", [8, 9])
def test_an_alias_bomb_is_refused_with_its_expanded_size(levels: int) -> None:
    text = alias_bomb(levels)
    assert len(text) < 600
    with pytest.raises(DocumentTooLargeError) as refused:
        load_yaml(text)
    # level k's list stands for 1 + 9 * (level k - 1's) nodes; the root maps each level
    sizes = [10]
    for _ in range(levels):
        sizes.append(1 + 9 * sizes[-1])
    expected = 1 + sum(1 + size for size in sizes)
    assert refused.value.bound == "nodes"
    assert refused.value.limit == DOCUMENT_LIMITS.max_nodes
    assert refused.value.value == expected
    assert str(refused.value).startswith(f"document too large: the document expands to {expected}")
    assert "the limit is 100000 nodes" in str(refused.value)


def test_validate_answers_an_alias_bomb_with_one_issue() -> None:
    issues = validate(TASK + "graph:\n  s:\n    t:\n      v: &b\n" + _indented(alias_bomb(9)))
    assert len(issues) == 1
    assert issues[0].kind is IssueKind.SYNTAX
    assert "YAML nodes" in issues[0].message


def _indented(text: str) -> str:
    return "".join(f"        {line}\n" for line in text.splitlines())


def test_aliases_count_at_each_use_up_to_the_limit() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    # root, a, [1,2,3] (4), b, [*a, *a] (1 + 2 * 4)
    assert expanded_size(_composed(text)) == 1 + 1 + 4 + 1 + 9
    load_yaml(text, DocumentLimits(max_nodes=16))
    with pytest.raises(DocumentTooLargeError, match="expands to 16 YAML nodes"):
        load_yaml(text, DocumentLimits(max_nodes=15))


def _composed(text: str) -> Node:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    return node


def test_recursive_aliases_are_still_refused() -> None:
    with pytest.raises(YamlSyntaxError, match="recursive"):
        load_yaml("a: &loop [1, *loop]\n")


def test_text_over_the_byte_limit_is_refused_before_parsing() -> None:
    # counted in UTF-8 bytes: "é" takes two
    text = "k: " + "é" * 10 + "\n"
    load_yaml(text, DocumentLimits(max_bytes=24))
    with pytest.raises(DocumentTooLargeError) as refused:
        load_yaml(text, DocumentLimits(max_bytes=23))
    assert (refused.value.bound, refused.value.value, refused.value.limit) == ("bytes", 24, 23)
    assert "the document is 24 bytes long; the limit is 23 bytes" in str(refused.value)
    # a text this size is refused even when it does not parse
    with pytest.raises(DocumentTooLargeError):
        load_yaml("[" * (DOCUMENT_LIMITS.max_bytes + 1))


def test_a_graph_over_the_step_limit_is_one_issue() -> None:
    steps = DOCUMENT_LIMITS.max_steps
    assert not [i for i in validate(TASK + chain(steps)) if "too large" in i.message]
    issues = validate(TASK + chain(steps + 1))
    assert [issue.message for issue in issues] == [
        f"document too large: the graph has {steps + 1} steps; the limit is {steps} steps"
    ]
    # a document given as data is bounded the same way
    data, _ = load_yaml(TASK + chain(steps + 1))
    assert "the limit is 10000 steps" in validate(data)[0].message


def test_assembly_names_the_section_that_is_too_large() -> None:
    with pytest.raises(SectionTooLargeError) as refused:
        assemble(plugins=[], task_graph=alias_bomb(9))
    assert refused.value.section == "task graph"
    assert str(refused.value).startswith("the task graph is too large: the document expands")
    with pytest.raises(SectionTooLargeError, match="the graph has 10001 steps"):
        assemble(plugins=[], task_graph=steps_text(10_001))
    with pytest.raises(SectionTooLargeError, match="artifact graph is too large"):
        assemble(plugins=[], task_graph="s: {t: [1]}\n", artifact_graph=alias_bomb(9))


def test_swap_combinations_are_bounded_by_the_steps_they_check() -> None:
    # every alias past the first adds a combination that checks the whole graph again
    aliases = "".join(f"      a{j}: {{t: [1]}}\n" for j in range(12))
    swap = "  w:\n    ?m:\n      ?outputs: [o]\n" + aliases
    text = TASK + chain(4_500) + swap
    issues = validate_swappable(text)
    assert [issue.message for issue in issues] == [
        "graph: document too large: validating every swap combination means checking "
        "54012 steps (the graph's steps once per combination: the default, then one per "
        "other alias); the limit is 50000 step checks"
    ]
    assert not validate_swappable(TASK + chain(100) + swap)
