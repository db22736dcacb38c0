"""Seeds a fresh database through the public API so the fuzzer's ids point at real rows:
a few resources of every family, with snapshots, drafts, tags, files, jobs with logs and
metrics, an artifact and a model version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

API = "/api/v1"
PASSWORD = "pw"
# Builtin parameter types of the public group: integer 3, number 4.
LOAD_TASK = {
    "name": "load",
    "inputParams": [{"name": "n", "parameterType": 3, "required": True}],
    "outputParams": [{"name": "data", "parameterType": 3}],
}
SAVER_TASK = {"name": "NumberSaver", "outputParams": [{"name": "value", "parameterType": 4}]}
TASK_CODE = (
    "from dioptra import pyplugs\n\n@pyplugs.register\ndef load(n: int) -> int:\n    return n\n"
)
TASK_GRAPH = "prep:\n  load: [$n]\n"
ARTIFACT_GRAPH = "saved:\n  contents: $prep.data\n  task:\n    name: NumberSaver\n"


@dataclass
class Seeded:
    """Ids that exist after seeding, keyed by family (URL segment) or path parameter."""

    token: str
    ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    metric_names: list[str] = field(default_factory=list)

    def add(self, kind: str, *values: int) -> None:
        for value in values:
            if value not in self.ids[kind]:
                self.ids[kind].append(value)


def ok(response: Any) -> Any:
    assert response.status_code == 200, f"{response.request.url}: {response.text}"
    return response.json()


def logged_in_client(app: FastAPI, username: str) -> TestClient:
    """A new user, logged in by cookie. No ``with``: the lifespan is not run here."""
    client = TestClient(app)
    body = {
        "username": username,
        "email": f"{username}@example.org",
        "password": PASSWORD,
        "confirmPassword": PASSWORD,
    }
    ok(client.post(f"{API}/users/", json=body))
    ok(client.post(f"{API}/auth/login", json={"username": username, "password": PASSWORD}))
    return client


def new_token(client: TestClient) -> str:
    return str(ok(client.post(f"{API}/users/current/tokens", json={"name": "fuzz"}))["token"])


def seed(app: FastAPI) -> Seeded:
    """Alice (creator of ``public``, group 1) owns everything; Bob is a second member."""
    alice = logged_in_client(app, "alice")
    bob = logged_in_client(app, "bob")
    seeded = Seeded(token=new_token(alice))
    try:
        _seed_people(alice, bob, seeded)
        _seed_resources(app, alice, seeded)
    finally:
        alice.close()
        bob.close()
    return seeded


def _seed_people(alice: TestClient, bob: TestClient, seeded: Seeded) -> None:
    users = ok(alice.get(f"{API}/users/"))["data"]
    seeded.add("users", *(user["id"] for user in users))
    seeded.add("userId", *(user["id"] for user in users))
    seeded.add("groups", 1)
    tokens = ok(alice.get(f"{API}/users/current/tokens"))["data"]
    seeded.add("tokens", *(token["id"] for token in tokens))
    ok(alice.post(f"{API}/users/current/tokens", json={"name": "spare"}))


def _create(client: TestClient, seeded: Seeded, family: str, body: dict[str, Any]) -> Any:
    created = ok(client.post(f"{API}/{family}/", json={"group": 1, **body}))
    seeded.add(family, created["id"])
    seeded.add("snapshotId", created["snapshot"])
    return created


def _modify(client: TestClient, seeded: Seeded, family: str, rid: int, body: Any) -> None:
    modified = ok(client.put(f"{API}/{family}/{rid}", json=body))
    seeded.add("snapshotId", modified["snapshot"])


def _seed_resources(app: FastAPI, alice: TestClient, seeded: Seeded) -> None:
    for name in ("red", "blue"):
        seeded.add("tags", ok(alice.post(f"{API}/tags/", json={"group": 1, "name": name}))["id"])
    seeded.add("tagId", *seeded.ids["tags"])
    types = ok(alice.get(f"{API}/pluginParameterTypes/"))["data"]
    seeded.add("pluginParameterTypes", *(t["id"] for t in types))
    _create(alice, seeded, "pluginParameterTypes", {"name": "pair", "structure": {"list": "any"}})

    queue = _create(alice, seeded, "queues", {"name": "q", "description": "main"})
    _modify(alice, seeded, "queues", queue["id"], {"name": "q", "description": "changed"})
    _create(alice, seeded, "queues", {"name": "spare"})

    plugin = _create(alice, seeded, "plugins", {"name": "training"})
    files_url = f"{API}/plugins/{plugin['id']}/files"
    task_file = {
        "filename": "tasks.py",
        "contents": "# tasks\n",
        "tasks": {"functions": [LOAD_TASK], "artifacts": []},
    }
    seeded.add("fileId", ok(alice.post(files_url, json=task_file))["id"])
    extra_file = {"filename": "pkg/more.py", "contents": "x = 1\n"}
    seeded.add("fileId", ok(alice.post(files_url, json=extra_file))["id"])
    savers = _create(alice, seeded, "plugins", {"name": "savers"})
    saver_file = {
        "filename": "savers.py",
        "contents": "# savers\n",
        "tasks": {"functions": [], "artifacts": [SAVER_TASK]},
    }
    seeded.add(
        "fileId", ok(alice.post(f"{API}/plugins/{savers['id']}/files", json=saver_file))["id"]
    )

    entrypoint = _create(
        alice,
        seeded,
        "entrypoints",
        {
            "name": "ep",
            "taskGraph": TASK_GRAPH,
            "artifactGraph": ARTIFACT_GRAPH,
            "parameters": [{"name": "n", "parameterType": "integer", "defaultValue": "3"}],
            "plugins": [plugin["id"]],
            "artifactPlugins": [savers["id"]],
            "queues": [queue["id"]],
        },
    )
    seeded.add("entrypointId", entrypoint["id"])
    experiment = _create(
        alice, seeded, "experiments", {"name": "ex", "entrypoints": [entrypoint["id"]]}
    )
    _seed_jobs(app, alice, seeded, experiment["id"], entrypoint["id"], queue["id"], savers["id"])

    model = _create(alice, seeded, "models", {"name": "clf", "description": "a model"})
    artifact_id = seeded.ids["artifacts"][0]
    ok(alice.post(f"{API}/models/{model['id']}/versions", json={"artifact": artifact_id}))
    seeded.add("versionNumber", 1)

    for family in ("queues", "plugins", "experiments", "entrypoints", "models"):
        rid = seeded.ids[family][0]
        ok(alice.post(f"{API}/{family}/{rid}/tags", json={"ids": seeded.ids["tags"]}))
    _seed_drafts(alice, seeded, queue["id"], plugin["id"])


def _seed_jobs(
    app: FastAPI,
    alice: TestClient,
    seeded: Seeded,
    experiment_id: int,
    entrypoint_id: int,
    queue_id: int,
    savers_id: int,
) -> None:
    """A finished job with logs, metrics and a registered artifact; a queued one."""
    jobs_url = f"{API}/experiments/{experiment_id}/jobs"
    body = {"entrypoint": entrypoint_id, "queue": queue_id, "values": {"n": "4"}}
    job = ok(alice.post(jobs_url, json=body))
    claimed = ok(alice.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "fuzz-worker"}))
    worker = TestClient(app, headers={"Authorization": f"Bearer {claimed['token']}"})
    try:
        records = [{"severity": "INFO", "loggerName": "fuzz", "message": "started"}]
        ok(worker.post(f"{API}/jobs/{job['id']}/log", json={"data": records}))
        for step, value in enumerate((0.5, 0.25)):
            metric = {"name": "loss", "value": value, "step": step}
            ok(worker.post(f"{API}/jobs/{job['id']}/metrics", json=metric))
        seeded.metric_names.append("loss")
        uploaded = ok(
            worker.post(
                f"{API}/jobs/{job['id']}/artifactUploads",
                params={"name": "saved", "filename": "value.txt", "isDir": "false"},
                content=b"0.5",
            )
        )
        savers = ok(alice.get(f"{API}/plugins/{savers_id}"))
        task_id = savers["files"][0]["tasks"]["artifacts"][0]["id"]
        artifact = ok(
            worker.post(
                f"{API}/artifacts/",
                json={
                    "group": 1,
                    "job": job["id"],
                    "artifactUri": uploaded["artifactUri"],
                    "pluginSnapshotId": savers["snapshot"],
                    "taskId": task_id,
                },
            )
        )
        seeded.add("artifacts", artifact["id"])
        seeded.add("snapshotId", artifact["snapshot"])
        ok(worker.put(f"{API}/jobs/{job['id']}/status", json={"status": "finished"}))
    finally:
        worker.close()
    queued = ok(alice.post(jobs_url, json=body))
    seeded.add("jobs", job["id"], queued["id"])
    seeded.add("jobId", job["id"], queued["id"])


def _seed_drafts(alice: TestClient, seeded: Seeded, queue_id: int, plugin_id: int) -> None:
    draft = ok(alice.post(f"{API}/queues/drafts/", json={"group": 1, "name": "wip"}))
    seeded.add("draftId", draft["id"])
    ok(alice.post(f"{API}/queues/{queue_id}/draft", json={"name": "q", "description": "draft"}))
    file_draft = {"filename": "draft.py", "contents": "y = 2\n"}
    file_draft_made = ok(alice.post(f"{API}/plugins/{plugin_id}/files/drafts/", json=file_draft))
    seeded.add("draftId", file_draft_made["id"])
