"""The request head: only the server's own host names (DNS rebinding), and bounded
header fields, in process and under the real HTTP server of `dioptra up`/`serve`."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
import uvicorn
from api_testing import API, assert_error
from fastapi.testclient import TestClient
from jobs_testing import poll

from dioptra.server.app import create_app, http_server_options
from dioptra.server.settings import Settings


@pytest.fixture(scope="module")
def head_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The checks on the head come before any database work (/health uses none)."""
    return Settings(
        data_dir=tmp_path_factory.mktemp("data"), database_url="sqlite://", secret_key="k"
    )


def client_of(settings: Settings, **changes: object) -> TestClient:
    app = create_app(settings.model_copy(update=changes))
    return TestClient(app, base_url="http://localhost")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:5000", "127.0.0.1.nip.io"])
def test_a_foreign_host_is_refused_before_anything_happens(
    anon: TestClient, host: str, unchanged: Callable[[], object]
) -> None:
    body = {"username": "mallory", "email": "m@x.org", "password": "pw", "confirmPassword": "pw"}
    with unchanged():  # type: ignore[attr-defined]
        response = anon.post(f"{API}/users/", json=body, headers={"Host": host})
    error = assert_error(response, 400, "HostNotAllowedError")
    assert host in error["message"] and "DIOPTRA_ALLOWED_HOSTS" in error["message"]
    assert_error(anon.get("/health", headers={"Host": host}), 400, "HostNotAllowedError")


def test_loopback_names_are_answered_by_default(head_settings: Settings) -> None:
    client = client_of(head_settings)
    for host in ("localhost", "localhost:5000", "127.0.0.1:5000", "[::1]:5000", "LOCALHOST"):
        assert client.get("/health", headers={"Host": host}).status_code == 200, host
    for host in ("testserver", "localhost.evil.example", "127.0.0.1:x", ""):
        assert_error(client.get("/health", headers={"Host": host}), 400, "HostNotAllowedError")


def test_the_bound_name_and_listed_names_are_answered(head_settings: Settings) -> None:
    client = client_of(head_settings, host="dioptra.lab.example", allowed_hosts=["10.0.0.5"])
    for host in ("dioptra.lab.example:5000", "10.0.0.5", "localhost"):
        assert client.get("/health", headers={"Host": host}).status_code == 200, host
    response = client.get("/health", headers={"Host": "other.example"})
    assert_error(response, 400, "HostNotAllowedError")


def test_a_wildcard_bind_adds_no_name_and_star_accepts_any(head_settings: Settings) -> None:
    assert Settings(host="0.0.0.0").accepted_hosts() == {"localhost", "127.0.0.1", "::1"}
    client = client_of(head_settings, host="0.0.0.0", allowed_hosts=["*"])
    assert client.get("/health", headers={"Host": "anything.example"}).status_code == 200


@pytest.fixture(scope="module")
def anon_head(head_settings: Settings) -> TestClient:
    return client_of(head_settings)


def test_too_many_header_fields(anon_head: TestClient) -> None:
    headers = [(f"x-filler-{i}", "1") for i in range(101)]
    error = assert_error(
        anon_head.get("/health", headers=headers), 431, "RequestHeaderFieldsTooLarge"
    )
    assert "the limit is 100" in error["message"]
    assert anon_head.get("/health", headers=headers[:90]).status_code == 200


def test_too_large_header_fields(anon_head: TestClient) -> None:
    response = anon_head.get("/health", headers={"x-filler": "a" * (64 * 1024)})
    error = assert_error(response, 431, "RequestHeaderFieldsTooLarge")
    assert "65536 bytes" in error["message"]
    assert anon_head.get("/health", headers={"x-filler": "a" * 60_000}).status_code == 200


# -- under the HTTP server `dioptra up` and `dioptra serve` run --------------------------


@pytest.fixture(scope="module")
def served(head_settings: Settings) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    served_settings = head_settings.model_copy(update={"host": "127.0.0.1", "port": port})
    app = create_app(served_settings)
    server = uvicorn.Server(
        uvicorn.Config(
            app, **http_server_options(served_settings), lifespan="off", log_level="critical"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    poll(lambda: server.started)
    yield f"127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _send_raw(address: str, head: bytes) -> bytes:
    """Sends a request head; returns what the server answered before closing (b"" if it
    reset the connection first)."""
    host, port = address.split(":")
    received = b""
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        try:
            connection.sendall(head)
            while chunk := connection.recv(65536):
                received += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass
    return received


def test_the_server_stops_reading_a_30_mb_header(served: str) -> None:
    head = b"GET /health HTTP/1.1\r\nHost: localhost\r\nx-filler: " + b"a" * (30 * 1024 * 1024)
    answer = _send_raw(served, head + b"\r\n\r\n")
    # The parser gives up once the unfinished head passes its bound (a 400, or a reset
    # while the unread rest was still arriving): the app never sees it, so no 431 of its.
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert httpx.get(f"http://{served}/health").status_code == 200


def test_the_server_refuses_20000_headers(served: str) -> None:
    fields = b"x-f: 1\r\n" * 20_000
    answer = _send_raw(served, b"GET /health HTTP/1.1\r\nHost: localhost\r\n" + fields + b"\r\n")
    # Arriving at once, the head may be under the parser's bound plus one read; then the
    # app counts the fields.
    assert answer == b"" or answer.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 431 ")), answer[:200]
    assert httpx.get(f"http://{served}/health").status_code == 200


def test_the_server_answers_moderate_excess_with_the_apps_431(served: str) -> None:
    response = httpx.get(f"http://{served}/health", headers={"x-filler": "a" * 70_000})
    assert_error(response, 431, "RequestHeaderFieldsTooLarge")
    foreign = httpx.get(f"http://{served}/health", headers={"Host": "evil.example"})
    assert_error(foreign, 400, "HostNotAllowedError")
