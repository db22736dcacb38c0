"""The essential-workflows tutorial, run through REST, with its results checked against the
tutorial's functions called directly. Shared by the local and the PostgreSQL backends."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from deployment import TUTORIAL, Deployment

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def tutorial_module(relative: str) -> ModuleType:
    """A tutorial plugin file imported under a private name (to call its tasks directly)."""
    path = TUTORIAL / "plugins" / relative
    name = "direct_" + relative.replace("/", "_").removesuffix(".py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_transformed(sample_size: int, seed: int) -> np.ndarray:
    tasks = tutorial_module("sample_and_transform/tasks.py")
    sample = tasks.sample_normal_distribution(sample_size, 0.0, 1.0, seed)
    return np.asarray(tasks.nonlinear_transform(tasks.add_noise(sample, 0.1, seed), "tanh"))


def finished(deployment: Deployment, job_id: int, timeout: float = 120) -> dict[str, Any]:
    job = deployment.session.wait(job_id, timeout)
    assert job["status"] == "finished", (job, deployment.session.log_messages(job_id))
    return job


def artifact_bytes(deployment: Deployment, job: dict[str, Any], suffix: str) -> bytes:
    client = deployment.session.client
    for ref in job["artifacts"]:
        artifact = client.artifacts.get_by_id(ref["id"])
        if str(artifact["artifactUri"]).endswith(suffix):
            with tempfile.TemporaryDirectory() as folder:
                path = client.artifacts.get_contents(artifact["id"], output_dir=Path(folder))
                return Path(path).read_bytes()
    raise AssertionError(f"job {job['id']} has no {suffix} artifact: {job['artifacts']}")


def run_tutorial(deployment: Deployment) -> None:
    """sample_and_transform, sample_and_save_artifact, rescale_and_graph_array, metrics."""
    session = deployment.session

    chain = finished(deployment, deployment.submit("sample_and_transform", {"sample_size": 20}))
    messages = session.log_messages(chain["id"])
    assert any(m.startswith("sample: size=20.0000, mean=") for m in messages), messages
    assert any(m.startswith("transformed: size=20.0000, mean=") for m in messages), messages

    values = {"sample_size": 50, "seed": 3}
    saved = finished(deployment, deployment.submit("sample_and_save_artifact", values))
    npy = artifact_bytes(deployment, saved, ".npy")
    array = np.load(_as_file(npy))
    np.testing.assert_array_equal(array, expected_transformed(50, 3))
    artifact_id = next(
        ref["id"]
        for ref in saved["artifacts"]
        if session.client.artifacts.get_by_id(ref["id"])["artifactUri"].endswith(".npy")
    )
    artifact = session.client.artifacts.get_by_id(artifact_id)
    assert artifact["task"]["name"] == "NumpyArrayArtifactTask", artifact

    graphed = finished(
        deployment,
        deployment.submit(
            "rescale_and_graph_array",
            {"title": "worker test"},
            artifact_values={"array": {"id": artifact_id, "snapshotId": artifact["snapshot"]}},
        ),
    )
    assert artifact_bytes(deployment, graphed, ".png").startswith(PNG_SIGNATURE)

    measured = finished(deployment, deployment.submit("sample_and_log_metrics", {"seed": 5}))
    metrics = {m["name"]: m["value"] for m in session.client.jobs.get_metrics_by_id(measured["id"])}
    tasks = tutorial_module("sample_and_transform/tasks.py")
    transformed = np.tanh(tasks.sample_normal_distribution(100, 0.0, 1.0, 5))
    assert metrics["transformed_mean"] == float(transformed.mean())
    assert metrics["transformed_max"] == float(transformed.max())
    assert metrics["transformed_running_mean"] == float(transformed[:10].mean())
    steps = session.client.jobs.get_metrics_snapshots_by_id(
        measured["id"], "transformed_running_mean", page_length=100
    )["data"]
    assert [s["step"] for s in steps] == list(range(10))


def _as_file(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def run_folder_round_trip(deployment: Deployment) -> None:
    """A directory artifact: saved by one job, listed, loaded back by another."""
    session = deployment.session
    saved = finished(deployment, deployment.submit("save_folder", {"text": "inside"}))
    [ref] = saved["artifacts"]
    artifact = session.client.artifacts.get_by_id(ref["id"])
    assert artifact["isDir"] is True, artifact
    files = {f["relativePath"]: f for f in session.client.artifacts.get_files(artifact["id"])}
    assert {"a.txt", "sub/b.txt"} <= set(files), files
    value = {"folder": {"id": artifact["id"], "snapshotId": artifact["snapshot"]}}
    loaded = finished(deployment, deployment.submit("load_folder", artifact_values=value))
    assert "stdout: insideINSIDE" in session.log_messages(loaded["id"])
