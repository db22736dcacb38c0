"""Plugin parameter types: builtins, structures stored as sent, the 1.2 family."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_tag
from fastapi.testclient import TestClient
from plugin_testing import BUILTIN_IDS, create_type

TYPES = f"{API}/pluginParameterTypes"
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


def test_builtins_are_seeded_in_public(alice: TestClient) -> None:
    page = alice.get(f"{TYPES}/").json()

    assert [(t["id"], t["name"]) for t in page["data"]] == [
        (type_id, name) for name, type_id in BUILTIN_IDS.items()
    ]
    assert all(t["structure"] is None and t["group"]["name"] == "public" for t in page["data"])
    assert page["first"] == "/api/v1/pluginParameterTypes?index=0&pageLength=10&showDeleted=False"


@pytest.mark.parametrize("type_id", sorted(BUILTIN_IDS.values()))
def test_builtins_are_read_only(
    alice: TestClient, unchanged: Callable[[], Any], type_id: int
) -> None:
    with unchanged():
        put = alice.put(f"{TYPES}/{type_id}", json={"name": "mine", "description": "x"})
        same_name = alice.put(f"{TYPES}/{type_id}", json={"name": "string"})
        delete = alice.delete(f"{TYPES}/{type_id}")

    for response in (put, same_name, delete):
        body = assert_error(response, 403, "ReadOnlyLockError", {})
        assert "read-only lock" in body["message"]


def test_create_returns_the_full_type(alice: TestClient) -> None:
    created = create_type(alice, "image", {"list": "number"}, description="pixels")

    assert set(created) == ENVELOPE_KEYS | {"name", "description", "structure"}
    assert created["id"] == 7
    assert created["name"] == "image"
    assert created["description"] == "pixels"
    assert created["structure"] == {"list": "number"}
    assert alice.get(f"{TYPES}/7").json() == created


@pytest.mark.parametrize("name", ["string", " Integer ", "NULL", "any"])
def test_builtin_names_are_refused(
    alice: TestClient, unchanged: Callable[[], Any], name: str
) -> None:
    mine = create_type(alice, "mine")

    with unchanged():
        created = alice.post(f"{TYPES}/", json={"group": 1, "name": name})
        renamed = alice.put(f"{TYPES}/{mine['id']}", json={"name": name})

    for response in (created, renamed):
        body = assert_error(response, 400, "PluginParameterTypeMatchesBuiltinTypeError", {})
        assert body["message"] == (
            "Bad Request - The requested plugin parameter type name matches a built-in type. "
            "Please select another and resubmit."
        )


@pytest.mark.parametrize(
    "structure",
    [
        None,
        {},
        {"is_a": "string"},
        {"list": "integer"},
        {"tuple": []},
        {"tuple": ["string", {"list": "number"}]},
        {"mapping": {"x": "number", "y": "number"}},
        {"mapping": ["string", "any"]},
        {"union": ["string", "null"]},
        {"list": "base"},  # another type of the group
    ],
)
def test_valid_structures_are_stored(alice: TestClient, structure: Any) -> None:
    create_type(alice, "base")

    created = create_type(alice, "thing", structure)

    assert created["structure"] == structure


@pytest.mark.parametrize(
    "structure",
    [
        {"bogus": 1},
        {"list": "nope"},
        {"mapping": ["float", "string"]},
        {"list": "integer", "tuple": []},
        {"is_a": "pair"},
        {"list": None},
        {"union": "string"},
    ],
)
def test_broken_structures_are_stored_as_sent(alice: TestClient, structure: Any) -> None:
    """As in 1.2.2; what uses a broken type reports it (see the entrypoint validation)."""
    create_type(alice, "pair", {"tuple": ["string", "string"]})

    created = create_type(alice, "bad", structure)

    assert created["structure"] == structure
    assert alice.get(f"{TYPES}/{created['id']}").json() == created


def test_structure_must_be_an_object(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    with unchanged():
        response = alice.post(f"{TYPES}/", json={"group": 1, "name": "t", "structure": "list"})

    assert response.status_code == 400
    assert response.json() == {"errors": {"structure": ["Not a valid mapping type."]}}


def test_modify_creates_a_snapshot_and_replaces_the_structure(alice: TestClient) -> None:
    created = create_type(alice, "point", {"tuple": ["number", "number"]})

    modified = alice.put(f"{TYPES}/{created['id']}", json={"name": "point2d"}).json()

    assert modified["snapshot"] == created["snapshot"] + 1
    assert modified["name"] == "point2d"
    assert modified["structure"] is None  # PUT replaces the content
    snapshots = alice.get(f"{TYPES}/{created['id']}/snapshots").json()["data"]
    assert [(s["name"], s["structure"]) for s in snapshots] == [
        ("point", {"tuple": ["number", "number"]}),
        ("point2d", None),
    ]


def test_a_type_is_renamed_whatever_its_structure(alice: TestClient) -> None:
    """1.2.2 renames a type while setting a structure with an unknown key, or a cycle."""
    a = create_type(alice, "a", {"list": "string"})
    create_type(alice, "b", {"list": "a"})

    renamed = alice.put(f"{TYPES}/{a['id']}", json={"name": "a2", "structure": {"key": "value"}})
    cycle = alice.put(f"{TYPES}/{a['id']}", json={"name": "a", "structure": {"list": "b"}})

    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["structure"]) == ("a2", {"key": "value"})
    assert cycle.status_code == 200, cycle.text
    assert alice.get(f"{TYPES}/{a['id']}").json()["structure"] == {"list": "b"}


def test_names_follow_the_rule_and_are_unique(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    existing = create_type(alice, "dup")

    with unchanged():
        bad = alice.post(f"{TYPES}/", json={"group": 1, "name": "bad/name"})
        clash = alice.post(f"{TYPES}/", json={"group": 1, "name": "dup"})

    body = assert_error(bad, 400, "ResourceNameError", {})
    assert "name contained disallowed characters" in body["message"]
    assert_error(
        clash,
        409,
        "EntityExistsError",
        {
            "entity_type": "plugin_task_parameter_type",
            "existing_id": existing["id"],
            "entity_attributes": {"name": "dup", "group_id": 1},
        },
    )


def test_list_sort_search_and_paging(alice: TestClient) -> None:
    create_type(alice, "zeta", description="last")
    create_type(alice, "alpha", description="first")

    def names(**params: Any) -> list[str]:
        response = alice.get(f"{TYPES}/", params={"pageLength": 100, **params})
        assert response.status_code == 200, response.text
        return [t["name"] for t in response.json()["data"]]

    assert names(sortBy="name")[:3] == ["alpha", "any", "boolean"]
    assert names(search="description:first") == ["alpha"]
    assert names(search="ta") == ["zeta"]
    page = alice.get(f"{TYPES}/", params={"index": 6, "pageLength": 1}).json()
    assert page["totalNumResults"] == 8
    assert page["data"][0]["name"] == "zeta"
    assert page["next"] == "/api/v1/pluginParameterTypes?index=7&pageLength=1&showDeleted=False"
    assert_error(
        alice.get(f"{TYPES}/", params={"sortBy": "structure"}), 400, "SortParameterValidationError"
    )


@pytest.mark.parametrize("descending", [False, True])
def test_creation_order_sorts_both_ways(alice: TestClient, descending: bool) -> None:
    """The builtins share one creation instant: descending lists them newest first too."""
    create_type(alice, "first")
    create_type(alice, "second")

    page = alice.get(
        f"{TYPES}/", params={"sortBy": "createdOn", "descending": descending, "pageLength": 20}
    ).json()

    in_creation_order = [*BUILTIN_IDS, "first", "second"]
    expected = in_creation_order[::-1] if descending else in_creation_order
    assert [t["name"] for t in page["data"]] == expected


def test_delete_keeps_the_type_visible_as_deleted(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    created = create_type(alice, "gone")
    type_id = created["id"]

    deleted = alice.delete(f"{TYPES}/{type_id}")

    assert deleted.json() == {"id": [type_id], "status": "Success"}
    fetched = alice.get(f"{TYPES}/{type_id}")
    assert fetched.status_code == 200
    assert fetched.json()["deleted"] is True
    assert "gone" not in [t["name"] for t in alice.get(f"{TYPES}/").json()["data"]]
    shown = alice.get(f"{TYPES}/", params={"showDeleted": True, "search": "gone"}).json()
    assert [t["id"] for t in shown["data"]] == [type_id]
    assert alice.delete(f"{TYPES}/{type_id}").json() == {"id": [type_id], "status": "Success"}
    with unchanged():
        put = alice.put(f"{TYPES}/{type_id}", json={"name": "back"})
    assert_error(
        put,
        423,
        "EntityDeletedError",
        {
            "entity_type": "plugin_task_parameter_type",
            "existing_id": type_id,
            "resource_id": type_id,
        },
    )
    assert create_type(alice, "gone")["id"] != type_id  # the name is free again


def test_drafts_commit_through_the_same_checks(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    good = alice.post(
        f"{TYPES}/drafts/", json={"group": 1, "name": "later", "structure": {"list": "string"}}
    ).json()
    builtin = alice.post(f"{TYPES}/drafts/", json={"group": 1, "name": "String"}).json()

    committed = alice.post(f"{API}/workflows/draftCommit/{good['id']}")
    with unchanged():
        refused = alice.post(f"{API}/workflows/draftCommit/{builtin['id']}")

    assert committed.status_code == 200, committed.text
    created = alice.get(f"{TYPES}/{committed.json()['id'][0]}").json()
    assert (created["name"], created["structure"]) == ("later", {"list": "string"})
    assert_error(refused, 400, "PluginParameterTypeMatchesBuiltinTypeError")


def test_modification_draft_and_tags(alice: TestClient) -> None:
    created = create_type(alice, "t1")
    tag = create_tag(alice, "shapes")

    draft = alice.post(f"{TYPES}/{created['id']}/draft", json={"name": "t2"}).json()
    tags = alice.post(f"{TYPES}/{created['id']}/tags", json={"ids": [tag["id"]]}).json()
    committed = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")

    assert draft["resource"] == created["id"]
    assert [t["name"] for t in tags] == ["shapes"]
    assert committed.status_code == 200, committed.text
    latest = alice.get(f"{TYPES}/{created['id']}").json()
    assert latest["name"] == "t2"
    assert [t["name"] for t in latest["tags"]] == ["shapes"]
    assert [
        t["name"] for t in alice.get(f"{TYPES}/", params={"search": "tag:shapes"}).json()["data"]
    ] == ["t2"]


def test_types_of_other_groups_are_invisible(
    alice: TestClient, bob: TestClient, unchanged: Callable[[], Any]
) -> None:
    lab = alice.post(f"{API}/groups/", json={"name": "lab"}).json()
    secret = create_type(alice, "secret", group=lab["id"])

    with unchanged():
        get = bob.get(f"{TYPES}/{secret['id']}")
        put = bob.put(f"{TYPES}/{secret['id']}", json={"name": "x"})
        create = bob.post(f"{TYPES}/", json={"group": lab["id"], "name": "intruder"})

    assert_error(get, 404, "EntityDoesNotExistError")
    assert_error(put, 404, "EntityDoesNotExistError")
    assert_error(
        create, 404, "EntityDoesNotExistError", {"entity_type": "group", "group_id": lab["id"]}
    )
    assert "secret" not in [t["name"] for t in bob.get(f"{TYPES}/").json()["data"]]
    # The same name in another group is no clash.
    assert create_type(alice, "secret")["group"]["id"] == 1
