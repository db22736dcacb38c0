"""Swaps (Dioptra 1.2): listing, rendering, compiling and save-time validation."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from dioptra.engine import (
    IssueKind,
    Severity,
    SwapError,
    SwapInfo,
    compile_swaps,
    graph_reference_roots,
    list_swaps,
    render_swaps,
    validate,
    validate_swappable,
)

SWAPPABLE = """\
parameters:
  data: [1, 2, 3]
  epochs: 3
  unused: 1
tasks:
  prep: {plugin: demo.ops.prep, inputs: [{x: any}], outputs: {clean: any}}
  fit_small: {plugin: demo.ops.fit_small, inputs: [{data: any}], outputs: {model: number}}
  fit_large:
    plugin: demo.ops.fit_large
    inputs: [{data: any}, {epochs: integer}]
    outputs: {weights: number}
  evaluate: {plugin: demo.ops.evaluate, inputs: [{m: number}], outputs: {score: number}}
graph:
  prepare:
    prep: [$data]
  train:
    ?model:
      ?outputs: [trained]
      small:
        fit_small: [$prepare]
      large:
        task: fit_large
        kwargs: {data: $prepare, epochs: $epochs}
    dependencies: [prepare]
  score:
    evaluate: [$train.trained]
artifact_outputs:
  result:
    contents: $score
    task: {name: Text}
"""


def swappable() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(SWAPPABLE))


def test_list_swaps() -> None:
    assert list_swaps(swappable()) == [
        SwapInfo(
            swap_name="model",
            step="train",
            aliases={"small": "fit_small", "large": "fit_large"},
            outputs=["trained"],
        )
    ]
    assert list_swaps({"graph": {"s": {"add": [1]}}}) == []
    assert list_swaps({"graph": "garbage"}) == []


def test_render_keeps_the_public_shape_with_the_chosen_alias() -> None:
    document = swappable()
    rendered = render_swaps(document, {"model": "large"})
    assert rendered["graph"]["train"] == {
        "?model": {
            "?outputs": ["trained"],
            "large": {"task": "fit_large", "kwargs": {"data": "$prepare", "epochs": "$epochs"}},
        },
        "dependencies": ["prepare"],
    }
    assert document == swappable()  # the input is not changed
    assert validate(rendered) == []  # a rendered document validates as it is


def test_render_errors() -> None:
    document = swappable()
    with pytest.raises(SwapError, match=r"Swaps \['model'\] needed by graph but not provided"):
        render_swaps(document, {})
    with pytest.raises(SwapError, match="unknown swap"):
        render_swaps(document, {"model": "small", "optimizer": "adam"})
    with pytest.raises(SwapError, match="has no alias 'huge'"):
        render_swaps(document, {"model": "huge"})
    with pytest.raises(SwapError, match="has no alias 'huge'"):
        render_swaps(document, {"model": "huge"}, partial=True)


def test_partial_rendering_keeps_every_alias_of_unchosen_swaps() -> None:
    rendered = render_swaps(swappable(), {}, partial=True)
    assert set(rendered["graph"]["train"]["?model"]) == {"?outputs", "small", "large"}


def test_compile_makes_private_tasks_with_renamed_outputs() -> None:
    compiled = compile_swaps(swappable(), {"model": "large"})
    assert compiled["graph"]["train"] == {
        "task": "train_fit_large",
        "kwargs": {"data": "$prepare", "epochs": "$epochs"},
        "dependencies": ["prepare"],
    }
    private = compiled["tasks"]["train_fit_large"]
    assert private["outputs"] == {"trained": "number"}
    assert private["plugin"] == "demo.ops.fit_large"
    assert compiled["tasks"]["fit_large"]["outputs"] == {"weights": "number"}  # untouched
    assert compiled.private_tasks == {
        "train_fit_large": "'fit_large' (step 'train', swap 'model', choice 'large')"
    }
    assert validate(compiled) == []
    short = compile_swaps(swappable(), {"model": "small"})
    assert short["graph"]["train"] == {"train_fit_small": ["$prepare"], "dependencies": ["prepare"]}


def test_private_names_get_underscores_until_unique() -> None:
    document = swappable()
    document["tasks"]["train_fit_small"] = {"plugin": "x.y"}
    compiled = compile_swaps(document, {"model": "small"})
    assert "train_fit_small_" in compiled["tasks"]
    assert compiled["graph"]["train"]["train_fit_small_"] == ["$prepare"]


def test_compile_keeps_list_form_outputs_as_lists() -> None:
    document = swappable()
    document["tasks"]["fit_small"]["outputs"] = [{"model": "number"}]
    compiled = compile_swaps(document, {"model": "small"})
    assert compiled["tasks"]["train_fit_small"]["outputs"] == [{"trained": "number"}]


def test_compile_errors() -> None:
    with pytest.raises(SwapError, match="needed by graph"):
        compile_swaps(swappable(), {})
    document = swappable()
    document["tasks"]["fit_small"]["outputs"] = [{"a": "number"}, {"b": "number"}]
    with pytest.raises(SwapError, match="2 output"):
        compile_swaps(document, {"model": "small"})
    document = swappable()
    del document["tasks"]["fit_small"]
    with pytest.raises(SwapError, match="unknown task 'fit_small'"):
        compile_swaps(document, {"model": "small"})


def test_messages_name_private_tasks_the_way_the_user_wrote_them() -> None:
    document = swappable()
    document["graph"]["train"]["?model"]["large"]["kwargs"]["epochs"] = "many"
    compiled = compile_swaps(document, {"model": "large"})
    [issue] = validate(compiled)
    assert issue.kind is IssueKind.TYPE
    assert "train_fit_large" not in issue.message
    assert "'fit_large' (step 'train', swap 'model', choice 'large')" in issue.message


def test_validate_compiles_single_alias_swaps_and_asks_for_a_choice_otherwise() -> None:
    [issue] = validate(swappable())
    assert issue.kind is IssueKind.SEMANTIC
    assert issue.step == "train"
    assert "choose one" in issue.message


def test_validate_swappable_accepts_a_good_document() -> None:
    assert validate_swappable(swappable()) == []
    assert validate_swappable(SWAPPABLE) == []


def test_the_swap_structure_rules() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {"?model": {"?outputs": ["t"], "a": {"fit_small": [1]}}, "fit_small": [1]},
            "only its swap",
        ),
        ({"?model": {"?outputs": ["t"], "?a": {"fit_small": [1]}}}, "must not start with '?'"),
        ({"?model": {"?outputs": ["t"], "a": {"fit_small": [1], "dependencies": []}}}, "alias"),
        ({"?model": {"?outputs": ["t"], "a": {"task": "fit_small", "dependencies": []}}}, "alias"),
        ({"?model": {"a": {"fit_small": [1]}}}, "needs '?outputs'"),
        ({"?model": {"?outputs": "t", "a": {"fit_small": [1]}}}, "unique, non-empty"),
        ({"?model": {"?outputs": ["t", "t"], "a": {"fit_small": [1]}}}, "unique, non-empty"),
        ({"?model": {"?outputs": ["t"]}}, "at least one alias"),
        ({"?model": "fit_small"}, "must be a mapping"),
        ({"?": {"?outputs": ["t"], "a": {"fit_small": [1]}}}, "needs a name"),
    ]
    for step, text in cases:
        document = swappable()
        document["graph"]["train"] = step
        document["graph"]["score"] = {"evaluate": [1]}
        issues = validate_swappable(document)
        assert len(issues) == 1, (step, issues)
        assert issues[0].kind is IssueKind.SCHEMA, issues
        assert text in issues[0].message, (text, issues[0].message)
        assert issues[0].step == "train"


def test_at_most_one_swap_per_step() -> None:
    document = swappable()
    document["graph"]["train"]["?other"] = {"?outputs": ["trained"], "a": {"fit_small": [1]}}
    issues = validate_swappable(document)
    assert len(issues) == 1
    assert issues[0].kind is IssueKind.SEMANTIC
    assert "at most one swap" in issues[0].message


def test_swap_names_are_unique() -> None:
    document = swappable()
    document["graph"]["again"] = {
        "?model": {"?outputs": ["x"], "a": {"fit_small": ["$data"]}},
    }
    [issue] = validate_swappable(document)
    assert issue.step == "again"
    assert "already used in step 'train'" in issue.message


def test_each_alias_must_name_a_known_task() -> None:
    document = swappable()
    document["graph"]["train"]["?model"]["huge"] = {"fit_huge": ["$prepare"]}
    [issue] = validate_swappable(document)
    assert issue.kind is IssueKind.SEMANTIC
    assert "alias 'huge' of swap 'model': unknown task 'fit_huge'" in issue.message
    assert issue.step == "train"


def test_output_counts_must_match_the_swap_outputs() -> None:
    document = swappable()
    document["tasks"]["fit_small"]["outputs"] = [{"a": "number"}, {"b": "number"}]
    [issue] = validate_swappable(document)
    assert "alias 'small'" in issue.message
    assert "2 output(s), but '?outputs' names 1" in issue.message


def test_all_aliases_produce_the_same_ordered_output_types() -> None:
    document = swappable()
    document["tasks"]["fit_small"]["outputs"] = {"model": "string"}
    [issue] = validate_swappable(document)
    assert "same ordered output types" in issue.message
    assert "small: (string)" in issue.message and "large: (number)" in issue.message


def test_the_union_of_all_choices_dependencies_must_be_acyclic() -> None:
    document = swappable()
    # only the 'large' alias depends on 'score', which depends on 'train'
    document["graph"]["train"]["?model"]["large"]["kwargs"]["data"] = "$score"
    [issue] = validate_swappable(document)
    assert issue.kind is IssueKind.SEMANTIC
    assert "cycle" in issue.message
    assert "train -> score -> train" in issue.message


def test_rendered_variations_are_validated_with_a_combination_prefix() -> None:
    document = swappable()
    # only the 'large' choice has a type error: epochs must be an integer
    document["parameters"]["epochs"] = 2.5
    [issue] = validate_swappable(document)
    assert issue.kind is IssueKind.TYPE
    assert issue.message.startswith("[Swap combination {'model': 'large'}] ")
    assert "'fit_large' (step 'train', swap 'model', choice 'large')" in issue.message


def test_problems_outside_swaps_are_reported_once_without_prefix() -> None:
    document = swappable()
    document["graph"]["prepare"] = {"prep": [1, 2]}
    issues = validate_swappable(document)
    assert len(issues) == 1
    assert not issues[0].message.startswith("[")


def test_warnings_do_not_block_rendered_validation() -> None:
    document = swappable()
    document["types"] = {"u": {"union": ["string", "string"]}}
    document["parameters"]["epochs"] = 2.5
    issues = validate_swappable(document)
    assert [issue.severity for issue in issues] == [Severity.WARNING, Severity.ERROR]


def test_only_default_and_single_swap_variations_are_rendered() -> None:
    document = swappable()
    document["tasks"]["noop"] = {"plugin": "demo.ops.noop", "outputs": {"v": "number"}}
    document["tasks"]["bad"] = {"plugin": "demo.ops.bad", "outputs": {"v": "number"}}
    document["graph"]["other"] = {
        "?opt": {"?outputs": ["v"], "plain": {"task": "noop"}, "fancy": {"task": "bad"}}
    }
    document["tasks"]["bad"]["inputs"] = [{"needs": "integer"}]  # fancy misses an argument
    issues = validate_swappable(document)
    # a semantic error in an alias is found before rendering, once
    assert len(issues) == 1
    assert "alias 'fancy' of swap 'opt': required input 'needs'" in issues[0].message


def test_graph_reference_roots() -> None:
    document = swappable()
    document["artifact_inputs"] = {"old": {"w": "number"}}
    document["graph"]["score"] = {"evaluate": ["$train.trained"], "dependencies": ["$nothing"]}
    document["graph"]["mixed"] = {"task": "$not_a_reference", "args": ["$unused"]}
    document["artifact_outputs"]["result"]["contents"] = "$old.w"
    assert graph_reference_roots(document) == {"data", "epochs", "old", "unused"}
    assert graph_reference_roots({"graph": [1]}) == set()
    assert graph_reference_roots({}) == set()


def test_swaps_validate_with_lines_from_yaml() -> None:
    text = SWAPPABLE.replace("epochs: $epochs}", "epochs: $epoch}")
    [issue] = validate_swappable(text)
    assert issue.kind is IssueKind.SEMANTIC
    assert (
        issue.line
        == SWAPPABLE.splitlines().index("        kwargs: {data: $prepare, epochs: $epochs}") + 1
    )
    assert "unresolvable reference '$epoch'" in issue.message
