"""Queues: the standard snapshotted family, end to end over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error, create_queue, create_tag
from fastapi.testclient import TestClient

from dioptra.server.db.tables import Resource

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


def test_create_returns_the_full_queue(alice: TestClient) -> None:
    queue = create_queue(alice, "training", description="GPU jobs")

    assert set(queue) == ENVELOPE_KEYS | {"name", "description"}
    assert queue["id"] == 7  # after the six builtin parameter types
    assert queue["snapshot"] == 7
    assert queue["group"] == {"id": 1, "name": "public", "url": "/api/v1/groups/1"}
    assert queue["user"] == {"id": 1, "username": "alice", "url": "/api/v1/users/1"}
    assert queue["name"] == "training"
    assert queue["description"] == "GPU jobs"
    assert queue["latestSnapshot"] is True
    assert queue["hasDraft"] is False
    assert queue["deleted"] is False
    assert queue["tags"] == []
    assert queue["createdOn"].endswith("+00:00")
    assert queue["lastModifiedOn"] == queue["snapshotCreatedOn"]


def test_get_by_id(alice: TestClient) -> None:
    created = create_queue(alice, "q")

    response = alice.get(f"{API}/queues/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created


def test_get_unknown_queue_is_404(alice: TestClient) -> None:
    body = assert_error(alice.get(f"{API}/queues/999"), 404, "EntityDoesNotExistError")
    assert body["detail"] == {"entity_type": "queue", "resource_id": 999}
    assert body["message"].startswith("Not Found - Failed to locate Queue")
    assert body["originating_path"] == "/api/v1/queues/999?"


def test_slashless_collection_answers_without_a_redirect(alice: TestClient) -> None:
    created = alice.post(f"{API}/queues", json={"group": 1, "name": "q"}, follow_redirects=False)
    listed = alice.get(f"{API}/queues?index=0", follow_redirects=False)
    refused = alice.put(f"{API}/queues", json={}, follow_redirects=False)

    assert created.status_code == 200
    assert created.json()["name"] == "q"
    assert listed.status_code == 200
    assert listed.json() == alice.get(f"{API}/queues/?index=0").json()
    # The same answer as the declared form, errors included.
    assert refused.status_code == 405
    assert refused.json() == alice.put(f"{API}/queues/", json={}).json()


def test_modify_creates_a_new_snapshot(alice: TestClient) -> None:
    queue = create_queue(alice, "q1", description="first")

    response = alice.put(f"{API}/queues/{queue['id']}", json={"name": "q2"})

    assert response.status_code == 200
    modified = response.json()
    assert modified["id"] == queue["id"]
    assert modified["snapshot"] == queue["snapshot"] + 1
    assert modified["name"] == "q2"
    assert modified["description"] is None  # PUT replaces the content
    assert modified["createdOn"] == queue["createdOn"]
    assert modified["lastModifiedOn"] == modified["snapshotCreatedOn"] > queue["createdOn"]


def test_snapshots_list_every_version_oldest_first(alice: TestClient) -> None:
    queue = create_queue(alice, "v1")
    alice.put(f"{API}/queues/{queue['id']}", json={"name": "v2"})
    latest = alice.put(f"{API}/queues/{queue['id']}", json={"name": "v3"}).json()

    page = alice.get(f"{API}/queues/{queue['id']}/snapshots").json()

    assert page["totalNumResults"] == 3
    assert page["first"] == f"/api/v1/queues/{queue['id']}/snapshots?index=0&pageLength=10"
    assert [item["name"] for item in page["data"]] == ["v1", "v2", "v3"]
    assert [item["latestSnapshot"] for item in page["data"]] == [False, False, True]
    for item in page["data"]:
        assert "hasDraft" not in item
        assert item["lastModifiedOn"] == latest["lastModifiedOn"]
    first = page["data"][0]["snapshot"]
    one = alice.get(f"{API}/queues/{queue['id']}/snapshots/{first}")
    assert one.status_code == 200
    assert one.json() == page["data"][0]


def test_snapshot_of_another_resource_is_404(alice: TestClient) -> None:
    q1 = create_queue(alice, "a")
    q2 = create_queue(alice, "b")

    response = alice.get(f"{API}/queues/{q1['id']}/snapshots/{q2['snapshot']}")

    assert_error(
        response, 404, "EntityDoesNotExistError", {"entity_type": "queue", "snapshot_id": 8}
    )


def test_snapshot_list_search_and_paging(alice: TestClient) -> None:
    queue = create_queue(alice, "alpha")
    for name in ("beta", "alpha2", "gamma"):
        alice.put(f"{API}/queues/{queue['id']}", json={"name": name})

    page = alice.get(
        f"{API}/queues/{queue['id']}/snapshots", params={"search": "alpha", "pageLength": 1}
    ).json()

    assert page["totalNumResults"] == 2
    base = f"/api/v1/queues/{queue['id']}/snapshots"
    assert page["next"] == f"{base}?index=1&pageLength=1&search=alpha"
    assert page["data"][0]["name"] == "alpha"


# -- lists: paging envelope, links, sort, search ---------------------------------------


@pytest.fixture
def twelve_queues(alice: TestClient) -> list[dict[str, Any]]:
    return [create_queue(alice, f"queue-{n:02d}", description=f"d{n % 3}") for n in range(12)]


def test_list_pages_with_exact_links(
    alice: TestClient, twelve_queues: list[dict[str, Any]]
) -> None:
    first = alice.get(f"{API}/queues/", params={"pageLength": 5}).json()
    middle = alice.get(f"{API}/queues/", params={"index": 5, "pageLength": 5}).json()
    last = alice.get(f"{API}/queues/", params={"index": 10, "pageLength": 5}).json()

    assert list(first) == ["index", "isComplete", "totalNumResults", "first", "next", "data"]
    assert first["index"] == 0
    assert first["isComplete"] is False
    assert first["totalNumResults"] == 12
    assert first["first"] == "/api/v1/queues?index=0&pageLength=5&showDeleted=False"
    assert first["next"] == "/api/v1/queues?index=5&pageLength=5&showDeleted=False"
    assert [q["name"] for q in first["data"]] == [f"queue-{n:02d}" for n in range(5)]

    assert middle["prev"] == "/api/v1/queues?index=0&pageLength=5&showDeleted=False"
    assert middle["next"] == "/api/v1/queues?index=10&pageLength=5&showDeleted=False"
    assert [q["id"] for q in middle["data"]] == [q["id"] for q in twelve_queues[5:10]]

    assert list(last) == ["index", "isComplete", "totalNumResults", "first", "prev", "data"]
    assert last["isComplete"] is True
    assert last["prev"] == "/api/v1/queues?index=5&pageLength=5&showDeleted=False"
    assert len(last["data"]) == 2


def test_links_carry_group_search_sort_and_show_deleted(
    alice: TestClient, twelve_queues: list[dict[str, Any]]
) -> None:
    page = alice.get(
        f"{API}/queues/",
        params={
            "index": 2,
            "pageLength": 1,
            "groupId": 1,
            "search": "name:queue-0*",
            "sortBy": "name",
            "descending": "true",
            "showDeleted": "false",
        },
    ).json()

    common = "pageLength=1&groupId=1&search=name%3Aqueue-0%2A&sortBy=name&descending=True"
    assert page["first"] == f"/api/v1/queues?index=0&{common}&showDeleted=False"
    assert page["prev"] == f"/api/v1/queues?index=1&{common}&showDeleted=False"
    assert page["next"] == f"/api/v1/queues?index=3&{common}&showDeleted=False"
    assert page["totalNumResults"] == 10
    assert page["data"][0]["name"] == "queue-07"


def test_index_past_the_end_gives_an_empty_page(
    alice: TestClient, twelve_queues: list[dict[str, Any]]
) -> None:
    page = alice.get(f"{API}/queues/", params={"index": 40}).json()

    assert page["data"] == []
    assert page["totalNumResults"] == 12
    assert page["isComplete"] is True
    assert page["prev"] == "/api/v1/queues?index=30&pageLength=10&showDeleted=False"


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"pageLength": 0}, {"pageLength": ["Must be greater than or equal to 1."]}),
        ({"index": -1}, {"index": ["Must be greater than or equal to 0."]}),
        ({"pageLength": 1001}, {"pageLength": ["Must be <= 1000"]}),
    ],
)
def test_paging_parameters_are_validated(
    alice: TestClient, params: dict[str, int], errors: dict[str, list[str]]
) -> None:
    response = alice.get(f"{API}/queues/", params=params)

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_unparsable_query_values_are_400(alice: TestClient) -> None:
    response = alice.get(f"{API}/queues/", params={"pageLength": "abc", "descending": "maybe"})

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"pageLength": ["Not a valid integer."], "descending": ["Not a valid boolean."]},
        "message": "Input payload validation failed",
    }


@pytest.mark.parametrize(
    ("sort_by", "descending", "expected"),
    [
        ("name", False, ["a", "b", "c"]),
        ("name", True, ["c", "b", "a"]),
        ("description", False, ["b", "c", "a"]),  # NULL first when ascending
        ("createdOn", True, ["a", "c", "b"]),
        ("lastModifiedOn", False, ["c", "b", "a"]),
    ],
)
def test_sort(alice: TestClient, sort_by: str, descending: bool, expected: list[str]) -> None:
    b = create_queue(alice, "b")
    create_queue(alice, "c", description="x")
    a = create_queue(alice, "a", description="y")
    alice.put(f"{API}/queues/{b['id']}", json={"name": "b"})
    alice.put(f"{API}/queues/{a['id']}", json={"name": "a", "description": "y"})

    page = alice.get(f"{API}/queues/", params={"sortBy": sort_by, "descending": descending})

    assert [q["name"] for q in page.json()["data"]] == expected


def test_unknown_sort_field_is_400(alice: TestClient) -> None:
    body = assert_error(
        alice.get(f"{API}/queues/", params={"sortBy": "bogus"}), 400, "SortParameterValidationError"
    )
    assert body["message"] == (
        "Bad Request - The sort parameter, bogus, for resource is not sortable."
    )


def test_search_unfielded_fielded_and_tags(alice: TestClient) -> None:
    create_queue(alice, "cpu-small", description="cheap")
    gpu = create_queue(alice, "gpu-large", description="for CPU-bound? no")
    create_queue(alice, "other")
    tag = create_tag(alice, "fast")
    alice.post(f"{API}/queues/{gpu['id']}/tags", json={"ids": [tag["id"]]})

    def names(search: str) -> list[str]:
        response = alice.get(f"{API}/queues/", params={"search": search})
        assert response.status_code == 200, response.text
        return [q["name"] for q in response.json()["data"]]

    assert names("cpu") == ["cpu-small", "gpu-large"]  # name or description, any case
    assert names("name:cpu*") == ["cpu-small"]
    assert names("name:cpu") == []  # fielded terms match the whole value
    assert names("name:?pu-*,description:cheap") == ["cpu-small"]  # terms are AND-ed
    assert names("tag:fast") == ["gpu-large"]
    assert names("fast") == ["gpu-large"]  # unfielded terms look at tags too
    assert names("name:'other'") == ["other"]


def test_search_treats_like_wildcards_literally(alice: TestClient) -> None:
    create_queue(alice, "a_b")
    create_queue(alice, "axb")

    page = alice.get(f"{API}/queues/", params={"search": "name:a_b"}).json()

    assert [q["name"] for q in page["data"]] == ["a_b"]


def test_bad_search_is_422(alice: TestClient) -> None:
    body = assert_error(
        alice.get(f"{API}/queues/", params={"search": "owner:me"}), 422, "SearchParseError"
    )
    assert body["message"] == (
        "Unprocessable Entity - The provided search query could not be parsed."
    )
    assert body["detail"]["query"] == "owner:me"
    assert "owner" in body["detail"]["reason"]


# -- names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bad/name", "   ", "", "tab\there", "new\nline"])
def test_disallowed_names_are_400(
    alice: TestClient, unchanged: Callable[[], Any], name: str
) -> None:
    with unchanged():
        response = alice.post(f"{API}/queues/", json={"group": 1, "name": name})

    body = assert_error(response, 400, "ResourceNameError", {})
    assert body["message"] == "Bad Request - Queue name contained disallowed characters."


def test_names_are_unique_per_group_among_live_queues(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    first = create_queue(alice, "dup")
    other = create_queue(alice, "other")

    with unchanged():
        clash = alice.post(f"{API}/queues/", json={"group": 1, "name": "dup"})
        rename = alice.put(f"{API}/queues/{other['id']}", json={"name": "dup"})

    for response in (clash, rename):
        body = assert_error(response, 409, "EntityExistsError")
        assert body["detail"] == {
            "entity_type": "queue",
            "existing_id": first["id"],
            "entity_attributes": {"name": "dup", "group_id": 1},
        }
    # Renaming to its own name is fine, and a deleted queue frees the name.
    assert alice.put(f"{API}/queues/{first['id']}", json={"name": "dup"}).status_code == 200
    assert alice.delete(f"{API}/queues/{first['id']}").status_code == 200
    assert create_queue(alice, "dup")["id"] != first["id"]


# -- request bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"group": 1}, {"name": ["Missing data for required field."]}),
        ({"group": 1, "name": "x", "extra": 1}, {"extra": ["Unknown field."]}),
        (
            {"group": "abc", "name": 5},
            {"group": ["Not a valid integer."], "name": ["Not a valid string."]},
        ),
    ],
)
def test_invalid_bodies_are_400_and_change_nothing(
    alice: TestClient,
    unchanged: Callable[[], Any],
    body: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    with unchanged():
        response = alice.post(f"{API}/queues/", json=body)

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_malformed_json_is_400(alice: TestClient) -> None:
    response = alice.post(
        f"{API}/queues/", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["message"].startswith("Failed to decode JSON object")


def test_create_in_unknown_group_is_404(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    with unchanged():
        response = alice.post(f"{API}/queues/", json={"group": 999, "name": "q"})

    detail = {"entity_type": "group", "group_id": 999}
    assert_error(response, 404, "EntityDoesNotExistError", detail)


# -- deletion (1.2 behaviour) ---------------------------------------------------------


def test_delete_then_get_shows_deleted_queue(alice: TestClient) -> None:
    queue = create_queue(alice, "gone")

    response = alice.delete(f"{API}/queues/{queue['id']}")

    assert response.status_code == 200
    assert response.json() == {"status": "Success"}
    fetched = alice.get(f"{API}/queues/{queue['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["deleted"] is True
    assert alice.get(f"{API}/queues/").json()["totalNumResults"] == 0
    shown = alice.get(f"{API}/queues/", params={"showDeleted": True}).json()
    assert [q["id"] for q in shown["data"]] == [queue["id"]]
    assert shown["first"] == "/api/v1/queues?index=0&pageLength=10&showDeleted=True"
    # Snapshots stay readable; a second delete is a no-op.
    assert alice.get(f"{API}/queues/{queue['id']}/snapshots").json()["totalNumResults"] == 1
    assert alice.delete(f"{API}/queues/{queue['id']}").json() == {"status": "Success"}


def test_deleted_queue_cannot_be_modified_tagged_or_drafted(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    queue = create_queue(alice, "gone")
    tag = create_tag(alice, "t")
    alice.delete(f"{API}/queues/{queue['id']}")
    qid = queue["id"]

    with unchanged():
        put = alice.put(f"{API}/queues/{qid}", json={"name": "back"})
        tags = alice.post(f"{API}/queues/{qid}/tags", json={"ids": [tag["id"]]})
        draft = alice.post(f"{API}/queues/{qid}/draft", json={"name": "x"})

    assert_error(put, 404, "EntityDoesNotExistError", {"entity_type": "queue", "resource_id": qid})
    assert_error(tags, 404, "EntityDoesNotExistError")
    assert_error(
        draft,
        423,
        "EntityDeletedError",
        {"entity_type": "queue", "existing_id": qid, "resource_id": qid},
    )


def test_delete_unknown_is_404(alice: TestClient) -> None:
    assert_error(alice.delete(f"{API}/queues/999"), 404, "EntityDoesNotExistError")


# -- tags of a queue ------------------------------------------------------------------


def test_queue_tags_append_replace_remove(alice: TestClient) -> None:
    queue = create_queue(alice, "q")
    t1, t2, t3 = (create_tag(alice, name) for name in ("t1", "t2", "t3"))
    base = f"{API}/queues/{queue['id']}/tags"

    appended = alice.post(base, json={"ids": [t1["id"]]}).json()
    appended = alice.post(base, json={"ids": [t1["id"], t2["id"]]}).json()

    assert appended == [
        {"id": t["id"], "name": t["name"], "group": t["group"], "url": f"/api/v1/tags/{t['id']}"}
        for t in (t1, t2)
    ]
    assert alice.get(base).json() == appended
    assert alice.get(f"{API}/queues/{queue['id']}").json()["tags"] == appended
    replaced = alice.put(base, json={"ids": [t3["id"]]}).json()
    assert [t["id"] for t in replaced] == [t3["id"]]
    assert alice.delete(f"{base}/{t3['id']}").json() == {"id": [t3["id"]], "status": "Success"}
    assert_error(alice.delete(f"{base}/{t3['id']}"), 404, "EntityDoesNotExistError")
    alice.put(base, json={"ids": [t1["id"], t2["id"]]})
    assert alice.delete(base).json() == {"id": [t1["id"], t2["id"]], "status": "Success"}
    assert alice.get(base).json() == []


def test_unknown_tag_is_404_and_changes_nothing(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    queue = create_queue(alice, "q")
    tag = create_tag(alice, "t")
    alice.post(f"{API}/queues/{queue['id']}/tags", json={"ids": [tag["id"]]})

    with unchanged():
        response = alice.put(f"{API}/queues/{queue['id']}/tags", json={"ids": [999]})

    assert_error(response, 404, "EntityDoesNotExistError", {"entity_type": "tag", "tag_id": 999})


def test_tag_body_must_list_ids(alice: TestClient) -> None:
    queue = create_queue(alice, "q")

    response = alice.put(f"{API}/queues/{queue['id']}/tags", json={})

    assert response.status_code == 400
    assert response.json() == {"errors": {"ids": ["Missing data for required field."]}}


def test_readonly_queue_cannot_change(
    alice: TestClient, engine: sa.Engine, unchanged: Callable[[], Any]
) -> None:
    queue = create_queue(alice, "locked")
    with engine.begin() as connection:
        connection.execute(
            sa.update(Resource).where(Resource.id == queue["id"]).values(readonly=True)
        )

    with unchanged():
        put = alice.put(f"{API}/queues/{queue['id']}", json={"name": "x"})
        delete = alice.delete(f"{API}/queues/{queue['id']}")

    for response in (put, delete):
        body = assert_error(response, 403, "ReadOnlyLockError", {})
        assert "read-only lock" in body["message"]
