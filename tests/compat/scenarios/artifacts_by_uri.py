"""Artifacts registered by URI, as Dioptra 1.2's jobs register what they logged to MLflow:
the job's MLflow run id is set, a file and a folder are written where MLflow's file store
(``MLFLOW_TRACKING_URI``, which the server was started with too) keeps that run's
artifacts, and their ``file://`` URIs are registered, read back, downloaded and versioned
as a model with the original client. Files of another job's run, or outside the store,
are refused.

Runs against our server only: the files are written without MLflow, whose runs 1.2.2
would look up.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from _support import done, expect_status, logged_in_client, public_group_id, unique
from artifacts_models import setup

WEIGHTS = b"\x00weights\xff" * 100
PLOTS = {"a.txt": b"alpha", "sub/b.txt": b"beta"}


def mlflow_store() -> Path:
    parts = urlsplit(os.environ["MLFLOW_TRACKING_URI"])
    assert parts.scheme == "file", "the scenario logs to an MLflow file store"
    return Path(url2pathname(parts.path))


def new_job(client: Any, world: dict[str, Any]) -> dict[str, Any]:
    job: dict[str, Any] = client.experiments.jobs.create(
        world["experiment"]["id"],
        world["producer"]["id"],
        world["queue"]["id"],
        swaps={"model": "small"},
    )
    return job


def job_with_run(client: Any, world: dict[str, Any]) -> tuple[dict[str, Any], str]:
    job = new_job(client, world)
    run_id = uuid.uuid4().hex
    client.jobs.set_mlflow_run_id(job["id"], run_id)
    return job, run_id


def run_artifacts(run_id: str) -> Path:
    """Where MLflow's file store keeps a run's artifacts (experiment 0)."""
    return mlflow_store() / "0" / run_id / "artifacts"


def log_artifact(run_id: str, name: str, data: bytes) -> str:
    """Writes a file where MLflow logs it; its URI, as ``mlflow.get_artifact_uri`` says."""
    path = run_artifacts(run_id) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path.as_uri()


def registered(client: Any, group: int, world: dict[str, Any]) -> dict[str, Any]:
    job, run_id = job_with_run(client, world)
    file_uri = log_artifact(run_id, "model/weights.bin", WEIGHTS)
    for relative, data in PLOTS.items():
        log_artifact(run_id, f"plots/{relative}", data)
    folder_uri = (run_artifacts(run_id) / "plots").as_uri()

    weights = client.artifacts.create(
        group,
        job["id"],
        file_uri,
        plugin_snapshot_id=world["savers"]["snapshot"],
        task_id=world["saver_task"]["id"],
        description="logged to MLflow",
    )
    assert weights["artifactUri"] == file_uri and weights["job"] == job["id"], weights
    assert (weights["isDir"], weights["fileSize"]) == (False, len(WEIGHTS)), weights
    assert weights["fileUrl"].endswith(f"/artifacts/{weights['id']}/contents"), weights
    assert weights["task"]["id"] == world["saver_task"]["id"], weights
    assert weights["sha256"] == hashlib.sha256(WEIGHTS).hexdigest(), weights
    assert client.artifacts.get_by_id(weights["id"]) == weights
    expect_status(409, client.artifacts.create, group, job["id"], file_uri)

    plots = client.artifacts.create(group, job["id"], folder_uri)
    assert (plots["isDir"], plots["fileSize"]) == (True, 9), plots
    files = client.artifacts.get_files(plots["id"])
    assert sorted(f["relativePath"] for f in files) == ["a.txt", "sub/b.txt"], files

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        got = client.artifacts.get_contents(weights["id"], output_dir=out, file_stem="w")
        assert got.read_bytes() == WEIGHTS
        bundle = client.artifacts.get_contents(plots["id"], output_dir=out)
        with tarfile.open(bundle) as packed:
            assert sorted(m.name for m in packed.getmembers() if m.isfile()) == [
                "plots/a.txt",
                "plots/sub/b.txt",
            ]
        one = client.artifacts.get_contents(
            plots["id"], artifact_path="sub/b.txt", output_dir=out, file_stem="b"
        )
        assert one.read_bytes() == b"beta"
    return {"job": job, "run_id": run_id, "weights": weights}


def refused(client: Any, group: int, world: dict[str, Any], mine: dict[str, Any]) -> None:
    _, other_run = job_with_run(client, world)
    theirs = log_artifact(other_run, "theirs.txt", b"not yours")
    expect_status(400, client.artifacts.create, group, mine["job"]["id"], theirs)
    with tempfile.TemporaryDirectory() as elsewhere:
        outside = Path(elsewhere, "0", mine["run_id"], "artifacts", "x.txt")
        outside.parent.mkdir(parents=True)
        outside.write_bytes(b"outside the store")
        expect_status(400, client.artifacts.create, group, mine["job"]["id"], outside.as_uri())
    hostile = theirs.replace(f"{other_run}/artifacts", f"{mine['run_id']}/artifacts/../..")
    expect_status(400, client.artifacts.create, group, mine["job"]["id"], hostile)
    no_run = new_job(client, world)
    body = expect_status(400, client.artifacts.create, group, no_run["id"], theirs)
    assert body["error"] == "JobMlflowRunNotSetError", body


def versioned(client: Any, group: int, artifact: dict[str, Any]) -> None:
    model = client.models.create(group_id=group, name=unique("uri-model"))
    version = client.models.versions.create(model["id"], artifact["id"], description="v1")
    assert version["artifact"]["id"] == artifact["id"], version
    assert client.models.get_by_id(model["id"])["latestVersion"]["versionNumber"] == 1


def main() -> None:
    client, _ = logged_in_client("uri")
    group = public_group_id(client)
    world = setup(client, group)
    mine = registered(client, group, world)
    refused(client, group, world, mine)
    versioned(client, group, mine["weights"])
    done("artifacts_by_uri")


if __name__ == "__main__":
    main()
