"""Login, logout, sessions, personal API tokens and the Origin check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_queue, login, register
from entrypoint_testing import ok_json
from fastapi.testclient import TestClient
from jobs_testing import claim, make_world, submit


@pytest.mark.parametrize(
    "path", ["/queues/", "/users/", "/users/current", "/groups/", "/tags/", "/queues/drafts/"]
)
def test_everything_but_login_and_registration_needs_a_session(anon: TestClient, path: str) -> None:
    body = assert_error(anon.get(f"{API}{path}"), 401, "NoCurrentUserError", {})
    assert body["message"] == "Unauthorized - There is no currently logged-in user."


def test_login_sets_an_httponly_lax_session_cookie(anon: TestClient) -> None:
    register(anon, "carol")

    response = anon.post(f"{API}/auth/login", json={"username": "carol", "password": "pw"})

    assert response.status_code == 200
    assert response.json() == {"username": "carol", "status": "Login successful"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
    assert anon.get(f"{API}/users/current").json()["username"] == "carol"
    assert anon.get(f"{API}/users/current").json()["lastLoginOn"] is not None


@pytest.mark.parametrize(
    ("username", "password"), [("carol", "wrong"), ("nobody", "pw")], ids=["password", "user"]
)
def test_bad_credentials_are_401_alike(anon: TestClient, username: str, password: str) -> None:
    register(anon, "carol")

    response = anon.post(f"{API}/auth/login", json={"username": username, "password": password})

    body = assert_error(response, 401, "UserAuthenticationError", {})
    assert body["message"] == "Unauthorized - Invalid username or password."
    assert "set-cookie" not in response.headers


def test_login_body_is_validated(anon: TestClient) -> None:
    empty = anon.post(f"{API}/auth/login", json={"username": "x", "password": ""})
    missing = anon.post(f"{API}/auth/login", json={"username": "x"})

    assert empty.status_code == 400
    assert empty.json() == {"errors": {"password": ["Shorter than minimum length 1."]}}
    assert missing.json() == {"errors": {"password": ["Missing data for required field."]}}


def test_forged_or_tampered_cookie_is_ignored(anon: TestClient, alice: TestClient) -> None:
    cookie = alice.cookies.get("session")
    assert cookie is not None
    anon.cookies.set("session", cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))

    assert anon.get(f"{API}/users/current").status_code == 401


def test_logout_ends_this_session_only(new_client: Callable[[], TestClient]) -> None:
    first, second = new_client(), new_client()
    register(first, "carol")
    login(first, "carol")
    login(second, "carol")
    logged_out = first.cookies.get("session")

    response = first.post(f"{API}/auth/logout")

    assert response.json() == {
        "username": "carol",
        "everywhere": False,
        "status": "Logout successful",
    }
    assert first.get(f"{API}/users/current").status_code == 401
    assert second.get(f"{API}/users/current").status_code == 200
    # The server ended the session: a copy of the cookie kept from before is refused.
    replay = new_client()
    replay.cookies.set("session", str(logged_out))
    assert replay.get(f"{API}/users/current").status_code == 401


def _personal_token(client: TestClient) -> dict[str, str]:
    created = client.post(f"{API}/users/current/tokens", json={"name": "script"})
    assert created.status_code == 200, created.text
    return {"Authorization": f"Bearer {created.json()['token']}"}


def test_logout_everywhere_revokes_personal_tokens(alice: TestClient, anon: TestClient) -> None:
    bearer = _personal_token(alice)
    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 200

    alice.post(f"{API}/auth/logout", params={"everywhere": "true"})

    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 401
    login(alice, "alice")
    assert alice.get(f"{API}/users/current/tokens").json()["totalNumResults"] == 0


def test_plain_logout_keeps_personal_tokens(alice: TestClient, anon: TestClient) -> None:
    bearer = _personal_token(alice)

    alice.post(f"{API}/auth/logout")

    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 200


@pytest.mark.parametrize("path", ["/users/current/password", "/users/1/password"])
def test_password_change_ends_every_session_and_token(
    new_client: Callable[[], TestClient], anon: TestClient, path: str
) -> None:
    first, second = new_client(), new_client()
    register(first, "carol")
    login(first, "carol")
    login(second, "carol")
    kept = second.cookies.get("session")
    bearer = _personal_token(first)

    changed = first.post(
        f"{API}{path}",
        json={"oldPassword": "pw", "newPassword": "pw2", "confirmNewPassword": "pw2"},
    )

    assert changed.json() == {"status": "Password Change Success"}
    for client in (first, second):
        assert client.get(f"{API}/users/current").status_code == 401
    replay = new_client()
    replay.cookies.set("session", str(kept))
    assert replay.get(f"{API}/users/current").status_code == 401
    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 401
    login(first, "carol", "pw2")


def test_closing_the_account_ends_its_sessions(new_client: Callable[[], TestClient]) -> None:
    first, second = new_client(), new_client()
    register(first, "carol")
    login(first, "carol")
    login(second, "carol")

    closed = first.request("DELETE", f"{API}/users/current", json={"password": "pw"})

    assert closed.status_code == 200, closed.text
    assert second.get(f"{API}/users/current").status_code == 401


def test_logout_everywhere_ends_every_session(new_client: Callable[[], TestClient]) -> None:
    first, second = new_client(), new_client()
    register(first, "carol")
    login(first, "carol")
    login(second, "carol")
    stolen = second.cookies.get("session")

    response = first.post(f"{API}/auth/logout", params={"everywhere": "true"})

    assert response.json()["everywhere"] is True
    assert second.get(f"{API}/users/current").status_code == 401
    replay = new_client()
    replay.cookies.set("session", str(stolen))
    assert replay.get(f"{API}/users/current").status_code == 401
    login(second, "carol")  # a new login works again
    assert second.get(f"{API}/users/current").status_code == 200


# -- personal API tokens --------------------------------------------------------------


def test_token_lifecycle(alice: TestClient, anon: TestClient) -> None:
    created = alice.post(f"{API}/users/current/tokens", json={"name": "ci", "expiresInDays": 30})
    assert created.status_code == 200, created.text
    token = created.json()
    assert set(token) == {"id", "name", "createdOn", "expiresOn", "token"}
    assert token["token"].startswith("dioptra_")

    listed = alice.get(f"{API}/users/current/tokens").json()
    assert [t["id"] for t in listed["data"]] == [token["id"]]
    assert "token" not in listed["data"][0]  # the secret is shown once

    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert anon.get(f"{API}/users/current", headers=bearer).json()["username"] == "alice"
    queue = anon.post(f"{API}/queues/", json={"group": 1, "name": "by-token"}, headers=bearer)
    assert queue.status_code == 200
    assert queue.json()["user"]["username"] == "alice"

    revoked = alice.delete(f"{API}/users/current/tokens/{token['id']}")
    assert revoked.json() == {"id": [token["id"]], "status": "Success"}
    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 401
    assert alice.get(f"{API}/users/current/tokens").json()["totalNumResults"] == 0


def test_only_the_token_hash_is_stored(alice: TestClient, engine: Any) -> None:
    import sqlalchemy as sa

    token = alice.post(f"{API}/users/current/tokens", json={"name": "x"}).json()

    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT token_hash FROM api_tokens")).scalars().all()
    import hashlib

    assert stored == [hashlib.sha256(token["token"].encode()).hexdigest()]


def test_unknown_or_foreign_token_cannot_be_revoked(alice: TestClient, bob: TestClient) -> None:
    token = alice.post(f"{API}/users/current/tokens", json={"name": "x"}).json()

    foreign = bob.delete(f"{API}/users/current/tokens/{token['id']}")
    assert_error(foreign, 404, "EntityDoesNotExistError")
    assert_error(alice.delete(f"{API}/users/current/tokens/999"), 404, "EntityDoesNotExistError")


def test_garbage_bearer_token_is_401(anon: TestClient) -> None:
    response = anon.get(f"{API}/users/current", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401


# -- cross-site requests --------------------------------------------------------------


def test_foreign_origin_cannot_change_anything(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/queues/",
            json={"group": 1, "name": "csrf"},
            headers={"Origin": "https://evil.example"},
        )

    body = assert_error(response, 403, "OriginNotAllowedError", {"origin": "https://evil.example"})
    assert body["originating_path"] == "/api/v1/queues/?"


def test_own_origin_and_reads_pass_the_origin_check(alice: TestClient) -> None:
    own = alice.post(
        f"{API}/queues/", json={"group": 1, "name": "ok"}, headers={"Origin": "http://testserver"}
    )
    read = alice.get(f"{API}/queues/", headers={"Origin": "https://evil.example"})

    assert own.status_code == 200
    assert read.status_code == 200


def test_null_origin_is_refused(alice: TestClient) -> None:
    queue = create_queue(alice, "q")

    response = alice.delete(f"{API}/queues/{queue['id']}", headers={"Origin": "null"})

    assert response.status_code == 403


def test_expired_token_is_401(alice: TestClient, anon: TestClient, engine: Any) -> None:
    import datetime as dt

    import sqlalchemy as sa

    from dioptra.server.db.tables import ApiToken

    token = alice.post(f"{API}/users/current/tokens", json={"name": "t", "expiresInDays": 1})
    bearer = {"Authorization": f"Bearer {token.json()['token']}"}
    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 200
    with engine.begin() as connection:
        yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        connection.execute(sa.update(ApiToken).values(expires_on=yesterday))

    assert anon.get(f"{API}/users/current", headers=bearer).status_code == 401


def test_token_expiry_is_validated(alice: TestClient) -> None:
    response = alice.post(f"{API}/users/current/tokens", json={"name": "t", "expiresInDays": 0})

    assert response.status_code == 400
    assert response.json() == {"errors": {"expiresInDays": ["Must be greater than or equal to 1."]}}


def test_a_password_change_leaves_a_running_jobs_token(app: Any, alice: TestClient) -> None:
    job = submit(alice, make_world(alice))
    worker = claim(app, alice, job["id"]).worker

    alice.post(
        f"{API}/users/current/password",
        json={"oldPassword": "pw", "newPassword": "pw2", "confirmNewPassword": "pw2"},
    )

    finished = worker.put(f"{API}/jobs/{job['id']}/status", json={"status": "finished"})
    assert ok_json(finished)["status"] == "finished"
