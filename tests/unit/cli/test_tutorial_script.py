"""examples/tutorial/tutorial.py calls only what Dioptra 1.2.2's published client offers.

Every `client.<collection>.<method>(...)` call in the script is checked against the
recorded surface of the original client (tests/unit/client/fixtures), keyword names and
positional counts included, so the script runs unchanged with `dioptra-platform`.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "examples" / "tutorial" / "tutorial.py"
SURFACE = ROOT / "tests" / "unit" / "client" / "fixtures" / "reference_client_surface.json"
# Names the script binds to a client object, and the tree path each stands for.
CLIENT_ROOTS = {"client": "client"}
# Helpers that receive a collection as `collection` and call these methods on it.
COLLECTION_ARGUMENTS = {"find_by_name": ("client.queues", "client.experiments")}


def client_calls(tree: ast.AST) -> list[tuple[str, str, ast.Call]]:
    """(object path, method, call) for each call on `client....`."""
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        parts: list[str] = []
        target: ast.expr = node.func.value
        while isinstance(target, ast.Attribute):
            parts.append(target.attr)
            target = target.value
        if isinstance(target, ast.Name) and target.id in CLIENT_ROOTS:
            path = ".".join([CLIENT_ROOTS[target.id], *reversed(parts)])
            calls.append((path, node.func.attr, node))
    return calls


def collection_calls(tree: ast.AST) -> list[tuple[str, str, ast.Call]]:
    """Calls on the `collection` parameter of helpers, expanded to each collection passed."""
    calls = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or function.name not in COLLECTION_ARGUMENTS:
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "collection"
            ):
                for path in COLLECTION_ARGUMENTS[function.name]:
                    calls.append((path, node.func.attr, node))
    return calls


@pytest.fixture(scope="module")
def surface() -> dict[str, Any]:
    return dict(json.loads(SURFACE.read_text()))


@pytest.fixture(scope="module")
def script_tree() -> ast.AST:
    return ast.parse(SCRIPT.read_text())


def test_the_script_makes_the_calls_of_the_tutorial(script_tree: ast.AST) -> None:
    methods = {f"{path}.{method}" for path, method, _ in client_calls(script_tree)}
    assert {
        "client.users.create",
        "client.auth.login",
        "client.queues.create",
        "client.workflows.import_resources",
        "client.entrypoints.queues.modify_by_id",
        "client.experiments.create",
        "client.experiments.jobs.create",
        "client.jobs.get_by_id",
        "client.artifacts.get_contents",
        "client.jobs.get_metrics_by_id",
        "client.jobs.get_logs_by_id",
    } <= methods


def test_every_client_call_exists_in_the_published_client(
    script_tree: ast.AST, surface: dict[str, Any]
) -> None:
    calls = client_calls(script_tree) + collection_calls(script_tree)
    assert calls
    for path, method, call in calls:
        where = f"{path}.{method} (line {call.lineno})"
        assert path in surface["tree"], f"{where}: no such object in Dioptra's client"
        parameters = surface["tree"][path].get(method)
        assert parameters is not None, f"{where}: no such method in Dioptra's client"
        names = {p["name"] for p in parameters}
        for keyword in call.keywords:
            assert keyword.arg in names, f"{where}: Dioptra's client has no {keyword.arg!r}"
        positional = [p for p in parameters if p["kind"] == "POSITIONAL_OR_KEYWORD"]
        assert len(call.args) <= len(positional), f"{where}: too many positional arguments"
        given = {p["name"] for p in positional[: len(call.args)]} | {k.arg for k in call.keywords}
        required = {p["name"] for p in parameters if p["default"] == "<required>"}
        assert required <= given, f"{where}: missing {sorted(required - given)}"


def test_only_published_names_are_imported(script_tree: ast.AST, surface: dict[str, Any]) -> None:
    published = set(surface["functions"]) | {"DioptraFile", "DioptraClient"}
    for node in ast.walk(script_tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dioptra"):
            for alias in node.names:
                if node.module == "dioptra.client.base":
                    assert alias.name == "StatusCodeError"
                else:
                    assert node.module == "dioptra.client"
                    assert alias.name in published, alias.name
