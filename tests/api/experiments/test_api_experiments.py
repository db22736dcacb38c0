"""Experiments over HTTP: the standard family, the entrypoint links, 1.2 deletion rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_tag
from entrypoint_testing import create_entrypoint, ok_json, training_plugin
from fastapi.testclient import TestClient

ENVELOPE_KEYS = {
    "id",
    "snapshot",
    "group",
    "user",
    "createdOn",
    "snapshotCreatedOn",
    "lastModifiedOn",
    "latestSnapshot",
    "hasDraft",
    "tags",
    "deleted",
}


@pytest.fixture
def eps(alice: TestClient) -> list[dict[str, Any]]:
    """Three entrypoints to link."""
    plugin = training_plugin(alice)
    return [create_entrypoint(alice, [plugin["id"]], name=f"ep{n}") for n in range(3)]


def create_experiment(
    client: TestClient, name: str, entrypoints: list[int] | None = None, **fields: Any
) -> dict[str, Any]:
    body = {"group": 1, "name": name, "entrypoints": entrypoints or [], **fields}
    result: dict[str, Any] = ok_json(client.post(f"{API}/experiments/", json=body))
    return result


def ref_ids(refs: list[dict[str, Any]]) -> list[int]:
    return [ref["id"] for ref in refs]


def test_create_returns_the_experiment_with_entrypoint_refs(
    alice: TestClient, eps: list[dict[str, Any]]
) -> None:
    experiment = create_experiment(alice, "exp", [eps[0]["id"]], description="study")

    assert set(experiment) == ENVELOPE_KEYS | {"name", "description", "entrypoints"}
    assert experiment["name"] == "exp"
    assert experiment["description"] == "study"
    assert experiment["entrypoints"] == [
        {
            "id": eps[0]["id"],
            "group": {"id": 1, "name": "public", "url": "/api/v1/groups/1"},
            "url": f"/api/v1/entrypoints/{eps[0]['id']}",
            "deleted": False,
            "name": "ep0",
        }
    ]
    assert ok_json(alice.get(f"{API}/experiments/{experiment['id']}")) == experiment


def test_list_search_sort_and_paging(alice: TestClient) -> None:
    for name in ("beta", "alpha", "gamma"):
        create_experiment(alice, name, description=f"about {name}")

    page = ok_json(alice.get(f"{API}/experiments/", params={"sortBy": "name", "pageLength": 2}))

    assert [e["name"] for e in page["data"]] == ["alpha", "beta"]
    assert page["next"] == (
        "/api/v1/experiments?index=2&pageLength=2&sortBy=name&descending=False&showDeleted=False"
    )
    found = ok_json(alice.get(f"{API}/experiments/", params={"search": "description:*gam*"}))
    assert [e["name"] for e in found["data"]] == ["gamma"]
    assert_error(
        alice.get(f"{API}/experiments/", params={"sortBy": "bogus"}),
        400,
        "SortParameterValidationError",
    )


def test_modify_makes_a_snapshot_and_replaces_the_links(
    alice: TestClient, eps: list[dict[str, Any]]
) -> None:
    experiment = create_experiment(alice, "exp", [eps[0]["id"], eps[1]["id"]])

    replaced = ok_json(
        alice.put(
            f"{API}/experiments/{experiment['id']}",
            json={"name": "exp2", "entrypoints": [eps[2]["id"]]},
        )
    )
    emptied = ok_json(alice.put(f"{API}/experiments/{experiment['id']}", json={"name": "exp3"}))

    assert replaced["snapshot"] > experiment["snapshot"]
    assert ref_ids(replaced["entrypoints"]) == [eps[2]["id"]]
    assert emptied["entrypoints"] == []  # omitted: no links (PUT replaces them)
    snapshots = ok_json(alice.get(f"{API}/experiments/{experiment['id']}/snapshots"))
    assert [s["name"] for s in snapshots["data"]] == ["exp", "exp2", "exp3"]
    # Links are not part of a version, so snapshots do not show them.
    assert all("entrypoints" not in s for s in snapshots["data"])


def test_entrypoint_link_routes(alice: TestClient, eps: list[dict[str, Any]]) -> None:
    experiment = create_experiment(alice, "exp")
    links = f"{API}/experiments/{experiment['id']}/entrypoints"
    e0, e1, e2 = (ep["id"] for ep in eps)

    assert ok_json(alice.get(links)) == []
    assert ref_ids(ok_json(alice.post(links, json={"ids": [e0, e1, e0]}))) == [e0, e1]
    assert ref_ids(ok_json(alice.post(links, json={"ids": [e1]}))) == [e0, e1]
    assert ref_ids(ok_json(alice.put(links, json={"ids": [e2]}))) == [e2]
    assert ok_json(alice.delete(f"{links}/{e2}")) == {"id": [e2], "status": "Success"}
    # Removing an entrypoint that is not linked is a no-op, as in Dioptra.
    assert ok_json(alice.delete(f"{links}/{e2}")) == {"id": [e2], "status": "Success"}
    alice.post(links, json={"ids": [e0, e1]})
    assert ok_json(alice.delete(links)) == {"id": [e0, e1], "status": "Success"}
    assert ok_json(alice.get(f"{API}/experiments/{experiment['id']}"))["entrypoints"] == []
    # Link changes write no snapshot.
    assert (
        ok_json(alice.get(f"{API}/experiments/{experiment['id']}/snapshots"))["totalNumResults"]
        == 1
    )


@pytest.mark.parametrize("method", ["post", "put"])
def test_linking_unknown_or_wrong_type_ids_is_404(
    alice: TestClient,
    unchanged: Callable[[], Any],
    eps: list[dict[str, Any]],
    method: str,
) -> None:
    experiment = create_experiment(alice, "exp", [eps[0]["id"]])
    queue = ok_json(alice.post(f"{API}/queues/", json={"group": 1, "name": "q"}))

    with unchanged():
        unknown = getattr(alice, method)(
            f"{API}/experiments/{experiment['id']}/entrypoints", json={"ids": [999]}
        )
        not_entrypoint = getattr(alice, method)(
            f"{API}/experiments/{experiment['id']}/entrypoints", json={"ids": [queue["id"]]}
        )

    assert_error(
        unknown, 404, "EntityDoesNotExistError", {"entity_type": "resource", "resource_ids": [999]}
    )
    assert_error(not_entrypoint, 404, "EntityDoesNotExistError")


def test_create_with_unknown_entrypoint_is_404(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/experiments/", json={"group": 1, "name": "x", "entrypoints": [999]}
        )

    assert_error(response, 404, "EntityDoesNotExistError")


def test_deleted_entrypoints(
    alice: TestClient, unchanged: Callable[[], Any], eps: list[dict[str, Any]]
) -> None:
    e0, e1, _ = (ep["id"] for ep in eps)
    ok_json(alice.delete(f"{API}/entrypoints/{e1}"))

    # A create body may link a deleted entrypoint (as 1.2) ...
    experiment = create_experiment(alice, "exp", [e0, e1])
    links = f"{API}/experiments/{experiment['id']}/entrypoints"
    # ... but linking one afterwards is 423.
    with unchanged():
        responses = [
            alice.post(links, json={"ids": [e1]}),
            alice.put(links, json={"ids": [e1]}),
            alice.put(
                f"{API}/experiments/{experiment['id']}", json={"name": "x", "entrypoints": [e1]}
            ),
        ]
    for response in responses:
        assert_error(
            response,
            423,
            "EntityDeletedError",
            {"entity_type": "resource", "existing_id": e1, "resource_id": e1},
        )
    # The experiment shows the deleted link; lists only with showDeleted; the link
    # route shows live entrypoints only.
    assert ref_ids(ok_json(alice.get(f"{API}/experiments/{experiment['id']}"))["entrypoints"]) == [
        e0,
        e1,
    ]
    listed = ok_json(alice.get(f"{API}/experiments/"))["data"][0]
    assert ref_ids(listed["entrypoints"]) == [e0]
    shown = ok_json(alice.get(f"{API}/experiments/", params={"showDeleted": True}))["data"][0]
    assert [(r["id"], r["deleted"]) for r in shown["entrypoints"]] == [(e0, False), (e1, True)]
    assert ref_ids(ok_json(alice.get(links))) == [e0]


def test_deleted_experiment(
    alice: TestClient, unchanged: Callable[[], Any], eps: list[dict[str, Any]]
) -> None:
    e0, e1, _ = (ep["id"] for ep in eps)
    experiment = create_experiment(alice, "exp", [e0, e1])
    url = f"{API}/experiments/{experiment['id']}"

    assert ok_json(alice.delete(url)) == {"id": [experiment["id"]], "status": "Success"}
    assert ok_json(alice.delete(url)) == {"id": [experiment["id"]], "status": "Success"}

    fetched = ok_json(alice.get(url))
    assert fetched["deleted"] is True
    assert ok_json(alice.get(f"{API}/experiments/"))["totalNumResults"] == 0
    assert (
        ok_json(alice.get(f"{API}/experiments/", params={"showDeleted": True}))["totalNumResults"]
        == 1
    )
    assert ok_json(alice.get(f"{url}/snapshots"))["totalNumResults"] == 1
    with unchanged():
        locked = [
            alice.put(url, json={"name": "again"}),
            alice.post(f"{url}/entrypoints", json={"ids": [e0]}),
            alice.put(f"{url}/entrypoints", json={"ids": [e0]}),
            alice.post(f"{url}/draft", json={"name": "again"}),
        ]
        tags = alice.get(f"{url}/tags")
    for response in locked:
        assert_error(response, 423, "EntityDeletedError")
    assert_error(tags, 404, "EntityDoesNotExistError")
    # Its links can still be read and removed (as 1.2).
    assert ref_ids(ok_json(alice.get(f"{url}/entrypoints"))) == [e0, e1]
    assert ok_json(alice.delete(f"{url}/entrypoints/{e0}"))["id"] == [e0]
    assert ok_json(alice.delete(f"{url}/entrypoints")) == {"id": [e1], "status": "Success"}
    # The name is free again.
    assert create_experiment(alice, "exp")["id"] != experiment["id"]


def test_unknown_experiment_is_404(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    with unchanged():
        responses = [
            alice.get(f"{API}/experiments/999"),
            alice.put(f"{API}/experiments/999", json={"name": "x"}),
            alice.get(f"{API}/experiments/999/entrypoints"),
            alice.post(f"{API}/experiments/999/entrypoints", json={"ids": []}),
            alice.delete(f"{API}/experiments/999/entrypoints/1"),
        ]
    for response in responses:
        assert_error(response, 404, "EntityDoesNotExistError")
    assert responses[0].json()["detail"] == {"entity_type": "experiment", "resource_id": 999}


def test_removing_an_unknown_entrypoint_is_404(alice: TestClient) -> None:
    experiment = create_experiment(alice, "exp")

    response = alice.delete(f"{API}/experiments/{experiment['id']}/entrypoints/999")

    assert_error(
        response, 404, "EntityDoesNotExistError", {"entity_type": "resource", "resource_id": 999}
    )


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"group": 1, "name": "bad/name"}, 400, "ResourceNameError"),
        ({"group": 1, "name": "dup"}, 409, "EntityExistsError"),
        ({"group": 999, "name": "x"}, 404, "EntityDoesNotExistError"),
    ],
)
def test_create_errors_change_nothing(
    alice: TestClient,
    unchanged: Callable[[], Any],
    body: dict[str, Any],
    status: int,
    error: str,
) -> None:
    create_experiment(alice, "dup")

    with unchanged():
        response = alice.post(f"{API}/experiments/", json=body)

    assert_error(response, status, error)


def test_invalid_body_is_400(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/experiments/", json={"group": 1, "name": "x", "entrypoints": ["a"]}
        )

    assert response.status_code == 400
    assert response.json() == {"errors": {"entrypoints": {"0": ["Not a valid integer."]}}}


def test_drafts_commit_with_links(alice: TestClient, eps: list[dict[str, Any]]) -> None:
    draft = ok_json(
        alice.post(
            f"{API}/experiments/drafts/",
            json={"group": 1, "name": "drafted", "entrypoints": [eps[0]["id"]]},
        )
    )
    assert draft["resourceType"] == "experiment"

    committed = ok_json(alice.post(f"{API}/workflows/draftCommit/{draft['id']}"))
    experiment = ok_json(alice.get(f"{API}/experiments/{committed['id'][0]}"))
    assert experiment["name"] == "drafted"
    assert ref_ids(experiment["entrypoints"]) == [eps[0]["id"]]

    mod = ok_json(
        alice.post(
            f"{API}/experiments/{experiment['id']}/draft",
            json={"name": "renamed", "entrypoints": [eps[1]["id"]]},
        )
    )
    assert ok_json(alice.get(f"{API}/experiments/{experiment['id']}"))["hasDraft"] is True
    ok_json(alice.post(f"{API}/workflows/draftCommit/{mod['id']}"))
    modified = ok_json(alice.get(f"{API}/experiments/{experiment['id']}"))
    assert modified["name"] == "renamed"
    assert ref_ids(modified["entrypoints"]) == [eps[1]["id"]]
    assert modified["hasDraft"] is False


def test_tags(alice: TestClient) -> None:
    experiment = create_experiment(alice, "exp")
    tag = create_tag(alice, "study")

    tags = ok_json(
        alice.post(f"{API}/experiments/{experiment['id']}/tags", json={"ids": [tag["id"]]})
    )

    assert [t["name"] for t in tags] == ["study"]
    found = ok_json(alice.get(f"{API}/experiments/", params={"search": "tag:study"}))
    assert [e["id"] for e in found["data"]] == [experiment["id"]]


def test_other_members_of_the_group_see_and_change_it(
    alice: TestClient, bob: TestClient, eps: list[dict[str, Any]]
) -> None:
    experiment = create_experiment(alice, "shared", [eps[0]["id"]])

    links = ok_json(
        bob.post(f"{API}/experiments/{experiment['id']}/entrypoints", json={"ids": [eps[1]["id"]]})
    )

    assert ref_ids(links) == [eps[0]["id"], eps[1]["id"]]


def test_requires_login(anon: TestClient) -> None:
    assert_error(anon.get(f"{API}/experiments/"), 401, "NoCurrentUserError")
