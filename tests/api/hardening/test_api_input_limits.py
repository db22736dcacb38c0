"""Hostile or careless input answered with a clear 400/403 that changes nothing: lone
surrogates in any JSON text, over-long fields, accounts that break the policy, and
registration while the operator has closed it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error, create_queue, register
from fastapi.testclient import TestClient

from dioptra.server.app import create_app
from dioptra.server.settings import Settings

LONE = "\ud800"
DECODE_ERROR = "Failed to decode JSON object: a lone surrogate (not Unicode text) in "


def raw_json(client: TestClient, path: str, text: str | bytes) -> Any:
    """Posts JSON text as given (json= would escape or refuse what these tests send)."""
    return client.post(path, content=text, headers={"Content-Type": "application/json"})


def account(
    username: str = "carol", password: str = "long-enough-1", **changes: str
) -> dict[str, str]:
    body = {
        "username": username,
        "email": "carol@example.org",
        "password": password,
        "confirmPassword": password,
    }
    return {**body, **changes}


# -- lone surrogates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "where"),
    [
        ("/auth/login", r'{"username": "\ud800", "password": "pw"}', "username"),
        (
            "/users/",
            r'{"username": "x", "email": "a\udfff@x.org", "password": "p",'
            r' "confirmPassword": "p"}',
            "email",
        ),
        ("/queues/", r'{"group": 1, "name": "q", "description": "d\uDC00"}', "description"),
        ("/queues/", r'{"group": 1, "name": "q", "\ud800": 1}', "a key of the body"),
        (
            "/entrypoints/",
            r'{"group": 1, "name": "e", "taskGraph": "",'
            r' "parameters": [{"name": "p", "defaultValue": "\ud800", "parameterType": "string"}]}',
            "parameters.0.defaultValue",
        ),
    ],
)
def test_a_lone_surrogate_anywhere_is_refused_naming_where(
    alice: TestClient, path: str, text: str, where: str, unchanged: Callable[[], Any]
) -> None:
    with unchanged():
        response = raw_json(alice, API + path, text)
    assert response.status_code == 400, response.text
    assert response.json() == {"message": DECODE_ERROR + where}


def test_raw_surrogate_bytes_are_refused_too(alice: TestClient) -> None:
    text = b'{"group": 1, "name": "q", "description": "\xed\xa0\x80"}'
    response = raw_json(alice, f"{API}/queues/", text)
    assert response.json() == {"message": DECODE_ERROR + "description"}


def test_surrogate_pairs_are_text_and_kept(alice: TestClient) -> None:
    response = raw_json(
        alice, f"{API}/queues/", r'{"group": 1, "name": "q", "description": "\ud83d\ude00"}'
    )
    assert response.status_code == 200, response.text
    assert response.json()["description"] == "\U0001f600"


# -- field lengths -------------------------------------------------------------------------


def test_names_and_descriptions_are_bounded(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/queues/", json={"group": 1, "name": "q" * 256, "description": "d" * 10_001}
        )
    assert response.status_code == 400, response.text
    assert response.json() == {
        "errors": {
            "name": ["Longer than maximum length 255."],
            "description": ["Longer than maximum length 10000."],
        }
    }
    create_queue(alice, "q" * 255, description="d" * 10_000)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"username": " "}, {"username": ["Must not be blank."]}),
        ({"username": "u" * 256}, {"username": ["Longer than maximum length 255."]}),
        ({"email": "not-an-email"}, {"email": ["Not a valid email address."]}),
        ({"email": "a b@example.org"}, {"email": ["Not a valid email address."]}),
        (
            {"password": "p" * 1025, "confirmPassword": "p" * 1025},
            {
                "password": ["Longer than maximum length 1024."],
                "confirmPassword": ["Longer than maximum length 1024."],
            },
        ),
    ],
)
def test_account_fields_are_checked(
    anon: TestClient, changes: dict[str, str], errors: dict[str, Any], unchanged: Callable[[], Any]
) -> None:
    with unchanged():
        response = anon.post(f"{API}/users/", json=account(**changes))
    assert response.status_code == 400, response.text
    assert response.json() == {"errors": errors}


def test_intranet_addresses_are_emails(anon: TestClient) -> None:
    response = anon.post(f"{API}/users/", json=account(email="carol@lab"))
    assert response.status_code == 200, response.text


def test_a_huge_login_password_is_refused_before_hashing(alice: TestClient) -> None:
    response = alice.post(f"{API}/auth/login", json={"username": "alice", "password": "p" * 1025})
    assert response.json() == {"errors": {"password": ["Longer than maximum length 1024."]}}


# -- the configurable policy and closed registration ----------------------------------------


@pytest.fixture
def client_with(
    settings: Settings, engine: sa.Engine, new_client: Callable[[], TestClient]
) -> Callable[..., TestClient]:
    """A client of the app with these settings changed (same database; ``new_client``
    empties it after the test). Unchanged, the password policy is the default one."""
    new_client()

    def make(**changes: object) -> TestClient:
        changes = {"password_min_length": Settings().password_min_length, **changes}
        app = create_app(settings.model_copy(update=changes), engine=engine)
        return TestClient(app, base_url="http://testserver")

    return make


def test_the_default_policy_wants_eight_characters(
    client_with: Callable[..., TestClient], unchanged: Callable[[], Any]
) -> None:
    client = client_with()
    with unchanged():
        response = client.post(f"{API}/users/", json=account(password="a", confirmPassword="a"))
    assert response.json() == {"errors": {"password": ["Shorter than minimum length 8."]}}
    register(client, "carol", "12345678")
    client.post(f"{API}/auth/login", json={"username": "carol", "password": "12345678"})
    change = {"oldPassword": "12345678", "newPassword": "short", "confirmNewPassword": "short"}
    response = client.post(f"{API}/users/current/password", json=change)
    assert response.json() == {"errors": {"newPassword": ["Shorter than minimum length 8."]}}


def test_the_least_length_is_a_setting(client_with: Callable[..., TestClient]) -> None:
    client = client_with(password_min_length=12)
    response = client.post(f"{API}/users/", json=account(password="eleven-char"))
    assert response.json() == {"errors": {"password": ["Shorter than minimum length 12."]}}
    register(client, "carol", "twelve-chars")


def test_closed_registration_refuses_every_account(
    client_with: Callable[..., TestClient], unchanged: Callable[[], Any]
) -> None:
    client = client_with(registration_open=False)
    with unchanged():
        response = client.post(f"{API}/users/", json=account())
    error = assert_error(response, 403, "RegistrationClosedError")
    assert "Registration is closed" in error["message"]
