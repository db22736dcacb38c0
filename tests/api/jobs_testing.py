"""Helpers for the job, artifact and model tests: an experiment ready to run jobs, job
submission, claiming (with the job's token), uploads and registration."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from api_testing import API, create_queue
from entrypoint_testing import (
    ARTIFACT_GRAPH,
    EPOCHS,
    NUMBER,
    SWAP_GRAPH,
    artifact_plugin,
    create_entrypoint,
    ok_json,
    parameter,
    training_plugin,
)
from fastapi import FastAPI
from fastapi.testclient import TestClient

# Reads n, and c which no step uses (so it is never recorded unless given).
UNUSED = parameter("c", "string", "x")
PREV = {"name": "prev", "outputParams": [{"name": "value", "parameterType": NUMBER}]}


@dataclass
class World:
    """An experiment whose entrypoints can run on a queue."""

    queue: dict[str, Any]
    plugin: dict[str, Any]
    savers: dict[str, Any]
    entrypoint: dict[str, Any]
    experiment: dict[str, Any]
    others: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def jobs_url(self) -> str:
        return f"{API}/experiments/{self.experiment['id']}/jobs"

    def body(self, entrypoint: dict[str, Any] | int | None = None, **fields: Any) -> dict[str, Any]:
        """A submission body: the world's queue and ``entrypoint`` (default ``ep``)."""
        ep = entrypoint or self.entrypoint
        ep_id = ep if isinstance(ep, int) else ep["id"]
        return {"entrypoint": ep_id, "queue": self.queue["id"], **fields}


def make_world(client: TestClient, *, with_swaps: bool = False) -> World:
    """Queue ``q``; plugins ``training`` and ``savers``; entrypoint ``ep`` (n, c; artifact
    graph saving the fit); optional ``swappy`` (swap ``model``: small | large); experiment
    ``ex`` linking them."""
    queue = create_queue(client, "q")
    plugin = training_plugin(client)
    savers = artifact_plugin(client)
    entrypoint = create_entrypoint(
        client,
        [plugin["id"]],
        parameters=[parameter("n", "integer", "3"), UNUSED],
        artifactGraph=ARTIFACT_GRAPH,
        artifactPlugins=[savers["id"]],
        queues=[queue["id"]],
    )
    entrypoint_ids = [entrypoint["id"]]
    others: dict[str, dict[str, Any]] = {}
    if with_swaps:
        others["swappy"] = create_entrypoint(
            client,
            [plugin["id"]],
            name="swappy",
            task_graph=SWAP_GRAPH,
            parameters=[parameter("n", "integer", "3"), EPOCHS, UNUSED],
            queues=[queue["id"]],
        )
        entrypoint_ids.append(others["swappy"]["id"])
    experiment = ok_json(
        client.post(
            f"{API}/experiments/", json={"group": 1, "name": "ex", "entrypoints": entrypoint_ids}
        )
    )
    return World(queue, plugin, savers, entrypoint, experiment, others)


def submit(client: TestClient, world: World, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok_json(client.post(world.jobs_url, json=world.body(**fields)))
    return result


def put_status(client: TestClient, job_id: int, status: str, message: str | None = None) -> Any:
    body: dict[str, Any] = {"status": status}
    if message is not None:
        body["message"] = message
    return client.put(f"{API}/jobs/{job_id}/status", json=body)


@dataclass
class Claimed:
    job: dict[str, Any]
    experiment_id: int
    token: str
    worker: TestClient  # authenticated with the job's token only


def token_client(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {token}"})


def claim(app: FastAPI, client: TestClient, job_id: int, worker: str = "w1") -> Claimed:
    body = ok_json(client.post(f"{API}/jobs/{job_id}/claim", json={"worker": worker}))
    assert set(body) == {"job", "experimentId", "token", "config", "parameters"}
    return Claimed(
        body["job"], body["experimentId"], body["token"], token_client(app, body["token"])
    )


def upload(
    client: TestClient, job_id: int, name: str, filename: str, data: bytes, *, is_dir: bool = False
) -> Any:
    params = {"name": name, "filename": filename, "isDir": str(is_dir).lower()}
    return client.post(f"{API}/jobs/{job_id}/artifactUploads", params=params, content=data)


def tar_of(files: dict[str, bytes]) -> bytes:
    """A plain tar of a folder's contents (members relative to the folder)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def register(client: TestClient, job_id: int, uri: str, **fields: Any) -> Any:
    return client.post(
        f"{API}/artifacts/", json={"group": 1, "job": job_id, "artifactUri": uri, **fields}
    )


def saver_task(client: TestClient, world: World) -> tuple[int, int]:
    """(plugin snapshot id, task id) of the NumberSaver artifact task."""
    savers = ok_json(client.get(f"{API}/plugins/{world.savers['id']}"))
    task = savers["files"][0]["tasks"]["artifacts"][0]
    return savers["snapshot"], task["id"]


def stored_artifact(
    app: FastAPI, client: TestClient, world: World, data: bytes = b"0.5", *, with_task: bool = True
) -> dict[str, Any]:
    """A finished job that produced one registered file artifact (``value.txt``)."""
    job = submit(client, world)
    claimed = claim(app, client, job["id"])
    uploaded = ok_json(upload(claimed.worker, job["id"], "saved", "value.txt", data))
    fields: dict[str, Any] = {}
    if with_task:
        plugin_snapshot, task_id = saver_task(client, world)
        fields = {"pluginSnapshotId": plugin_snapshot, "taskId": task_id}
    artifact: dict[str, Any] = ok_json(
        register(claimed.worker, job["id"], uploaded["artifactUri"], **fields)
    )
    ok_json(put_status(claimed.worker, job["id"], "finished"))
    return artifact


class RecordingDispatcher:
    def __init__(self) -> None:
        self.submitted: list[tuple[int, str]] = []

    def submit(self, job_id: int, queue_name: str) -> None:
        self.submitted.append((job_id, queue_name))


@contextmanager
def recording_dispatcher(app: FastAPI) -> Iterator[RecordingDispatcher]:
    previous = app.state.dispatcher
    recorder = RecordingDispatcher()
    app.state.dispatcher = recorder
    try:
        yield recorder
    finally:
        app.state.dispatcher = previous


def poll(check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Waits until ``check()`` holds (polling, never a fixed sleep)."""
    import time

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def heartbeat(client: TestClient, worker: str, queues: list[str], jobs: list[int]) -> list[int]:
    """A worker's heartbeat; returns the ids of the jobs it must stop."""
    body = ok_json(
        client.post(
            f"{API}/workers/heartbeat", json={"worker": worker, "queues": queues, "jobs": jobs}
        )
    )
    cancel: list[int] = body["cancel"]
    return cancel
