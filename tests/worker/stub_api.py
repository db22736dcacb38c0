"""A small in-memory stand-in for the server's worker-facing REST API.

It implements exactly the runtime contract the worker is written against (claim,
heartbeat, status, config, parameters, bundles, artifact inputs and uploads, logs,
metrics, artifact registration), so the worker's behaviour (logs, failures, cancel,
timeout, kills) can be tested quickly and precisely without the full server.
"""

from __future__ import annotations

import io
import json
import socket
import tarfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

WORKER_TOKEN = "worker-secret"


@dataclass
class StubJob:
    id: int
    document: dict[str, Any]
    parameters: dict[str, Any] = field(default_factory=dict)
    plugins: dict[str, dict[str, str]] = field(default_factory=dict)
    artifact_plugins: dict[str, dict[str, str]] = field(default_factory=dict)
    # task name -> task id, per artifact plugin (for the artifactPlugins listing)
    artifact_task_ids: dict[str, int] = field(default_factory=dict)
    artifact_parameters: dict[str, Any] = field(default_factory=dict)
    timeout: str = "24h"
    swaps: list[dict[str, Any]] = field(default_factory=list)
    status: str = "queued"
    status_message: str | None = None
    worker: str | None = None
    logs: list[dict[str, str]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    claims: int = 0
    # The claim's answer carries the config and parameters (as the real server's does);
    # off, the worker must fetch them.
    claim_brings_inputs: bool = False
    fetched: list[str] = field(default_factory=list)  # "config", "parameters"

    @property
    def token(self) -> str:
        return f"job-{self.id}-token"

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "group": {"id": 1, "name": "public"},
            "entrypoint": {"id": 100 + self.id, "snapshotId": 200 + self.id, "name": "ep"},
            "queue": {"id": 3, "name": "default"},
            "experiment": {"id": 7, "name": "exp"},
            "timeout": self.timeout,
            "status": self.status,
            "swaps": self.swaps,
        }


@dataclass
class StubState:
    jobs: dict[int, StubJob] = field(default_factory=dict)
    artifacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    # artifact id -> (file name, bytes) for artifact inputs
    artifact_files: dict[int, tuple[str, bytes]] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)
    heartbeats: list[dict[str, Any]] = field(default_factory=list)
    cancel: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_job(self, job: StubJob) -> StubJob:
        self.jobs[job.id] = job
        return job


def bundle(plugins: dict[str, dict[str, str]]) -> bytes:
    """A tar.gz as the server makes it: ``<plugin>/<file>`` entries and a manifest."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        entries = {
            f"{name}/{filename}": text
            for name, files in plugins.items()
            for filename, text in files.items()
        }
        entries["manifest.json"] = json.dumps({name: {} for name in plugins})
        for path, text in entries.items():
            data = text.encode()
            info = tarfile.TarInfo(path)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _error(status: int, name: str, message: str) -> JSONResponse:
    return JSONResponse({"error": name, "message": message, "detail": {}}, status_code=status)


def make_stub_app(state: StubState) -> FastAPI:
    app = FastAPI()

    def job_of(request: Request, job_id: int) -> StubJob | JSONResponse:
        job = state.jobs.get(job_id)
        if job is None:
            return _error(404, "EntityDoesNotExistError", f"no job {job_id}")
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token != job.token or job.status not in ("queued", "started"):
            return _error(401, "UnauthorizedError", "bad token")
        return job

    @app.post("/api/v1/jobs/{job_id}/claim")
    async def claim(job_id: int, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {WORKER_TOKEN}":
            return _error(401, "UnauthorizedError", "bad worker token")
        body = await request.json()
        with state.lock:
            job = state.jobs[job_id]
            job.claims += 1
            if job.status != "queued":
                return _error(409, "JobNotQueuedError", f"job {job_id} is {job.status}")
            job.status, job.worker = "started", body["worker"]
        answer = {"job": job.json(), "experimentId": 7, "token": job.token}
        if job.claim_brings_inputs:
            answer.update(config=job.document, parameters=job.parameters)
        return JSONResponse(answer)

    @app.post("/api/v1/workers/heartbeat")
    async def heartbeat(request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {WORKER_TOKEN}":
            return _error(401, "UnauthorizedError", "bad worker token")
        body = await request.json()
        state.heartbeats.append({**body, "at": time.monotonic()})
        return JSONResponse({"cancel": sorted(set(body["jobs"]) & state.cancel)})

    @app.put("/api/v1/jobs/{job_id}/status")
    async def set_status(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        body = await request.json()
        job.logs.extend(body.get("logs", []))  # the last batch comes with the status
        job.status, job.status_message = body["status"], body.get("message")
        return JSONResponse({"status": job.status})

    @app.get("/api/v1/jobs/{job_id}/config")
    def config(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        job.fetched.append("config")
        return JSONResponse(job.document)

    @app.get("/api/v1/jobs/{job_id}/parameters")
    def parameters(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        job.fetched.append("parameters")
        return JSONResponse(job.parameters)

    @app.get("/api/v1/jobs/{job_id}/artifactParameters")
    def artifact_parameters(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        return job if isinstance(job, JSONResponse) else JSONResponse(job.artifact_parameters)

    def job_by_entrypoint(entrypoint_id: int) -> StubJob:
        return state.jobs[entrypoint_id - 100]

    @app.get("/api/v1/entrypoints/{entrypoint_id}/snapshots/{snapshot_id}/plugins/bundle")
    def plugins_bundle(entrypoint_id: int, snapshot_id: int) -> Response:
        data = bundle(job_by_entrypoint(entrypoint_id).plugins)
        return Response(data, media_type="application/gzip")

    @app.get("/api/v1/entrypoints/{entrypoint_id}/snapshots/{snapshot_id}/artifactPlugins/bundle")
    def artifact_plugins_bundle(entrypoint_id: int, snapshot_id: int) -> Response:
        data = bundle(job_by_entrypoint(entrypoint_id).artifact_plugins)
        return Response(data, media_type="application/gzip")

    @app.get("/api/v1/entrypoints/{entrypoint_id}/snapshots/{snapshot_id}/artifactPlugins")
    def artifact_plugins(entrypoint_id: int, snapshot_id: int) -> Response:
        job = job_by_entrypoint(entrypoint_id)
        listing = [
            {
                "id": 50,
                "snapshotId": 51,
                "name": name,
                "files": [
                    {
                        "filename": filename,
                        "tasks": {
                            "functions": [],
                            "artifacts": [
                                {"id": task_id, "name": task}
                                for task, task_id in job.artifact_task_ids.items()
                                if f"class {task}(" in text
                            ],
                        },
                    }
                    for filename, text in files.items()
                ],
            }
            for name, files in job.artifact_plugins.items()
        ]
        return JSONResponse(listing)

    @app.get("/api/v1/plugins/{plugin_id}/snapshots/{snapshot_id}/files/bundle")
    def plugin_files_bundle(plugin_id: int, snapshot_id: int) -> Response:
        for job in state.jobs.values():
            for artifact in job.artifact_parameters.values():
                task = artifact["artifact_task"]
                if (task["plugin_id"], task["plugin_snapshot_id"]) == (plugin_id, snapshot_id):
                    name = task["plugin_name"]
                    return Response(bundle({name: job.artifact_plugins[name]}))
        return _error(404, "EntityDoesNotExistError", "no such plugin snapshot")

    @app.get("/api/v1/artifacts/{artifact_id}/snapshots/{snapshot_id}/contents")
    def artifact_contents(artifact_id: int, snapshot_id: int) -> Response:
        _name, data = state.artifact_files[artifact_id]
        return Response(data, media_type="application/octet-stream")

    @app.post("/api/v1/jobs/{job_id}/log")
    async def append_log(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        body = await request.json()
        job.logs.extend(body["data"])
        return JSONResponse(body["data"])

    @app.post("/api/v1/jobs/{job_id}/metrics")
    async def append_metric(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        body = await request.json()
        job.metrics.append(body)
        return JSONResponse(body)

    @app.post("/api/v1/jobs/{job_id}/artifactUploads")
    async def upload(job_id: int, request: Request) -> Response:
        job = job_of(request, job_id)
        if isinstance(job, JSONResponse):
            return job
        query = request.query_params
        data = b"".join([chunk async for chunk in request.stream()])
        uri = f"stub://jobs/{job_id}/{query['name']}/{query['filename']}"
        state.uploads[uri] = data
        return JSONResponse({"artifactUri": uri, "isDir": query["isDir"] == "true"})

    @app.post("/api/v1/artifacts/")
    async def register(request: Request) -> Response:
        body = await request.json()
        job = job_of(request, int(body["job"]))
        if isinstance(job, JSONResponse):
            return job
        artifact_id = len(state.artifacts) + 1
        state.artifacts[artifact_id] = {"id": artifact_id, **body}
        return JSONResponse(state.artifacts[artifact_id])

    return app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StubServer:
    """Serves a ``StubState`` on a free 127.0.0.1 port in a background thread."""

    def __init__(self, state: StubState) -> None:
        self.state = state
        self.port = free_port()
        config = uvicorn.Config(
            make_stub_app(state), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> StubServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the stub API did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def read_tar(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile()
        }
