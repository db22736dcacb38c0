"""``run_job`` against the in-memory stub of the worker-facing API.

Exact and quick: every log line, status, heartbeat and upload the worker sends is
visible in the stub's state.
"""

from __future__ import annotations

import importlib.util
import io
import os
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from stub_api import WORKER_TOKEN, StubJob, StubServer, StubState, read_tar

from dioptra.worker import Heartbeat, WorkerApi, run_job

PLUGIN_DIR = Path(__file__).parent / "plugins" / "worker_testing"
PLUGIN_FILES = {"worker_testing": {"tasks.py": (PLUGIN_DIR / "tasks.py").read_text()}}


def task(name: str, inputs: dict[str, str], output: str | None = "any") -> dict[str, Any]:
    definition: dict[str, Any] = {
        "plugin": f"worker_testing.tasks.{name}",
        "inputs": [{"name": key, "type": value, "required": True} for key, value in inputs.items()],
    }
    if output:
        definition["outputs"] = {"out": output}
    return definition


TASKS = {
    "sleep_for": task("sleep_for", {"seconds": "number"}),
    "fail_with": task("fail_with", {"message": "string"}, None),
    "talk": task("talk", {"text": "string"}),
    "log_metrics": task("log_metrics", {"name": "string", "values": "any"}),
    "environment": task("environment", {}),
    "make_text": task("make_text", {"text": "string"}),
}


def document(
    graph: dict[str, Any],
    parameters: dict[str, Any] | None = None,
    **sections: Any,
) -> dict[str, Any]:
    return {"types": {}, "parameters": parameters or {}, "tasks": TASKS, "graph": graph, **sections}


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    with StubServer(StubState()) as server:
        yield server


_ids = iter(range(1, 10_000))


def add_job(stub: StubServer, doc: dict[str, Any], **fields: Any) -> StubJob:
    fields.setdefault("plugins", PLUGIN_FILES)
    return stub.state.add_job(StubJob(next(_ids), doc, **fields))


def messages(job: StubJob, logger: str | None = None) -> list[str]:
    return [r["message"] for r in job.logs if logger is None or r["loggerName"] == logger]


def run(stub: StubServer, job: StubJob, **kwargs: Any) -> Any:
    return run_job(stub.url, job.id, WORKER_TOKEN, worker_id="test-worker", **kwargs)


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_the_config_and_parameters_are_fetched_unless_the_claim_brought_them(
    stub: StubServer,
) -> None:
    doc = document({"say": {"talk": {"text": "$text"}}}, {"text": {"type": "string"}})
    fetching = add_job(stub, doc, parameters={"text": "fetched"})
    brought = add_job(stub, doc, parameters={"text": "brought"}, claim_brings_inputs=True)
    assert run(stub, fetching).status == "finished"
    assert run(stub, brought).status == "finished"
    assert sorted(fetching.fetched) == ["config", "parameters"]
    assert brought.fetched == []
    assert "stdout: brought" in {record["message"] for record in brought.logs}


def test_a_job_runs_and_its_output_becomes_its_log(stub: StubServer) -> None:
    doc = document({"say": {"talk": {"text": "$text"}}}, {"text": {"type": "string"}})
    job = add_job(stub, doc, parameters={"text": "hi"})
    outcome = run(stub, job)
    assert (outcome.status, outcome.reported) == ("finished", True), job.logs
    assert job.status == "finished" and job.status_message is None
    by_message = {r["message"]: r for r in job.logs}
    assert by_message["stdout: hi"]["severity"] == "INFO"
    assert by_message["stdout: hi"]["loggerName"] == "stdout"
    assert by_message["stderr: hi"]["severity"] == "WARNING"
    assert by_message["logging: hi"] == {
        "severity": "WARNING",
        "loggerName": "worker_testing",
        "message": "logging: hi",
    }
    assert "raw fd: hi" in by_message  # written below Python's sys.stdout
    if importlib.util.find_spec("structlog"):
        assert by_message["structlog text='hi'"] == {
            "severity": "ERROR",
            "loggerName": "worker_testing.structured",
            "message": "structlog text='hi'",
        }
    assert "debug lines are not forwarded" not in by_message
    assert "step 'say' (task 'talk') started" in by_message


def test_the_job_process_has_the_job_environment_and_not_the_worker_secrets(
    stub: StubServer,
) -> None:
    job = add_job(stub, document({"env": {"environment": {}}}))
    # A worker of its own (its fork server starts with this environment).
    code = (
        "from dioptra.worker import run_job; import sys; "
        "print(run_job(sys.argv[1], int(sys.argv[2]), sys.argv[3], worker_id='env').status)"
    )
    env = {
        **os.environ,
        "DIOPTRA_WORKER_PASSWORD": "do-not-leak",
        "DIOPTRA_DATABASE_URL": "postgresql://secret@db/dioptra",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, stub.url, str(job.id), WORKER_TOKEN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "finished", result.stderr
    assert (
        "environment: __JOB_ID=set, DIOPTRA_API=set, DIOPTRA_API_TOKEN=set, "
        "DIOPTRA_WORKER_PASSWORD=unset, DIOPTRA_DATABASE_URL=unset"
    ) in messages(job, "stdout")
    cwd = next(m for m in messages(job, "stdout") if m.startswith("cwd: "))
    assert f"dioptra-job-{job.id}-" in cwd


def test_a_failing_task_fails_the_job_with_a_one_line_message_and_the_traceback_logged(
    stub: StubServer,
) -> None:
    job = add_job(stub, document({"boom": {"fail_with": {"message": "no good"}}}))
    outcome = run(stub, job)
    assert outcome.status == "failed" and job.status == "failed"
    assert job.status_message is not None and "\n" not in job.status_message
    assert "step 'boom'" in job.status_message and "ValueError: no good" in job.status_message
    errors = [r["message"] for r in job.logs if r["severity"] == "ERROR"]
    traceback_record = next(m for m in errors if "Traceback (most recent call last)" in m)
    assert "in fail_with\n    raise ValueError(message)" in traceback_record
    assert traceback_record.startswith(f"job {job.id} failed: {job.status_message}\n")
    assert job.status_message not in errors  # said once, with its traceback


def test_an_invalid_document_fails_the_job_and_logs_each_issue(stub: StubServer) -> None:
    job = add_job(stub, document({"s": {"no_such_task": {}}}))
    assert run(stub, job).status == "failed"
    assert job.status_message is not None and "not valid" in job.status_message
    assert any("no_such_task" in m for m in messages(job, "dioptra.worker"))


def test_metrics_logged_by_plugin_code_reach_the_job(stub: StubServer) -> None:
    doc = document({"m": {"log_metrics": {"name": "loss", "values": [0.5, 0.25, 2]}}})
    job = add_job(stub, doc)
    assert run(stub, job).status == "finished"
    assert job.metrics == [
        {"name": "loss", "value": 0.5, "step": 0},
        {"name": "loss", "value": 0.25, "step": 1},
        {"name": "loss", "value": 2, "step": 2},
    ]


def artifact_doc(task_name: str) -> dict[str, Any]:
    return document(
        {"make": {"make_text": {"text": "contents"}}},
        artifact_outputs={"saved": {"contents": "$make", "task": {"name": task_name}}},
    )


def with_artifact_plugins(**fields: Any) -> dict[str, Any]:
    return {
        "artifact_plugins": PLUGIN_FILES,
        "artifact_task_ids": {
            "TextArtifactTask": 61,
            "FolderArtifactTask": 62,
            "BrokenArtifactTask": 63,
        },
        **fields,
    }


def test_a_file_artifact_is_uploaded_and_registered_with_its_task(stub: StubServer) -> None:
    job = add_job(stub, artifact_doc("TextArtifactTask"), **with_artifact_plugins())
    assert run(stub, job).status == "finished"
    uri = f"stub://jobs/{job.id}/saved/saved.txt"
    assert stub.state.uploads[uri] == b"contents"
    registered = [a for a in stub.state.artifacts.values() if a["job"] == job.id]
    assert registered == [
        {
            "id": registered[0]["id"],
            "group": 1,
            "job": job.id,
            "artifactUri": uri,
            "pluginSnapshotId": 51,
            "taskId": 61,
            "description": f"Artifact, saved, generated and stored as part of job, {job.id}",
        }
    ]


def test_a_directory_artifact_is_uploaded_as_a_tar_of_its_contents(stub: StubServer) -> None:
    job = add_job(stub, artifact_doc("FolderArtifactTask"), **with_artifact_plugins())
    assert run(stub, job).status == "finished"
    members = read_tar(stub.state.uploads[f"stub://jobs/{job.id}/saved/saved"])
    assert members == {"a.txt": b"contents", "sub/b.txt": b"CONTENTS"}


def test_artifacts_go_straight_into_a_store_the_worker_can_reach(
    stub: StubServer, tmp_path: Path
) -> None:
    from dioptra.storage import ArtifactStore

    job = add_job(stub, artifact_doc("FolderArtifactTask"), **with_artifact_plugins())
    assert run(stub, job, store_url=str(tmp_path / "store")).status == "finished"
    store = ArtifactStore(str(tmp_path / "store"))
    key = f"jobs/{job.id}/saved/saved"
    assert [(f.relative_path, f.is_dir) for f in store.list_files(key)] == [
        ("a.txt", False),
        ("sub", True),
        ("sub/b.txt", False),
    ]
    registered = next(a for a in stub.state.artifacts.values() if a["job"] == job.id)
    assert registered["artifactUri"] == store.uri_for(key)
    # The files were handed over (hard links, read-only) and registered with their size
    # only: the job does not read them for a digest, the server does afterwards.
    assert "sha256" not in registered
    assert registered["fileSize"] == len(b"contents") * 2
    for member in ("a.txt", "sub/b.txt"):
        assert (tmp_path / "store" / key / member).stat().st_mode & 0o777 == 0o444


def test_a_file_output_in_a_reachable_store_is_registered_with_its_size(
    stub: StubServer, tmp_path: Path
) -> None:
    job = add_job(stub, artifact_doc("TextArtifactTask"), **with_artifact_plugins())
    assert run(stub, job, store_url=str(tmp_path / "store")).status == "finished", job.logs
    registered = next(a for a in stub.state.artifacts.values() if a["job"] == job.id)
    assert "sha256" not in registered  # left to the server
    assert registered["fileSize"] == len(b"contents")
    assert (registered["pluginSnapshotId"], registered["taskId"]) == (51, 61)


def test_an_artifact_task_error_fails_the_job(stub: StubServer) -> None:
    job = add_job(stub, artifact_doc("BrokenArtifactTask"), **with_artifact_plugins())
    assert run(stub, job).status == "failed"
    assert job.status_message is not None
    assert "BrokenArtifactTask.serialize failed" in job.status_message
    assert not [a for a in stub.state.artifacts.values() if a["job"] == job.id]


def test_artifact_inputs_are_downloaded_and_loaded_by_their_task(stub: StubServer) -> None:
    for artifact_id, (name, data, is_dir) in {
        901: ("note.txt", b"from a file", False),
        902: ("folder", _tar_gz({"folder/a.txt": b"x", "folder/sub/b.txt": b"Y"}), True),
    }.items():
        stub.state.artifact_files[artifact_id] = (name, data)
        doc = document(
            {"use": {"talk": {"text": "$loaded"}}},
            artifact_inputs={"loaded": {"text": "string"}},
        )
        job = add_job(
            stub,
            doc,
            artifact_plugins=PLUGIN_FILES,
            artifact_parameters={
                "loaded": {
                    "artifact_id": artifact_id,
                    "artifact_snapshot_id": artifact_id + 1,
                    "artifact_uri": f"file:///store/jobs/1/loaded/{name}",
                    "is_dir": is_dir,
                    "artifact_task": {
                        "plugin_id": 50,
                        "plugin_name": "worker_testing",
                        "plugin_snapshot_id": 51,
                        "file_name": "tasks.py",
                        "task_name": "FolderArtifactTask" if is_dir else "TextArtifactTask",
                        "outputs": [{"name": "text", "type": "string"}],
                    },
                }
            },
        )
        assert run(stub, job).status == "finished", job.logs
        expected = "xY" if is_dir else "from a file"
        assert f"stdout: {expected}" in messages(job, "stdout")


def _tar_gz(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _run_in_thread(stub: StubServer, job: StubJob, **kwargs: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}

    def target() -> None:
        result["outcome"] = run(stub, job, **kwargs)

    thread = threading.Thread(target=target)
    thread.start()
    result["thread"] = thread
    return result


def _sleeping_pid(job: StubJob) -> int:
    wait_for(lambda: any(m.startswith("sleeping for") for m in messages(job, "stdout")))
    line = next(m for m in messages(job, "stdout") if m.startswith("sleeping for"))
    return int(line.rsplit(" ", 1)[1])


def test_cancel_from_the_heartbeat_kills_the_job_process(stub: StubServer) -> None:
    job = add_job(stub, document({"nap": {"sleep_for": {"seconds": 60}}}))
    running = _run_in_thread(stub, job)
    pid = _sleeping_pid(job)
    started = time.monotonic()
    stub.state.cancel.add(job.id)
    running["thread"].join(timeout=20)
    assert running["outcome"].status == "cancelled"
    assert time.monotonic() - started < 5
    assert (job.status, job.status_message) == ("cancelled", "the job was cancelled")
    wait_for(lambda: not _alive(pid), timeout=5)


def test_a_job_past_its_timeout_is_stopped(stub: StubServer) -> None:
    job = add_job(stub, document({"nap": {"sleep_for": {"seconds": 60}}}), timeout="1s")
    started = time.monotonic()
    outcome = run(stub, job)
    assert outcome.status == "timeout" and job.status == "timeout"
    assert 1 <= time.monotonic() - started < 10
    assert job.status_message == "the job ran past its timeout (1s) and was stopped"


def test_a_killed_job_process_fails_the_job_with_the_signal_named(stub: StubServer) -> None:
    job = add_job(stub, document({"nap": {"sleep_for": {"seconds": 60}}}))
    running = _run_in_thread(stub, job)
    os.kill(_sleeping_pid(job), signal.SIGKILL)
    running["thread"].join(timeout=20)
    assert running["outcome"].status == "failed"
    assert job.status_message == "the job process was killed by signal SIGKILL"


def test_a_job_that_is_not_queued_is_left_alone(stub: StubServer) -> None:
    job = add_job(stub, document({"say": {"talk": {"text": "x"}}}))
    job.status = "cancelled"
    outcome = run(stub, job)
    assert outcome.status == "not_claimed"
    assert job.status == "cancelled" and job.logs == []


def test_a_shared_heartbeat_reports_every_running_job(stub: StubServer) -> None:
    beat = Heartbeat(WorkerApi(stub.url, WORKER_TOKEN), "shared-worker", ["q1", "q2"], 0.2)
    beat.start()
    try:
        jobs = [add_job(stub, document({"nap": {"sleep_for": {"seconds": 1}}})) for _ in range(2)]
        threads = [_run_in_thread(stub, job, heartbeat=beat) for job in jobs]
        for running in threads:
            running["thread"].join(timeout=30)
        assert beat.running_jobs() == set()
        beat.beat()
    finally:
        beat.stop()
    assert [t["outcome"].status for t in threads] == ["finished", "finished"]
    beats = [b for b in stub.state.heartbeats if b["worker"] == "shared-worker"]
    assert all(b["queues"] == ["q1", "q2"] for b in beats)
    assert any(set(b["jobs"]) == {jobs[0].id, jobs[1].id} for b in beats)
    assert beats[-1]["jobs"] == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_an_artifact_input_that_cannot_be_loaded_fails_the_job(stub: StubServer) -> None:
    stub.state.artifact_files[903] = ("note.txt", b"whatever")
    job = add_job(
        stub,
        document(
            {"use": {"talk": {"text": "$loaded"}}}, artifact_inputs={"loaded": {"text": "string"}}
        ),
        artifact_plugins=PLUGIN_FILES,
        artifact_parameters={
            "loaded": {
                "artifact_id": 903,
                "artifact_snapshot_id": 904,
                "artifact_uri": "file:///store/note.txt",
                "is_dir": False,
                "artifact_task": {
                    "plugin_id": 50,
                    "plugin_name": "worker_testing",
                    "plugin_snapshot_id": 51,
                    "file_name": "tasks.py",
                    "task_name": "BrokenArtifactTask",
                    "outputs": [{"name": "text", "type": "string"}],
                },
            }
        },
    )
    assert run(stub, job).status == "failed"
    assert job.status_message is not None
    assert "BrokenArtifactTask.deserialize failed" in job.status_message
    assert not any(m.startswith("stdout:") for m in messages(job, "stdout"))


def test_artifact_inputs_in_a_reachable_store_are_linked_from_it(
    stub: StubServer, tmp_path: Path
) -> None:
    """Hard links, read-only: the deserializer cannot change the stored object through
    its path (but as root, whom mode bits do not stop)."""
    from dioptra.storage import ArtifactStore

    store = ArtifactStore(str(tmp_path / "store"))
    uri = store.put_bytes("jobs/1/loaded/note.txt", b"straight from the store").uri
    # No contents registered with the stub: a download through the API would fail.
    job = add_job(
        stub,
        document(
            {"use": {"talk": {"text": "$loaded"}}}, artifact_inputs={"loaded": {"text": "string"}}
        ),
        artifact_plugins=PLUGIN_FILES,
        artifact_parameters={
            "loaded": {
                "artifact_id": 905,
                "artifact_snapshot_id": 906,
                "artifact_uri": uri,
                "is_dir": False,
                "artifact_task": {
                    "plugin_id": 50,
                    "plugin_name": "worker_testing",
                    "plugin_snapshot_id": 51,
                    "file_name": "tasks.py",
                    "task_name": "ModeArtifactTask",
                    "outputs": [{"name": "text", "type": "string"}],
                },
            }
        },
    )
    assert run(stub, job, store_url=str(tmp_path / "store")).status == "finished", job.logs
    # Two names while the job ran: the store's and the job's.
    assert "stdout: straight from the store (mode 444, 2 links)" in messages(job, "stdout")
    assert any("linked artifact 905" in m for m in messages(job, "dioptra.worker"))
    assert store.info("jobs/1/loaded/note.txt").size == len(b"straight from the store")
