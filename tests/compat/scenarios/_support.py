"""Shared by the scenarios: connecting, registering a user, expecting an error status.

The scenarios run under Dioptra 1.2.2's own client (the compat venv's Python), against
our server in the tests and, when calibrating, against the original. Names carry a
per-run suffix so a scenario also runs on a server that already holds data.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable
from typing import Any

from dioptra.client import connect_json_dioptra_client
from dioptra.client.base import StatusCodeError

RUN = secrets.token_hex(3)
PASSWORD = "compat-Passw0rd!"


def unique(name: str) -> str:
    """``name`` made unique to this run (servers keep names unique per group)."""
    return f"{name}_{RUN}"


def address_from_argv() -> str:
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: python {sys.argv[0]} http://HOST:PORT")
    return sys.argv[1]


def logged_in_client(username: str = "compat") -> tuple[Any, dict[str, Any]]:
    """A JSON client of the address on the command line, logged in as a new user."""
    client = connect_json_dioptra_client(address_from_argv())
    user = client.users.create(unique(username), f"{unique(username)}@example.org", PASSWORD)
    client.auth.login(unique(username), PASSWORD)
    return client, user


def plain_session(username: str = "compat") -> Any:
    """A ``requests`` session logged in as the user of ``logged_in_client``, for what the
    original client has no method for (our upload route, raw redirects)."""
    import requests

    session = requests.Session()
    response = session.post(
        f"{address_from_argv()}/api/v1/auth/login",
        json={"username": unique(username), "password": PASSWORD},
    )
    assert response.status_code == 200, response.text
    return session


def public_group_id(client: Any) -> int:
    groups = client.groups.get()["data"]
    (group,) = [g for g in groups if g["name"] == "public"]
    group_id: int = group["id"]
    return group_id


def expect_status(status: int, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Calls ``call`` and returns the JSON error body of the client's StatusCodeError."""
    try:
        result = call(*args, **kwargs)
    except StatusCodeError as error:
        assert error.status_code == status, (error.status_code, error.message)
        return _json_or_text(error.message)
    raise AssertionError(f"expected HTTP {status} from {call.__name__}, got {result!r}")


def _json_or_text(message: str) -> Any:
    import json

    try:
        return json.loads(message)
    except ValueError:
        return message


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["data"]]


def done(scenario: str) -> None:
    print(f"{scenario}: all checks passed")
