"""Queues are group resources: two groups may each have a queue named ``gpu``. With
``DIOPTRA_DISPATCH=postgres`` a worker serving ``gpu`` for one group may receive the
delivery of the other group's job: it must hand it back, so that a worker whose account
may run the job gets it, and never drop it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from deployment import deploy
from server_harness import ServerProcess, Session, WorkerProcess, throwaway_postgres, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def database_url() -> Iterator[str]:
    with throwaway_postgres("dioptra_qaccess") as url:
        yield url


def deliveries_of(database_url: str, job_id: int) -> list[tuple[int]]:
    """The procrastinate jobs that would deliver ``job_id`` to a worker."""
    import psycopg

    conninfo = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as connection:
        return connection.execute(
            "SELECT id FROM procrastinate_jobs WHERE (args->>'job_id')::int = %s", (job_id,)
        ).fetchall()


def test_a_delivery_refused_for_lack_of_access_reaches_a_worker_with_access(
    tmp_path: Path, database_url: str
) -> None:
    env = {
        "DIOPTRA_DISPATCH": "postgres",
        "DIOPTRA_DATABASE_URL": database_url,
        # A short grace: the server says soon that no worker with access serves the job.
        "DIOPTRA_WORKER_HEARTBEAT_GRACE_SECONDS": "3",
        "DIOPTRA_JOB_WATCHDOG_INTERVAL_SECONDS": "0.5",
    }
    server = ServerProcess(tmp_path / "data", env=env)
    server.start()
    workers: list[WorkerProcess] = []

    def start_worker(name: str, token: str) -> WorkerProcess:
        worker = WorkerProcess(
            server.url, token, database_url, ["gpu"], tmp_path / f"{name}.log", name=name
        )
        worker.start()
        workers.append(worker)
        wait_until(lambda: "serving gpu" in worker.log(), 30, f"{name} to start")
        return worker

    try:
        # Alice works in a group of her own, with a queue "gpu"; bob, outside it, has a
        # queue "gpu" in the public group.
        owner = Session(server.url)
        owner.group_id = int(owner.client.groups.create("lab")["id"])
        alice = deploy(server, queue="gpu", session=owner)
        bob = Session(server.url, "bob")
        bob.queue("gpu")
        outsider = start_worker("bob-worker", bob.token)
        job_id = alice.submit("sample_and_log_metrics")
        wait_until(
            lambda: f"(job_id={job_id}) ended with status" in outsider.log(),
            30,
            "bob's worker to get the delivery",
        )
        waiting = (
            "No live worker whose account may run jobs of group 'lab' serves queue 'gpu': "
            "the job waits for one."
        )

        def says_waiting() -> bool:
            job = alice.session.client.jobs.get_by_id(job_id)
            assert job["status"] == "queued", job
            return bool(job["statusMessage"] == waiting)

        wait_until(says_waiting, 30, "the job to say that it waits for a worker")

        # A job cancelled while queued: bob's worker cannot tell it from one it may not
        # see, so the server withdraws its delivery rather than let it travel forever.
        cancelled = alice.submit("sample_and_log_metrics")
        wait_until(
            lambda: f"(job_id={cancelled}) ended with status" in outsider.log(),
            30,
            "bob's worker to get the second delivery",
        )
        alice.session.client.jobs.cancel(cancelled)
        wait_until(lambda: not deliveries_of(database_url, cancelled), 30, "the delivery to go")

        # Handed back, not dropped: the delivery still waits for a worker that may run it.
        assert deliveries_of(database_url, job_id)
        # Once bob's worker is gone, alice's takes it. (While both serve "gpu", whichever
        # polls first after the delivery falls due takes it: not asserted here.)
        outsider.stop()
        start_worker("alice-worker", alice.session.token)
        job = alice.session.wait(job_id, timeout=60)
        assert job["status"] == "finished", job
        assert job["statusMessage"] is None
        assert f"job {job_id} claimed by worker alice-worker" in workers[1].log()
        messages = [
            snapshot["statusMessage"]
            for snapshot in alice.session.client.jobs.snapshots.get(job_id)["data"]
        ]
        assert waiting in messages
    finally:
        for worker in workers:
            worker.stop()
        server.stop()
