"""End to end on the local backend: ``dioptra up`` on SQLite runs jobs itself."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from deployment import Deployment, deploy
from server_harness import ServerProcess, Session, wait_until
from tutorial_checks import finished, run_folder_round_trip, run_tutorial

pytestmark = pytest.mark.slow


def test_the_tutorial_runs_end_to_end(local_deployment: Deployment) -> None:
    run_tutorial(local_deployment)


def test_a_directory_artifact_goes_into_the_store_and_back(
    local_deployment: Deployment,
) -> None:
    run_folder_round_trip(local_deployment)


def test_a_failing_task_fails_the_job_with_its_error_and_traceback(
    local_deployment: Deployment,
) -> None:
    session = local_deployment.session
    job = session.wait(local_deployment.submit("fail", {"message": "bad input"}))
    assert job["status"] == "failed"
    assert "ValueError: bad input" in job["statusMessage"]
    assert "\n" not in job["statusMessage"]
    errors = [r["message"] for r in session.logs(job["id"]) if r["severity"] == "ERROR"]
    assert any("Traceback (most recent call last)" in m and "fail_with" in m for m in errors)


def test_output_on_every_channel_reaches_the_log(local_deployment: Deployment) -> None:
    session = local_deployment.session
    job = finished(local_deployment, local_deployment.submit("talk", {"text": "ping"}))
    records = {r["message"]: r for r in session.logs(job["id"])}
    assert records["stdout: ping"]["severity"] == "INFO"
    assert records["stderr: ping"]["severity"] == "WARNING"
    assert records["logging: ping"]["loggerName"] == "worker_testing"
    assert "raw fd: ping" in records


def _running_pid(session: Session, job_id: int) -> int:
    def line() -> str | None:
        return next((m for m in session.log_messages(job_id) if m.startswith("sleeping")), None)

    wait_until(lambda: line() is not None, 30, f"job {job_id} to start sleeping")
    return int(str(line()).rsplit(" ", 1)[1])


def test_cancel_stops_a_running_job(local_deployment: Deployment) -> None:
    session = local_deployment.session
    job_id = local_deployment.submit("nap", {"seconds": 60})
    pid = _running_pid(session, job_id)
    started = time.monotonic()
    session.client.jobs.cancel(job_id)
    job = session.wait(job_id, 15)
    assert job["status"] == "cancelled"
    assert time.monotonic() - started < 10
    wait_until(lambda: not _alive(pid), 10, "the job process to die")


def test_a_job_past_its_timeout_is_stopped(local_deployment: Deployment) -> None:
    job_id = local_deployment.submit("nap", {"seconds": 60}, timeout="2s")
    job = local_deployment.session.wait(job_id, 30)
    assert job["status"] == "timeout"
    assert job["statusMessage"] == "the job ran past its timeout (2s) and was stopped"


def test_a_killed_job_process_fails_its_job(local_deployment: Deployment) -> None:
    session = local_deployment.session
    job_id = local_deployment.submit("nap", {"seconds": 60})
    os.kill(_running_pid(session, job_id), signal.SIGKILL)
    job = session.wait(job_id, 15)
    assert (job["status"], job["statusMessage"]) == (
        "failed",
        "the job process was killed by signal SIGKILL",
    )


def test_a_hundred_jobs_submitted_at_once_each_run_exactly_once(
    local_deployment: Deployment,
) -> None:
    session = local_deployment.session

    def submit(index: int) -> int:
        return local_deployment.submit("hello_world", {"name": f"n{index}"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        job_ids = list(pool.map(submit, range(100)))
    for index, job_id in enumerate(job_ids):
        job = finished(local_deployment, job_id)
        greetings = [m for m in session.log_messages(job_id) if m.startswith("Hello, ")]
        assert greetings == [f"Hello, n{index}!"], job


def test_a_server_restart_fails_the_running_job_and_runs_the_queued_ones(
    tmp_path: Path,
) -> None:
    server = ServerProcess(tmp_path / "data", env={"DIOPTRA_RUNNERS": "1"})
    server.start()
    try:
        deployment = deploy(server)
        running = deployment.submit("nap", {"seconds": 60})
        pid = _running_pid(deployment.session, running)
        waiting = deployment.submit("talk", {"text": "after the restart"})
        server.kill()  # the runner and the job process die with it
        wait_until(lambda: not _alive(pid), 10, "the job process to die with the server")
        server.start()
        session = Session(server.url)
        job = session.wait(running, 30)
        assert job["status"] == "failed"
        assert "stopped responding" in job["statusMessage"]
        job = session.wait(waiting, 30)
        assert job["status"] == "finished"
        assert "stdout: after the restart" in session.log_messages(waiting)
    finally:
        server.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_job_cannot_read_the_servers_data_folder(local_deployment: Deployment) -> None:
    data = local_deployment.server.data_dir
    for name in ("secret_key", "dioptra.db"):
        job = local_deployment.session.wait(
            local_deployment.submit("read_file", {"path": str(data / name)})
        )
        assert job["status"] == "failed", job
        assert "PermissionError" in job["statusMessage"], job["statusMessage"]


def test_a_job_reads_a_dataset_elsewhere_and_writes_only_in_its_folder(
    local_deployment: Deployment, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset.csv"
    dataset.write_text("x,y\n1,2\n")
    read = finished(local_deployment, local_deployment.submit("read_file", {"path": str(dataset)}))
    assert f"read 8 bytes of {dataset}" in local_deployment.session.log_messages(read["id"])
    finished(local_deployment, local_deployment.submit("write_file", {"path": "out.txt"}))
    outside = Path.home() / f".dioptra-write-probe-{os.getpid()}"
    for target in (outside, local_deployment.server.data_dir / "planted"):
        job = local_deployment.session.wait(
            local_deployment.submit("write_file", {"path": str(target)})
        )
        assert job["status"] == "failed" and "PermissionError" in job["statusMessage"], job
        assert not target.exists()


def test_an_artifact_output_linked_to_a_file_outside_the_job_is_refused(
    local_deployment: Deployment, tmp_path: Path
) -> None:
    key = local_deployment.server.data_dir / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600
    job = local_deployment.session.wait(local_deployment.submit("link_output", {"path": str(key)}))
    assert job["status"] == "failed", job  # the job cannot even link it
    # A file the job may reach (temp space) is linked, and the link is refused.
    planted = tmp_path / "planted.txt"
    planted.write_text("not the job's own")
    job = local_deployment.session.wait(
        local_deployment.submit("link_output", {"path": str(planted)})
    )
    assert job["status"] == "failed", job
    assert "is a hard link to a file outside the job's folder" in job["statusMessage"]
    assert job["artifacts"] == []
    assert key.stat().st_mode & 0o777 == 0o600
    assert planted.stat().st_mode & 0o777 == 0o644
    assert local_deployment.server.data_dir.stat().st_mode & 0o777 == 0o700
