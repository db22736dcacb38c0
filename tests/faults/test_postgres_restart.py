"""PostgreSQL restarted under load: while it is down the server answers 503 with a clear
message (quickly, not after a hang), and once it is back the server, its dispatcher and
the workers serve again without being restarted themselves."""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from deployment import deploy
from private_postgres import PrivatePostgres
from server_harness import ServerProcess, WorkerProcess, wait_until
from tutorial_checks import finished

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

QUEUE = "worker-tests"
# How long a request may take while the database is down (a clear answer, not a hang).
OUTAGE_ANSWER_SECONDS = 10.0


@dataclass(frozen=True)
class Answer:
    started: float
    seconds: float
    status: int  # 0: no HTTP answer at all
    body: str


class Load(threading.Thread):
    """Lists and creates queues in a loop, recording every answer."""

    def __init__(self, url: str, token: str, group_id: int) -> None:
        super().__init__(daemon=True)
        self.api = httpx.Client(
            base_url=f"{url}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        self.group_id = group_id
        self.answers: list[Answer] = []
        self.running = True

    def run(self) -> None:
        for index in itertools.count():
            if not self.running:
                return
            if index % 2:
                self.request("GET", "/queues/", None)
            else:
                self.request("POST", "/queues/", {"group": self.group_id, "name": f"load-{index}"})
            time.sleep(0.02)

    def request(self, method: str, path: str, body: object) -> None:
        started = time.monotonic()
        try:
            response = self.api.request(method, path, json=body)
            status, text = response.status_code, response.text
        except httpx.TransportError as error:
            status, text = 0, repr(error)
        self.answers.append(Answer(started, time.monotonic() - started, status, text[:500]))

    def since(self, moment: float) -> list[Answer]:
        return [answer for answer in list(self.answers) if answer.started >= moment]

    def stop(self) -> None:
        self.running = False
        self.join(120)


def test_the_server_rides_out_a_postgres_restart(
    tmp_path: Path, private_postgres: PrivatePostgres
) -> None:
    env = {"DIOPTRA_DATABASE_URL": private_postgres.url, "DIOPTRA_DISPATCH": "postgres"}
    server = ServerProcess(tmp_path / "data", env=env)
    server.start()
    worker: WorkerProcess | None = None
    try:
        deployment = deploy(server)
        session = deployment.session
        worker = WorkerProcess(
            server.url, session.token, private_postgres.url, [QUEUE], tmp_path / "worker.log"
        )
        worker.start()
        wait_until(lambda: f"serving {QUEUE}" in worker.log(), 30, "the worker to start")
        finished(deployment, deployment.submit("nap", {"seconds": 0}))

        load = Load(server.url, session.token, session.group_id)
        load.start()
        wait_until(lambda: len(load.answers) >= 10, 30, "the load to get going")
        private_postgres.stop()
        down = time.monotonic()
        wait_until(lambda: len(load.since(down)) >= 5, 60, "requests while PostgreSQL is down")
        private_postgres.start()
        up = time.monotonic()
        wait_until(lambda: len(load.since(up)) >= 20, 60, "requests after PostgreSQL is back")
        load.stop()

        during = [a for a in load.since(down) if a.started < up]
        assert all(a.seconds < OUTAGE_ANSWER_SECONDS for a in during), during
        assert {a.status for a in during} <= {200, 503}, during
        unavailable = [a for a in during if a.status == 503]
        assert unavailable, during
        for answer in unavailable:
            body = json.loads(answer.body)
            assert body["error"] == "DatabaseUnavailableError"
            assert "database is unreachable" in body["message"]
        # Back to normal, without a restart of the server: after at most a few failures
        # (connections the pool had not yet found dead) every request succeeds.
        after = load.since(up)
        assert all(a.status == 200 for a in after[5:]), after
        assert server.alive()

        # The dispatcher and the worker reconnect too: a new job runs.
        finished(deployment, deployment.submit("nap", {"seconds": 0}), timeout=60)
        assert worker.alive()
    finally:
        if worker is not None:
            worker.stop()
        server.stop()
