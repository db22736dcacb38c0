"""``kill -9`` of the server while clients write: after a restart on the same data every
acknowledged write is there with its content, nothing is half-written, and the server
takes new writes."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from deployment import TEST_PROJECT
from project_import import register_project
from server_harness import ServerProcess, Session

pytestmark = pytest.mark.slow

WRITERS = 6
# Writes of every kind must have been acknowledged before the kill.
MIN_ACKNOWLEDGED = 3


@dataclass
class Acknowledged:
    """What the server answered 200 to, by kind: id -> what was sent."""

    queues: dict[int, str] = field(default_factory=dict)
    plugin_files: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    jobs: dict[int, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer(threading.Thread):
    """Creates resources until the server goes away, recording each acknowledged one."""

    def __init__(self, index: int, url: str, token: str, target: Target, acks: Acknowledged):
        super().__init__(daemon=True)
        self.kind = ("queue", "plugin", "job")[index % 3]
        self.api = httpx.Client(
            base_url=f"{url}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        self.target = target
        self.acks = acks
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            while True:
                getattr(self, f"write_{self.kind}")(uuid.uuid4().hex[:12])
        except httpx.TransportError:
            return  # the server was killed: whatever was in flight is not acknowledged
        except BaseException as error:
            self.failure = error

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.api.post(path, json=body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def write_queue(self, tag: str) -> None:
        name = f"queue-{tag}"
        created = self.post("/queues/", {"group": self.target.group_id, "name": name})
        with self.acks.lock:
            self.acks.queues[int(created["id"])] = name

    def write_plugin(self, tag: str) -> None:
        plugin = self.post("/plugins/", {"group": self.target.group_id, "name": f"plugin_{tag}"})
        contents = f"# {tag}\n" + "VALUE = 1\n" * 200
        plugin_id = int(plugin["id"])
        created = self.post(
            f"/plugins/{plugin_id}/files",
            {"filename": f"m_{tag}.py", "contents": contents, "tasks": {"functions": []}},
        )
        with self.acks.lock:
            self.acks.plugin_files[(plugin_id, int(created["id"]))] = (f"m_{tag}.py", contents)

    def write_job(self, tag: str) -> None:
        created = self.post(
            f"/experiments/{self.target.experiment_id}/jobs",
            {
                "entrypoint": self.target.entrypoint_id,
                "queue": self.target.queue_id,
                "values": {"seconds": "0"},
                "description": tag,
            },
        )
        with self.acks.lock:
            self.acks.jobs[int(created["id"])] = tag


@dataclass
class Target:
    group_id: int
    entrypoint_id: int
    queue_id: int
    experiment_id: int


def prepare(session: Session) -> Target:
    entrypoints = register_project(session.client, session.group_id, TEST_PROJECT)
    queue_id = session.queue("faults")
    session.client.entrypoints.queues.modify_by_id(entrypoints["nap"], [queue_id])
    experiment_id = session.experiment("faults", [entrypoints["nap"]])
    return Target(session.group_id, entrypoints["nap"], queue_id, experiment_id)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'dioptra.db'}"
    return str(request.getfixturevalue("postgres_url"))


def test_acknowledged_writes_survive_a_kill_9(tmp_path: Path, database_url: str) -> None:
    # No dispatch: the jobs wait, queued, so what the test reads back is what was written.
    env = {"DIOPTRA_DATABASE_URL": database_url, "DIOPTRA_DISPATCH": "none"}
    server = ServerProcess(tmp_path / "data", env=env)
    server.start()
    try:
        session = Session(server.url)
        target = prepare(session)
        acks = Acknowledged()
        writers = [Writer(i, server.url, session.token, target, acks) for i in range(WRITERS)]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 30
        while min(len(acks.queues), len(acks.plugin_files), len(acks.jobs)) < MIN_ACKNOWLEDGED:
            assert time.monotonic() < deadline, "the writers made too little progress"
            assert all(w.failure is None for w in writers), [w.failure for w in writers]
            time.sleep(0.05)
        server.kill()  # SIGKILL, while every writer has a request in flight or about to
        for writer in writers:
            writer.join(30)
            assert writer.failure is None, writer.failure

        restarted = ServerProcess(tmp_path / "data", env=env, port=server.port)
        restarted.start()
        try:
            check_acknowledged(restarted.url, session.token, acks)
            check_nothing_half_written(database_url)
            # The server takes new writes of every kind.
            survivor = Writer(0, restarted.url, session.token, target, Acknowledged())
            for write in (survivor.write_queue, survivor.write_plugin, survivor.write_job):
                write("after_restart")
        finally:
            restarted.stop()
    finally:
        server.stop()


def check_acknowledged(url: str, token: str, acks: Acknowledged) -> None:
    with httpx.Client(
        base_url=f"{url}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as api:

        def get(path: str) -> dict[str, Any]:
            response = api.get(path)
            assert response.status_code == 200, (path, response.text)
            return dict(response.json())

        for queue_id, name in acks.queues.items():
            assert get(f"/queues/{queue_id}")["name"] == name
        for (plugin_id, file_id), (filename, contents) in acks.plugin_files.items():
            stored = get(f"/plugins/{plugin_id}/files/{file_id}")
            assert (stored["filename"], stored["contents"]) == (filename, contents)
            listed = get(f"/plugins/{plugin_id}")["files"]
            assert file_id in [int(f["id"]) for f in listed]
        for job_id, description in acks.jobs.items():
            job = get(f"/jobs/{job_id}")
            assert (job["description"], job["status"]) == (description, "queued")
            assert get(f"/jobs/{job_id}/snapshots")["data"], job_id


# Rows no committed transaction can leave behind.
HALF_WRITTEN = {
    "resource without its latest snapshot": """
        SELECT r.id FROM resources r
        LEFT JOIN resource_snapshots s ON s.id = r.latest_snapshot_id AND s.resource_id = r.id
        WHERE s.id IS NULL""",
    "job resource without its job row": """
        SELECT r.id FROM resources r WHERE r.resource_type = 'job'
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.resource_id = r.id)""",
    "plugin file outside any plugin": """
        SELECT r.id FROM resources r WHERE r.resource_type = 'plugin_file'
        AND NOT EXISTS (SELECT 1 FROM resource_links l WHERE l.child_id = r.id)""",
    "job without its experiment": """
        SELECT j.resource_id FROM jobs j WHERE j.experiment_id IS NULL""",
}


def check_nothing_half_written(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            found = {
                what: [row[0] for row in connection.execute(sa.text(query))]
                for what, query in HALF_WRITTEN.items()
            }
            if engine.dialect.name == "sqlite":
                integrity = connection.execute(sa.text("PRAGMA integrity_check")).scalar()
                assert integrity == "ok"
    finally:
        engine.dispose()
    assert not list(itertools.chain(*found.values())), found
