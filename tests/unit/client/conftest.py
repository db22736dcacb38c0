"""A fake Dioptra server on `httpx.MockTransport` that records what the client sends."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from dioptra.client import (
    DioptraClient,
    DioptraResponse,
    connect_json_dioptra_client,
    connect_response_dioptra_client,
)

WEB_ROOT = "http://dioptra.test"
API_ROOT = "/api/v1"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class SentRequest:
    """One request as the server saw it."""

    method: str
    path: str  # relative to /api/v1
    query: list[tuple[str, str]]
    content: bytes
    headers: httpx.Headers

    @property
    def json(self) -> Any:
        return json.loads(self.content) if self.content else None


@dataclass
class FakeServer:
    """Answers from `routes` ((METHOD, path) -> handler), else echoes 200 `{}`."""

    requests: list[SentRequest] = field(default_factory=list)
    routes: dict[tuple[str, str], Handler] = field(default_factory=dict)

    def route(self, method: str, path: str, handler: Handler | httpx.Response) -> None:
        answer = handler if callable(handler) else (lambda _request: handler)
        self.routes[(method, API_ROOT + path)] = answer

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        path = request.url.raw_path.decode().partition("?")[0]  # still percent-encoded
        self.requests.append(
            SentRequest(
                method=request.method,
                path=path.removeprefix(API_ROOT),
                query=list(request.url.params.multi_items()),
                content=request.content,
                headers=request.headers,
            )
        )
        handler = self.routes.get((request.method, path))
        if handler is not None:
            return handler(request)
        return httpx.Response(200, json={"echo": request.method})

    @property
    def last(self) -> SentRequest:
        assert self.requests, "the client sent no request"
        return self.requests[-1]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def json_client(server: FakeServer) -> Iterator[DioptraClient[dict[str, Any]]]:
    client = connect_json_dioptra_client(WEB_ROOT, transport=server.transport())
    yield client
    client.close()


@pytest.fixture
def response_client(server: FakeServer) -> Iterator[DioptraClient[DioptraResponse]]:
    client = connect_response_dioptra_client(WEB_ROOT, transport=server.transport())
    yield client
    client.close()


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests must not pick up a developer's DIOPTRA_* settings, saved logins or running
    `dioptra up`."""
    monkeypatch.setenv("DIOPTRA_CONFIG_DIR", str(tmp_path / "config"))
    for name in (
        "DIOPTRA_API",
        "DIOPTRA_API_TOKEN",
        "DIOPTRA_WORKER_USERNAME",
        "DIOPTRA_WORKER_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
