"""Bounded task graphs (issue 15): a graph over the engine's document limits answers 400
``EntrypointTooLargeError`` at once, and a graph's validation runs before the request's
write transaction begins, so a slow check never holds the database's write lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import (
    SIMPLE_GRAPH,
    create_entrypoint,
    entrypoint_body,
    ok_json,
    put_body,
)
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import make_world, submit

from dioptra.engine.limits import DOCUMENT_LIMITS
from dioptra.server.api.v1.core.deps import RequestContext
from dioptra.server.app import ENTRYPOINT_BODY_LIMIT
from dioptra.server.services.entrypoints import document as document_service
from dioptra.server.services.jobs import entrypoints as job_entrypoints


def alias_bomb(levels: int) -> str:
    """A step whose argument nests ``levels`` lists, each repeating the previous nine
    times: a few hundred bytes that expand to 9 ** levels items."""
    lines = ["prep:", "  load:", "    - &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for level in range(1, levels + 1):
        lines.append(f"    - &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def many_steps(count: int) -> str:
    return "".join(f"s{i}:\n  load: [$n]\n" for i in range(count))


@pytest.mark.parametrize("levels", [8, 9])
def test_an_alias_bomb_is_refused_on_save_and_lint(
    alice: TestClient,
    unchanged: Callable[[], Any],
    training: dict[str, Any],
    levels: int,
) -> None:
    body = entrypoint_body([training["id"]], task_graph=alias_bomb(levels))
    assert len(body["taskGraph"]) < 700
    with unchanged():
        saved = alice.post(f"{API}/entrypoints/", json=body)
        linted = alice.post(f"{API}/entrypoints:lint", json=body)
    for response in (saved, linted):
        refused = assert_error(response, 400, "EntrypointTooLargeError")
        detail = refused["detail"]
        assert detail["section"] == "task graph"
        assert (detail["bound"], detail["limit"]) == ("nodes", DOCUMENT_LIMITS.max_nodes)
        assert detail["value"] > 9**levels
        assert refused["message"].startswith(
            f"Bad Request - The entrypoint's task graph is too large: the document expands "
            f"to {detail['value']} YAML nodes"
        )


def test_too_many_steps_are_refused_on_lint(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    limit = DOCUMENT_LIMITS.max_steps
    body = entrypoint_body([training["id"]], task_graph=many_steps(limit + 1))
    with unchanged():
        response = alice.post(f"{API}/entrypoints:lint", json=body)
    refused = assert_error(response, 400, "EntrypointTooLargeError")
    assert refused["detail"] == {
        "section": "task graph",
        "bound": "steps",
        "limit": limit,
        "value": limit + 1,
    }
    assert f"the graph has {limit + 1} steps; the limit is {limit} steps" in refused["message"]


def test_a_huge_graph_is_refused_by_size(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    graph = SIMPLE_GRAPH + "# " + "x" * DOCUMENT_LIMITS.max_bytes + "\n"
    entrypoint = create_entrypoint(alice, [training["id"]])
    with unchanged():
        response = alice.put(
            f"{API}/entrypoints/{entrypoint['id']}", json=put_body(entrypoint, taskGraph=graph)
        )
        too_long = alice.post(
            f"{API}/entrypoints:lint",
            json=entrypoint_body([training["id"]], task_graph="#" * ENTRYPOINT_BODY_LIMIT),
        )
    refused = assert_error(response, 400, "EntrypointTooLargeError")
    assert refused["detail"]["bound"] == "bytes"
    assert refused["detail"]["value"] == len(graph)
    # a body far over any graph is refused before it is read
    assert_error(too_long, 413, "RequestEntityTooLarge")


# -- validation happens before the write transaction ---------------------------------


@pytest.fixture
def write_transactions(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A log of the write transactions requests begin (a request's first statement is its
    authentication), and, with ``validations``, of the validations they run."""
    events: list[str] = []
    writer = app.state.dioptra.writer_engine
    authenticate = RequestContext.authenticate

    def logged(ctx: RequestContext) -> None:
        if ctx.db.get_bind() is writer:  # not a read, nor a route's checks
            events.append("write transaction")
        authenticate(ctx)

    monkeypatch.setattr(RequestContext, "authenticate", logged)
    return events


@pytest.fixture
def validations(
    monkeypatch: pytest.MonkeyPatch, write_transactions: list[str], database_url: str
) -> list[str]:
    """Logs each validation in ``write_transactions``; on SQLite it also tries the
    database's write lock meanwhile, as another request would, and says when it is taken."""
    check_document = document_service.check_document

    def logged(*args: Any, **kwargs: Any) -> Any:
        locked = database_url.startswith("sqlite") and _write_lock_taken(database_url)
        write_transactions.append("validation, write lock taken" if locked else "validation")
        return check_document(*args, **kwargs)

    monkeypatch.setattr(document_service, "check_document", logged)
    return write_transactions


def _write_lock_taken(sqlite_url: str) -> bool:
    probe = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0)
    probe.isolation_level = None
    try:
        probe.execute("BEGIN IMMEDIATE")  # fails at once while another writer holds it
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def test_saves_validate_before_their_write_transaction(
    alice: TestClient, training: dict[str, Any], validations: list[str]
) -> None:
    plugin = training["id"]
    entrypoint = create_entrypoint(alice, [plugin])
    url = f"{API}/entrypoints/{entrypoint['id']}"
    ok_json(alice.put(url, json=put_body(entrypoint, description="changed")))
    ok_json(alice.post(f"{url}/plugins", json={"plugins": [plugin]}))
    draft = ok_json(
        alice.post(f"{API}/entrypoints/drafts/", json=entrypoint_body([plugin], name="from draft"))
    )
    ok_json(alice.post(f"{API}/workflows/draftCommit/{draft['id']}"))
    # each save validated once, before its write transaction (the draft's own POST has
    # no validation); the write found the report of the check run
    assert validations == ["validation", "write transaction"] * 3 + [
        "write transaction",
        "validation",
        "write transaction",
    ]


def test_lint_never_opens_a_write_transaction(
    alice: TestClient, training: dict[str, Any], validations: list[str]
) -> None:
    body = entrypoint_body([training["id"]])
    assert ok_json(alice.post(f"{API}/entrypoints:lint", json=body))["valid"] is True
    assert validations == ["validation"]


def test_a_check_overtaken_by_a_change_is_validated_again(
    alice: TestClient,
    training: dict[str, Any],
    validations: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The kept report is keyed by everything the document is made of: when another
    request changes a part between the check and the write (here the group's parameter
    types), the write validates again rather than trust the check."""
    group_types = document_service.group_type_definitions
    reads: list[int] = []

    def changing(ctx: Any, group_id: int) -> dict[str, Any]:
        reads.append(group_id)
        types = dict(group_types(ctx, group_id))
        if len(reads) > 1:
            types["added_meanwhile"] = None
        return types

    monkeypatch.setattr(document_service, "group_type_definitions", changing)
    create_entrypoint(alice, [training["id"]])
    assert validations[:2] == ["validation", "write transaction"]
    assert validations[2:] in (["validation"], ["validation, write lock taken"])


def test_a_job_submission_checks_its_graph_outside_its_write_transaction(
    alice: TestClient, write_transactions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first submission of an entrypoint snapshot backs out of its write transaction
    at the graph's checks, runs them outside it (the write lock free), then writes; the
    next ones find the checks done and run once."""
    world = make_world(alice)
    find_cycles = job_entrypoints.find_cycles

    def logged(edges: Any) -> Any:
        write_transactions.append("cycle check")
        return find_cycles(edges)

    monkeypatch.setattr(job_entrypoints, "find_cycles", logged)
    write_transactions.clear()
    submit(alice, world)
    assert write_transactions == ["write transaction", "cycle check", "write transaction"]
    write_transactions.clear()
    submit(alice, world)
    assert write_transactions == ["write transaction"]
