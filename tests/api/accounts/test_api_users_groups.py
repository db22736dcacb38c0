"""Users, groups and group isolation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api_testing import API, assert_error, create_queue, create_tag, login, register
from fastapi.testclient import TestClient

CURRENT_USER_KEYS = {
    "username",
    "email",
    "id",
    "groups",
    "createdOn",
    "lastModifiedOn",
    "lastLoginOn",
    "passwordExpiresOn",
}


def test_first_registration_creates_public_group_and_builtin_types(
    anon: TestClient, engine: Any
) -> None:
    import sqlalchemy as sa

    user = register(anon, "first")

    assert set(user) == CURRENT_USER_KEYS
    assert user["id"] == 1
    assert user["groups"] == [{"id": 1, "name": "public", "url": "/api/v1/groups/1"}]
    assert user["lastLoginOn"] is None
    with engine.connect() as connection:
        builtins = connection.execute(
            sa.text(
                "SELECT s.name FROM resources r JOIN resource_snapshots s "
                "ON s.id = r.latest_snapshot_id WHERE r.readonly ORDER BY r.id"
            )
        ).scalars()
        assert list(builtins) == ["any", "string", "integer", "number", "boolean", "null"]


def test_registration_conflicts_and_mismatch(
    anon: TestClient, unchanged: Callable[[], Any]
) -> None:
    register(anon, "carol")

    def attempt(**overrides: str) -> Any:
        body = {
            "username": "dave",
            "email": "dave@example.org",
            "password": "pw",
            "confirmPassword": "pw",
        }
        return anon.post(f"{API}/users/", json={**body, **overrides})

    with unchanged():
        same_name = attempt(username="carol")
        same_email = attempt(email="carol@example.org")
        mismatch = attempt(confirmPassword="other")

    assert_error(
        same_name,
        409,
        "EntityExistsError",
        {"entity_type": "user", "existing_id": 1, "entity_attributes": {"username": "carol"}},
    )
    assert_error(same_email, 409, "EntityExistsError")
    assert same_email.json()["detail"]["entity_attributes"] == {
        "email_address": "carol@example.org"
    }
    assert_error(mismatch, 400, "QueryParameterValidationError")


def test_user_list_get_and_search(alice: TestClient, bob: TestClient) -> None:
    page = alice.get(f"{API}/users/", params={"pageLength": 1}).json()

    assert page["totalNumResults"] == 2
    assert page["first"] == "/api/v1/users?index=0&pageLength=1"
    assert page["next"] == "/api/v1/users?index=1&pageLength=1"
    assert page["data"] == [{"username": "alice", "email": "alice@example.org", "id": 1}]
    found = alice.get(f"{API}/users/", params={"search": "email:bob@*"}).json()
    assert [u["username"] for u in found["data"]] == ["bob"]
    assert alice.get(f"{API}/users/2").json() == {
        "username": "bob",
        "email": "bob@example.org",
        "id": 2,
    }
    assert_error(alice.get(f"{API}/users/99"), 404, "EntityDoesNotExistError")


def test_modify_current_user(alice: TestClient, bob: TestClient) -> None:
    changed = alice.put(
        f"{API}/users/current", json={"username": "alicia", "email": "alicia@example.org"}
    )
    assert changed.status_code == 200
    assert changed.json()["username"] == "alicia"
    assert set(changed.json()) == CURRENT_USER_KEYS

    clash = alice.put(f"{API}/users/current", json={"username": "bob", "email": "x@example.org"})
    assert_error(clash, 409, "EntityExistsError")


def test_password_change_rules_and_effect(
    new_client: Callable[[], TestClient], unchanged: Callable[[], Any]
) -> None:
    client = new_client()
    register(client, "carol")
    login(client, "carol")
    url = f"{API}/users/current/password"

    def change(old: str, new: str, confirm: str) -> Any:
        return client.post(
            url, json={"oldPassword": old, "newPassword": new, "confirmNewPassword": confirm}
        )

    with unchanged():
        wrong_old = change("nope", "pw2", "pw2")
        mismatch = change("pw", "pw2", "pw3")
        same = change("pw", "pw", "pw")
    assert assert_error(wrong_old, 403, "UserPasswordChangeError")["message"] == (
        "Forbidden - Invalid Current Password."
    )
    assert_error(mismatch, 403, "UserPasswordChangeError")
    assert_error(same, 403, "UserPasswordChangeError")

    done = change("pw", "pw2", "pw2")
    assert done.json() == {"status": "Password Change Success"}
    # Every session ends; the new password works, the old one does not.
    assert client.get(f"{API}/users/current").status_code == 401
    old = client.post(f"{API}/auth/login", json={"username": "carol", "password": "pw"})
    assert old.status_code == 401
    login(client, "carol", "pw2")


def test_delete_current_user(alice: TestClient, anon: TestClient) -> None:
    register(anon, "carol")
    login(anon, "carol")

    wrong = anon.request("DELETE", f"{API}/users/current", json={"password": "bad"})
    assert_error(wrong, 401, "UserPasswordError")
    gone = anon.request("DELETE", f"{API}/users/current", json={"password": "pw"})

    assert gone.json() == {"id": [2], "status": "Success"}
    assert anon.get(f"{API}/users/current").status_code == 401
    relogin = anon.post(f"{API}/auth/login", json={"username": "carol", "password": "pw"})
    assert relogin.status_code == 401
    assert alice.get(f"{API}/users/", params={"search": "carol"}).json()["data"] == []


# -- groups ---------------------------------------------------------------------------


def test_group_list_and_get(alice: TestClient, bob: TestClient) -> None:
    page = alice.get(f"{API}/groups/").json()

    assert page["first"] == "/api/v1/groups?index=0&pageLength=10"
    assert page["totalNumResults"] == 1
    public = page["data"][0]
    assert list(public) == ["name", "id", "user", "members", "createdOn", "lastModifiedOn"]
    assert public["user"] == {"id": 1, "username": "alice", "url": "/api/v1/users/1"}
    owner, member = public["members"]
    assert owner["permissions"] == {
        "read": True,
        "write": True,
        "shareRead": True,
        "shareWrite": True,
        "owner": True,
        "admin": True,
    }
    assert member["user"]["username"] == "bob"
    assert member["group"] == {"id": 1, "name": "public", "url": "/api/v1/groups/1"}
    assert member["permissions"]["write"] is True
    assert member["permissions"]["admin"] is False
    assert alice.get(f"{API}/groups/1").json() == public


def test_create_group_and_manage_members(alice: TestClient, bob: TestClient) -> None:
    created = alice.post(f"{API}/groups/", json={"name": "lab"})
    assert created.status_code == 200, created.text
    lab = created.json()
    assert lab["name"] == "lab"
    assert [m["user"]["username"] for m in lab["members"]] == ["alice"]
    assert_error(alice.post(f"{API}/groups/", json={"name": "lab"}), 409, "EntityExistsError")
    assert_error(alice.post(f"{API}/groups/", json={"name": "a/b"}), 400, "ResourceNameError")

    # Bob cannot see the group yet, nor manage it.
    assert_error(bob.get(f"{API}/groups/{lab['id']}"), 404, "EntityDoesNotExistError")
    added = alice.post(
        f"{API}/groups/{lab['id']}/members", json={"user": 2, "read": True, "write": False}
    )
    assert added.status_code == 200, added.text
    assert added.json()["permissions"]["write"] is False
    assert bob.get(f"{API}/groups/{lab['id']}").status_code == 200
    members = alice.get(f"{API}/groups/{lab['id']}/members").json()
    assert [m["user"]["username"] for m in members] == ["alice", "bob"]

    # A reader cannot write into the group, nor manage members.
    assert_error(
        bob.post(f"{API}/queues/", json={"group": lab["id"], "name": "q"}),
        403,
        "GroupPermissionError",
    )
    assert_error(
        bob.post(f"{API}/groups/{lab['id']}/members", json={"user": 2, "write": True}),
        403,
        "GroupPermissionError",
    )
    assert_error(alice.delete(f"{API}/groups/{lab['id']}/members/1"), 403, "GroupOwnerError")
    removed = alice.delete(f"{API}/groups/{lab['id']}/members/2")
    assert removed.json() == {"id": [2], "status": "Success"}
    assert_error(bob.get(f"{API}/groups/{lab['id']}"), 404, "EntityDoesNotExistError")


def test_group_isolation(alice: TestClient, bob: TestClient, unchanged: Callable[[], Any]) -> None:
    lab = alice.post(f"{API}/groups/", json={"name": "lab"}).json()
    private = create_queue(alice, "secret", group=lab["id"])
    tag = create_tag(alice, "private-tag", group=lab["id"])
    create_queue(alice, "open")

    listed = bob.get(f"{API}/queues/").json()
    assert [q["name"] for q in listed["data"]] == ["open"]
    assert alice.get(f"{API}/queues/").json()["totalNumResults"] == 2
    with unchanged():
        responses = [
            bob.get(f"{API}/queues/{private['id']}"),
            bob.put(f"{API}/queues/{private['id']}", json={"name": "mine"}),
            bob.delete(f"{API}/queues/{private['id']}"),
            bob.get(f"{API}/queues/{private['id']}/snapshots"),
            bob.post(f"{API}/queues/{private['id']}/draft", json={"name": "x"}),
            bob.get(f"{API}/queues/{private['id']}/tags"),
            bob.get(f"{API}/tags/{tag['id']}"),
            bob.post(f"{API}/queues/", json={"group": lab["id"], "name": "intrude"}),
            bob.get(f"{API}/queues/", params={"groupId": lab["id"]}),
        ]
    for response in responses:
        assert response.status_code == 404, response.text
    assert [t["name"] for t in bob.get(f"{API}/tags/").json()["data"]] == []
    # Bob cannot put alice's private tag on a public queue either.
    open_queue = bob.get(f"{API}/queues/").json()["data"][0]
    assert (
        bob.post(f"{API}/queues/{open_queue['id']}/tags", json={"ids": [tag["id"]]}).status_code
        == 404
    )


def test_an_admin_cannot_demote_or_remove_the_owner(
    alice: TestClient, bob: TestClient, unchanged: Callable[[], Any]
) -> None:
    lab = alice.post(f"{API}/groups/", json={"name": "lab"}).json()
    members = f"{API}/groups/{lab['id']}/members"
    made_admin = alice.post(members, json={"user": 2, "write": True, "admin": True})
    assert made_admin.status_code == 200, made_admin.text

    with unchanged():
        demoted = bob.post(members, json={"user": 1, "read": True, "write": True})
        read_only = bob.post(members, json={"user": 1, "admin": True})
        removed = bob.delete(f"{members}/1")
        self_demoted = alice.post(members, json={"user": 1, "write": True})

    for refused in (demoted, read_only, removed, self_demoted):
        body = assert_error(refused, 403, "GroupOwnerError", {"user_id": 1, "group_id": lab["id"]})
        assert "owns group" in body["message"]
    owner = alice.get(members).json()[0]
    assert owner["user"]["username"] == "alice"
    assert owner["permissions"]["owner"] is True
    assert owner["permissions"]["admin"] is True
    # The owner's sharing flags may change; the other admin still manages other members.
    kept = bob.post(members, json={"user": 1, "write": True, "admin": True, "shareRead": True})
    assert kept.status_code == 200, kept.text
    assert bob.post(members, json={"user": 2, "write": True}).status_code == 200
