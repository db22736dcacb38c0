"""Every API path answers in both forms (with and without its trailing slash), in one
round trip, as documented in the OpenAPI description."""

from __future__ import annotations

from typing import Any

from api_testing import API, create_queue
from fastapi.testclient import TestClient

from dioptra.server.api.trailing_slash import other_forms


def _toggled(path: str) -> str:
    return path[:-1] if path.endswith("/") else path + "/"


def test_every_collection_answers_in_both_forms(alice: TestClient) -> None:
    create_queue(alice, "q")
    document: dict[str, Any] = alice.get(f"{API}/openapi.json").json()
    lists = [
        path
        for path, operations in document["paths"].items()
        if path.startswith(API) and "{" not in path and "get" in operations
    ]
    assert f"{API}/plugins/" in lists and f"{API}/users/current" in lists

    for path in lists:
        declared = alice.get(path, follow_redirects=False)
        other = alice.get(_toggled(path), follow_redirects=False)

        assert declared.status_code == 200, path
        assert other.status_code == 200, _toggled(path)
        assert other.json() == declared.json(), path


def test_items_and_sub_collections_answer_in_both_forms(alice: TestClient) -> None:
    queue = create_queue(alice, "q")
    item = f"{API}/queues/{queue['id']}"

    assert alice.get(f"{item}/", follow_redirects=False).json() == queue
    assert alice.get(f"{item}/tags/", follow_redirects=False).json() == []
    snapshots = alice.get(f"{item}/snapshots/", follow_redirects=False)
    assert snapshots.json()["totalNumResults"] == 1
    deleted = alice.delete(f"{item}/", follow_redirects=False)
    assert deleted.json() == {"status": "Success"}


def test_the_description_states_both_forms(alice: TestClient) -> None:
    description = alice.get(f"{API}/openapi.json").json()["info"]["description"]

    assert "`/api/v1/plugins` is `/api/v1/plugins/`" in description


def test_other_forms_leave_declared_paths_and_unknown_paths_alone() -> None:
    pattern = other_forms(["/x/", "/x/{id:int}", "/x/{id:int}/files", "/both", "/both/"])

    assert pattern.fullmatch("/x")
    assert pattern.fullmatch("/x/7/")
    assert pattern.fullmatch("/x/7/files/")
    assert not pattern.fullmatch("/x/")
    assert not pattern.fullmatch("/x/seven/")  # not an id: no route's other form
    assert not pattern.fullmatch("/both")  # both forms declared: each its own route
    assert not pattern.fullmatch("/both/")
    assert not pattern.fullmatch("/y")
