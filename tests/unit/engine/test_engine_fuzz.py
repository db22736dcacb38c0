"""Randomly broken documents get issues, never a traceback (a small fuzz test)."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from engine_testing import BASE_YAML, base_document

from dioptra.engine import (
    Issue,
    graph_reference_roots,
    list_swaps,
    validate,
    validate_swappable,
)

GARBAGE: list[Any] = [
    None,
    0,
    -1,
    2.5,
    True,
    "",
    " ",
    "$",
    "$$",
    "$first",
    "$summary.low",
    "$ghost.x",
    "?swap",
    "a.b",
    [],
    {},
    [None],
    [[]],
    {"a": None},
    {"task": None},
    {"?s": {"?outputs": ["x"], "a": {"add": [1]}}},
    {"list": "ghost"},
    {"union": [{"list": None}]},
    {1: 2},
    {None: "x"},
    {"$key": "$value"},
    ["$first", {"k": "$nope"}],
    {"plugin": "a.b", "inputs": [{"name": 3}]},
]

SWAP_STEP = {
    "?model": {
        "?outputs": ["total"],
        "small": {"add": [1]},
        "large": {"task": "add", "kwargs": {"a": 2}},
    },
    "dependencies": ["first"],
}


def containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        items = node.values() if isinstance(node, dict) else node
        for child in items:
            containers(child, found)
    return found


def mutate(document: dict[str, Any], rng: random.Random) -> None:
    target = rng.choice(containers(document, []))
    action = rng.randrange(4)
    if isinstance(target, dict):
        keys = list(target)
        if action == 0 and keys:
            target[rng.choice(keys)] = copy.deepcopy(rng.choice(GARBAGE))
        elif action == 1 and keys:
            del target[rng.choice(keys)]
        elif action == 2 and keys:
            key = rng.choice(keys)
            target[rng.choice([5, None, "", "x.y", "?q", 2.5])] = target.pop(key)
        else:
            target[rng.choice(["task", "args", "kwargs", "dependencies", "extra", "?outputs"])] = (
                copy.deepcopy(rng.choice(GARBAGE))
            )
    elif isinstance(target, list):
        if action == 0 and target:
            target[rng.randrange(len(target))] = copy.deepcopy(rng.choice(GARBAGE))
        elif action == 1 and target:
            del target[rng.randrange(len(target))]
        else:
            target.append(copy.deepcopy(rng.choice(GARBAGE)))


def seed_document(rng: random.Random) -> dict[str, Any]:
    document = base_document()
    if rng.random() < 0.5:
        document["graph"]["swapped"] = copy.deepcopy(SWAP_STEP)
    if rng.random() < 0.5:
        document["artifact_inputs"] = {"prev": [{"a": "number"}, {"b": "vector"}]}
        document["artifact_outputs"] = {
            "out": {"contents": "$prev.a", "task": {"name": "T", "args": {"k": 1}}}
        }
    return document


def assert_only_issues(issues: Any) -> None:
    assert isinstance(issues, list)
    assert all(isinstance(issue, Issue) for issue in issues)
    assert not any("internal validator error" in issue.message for issue in issues), issues


@pytest.mark.parametrize("seed", range(4))
def test_mutated_documents_only_give_issues(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        document = seed_document(rng)
        for _ in range(rng.randint(1, 4)):
            mutate(document, rng)
        snapshot = copy.deepcopy(document)
        assert_only_issues(validate(document, artifact_tasks={"T": {"k": {"type": "integer"}}}))
        assert_only_issues(validate_swappable(document))
        assert isinstance(graph_reference_roots(document), set)
        assert isinstance(list_swaps(document), list)
        assert document == snapshot  # validation never changes its input


@pytest.mark.parametrize("seed", range(2))
def test_mutated_yaml_text_only_gives_issues(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ":-[]{}$?&*!#|>'\" \n\tab1."
    for _ in range(200):
        text = list(BASE_YAML)
        for _ in range(rng.randint(1, 5)):
            position = rng.randrange(len(text))
            if rng.random() < 0.5:
                del text[position]
            else:
                text.insert(position, rng.choice(alphabet))
        assert_only_issues(validate("".join(text)))
        assert_only_issues(validate_swappable("".join(text)))


def test_deeply_nested_arguments_give_an_issue_not_a_recursion_error() -> None:
    document = base_document()
    value: Any = "$ghost"
    for _ in range(5000):
        value = [value]
    document["graph"]["first"] = {"add": [value]}
    issues = validate(document)
    assert issues
    assert_only_issues(issues)
