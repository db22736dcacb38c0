"""/tags, /health, the OpenAPI document and generic error handling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api_testing import API, assert_error, create_queue, create_tag
from fastapi.testclient import TestClient

TAG_KEYS = {"id", "group", "user", "createdOn", "lastModifiedOn", "name"}


def test_tag_crud(alice: TestClient) -> None:
    tag = create_tag(alice, "fast")
    assert set(tag) == TAG_KEYS
    assert tag["id"] == 1
    assert tag["user"] == {"id": 1, "username": "alice", "url": "/api/v1/users/1"}
    assert alice.get(f"{API}/tags/{tag['id']}").json() == tag

    renamed = alice.put(f"{API}/tags/{tag['id']}", json={"name": "faster"}).json()
    assert renamed["name"] == "faster"
    assert renamed["createdOn"] == tag["createdOn"]
    assert renamed["lastModifiedOn"] > tag["lastModifiedOn"]

    assert alice.delete(f"{API}/tags/{tag['id']}").json() == {"id": [1], "status": "Success"}
    assert_error(
        alice.get(f"{API}/tags/{tag['id']}"),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "tag", "tag_id": 1},
    )


def test_tag_name_rules(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    create_tag(alice, "dup")
    other = create_tag(alice, "other")

    with unchanged():
        clash = alice.post(f"{API}/tags/", json={"group": 1, "name": "dup"})
        rename = alice.put(f"{API}/tags/{other['id']}", json={"name": "dup"})
        bad = alice.post(f"{API}/tags/", json={"group": 1, "name": "bad/tag"})

    for response in (clash, rename):
        assert_error(
            response,
            409,
            "EntityExistsError",
            {
                "entity_type": "tag",
                "existing_id": 1,
                "entity_attributes": {"name": "dup", "group_id": 1},
            },
        )
    assert assert_error(bad, 400, "ResourceNameError")["message"] == (
        "Bad Request - Tag name contained disallowed characters."
    )


def test_tag_list_search_sort_and_links(alice: TestClient) -> None:
    for name in ("beta", "alpha", "gamma"):
        create_tag(alice, name)

    page = alice.get(
        f"{API}/tags/", params={"search": "a", "sortBy": "name", "pageLength": 2}
    ).json()

    assert page["totalNumResults"] == 3
    assert [t["name"] for t in page["data"]] == ["alpha", "beta"]
    rest = "pageLength=2&search=a&sortBy=name&descending=False"
    assert page["first"] == f"/api/v1/tags?index=0&{rest}"
    assert page["next"] == f"/api/v1/tags?index=2&{rest}"
    plain = alice.get(f"{API}/tags/").json()
    assert plain["first"] == "/api/v1/tags?index=0&pageLength=10"
    unsortable = alice.get(f"{API}/tags/", params={"sortBy": "group"})
    assert_error(unsortable, 400, "SortParameterValidationError")


def test_tagged_resources(alice: TestClient) -> None:
    tag = create_tag(alice, "t")
    q1 = create_queue(alice, "q1")
    q2 = create_queue(alice, "q2")
    create_queue(alice, "untagged")
    for queue in (q1, q2):
        alice.post(f"{API}/queues/{queue['id']}/tags", json={"ids": [tag["id"]]})
    alice.delete(f"{API}/queues/{q2['id']}")

    slashless = alice.get(f"{API}/tags/{tag['id']}/resources", follow_redirects=False)
    page = alice.get(f"{API}/tags/{tag['id']}/resources/", params={"resourceType": "queue"}).json()

    assert slashless.status_code == 200
    assert page == {
        "index": 0,
        "isComplete": True,
        "totalNumResults": 1,
        "first": f"/api/v1/tags/{tag['id']}/resources?index=0&pageLength=10",
        "data": [f"/api/v1/queues/{q1['id']}"],
    }
    other_type = alice.get(f"{API}/tags/{tag['id']}/resources/", params={"resourceType": "plugin"})
    assert other_type.json()["data"] == []


def test_deleting_a_tag_detaches_it(alice: TestClient) -> None:
    tag = create_tag(alice, "t")
    queue = create_queue(alice, "q")
    alice.post(f"{API}/queues/{queue['id']}/tags", json={"ids": [tag["id"]]})

    alice.delete(f"{API}/tags/{tag['id']}")

    assert alice.get(f"{API}/queues/{queue['id']}").json()["tags"] == []


# -- health, docs, unknown routes -----------------------------------------------------


def test_health(anon: TestClient) -> None:
    response = anon.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert isinstance(body["version"], str)


def test_openapi_and_docs(anon: TestClient) -> None:
    document = anon.get("/api/v1/openapi.json").json()
    # Also where Dioptra 1.2 serves it.
    assert anon.get("/swagger.json").json() == document
    paths = document["paths"]

    for path in (
        "/api/v1/queues/",
        "/api/v1/queues/{id}",
        "/api/v1/queues/{id}/snapshots/{snapshotId}",
        "/api/v1/queues/{id}/tags/{tagId}",
        "/api/v1/queues/drafts/{draftId}",
        "/api/v1/queues/{id}/draft",
        "/api/v1/workflows/draftCommit/{id}",
        "/api/v1/tags/{id}/resources/",
        "/api/v1/users/current/tokens",
        "/api/v1/groups/{id}/members/{userId}",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/queues/{id}"]) == {"get", "put", "delete"}
    assert anon.get("/api/docs").status_code == 200


def test_unknown_route_and_method(alice: TestClient) -> None:
    missing = alice.get(f"{API}/nothing/here")
    wrong_method = alice.patch(f"{API}/queues/")

    assert_error(missing, 404, "NotFound")
    assert_error(wrong_method, 405, "MethodNotAllowed")
