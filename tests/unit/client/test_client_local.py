"""With no address or token, the client finds the `dioptra up` running on this machine
and the token `dioptra login` saved for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from dioptra.client import connect_json_dioptra_client
from dioptra.client.local import (
    credentials_path,
    forget_local_server,
    local_server_address,
    record_local_server,
)


def sent_authorization(address: str | None = None) -> tuple[str, str | None]:
    """The URL and Authorization header of a request made with no token."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    client = connect_json_dioptra_client(address, transport=httpx.MockTransport(answer))
    client.queues.get()
    return str(seen[0].url.copy_with(query=None)), seen[0].headers.get("Authorization")


def save_token(address: str, token: str) -> None:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"servers": {address: {"username": "ada", "token": token}}}))


def dead_pid() -> int:
    script = "import os; print(os.getpid())"
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return int(finished.stdout)


def test_the_recorded_server_and_its_saved_token_are_used() -> None:
    record_local_server("http://127.0.0.1:27400/", os.getpid())
    save_token("http://127.0.0.1:27400", "saved-token")

    assert sent_authorization() == ("http://127.0.0.1:27400/api/v1/queues", "Bearer saved-token")


def test_a_caller_naming_the_server_gets_no_saved_token() -> None:
    # Workers and jobs name the server and log in as themselves.
    save_token("http://127.0.0.1:27400", "saved-token")

    assert sent_authorization("http://127.0.0.1:27400") == (
        "http://127.0.0.1:27400/api/v1/queues",
        None,
    )


def test_the_environment_wins_over_the_record(monkeypatch: pytest.MonkeyPatch) -> None:
    record_local_server("http://127.0.0.1:27400", os.getpid())
    monkeypatch.setenv("DIOPTRA_API", "http://elsewhere:5000")
    monkeypatch.setenv("DIOPTRA_API_TOKEN", "env-token")

    assert sent_authorization() == ("http://elsewhere:5000/api/v1/queues", "Bearer env-token")


def test_a_record_of_a_dead_process_is_ignored() -> None:
    record_local_server("http://127.0.0.1:27400", dead_pid())

    assert local_server_address() is None
    with pytest.raises(ValueError, match="no `dioptra up` runs on this machine"):
        connect_json_dioptra_client()


def test_only_the_process_that_wrote_the_record_removes_it(tmp_path: Path) -> None:
    path = record_local_server("http://127.0.0.1:27400", os.getpid())

    forget_local_server(os.getpid() + 1)
    assert path.exists()
    forget_local_server(os.getpid())
    assert not path.exists()
