"""The CLI test harness: the real commands and client, talking to a fake server over
httpx.MockTransport.

`connect_client` (the CLI's client factory) is replaced so every client the commands
open sends its requests to `FakeServer`, which records them; tests assert what was
sent, what was printed, and the exit status.
"""

from __future__ import annotations

import email.policy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from typer.testing import CliRunner, Result

from dioptra.cli.commands import connection, follow, register
from dioptra.client import DioptraClient, connect_json_dioptra_client

WEB_ROOT = "http://dioptra.test"
API_ROOT = "/api/v1"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class SentRequest:
    method: str
    path: str  # relative to /api/v1
    params: dict[str, list[str]]
    content: bytes
    headers: httpx.Headers

    @property
    def json(self) -> Any:
        return json.loads(self.content)

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[-1] if values else None


@dataclass
class FakeServer:
    """Answers from `routes` ((METHOD, path) -> handler); anything else is a 404."""

    requests: list[SentRequest] = field(default_factory=list)
    routes: dict[tuple[str, str], Handler] = field(default_factory=dict)

    def route(self, method: str, path: str, answer: Handler | httpx.Response | Any) -> None:
        """Answer with a handler, a response, or (anything else) that JSON with status 200."""
        if callable(answer):
            handler = answer
        elif isinstance(answer, httpx.Response):
            handler = lambda _request, response=answer: response  # noqa: E731
        else:
            handler = lambda _request, body=answer: httpx.Response(200, json=body)  # noqa: E731
        self.routes[(method, path)] = handler

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        path = request.url.path.removeprefix(API_ROOT)
        params: dict[str, list[str]] = {}
        for key, value in request.url.params.multi_items():
            params.setdefault(key, []).append(value)
        self.requests.append(
            SentRequest(request.method, path, params, request.content, request.headers)
        )
        handler = self.routes.get((request.method, path))
        if handler is None:
            return httpx.Response(
                404,
                json={"error": "NotFound", "message": f"Not Found - no route {path}", "detail": {}},
            )
        return handler(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def sent(self, method: str, path: str) -> list[SentRequest]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def one(self, method: str, path: str) -> SentRequest:
        matching = self.sent(method, path)
        assert len(matching) == 1, f"{method} {path} sent {len(matching)} times"
        return matching[0]


@dataclass
class Cli:
    """Runs `dioptra ...` with the commands under test registered on a fresh root app."""

    server: FakeServer
    app: typer.Typer
    runner: CliRunner

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return self.runner.invoke(self.app, list(args), input=input, prog_name="dioptra")


def make_cli(server: FakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """The harness; also isolates the environment (no ambient DIOPTRA_* settings)."""
    for name in (
        "DIOPTRA_API",
        "DIOPTRA_API_TOKEN",
        "DIOPTRA_USERNAME",
        "DIOPTRA_PASSWORD",
        "DIOPTRA_DEBUG",
        "DIOPTRA_DATA_DIR",
        "DIOPTRA_DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIOPTRA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that tables never wrap
    monkeypatch.setattr(follow, "POLL_INTERVAL_S", 0.0)
    monkeypatch.setattr(follow, "CANCEL_WAIT_S", 10.0)  # a deadline; the fakes answer at once

    app = typer.Typer(name="dioptra", no_args_is_help=True, add_completion=False)
    register(app)
    harness = Cli(server=server, app=app, runner=CliRunner())

    def connect_to_fake(
        address: str | None = None, *, token: str | None = None
    ) -> DioptraClient[dict[str, Any]]:
        return connect_json_dioptra_client(address, token=token, transport=server.transport())

    # The factory the CLI's `connect_client` calls: every client it makes talks to `server`.
    monkeypatch.setattr(connection, "connect_json_dioptra_client", connect_to_fake)
    return harness


# --------------------------------------------------------------------- wire samples


def ref(kind: str, resource_id: int, name: str, snapshot: int | None = None) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": resource_id,
        "name": name,
        "group": {"id": 1, "name": "public", "url": "/api/v1/groups/1"},
        "url": f"/api/v1/{kind}/{resource_id}",
    }
    if snapshot is not None:
        value["snapshotId"] = snapshot
    return value


def page(items: list[dict[str, Any]], complete: bool = True, index: int = 0) -> dict[str, Any]:
    return {
        "index": index,
        "isComplete": complete,
        "totalNumResults": len(items),
        "first": "",
        "data": items,
    }


def experiment(
    experiment_id: int = 3, name: str = "tutorial", entrypoint_ids: tuple[int, ...] = (5,)
) -> dict[str, Any]:
    return {
        **ref("experiments", experiment_id, name),
        "snapshot": 30,
        "entrypoints": [ref("entrypoints", i, f"ep{i}") for i in entrypoint_ids],
    }


def entrypoint(
    entrypoint_id: int = 5,
    name: str = "sample",
    queues: tuple[tuple[int, str], ...] = ((2, "default"),),
) -> dict[str, Any]:
    return {
        **ref("entrypoints", entrypoint_id, name),
        "snapshot": 50,
        "queues": [ref("queues", qid, qname) for qid, qname in queues],
    }


def job(
    job_id: int = 12,
    status: str = "queued",
    artifacts: tuple[int, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": job_id,
        "status": status,
        "description": None,
        "timeout": "24h",
        "createdOn": "2025-01-02T03:04:05+00:00",
        "lastModifiedOn": "2025-01-02T03:04:09+00:00",
        "values": {"sample_size": "10"},
        "artifactValues": {},
        "experiment": ref("experiments", 3, "tutorial", snapshot=30),
        "entrypoint": ref("entrypoints", 5, "sample", snapshot=50),
        "queue": ref("queues", 2, "default", snapshot=20),
        "artifacts": [{"id": a, "url": f"/api/v1/artifacts/{a}"} for a in artifacts],
        **extra,
    }


def artifact(
    artifact_id: int = 7,
    uri: str = "file:///data/artifacts/12/transformed_array.npy",
    size: int | None = 928,
    is_dir: bool = False,
    sha256: str | None = None,
) -> dict[str, Any]:
    return {
        "id": artifact_id,
        "snapshot": 70 + artifact_id,
        "job": 12,
        "artifactUri": uri,
        "isDir": is_dir,
        "fileSize": size,
        "sha256": sha256,
        "createdOn": "2025-01-02T03:04:09+00:00",
    }


def sse(*events: tuple[str, dict[str, Any]]) -> httpx.Response:
    text = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
    return httpx.Response(200, headers={"Content-Type": "text/event-stream"}, text=text)


def multipart_parts(sent: SentRequest) -> list[tuple[str, str | None, bytes]]:
    """The (field name, file name, content) of each part of a multipart request."""
    message = BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + sent.headers["content-type"].encode() + b"\r\n\r\n" + sent.content
    )
    parts = []
    for part in message.iter_parts():
        disposition = part.get("Content-Disposition", "")
        params = dict(part.get_params(header="content-disposition") or [])
        payload = part.get_payload(decode=True)
        assert disposition.startswith("form-data")
        parts.append((params["name"], params.get("filename"), payload))
    return parts
