"""Models: the standard family (no name rule, as 1.2) plus numbered versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_tag
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import World, make_world, stored_artifact

ENVELOPE = {
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


def create_model(client: TestClient, name: str, description: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = ok_json(
        client.post(f"{API}/models/", json={"group": 1, "name": name, "description": description})
    )
    return result


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


def test_create_get_and_any_name(alice: TestClient) -> None:
    model = create_model(alice, "odd/name!", "a classifier")

    assert set(model) == ENVELOPE | {"name", "description", "versions", "latestVersion"}
    assert model["name"] == "odd/name!"  # models are not held to the name rule
    assert model["versions"] == [] and model["latestVersion"] is None
    assert ok_json(alice.get(f"{API}/models/{model['id']}")) == model
    missing = {"entity_type": "ml_model", "model_id": 999}
    assert_error(alice.get(f"{API}/models/999"), 404, "EntityDoesNotExistError", missing)
    assert_error(
        alice.put(f"{API}/models/999", json={"name": "x"}), 404, "EntityDoesNotExistError", missing
    )
    assert_error(alice.delete(f"{API}/models/999"), 404, "EntityDoesNotExistError", missing)
    snapshots = alice.get(f"{API}/models/999/snapshots")  # these say resource_id, as 1.2
    assert_error(
        snapshots, 404, "EntityDoesNotExistError", {"entity_type": "ml_model", "resource_id": 999}
    )


def test_versions(app: FastAPI, alice: TestClient, world: World) -> None:
    model = create_model(alice, "clf")
    first = stored_artifact(app, alice, world, data=b"1")
    second = stored_artifact(app, alice, world, data=b"2")
    url = f"{API}/models/{model['id']}/versions"

    v1 = ok_json(alice.post(url, json={"artifact": first["id"], "description": "v1"}))
    v2 = ok_json(alice.post(url, json={"artifact": second["id"]}))

    assert list(v1) == ["description", "model", "artifact", "versionNumber", "createdOn"]
    assert (v1["versionNumber"], v2["versionNumber"]) == (1, 2)
    assert v1["model"] == {
        "id": model["id"],
        "name": "clf",
        "group": model["group"],
        "url": f"/api/v1/models/{model['id']}",
        "deleted": False,
    }
    assert v1["artifact"] == {
        "id": first["id"],
        "group": first["group"],
        "url": f"/api/v1/artifacts/{first['id']}",
        "deleted": False,
    }
    got = ok_json(alice.get(f"{API}/models/{model['id']}"))
    assert got["versions"] == [
        {"versionNumber": 1, "url": f"/api/v1/models/{model['id']}/versions/1"},
        {"versionNumber": 2, "url": f"/api/v1/models/{model['id']}/versions/2"},
    ]
    assert got["latestVersion"] == v2
    assert got["snapshot"] == model["snapshot"]  # versions are not model snapshots
    # A snapshot reads the same forever: versions added after it are not in it (as 1.2.2).
    snapshot_url = f"{API}/models/{model['id']}/snapshots/{model['snapshot']}"
    snapshot = ok_json(alice.get(snapshot_url))
    assert (snapshot["versions"], snapshot["latestVersion"]) == ([], None)

    page = ok_json(alice.get(url, params={"pageLength": 1}))
    assert (
        page["data"] == [v1]
        and page["next"] == f"/api/v1/models/{model['id']}/versions?index=1&pageLength=1"
    )
    changed = ok_json(alice.put(f"{url}/1", json={"description": "better"}))
    assert changed["description"] == "better" and changed["createdOn"] == v1["createdOn"]
    assert ok_json(alice.get(f"{url}/1"))["description"] == "better"
    assert ok_json(alice.get(url, params={"search": "description:better"}))["totalNumResults"] == 1


def test_version_errors_change_nothing(
    app: FastAPI, alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    model = create_model(alice, "clf")
    url = f"{API}/models/{model['id']}/versions"
    with unchanged():
        body = assert_error(alice.post(url, json={"artifact": 999}), 404, "EntityDoesNotExistError")
        assert body["detail"] == {"entity_type": "artifact", "artifact_id": 999}
        body = assert_error(alice.get(f"{url}/3"), 404, "EntityDoesNotExistError")
        assert body["detail"] == {
            "entity_type": "ml_model_version",
            "model_id": model["id"],
            "version_number": 3,
        }
        assert_error(
            alice.put(f"{url}/3", json={"description": "x"}), 404, "EntityDoesNotExistError"
        )
        body = assert_error(alice.get(f"{API}/models/999/versions"), 404, "EntityDoesNotExistError")
        assert body["detail"] == {"entity_type": "ml_model", "model_id": 999}
        assert alice.post(url, json={}).status_code == 400


def test_list_modify_snapshots_tags_and_delete(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    a = create_model(alice, "alpha", "first")
    b = create_model(alice, "beta")
    create_model(alice, "gamma")

    page = ok_json(
        alice.get(f"{API}/models/", params={"pageLength": 2, "sortBy": "name", "descending": True})
    )
    assert [m["name"] for m in page["data"]] == ["gamma", "beta"]
    assert page["next"] == "/api/v1/models?index=2&pageLength=2&sortBy=name&descending=True"
    found = ok_json(alice.get(f"{API}/models/", params={"search": "description:first"}))
    assert [m["id"] for m in found["data"]] == [a["id"]]

    renamed = ok_json(alice.put(f"{API}/models/{a['id']}", json={"name": "alpha2"}))
    assert renamed["snapshot"] > a["snapshot"] and renamed["description"] is None
    history = ok_json(alice.get(f"{API}/models/{a['id']}/snapshots"))
    assert [s["name"] for s in history["data"]] == ["alpha", "alpha2"]

    with unchanged():
        assert_error(
            alice.put(f"{API}/models/{a['id']}", json={"name": "beta"}), 409, "EntityExistsError"
        )
        assert_error(
            alice.post(f"{API}/models/", json={"group": 1, "name": "beta"}),
            409,
            "EntityExistsError",
        )

    tag = create_tag(alice, "prod")
    ok_json(alice.put(f"{API}/models/{b['id']}/tags", json={"ids": [tag["id"]]}))
    assert (
        ok_json(alice.get(f"{API}/models/", params={"search": "tag:prod"}))["totalNumResults"] == 1
    )

    assert ok_json(alice.delete(f"{API}/models/{b['id']}")) == {"status": "Success"}
    assert_error(alice.get(f"{API}/models/{b['id']}"), 404, "EntityDoesNotExistError")
    assert_error(alice.delete(f"{API}/models/{b['id']}"), 404, "EntityDoesNotExistError")
    assert create_model(alice, "beta")["name"] == "beta"  # the name is free again


def test_drafts(alice: TestClient) -> None:
    draft = ok_json(alice.post(f"{API}/models/drafts/", json={"group": 1, "name": "wip"}))
    assert draft["resourceType"] == "ml_model" and draft["payload"]["name"] == "wip"
    committed = ok_json(alice.post(f"{API}/workflows/draftCommit/{draft['id']}"))
    model = ok_json(alice.get(f"{API}/models/{committed['id'][-1]}"))
    assert model["name"] == "wip"
