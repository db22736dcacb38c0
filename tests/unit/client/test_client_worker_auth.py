"""`get_authenticated_worker_client`: job token first, worker login otherwise."""

from __future__ import annotations

import functools
from typing import Any

import httpx
import pytest
from conftest import WEB_ROOT, FakeServer

from dioptra.client import DioptraResponse, UnauthorizedError
from dioptra.sdk.utilities import auth_client


class RecordingLog:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, msg: str, /) -> None:
        self.errors.append(msg)


@pytest.fixture
def offline(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    """Route the helper's clients to the fake server."""
    for name in ("connect_json_dioptra_client", "connect_response_dioptra_client"):
        real = getattr(auth_client, name)
        monkeypatch.setattr(
            auth_client, name, functools.partial(real, transport=server.transport())
        )
    monkeypatch.setenv("DIOPTRA_API", WEB_ROOT)
    return server


def test_job_token_is_used_without_login(
    offline: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOPTRA_API_TOKEN", "job-token")

    client = auth_client.get_authenticated_worker_client(RecordingLog())
    response = client.jobs.get_by_id(12)

    assert isinstance(response, DioptraResponse)
    assert [r.path for r in offline.requests] == ["/jobs/12"]
    assert offline.last.headers["authorization"] == "Bearer job-token"


def test_worker_credentials_log_in(offline: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_WORKER_USERNAME", "worker")
    monkeypatch.setenv("DIOPTRA_WORKER_PASSWORD", "pw")

    client = auth_client.get_authenticated_worker_client(RecordingLog(), client_type="json")

    assert (offline.last.path, offline.last.json) == (
        "/auth/login",
        {"username": "worker", "password": "pw"},
    )
    assert client.jobs.get_by_id(1) == {"echo": "GET"}


def test_refused_login_raises(offline: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_WORKER_USERNAME", "worker")
    monkeypatch.setenv("DIOPTRA_WORKER_PASSWORD", "wrong")
    offline.route("POST", "/auth/login", httpx.Response(401, json={"message": "bad login"}))

    with pytest.raises(UnauthorizedError, match="bad login"):
        auth_client.get_authenticated_worker_client(RecordingLog())


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({}, "DIOPTRA_API"),
        ({"DIOPTRA_API": WEB_ROOT}, "DIOPTRA_WORKER_USERNAME"),
        ({"DIOPTRA_API": WEB_ROOT, "DIOPTRA_WORKER_USERNAME": "w"}, "DIOPTRA_WORKER_PASSWORD"),
        (
            {
                "DIOPTRA_WORKER_USERNAME": "w",
                "DIOPTRA_WORKER_PASSWORD": "p",
                "DIOPTRA_API_TOKEN": "t",
            },
            "DIOPTRA_API",
        ),
    ],
)
def test_missing_setting_is_named(
    settings: dict[str, str], missing: str, monkeypatch: pytest.MonkeyPatch, server: Any
) -> None:
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    log = RecordingLog()

    with pytest.raises(ValueError, match=f"^{missing} environment variable is not set$"):
        auth_client.get_authenticated_worker_client(log)

    assert log.errors == [f"{missing} environment variable is not set"]
    assert server.requests == []
