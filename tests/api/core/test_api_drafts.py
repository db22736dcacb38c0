"""Drafts of queues: new-resource drafts, modification drafts, commit and conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api_testing import API, assert_error, create_queue
from fastapi.testclient import TestClient

DRAFT_KEYS = {
    "id",
    "group",
    "user",
    "payload",
    "createdOn",
    "lastModifiedOn",
    "resourceType",
    "resource",
    "resourceSnapshot",
    "metadata",
}


def test_new_draft_lifecycle(alice: TestClient) -> None:
    created = alice.post(
        f"{API}/queues/drafts/", json={"group": 1, "name": "later", "description": "wip"}
    )
    assert created.status_code == 200, created.text
    draft = created.json()
    assert set(draft) == DRAFT_KEYS
    assert draft["payload"] == {"name": "later", "description": "wip"}
    assert draft["resourceType"] == "queue"
    assert draft["resource"] is None
    assert draft["resourceSnapshot"] is None
    assert draft["metadata"] == {}
    assert draft["group"] == {"id": 1, "name": "public", "url": "/api/v1/groups/1"}

    listed = alice.get(f"{API}/queues/drafts/").json()
    assert listed["first"] == "/api/v1/queues/drafts?index=0&pageLength=10&draft_type=all"
    assert [d["id"] for d in listed["data"]] == [draft["id"]]

    modified = alice.put(f"{API}/queues/drafts/{draft['id']}", json={"name": "later2"}).json()
    assert modified["payload"] == {"name": "later2", "description": None}
    assert alice.get(f"{API}/queues/drafts/{draft['id']}").json() == modified

    committed = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")
    assert committed.status_code == 200, committed.text
    queue_id = committed.json()["id"][0]
    assert committed.json() == {"id": [queue_id], "status": "Success"}
    queue = alice.get(f"{API}/queues/{queue_id}").json()
    assert queue["name"] == "later2"
    assert_error(alice.get(f"{API}/queues/drafts/{draft['id']}"), 404, "DraftDoesNotExistError")


def test_new_draft_validates_like_create(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    with unchanged():
        bad_name = alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "a/b"})
        no_group = alice.post(f"{API}/queues/drafts/", json={"name": "x"})
        group_in_put = alice.put(f"{API}/queues/drafts/1", json={"group": 1, "name": "x"})

    assert_error(bad_name, 400, "ResourceNameError")
    assert no_group.json() == {"errors": {"group": ["Missing data for required field."]}}
    assert group_in_put.json() == {"errors": {"group": ["Unknown field."]}}


def test_delete_new_draft(alice: TestClient) -> None:
    draft = alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "x"}).json()

    response = alice.delete(f"{API}/queues/drafts/{draft['id']}")

    assert response.json() == {"id": [draft["id"]], "status": "Success"}
    assert alice.get(f"{API}/queues/drafts/").json()["totalNumResults"] == 0


def test_failed_commit_keeps_the_draft(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    create_queue(alice, "taken")
    draft = alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "taken"}).json()

    with unchanged():
        response = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")

    assert_error(response, 409, "EntityExistsError")
    assert alice.get(f"{API}/queues/drafts/{draft['id']}").status_code == 200


def test_modification_draft_lifecycle(alice: TestClient) -> None:
    queue = create_queue(alice, "base")
    qid = queue["id"]
    assert_error(alice.get(f"{API}/queues/{qid}/draft"), 404, "DraftDoesNotExistError")

    draft = alice.post(f"{API}/queues/{qid}/draft", json={"name": "base2", "description": "m"})
    assert draft.status_code == 200, draft.text
    body = draft.json()
    assert body["resource"] == qid
    assert body["resourceSnapshot"] == queue["snapshot"]
    assert body["metadata"] == {"num_other_drafts": 0}
    assert body["payload"] == {"name": "base2", "description": "m"}
    assert alice.get(f"{API}/queues/{qid}").json()["hasDraft"] is True
    listed = alice.get(f"{API}/queues/", params={"search": "base"}).json()
    assert listed["data"][0]["hasDraft"] is True
    assert_error(
        alice.post(f"{API}/queues/{qid}/draft", json={"name": "again"}),
        400,
        "DraftAlreadyExistsError",
    )
    existing = alice.get(f"{API}/queues/drafts/", params={"draftType": "existing"}).json()
    assert [d["id"] for d in existing["data"]] == [body["id"]]
    assert existing["data"][0]["metadata"] == {}
    assert alice.get(f"{API}/queues/drafts/", params={"draftType": "new"}).json()["data"] == []

    updated = alice.put(
        f"{API}/queues/{qid}/draft",
        json={"resourceSnapshot": queue["snapshot"], "resourceData": {"name": "base3"}},
    ).json()
    assert updated["payload"] == {"name": "base3", "description": None}

    committed = alice.post(f"{API}/workflows/draftCommit/{body['id']}")
    assert committed.json() == {"id": [qid], "status": "Success"}
    after = alice.get(f"{API}/queues/{qid}").json()
    assert after["name"] == "base3"
    assert after["snapshot"] == queue["snapshot"] + 1
    assert after["hasDraft"] is False


def test_modification_draft_put_rules(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    queue = create_queue(alice, "q")
    other = create_queue(alice, "other")
    qid = queue["id"]
    alice.put(f"{API}/queues/{qid}", json={"name": "q"})
    alice.post(f"{API}/queues/{qid}/draft", json={"name": "q-draft"})
    current = alice.get(f"{API}/queues/{qid}").json()["snapshot"]
    # A snapshot newer than the draft's base, but of another queue.
    foreign_snapshot = alice.put(f"{API}/queues/{other['id']}", json={"name": "o"}).json()

    with unchanged():
        older = alice.put(
            f"{API}/queues/{qid}/draft",
            json={"resourceSnapshot": queue["snapshot"], "resourceData": {"name": "x"}},
        )
        unknown = alice.put(
            f"{API}/queues/{qid}/draft",
            json={"resourceSnapshot": 999, "resourceData": {"name": "x"}},
        )
        foreign = alice.put(
            f"{API}/queues/{qid}/draft",
            json={"resourceSnapshot": foreign_snapshot["snapshot"], "resourceData": {"name": "x"}},
        )
        flat = alice.put(f"{API}/queues/{qid}/draft", json={"name": "x"})

    assert_error(
        older,
        400,
        "InvalidDraftBaseResourceSnapshotError",
        {"base_resource_snapshot_id": current, "provided_resource_snapshot_id": queue["snapshot"]},
    )
    assert_error(
        unknown,
        404,
        "EntityDoesNotExistError",
        {"entity_type": "resource", "resource_snapshot_id": 999},
    )
    assert_error(foreign, 400, "DraftSnapshotIdInvalidError")
    assert flat.status_code == 400
    assert flat.json()["errors"]["name"] == ["Unknown field."]


def test_commit_conflict_when_the_resource_moved_on(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    queue = create_queue(alice, "q")
    qid = queue["id"]
    draft = alice.post(f"{API}/queues/{qid}/draft", json={"name": "from-draft"}).json()
    moved = alice.put(f"{API}/queues/{qid}", json={"name": "moved"}).json()

    with unchanged():
        response = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")

    body = assert_error(response, 400, "DraftResourceModificationsCommitError")
    detail = body["detail"]
    assert detail["reason"] == "The queue has been modified since this draft was created."
    assert detail["draft"] == {"name": "from-draft", "description": None}
    assert detail["base_snapshot_id"] == queue["snapshot"]
    assert detail["curr_snapshot_id"] == moved["snapshot"]
    assert detail["base_snapshot"]["name"] == "q"
    assert detail["base_snapshot"]["latestSnapshot"] is False
    assert detail["curr_snapshot"]["name"] == "moved"
    assert "hasDraft" not in detail["curr_snapshot"]

    # Rebasing the draft onto the current snapshot resolves the conflict.
    alice.put(
        f"{API}/queues/{qid}/draft",
        json={"resourceSnapshot": moved["snapshot"], "resourceData": {"name": "rebased"}},
    )
    assert alice.post(f"{API}/workflows/draftCommit/{draft['id']}").status_code == 200
    assert alice.get(f"{API}/queues/{qid}").json()["name"] == "rebased"


def test_drafts_are_private_to_their_author(alice: TestClient, bob: TestClient) -> None:
    queue = create_queue(alice, "shared")
    mine = alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "mine"}).json()
    alice.post(f"{API}/queues/{queue['id']}/draft", json={"name": "alice-edit"})

    assert bob.get(f"{API}/queues/drafts/").json()["totalNumResults"] == 0
    assert_error(bob.get(f"{API}/queues/drafts/{mine['id']}"), 404, "DraftDoesNotExistError")
    commit = bob.post(f"{API}/workflows/draftCommit/{mine['id']}")
    assert_error(commit, 404, "DraftDoesNotExistError")
    assert bob.get(f"{API}/queues/{queue['id']}").json()["hasDraft"] is False
    bobs = bob.post(f"{API}/queues/{queue['id']}/draft", json={"name": "bob-edit"}).json()
    assert bobs["metadata"] == {"num_other_drafts": 1}


def test_delete_modification_draft(alice: TestClient) -> None:
    queue = create_queue(alice, "q")
    draft = alice.post(f"{API}/queues/{queue['id']}/draft", json={"name": "x"}).json()

    response = alice.delete(f"{API}/queues/{queue['id']}/draft")

    assert response.json() == {"id": [draft["id"]], "status": "Success"}
    assert_error(alice.delete(f"{API}/queues/{queue['id']}/draft"), 404, "DraftDoesNotExistError")


def test_draft_type_is_validated(alice: TestClient) -> None:
    response = alice.get(f"{API}/queues/drafts/", params={"draftType": "bogus"})

    assert response.status_code == 400
    assert response.json() == {"errors": {"draftType": ["Must be one of: all, existing, new."]}}


def test_draft_list_links_carry_group(alice: TestClient) -> None:
    alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "x"})

    page = alice.get(f"{API}/queues/drafts/", params={"groupId": 1, "draftType": "new"}).json()

    assert page["first"] == "/api/v1/queues/drafts?index=0&pageLength=10&groupId=1&draft_type=new"
    assert page["totalNumResults"] == 1
