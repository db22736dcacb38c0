"""End to end on PostgreSQL: procrastinate delivers jobs to two ``dioptra worker``
processes, and artifacts live on S3 (a moto server on 127.0.0.1)."""

from __future__ import annotations

import logging
import os
import re
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from deployment import Deployment, deploy
from server_harness import ADMIN_URL, ServerProcess, WorkerProcess, throwaway_postgres, wait_until
from tutorial_checks import finished, run_folder_round_trip, run_tutorial

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

BUCKET = "dioptra-worker-tests"


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with throwaway_postgres("dioptra_worker") as url:
        yield url


@pytest.fixture(scope="module")
def s3_env() -> Iterator[dict[str, str]]:
    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
    }
    boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], **_credentials(env)).create_bucket(
        Bucket=BUCKET
    )
    try:
        yield env
    finally:
        server.stop()


def _credentials(env: dict[str, str]) -> dict[str, str]:
    return {
        "aws_access_key_id": env["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": env["AWS_SECRET_ACCESS_KEY"],
        "region_name": env["AWS_DEFAULT_REGION"],
    }


class Cluster:
    """A server on PostgreSQL and S3, and ``dioptra worker`` processes."""

    def __init__(self, root: Path, database_url: str, s3_env: dict[str, str], grace: str) -> None:
        self.root = root
        self.database_url = database_url
        env = {
            **s3_env,
            "DIOPTRA_DISPATCH": "postgres",
            "DIOPTRA_DATABASE_URL": database_url,
            "DIOPTRA_ARTIFACTS_URL": f"s3://{BUCKET}/{root.name}",
            "DIOPTRA_WORKER_HEARTBEAT_GRACE_SECONDS": grace,
        }
        self.server = ServerProcess(root / "data", env=env)
        self.workers: list[WorkerProcess] = []
        self.deployment: Deployment | None = None

    def start(self, workers: int = 2) -> Deployment:
        self.server.start()
        self.deployment = deploy(self.server)
        for index in range(workers):
            self.add_worker(f"worker-{index}")
        return self.deployment

    def add_worker(self, name: str) -> WorkerProcess:
        assert self.deployment is not None
        worker = WorkerProcess(
            self.server.url,
            self.deployment.session.token,
            self.database_url,
            ["worker-tests"],
            self.root / f"{name}.log",
            concurrency=2,
            name=name,
        )
        worker.start()
        self.workers.append(worker)
        wait_until(lambda: "serving worker-tests" in worker.log(), 30, f"{name} to start")
        return worker

    def worker_of(self, job_id: int) -> WorkerProcess:
        claimed = f"job {job_id} claimed by worker "
        found = [w for w in self.workers if claimed in w.log()]
        assert len(found) == 1, [w.log()[-2000:] for w in self.workers]
        return found[0]

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop(signal.SIGINT)
        self.server.stop()


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, s3_env: dict[str, str]
) -> Iterator[Cluster]:
    # A short grace, so a killed worker's job is failed quickly.
    running = Cluster(tmp_path_factory.mktemp("pg"), database_url, s3_env, grace="4")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def test_the_tutorial_runs_end_to_end_with_artifacts_on_s3(
    cluster: Cluster, s3_env: dict[str, str]
) -> None:
    assert cluster.deployment is not None
    run_tutorial(cluster.deployment)
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_env["AWS_ENDPOINT_URL"], **_credentials(s3_env))
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert any(key.endswith("transformed_array.npy") for key in keys), keys
    assert any(key.endswith("rescaled_plot.png") for key in keys), keys


def test_a_directory_artifact_is_uploaded_as_a_tar_and_loaded_back(cluster: Cluster) -> None:
    assert cluster.deployment is not None
    run_folder_round_trip(cluster.deployment)


def test_a_hundred_jobs_run_exactly_once_across_two_workers(cluster: Cluster) -> None:
    deployment = cluster.deployment
    assert deployment is not None

    def submit(index: int) -> int:
        return deployment.submit("hello_world", {"name": f"pg{index}"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        job_ids = list(pool.map(submit, range(100)))
    for index, job_id in enumerate(job_ids):
        finished(deployment, job_id)
        greetings = [m for m in deployment.session.log_messages(job_id) if m.startswith("Hello")]
        assert greetings == [f"Hello, pg{index}!"]
    claims: dict[int, int] = {}
    for worker in cluster.workers:
        for match in re.finditer(r"job (\d+) claimed by worker", worker.log()):
            claims[int(match[1])] = claims.get(int(match[1]), 0) + 1
    assert all(claims.get(job_id) == 1 for job_id in job_ids), claims
    per_worker = [
        sum(f"job {job_id} claimed" in worker.log() for job_id in job_ids)
        for worker in cluster.workers
    ]
    assert all(count > 0 for count in per_worker), per_worker


def test_a_killed_worker_fails_its_job_quickly(cluster: Cluster) -> None:
    deployment = cluster.deployment
    assert deployment is not None
    session = deployment.session
    job_id = deployment.submit("nap", {"seconds": 60})
    wait_until(
        lambda: any(m.startswith("sleeping") for m in session.log_messages(job_id)),
        30,
        "the job to start",
    )
    line = next(m for m in session.log_messages(job_id) if m.startswith("sleeping"))
    job_pid = int(line.rsplit(" ", 1)[1])
    worker = cluster.worker_of(job_id)
    worker.kill()
    job = session.wait(job_id, 30)
    assert job["status"] == "failed"
    assert "stopped responding" in job["statusMessage"]
    wait_until(lambda: not _alive(job_pid), 10, "the orphaned job process to die")
    cluster.workers.remove(worker)
    cluster.add_worker("worker-replacement")
    follow_up = finished(deployment, deployment.submit("talk", {"text": "still served"}))
    assert "stdout: still served" in session.log_messages(follow_up["id"])


def test_jobs_running_through_a_server_restart_finish(
    tmp_path: Path, database_url: str, s3_env: dict[str, str]
) -> None:
    # Its own server and database, with the default grace (the restart fits in it).
    import psycopg

    name = f"{database_url.rsplit('/', 1)[1]}_restart"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    restart = Cluster(tmp_path, database_url.rsplit("/", 1)[0] + f"/{name}", s3_env, "30")
    try:
        deployment = restart.start(workers=2)
        jobs = [deployment.submit("nap", {"seconds": 4}) for _ in range(3)]
        wait_until(
            lambda: all(
                deployment.session.client.jobs.get_status(job)["status"] == "started"
                for job in jobs
            ),
            30,
            "the jobs to start",
        )
        restart.server.stop()
        restart.server.start()
        for job_id in jobs:
            job = deployment.session.wait(job_id, 60)
            assert job["status"] == "finished", _job_and_logs(deployment, job)
    finally:
        restart.stop()
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _job_and_logs(deployment: Deployment, job: dict[str, Any]) -> Any:
    return job, deployment.session.log_messages(job["id"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
