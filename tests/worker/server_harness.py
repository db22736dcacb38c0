"""Real servers and workers in subprocesses, for end-to-end worker tests.

``ServerProcess`` runs ``dioptra up`` (the real app, migrations and dispatcher) on a free
127.0.0.1 port with a temporary data dir; ``WorkerProcess`` runs ``dioptra worker``.
``Session`` is a logged-in user with a group, a queue, an experiment and helpers to
register a project (plugins, types, entrypoints) through the REST API and run jobs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from dioptra.client import ConflictError, DioptraClient, connect_json_dioptra_client

PYTHON = sys.executable
REPO = Path(__file__).resolve().parents[2]
FINAL = {"finished", "failed", "cancelled", "timeout"}
# Fast password hashing and a quick watchdog: tests, not production.
TEST_ENV = {
    "DIOPTRA_PASSWORD_TIME_COST": "1",
    "DIOPTRA_PASSWORD_MEMORY_KIB": "8192",
    "DIOPTRA_PASSWORD_PARALLELISM": "1",
    "DIOPTRA_WORKER_HEARTBEAT_GRACE_SECONDS": "4",
    "DIOPTRA_JOB_WATCHDOG_INTERVAL_SECONDS": "0.5",
    "MPLBACKEND": "Agg",
}
# Commands as the `dioptra` CLI will run them, independent of its registration.
# The PostgreSQL of this machine (trust auth), where each test module makes its database.
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

UP = "import typer; from dioptra.cli.up import up; typer.run(up)"
WORKER = "import typer; from dioptra.cli.worker import worker; typer.run(worker)"


def inherited_environment() -> dict[str, str]:
    """This process's environment without DIOPTRA_* settings: a fixture of another test
    module (e.g. one that turns dispatch off for an in-process app) must not leak into the
    servers and workers started here."""
    return {k: v for k, v in os.environ.items() if not k.startswith("DIOPTRA_")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class ManagedProcess:
    def __init__(self, args: list[str], env: Mapping[str, str], log_path: Path) -> None:
        self.args = args
        self.env = {**inherited_environment(), **TEST_ENV, **env}
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.args, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
        )
        log.close()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class ServerProcess(ManagedProcess):
    def __init__(
        self, data_dir: Path, env: Mapping[str, str] | None = None, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.data_dir = data_dir
        args = [PYTHON, "-c", UP, "--port", str(self.port), "--data-dir", str(data_dir)]
        # A config folder of its own: the record of where it listens stays out of the user's.
        env = {"DIOPTRA_CONFIG_DIR": str(data_dir.parent / "server-config"), **(env or {})}
        super().__init__([*args, "--no-browser"], env, data_dir.parent / "server.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()
        wait_until(self.healthy, 60, f"the server on port {self.port}\n{self.log()}")

    def healthy(self) -> bool:
        if not self.alive():
            raise AssertionError(f"the server exited:\n{self.log()}")
        try:
            return httpx.get(f"{self.url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False


class WorkerProcess(ManagedProcess):
    def __init__(
        self,
        api_url: str,
        token: str,
        database_url: str,
        queues: list[str],
        log_path: Path,
        *,
        concurrency: int = 1,
        name: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        args = [PYTHON, "-c", WORKER, "--api", api_url, "--token", token]
        args += ["--database-url", database_url, "--concurrency", str(concurrency)]
        for queue in queues:
            args += ["--queue", queue]
        if name:
            args += ["--name", name]
        # What it learns to preload stays with the test, not in the user's state folder.
        state = {"DIOPTRA_WORKER_STATE_DIR": str(log_path.parent / "worker-state")}
        super().__init__(args, {**state, **(env or {})}, log_path)


class Session:
    """A user on a server: their client, group, queue and experiment."""

    def __init__(self, url: str, username: str = "alice", password: str = "Passw0rd!long") -> None:
        self.url = url
        self.client: DioptraClient[dict[str, Any]] = connect_json_dioptra_client(url)
        with contextlib.suppress(ConflictError):  # registered already (a restarted server)
            self.client.users.create(username, f"{username}@example.org", password)
        self.client.auth.login(username, password)
        self.group_id = int(self.client.users.get_current()["groups"][0]["id"])
        self.token = str(
            self.client.session.request_json(
                "post", self.client.session.url, "users", "current", "tokens", json_={"name": "t"}
            )["token"]
        )

    def queue(self, name: str) -> int:
        found = self.client.queues.get(search=f"name:{name}", page_length=100)["data"]
        for queue in found:
            if queue["name"] == name:
                return int(queue["id"])
        return int(self.client.queues.create(self.group_id, name)["id"])

    def experiment(self, name: str, entrypoint_ids: list[int]) -> int:
        created = self.client.experiments.create(self.group_id, name, entrypoints=entrypoint_ids)
        return int(created["id"])

    def submit(
        self,
        experiment_id: int,
        entrypoint_id: int,
        queue_id: int,
        values: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> int:
        job = self.client.experiments.jobs.create(
            experiment_id,
            entrypoint_id,
            queue_id,
            values={key: str(value) for key, value in (values or {}).items()},
            **kwargs,
        )
        return int(job["id"])

    def wait(self, job_id: int, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            job = self.client.jobs.get_by_id(job_id)
            if job["status"] in FINAL:
                return dict(job)
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job_id} is still {job['status']} after {timeout} s")
            time.sleep(0.05)

    def logs(self, job_id: int) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = self.client.jobs.get_logs_by_id(
            job_id, index=0, page_length=1000
        )["data"]
        return records

    def log_messages(self, job_id: int) -> list[str]:
        return [record["message"] for record in self.logs(job_id)]


@contextlib.contextmanager
def throwaway_postgres(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database's URL, dropped afterwards; the test is skipped
    where PostgreSQL does not answer."""
    import pytest

    psycopg = pytest.importorskip("psycopg")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at 127.0.0.1:5432: {error}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
