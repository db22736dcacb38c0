"""The API, for two uses only: CHECKING what a scenario made by clicking (never setting it
up), and filling the server that ``test_screenshots`` photographs (that test is about how
pages look, not about the way there)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from dioptra.client import DioptraClient, connect_json_dioptra_client
from dioptra.client.utils import select_files_in_directory

REPO = Path(__file__).resolve().parents[2]
TUTORIAL = REPO / "examples" / "tutorial"
FINAL = {"finished", "failed", "cancelled", "timeout"}
METRICS_GRAPH = """\
sample_step:
  sample_normal_distribution:
    size: $sample_size
    seed: $seed
transform_step:
  nonlinear_transform:
    data: $sample_step
    transform: tanh
metrics_step:
  log_array_metrics:
    data: $transform_step
    prefix: transformed
"""


def client_for(url: str, username: str, password: str) -> DioptraClient[dict[str, Any]]:
    client = connect_json_dioptra_client(url)
    client.auth.login(username, password)
    return client


def find_by_name(listing: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((item for item in listing["data"] if item.get("name") == name), None)


def wait_for_job(client: DioptraClient[dict[str, Any]], job_id: int, timeout: float = 120) -> dict:
    """Polls until the job is final (for the screenshot set-up; scenarios watch the page)."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.jobs.get_by_id(job_id)
        if job["status"] in FINAL:
            return dict(job)
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")
        time.sleep(0.2)  # the polling interval of a deadline-bound wait


def fill_showcase(url: str, username: str, password: str) -> dict[str, Any]:
    """The tutorial project with one of everything, for the screenshots: a user, the
    tutorial imported, a queue, an experiment, finished jobs with an .npy and a .png
    artifact, and a failed job. Returns the ids of what it made."""
    client = connect_json_dioptra_client(url)
    client.users.create(username, f"{username}@example.org", password)
    client.auth.login(username, password)
    group_id = int(client.users.get_current()["groups"][0]["id"])
    files = [
        f
        for f in select_files_in_directory(TUTORIAL, recursive=True)
        if "__pycache__" not in f.filename
    ]
    try:
        imported = client.workflows.import_resources(group_id, files)["resources"]
    finally:
        for f in files:
            f.stream.close()
    entrypoints = {k: int(v) for k, v in imported["entrypoints"].items()}
    queue_id = int(client.queues.create(group_id, "default", "Jobs run by dioptra up")["id"])
    for entrypoint_id in entrypoints.values():
        client.entrypoints.queues.modify_by_id(entrypoint_id, [queue_id])
    experiment_id = int(
        client.experiments.create(
            group_id, "tutorial", "The tutorial's jobs", entrypoints=list(entrypoints.values())
        )["id"]
    )

    def run(entrypoint: str, **kwargs: Any) -> dict[str, Any]:
        job = client.experiments.jobs.create(
            experiment_id, entrypoints[entrypoint], queue_id, **kwargs
        )
        return wait_for_job(client, int(job["id"]))

    hello = run("hello_world", values={"name": "screenshots"}, description="Say hello")
    saved = run("sample_and_save_artifact", values={"sample_size": "500", "seed": "3"})
    array = next(
        a for a in client.artifacts.get(page_length=100)["data"] if a["job"] == saved["id"]
    )
    plotted = run(
        "rescale_and_graph_array",
        artifact_values={"array": {"id": array["id"], "snapshotId": array["snapshot"]}},
    )
    failed = run("sample_and_transform", values={"transform": "no-such-transform"})
    plugins = {p["name"]: int(p["id"]) for p in client.plugins.get(page_length=100)["data"]}
    metrics_entrypoint = int(
        client.entrypoints.create(
            group_id,
            "sample_and_log_metrics",
            description="The chain, with metrics logged from a task",
            task_graph=METRICS_GRAPH,
            parameters=[
                {"name": "sample_size", "parameterType": "integer", "defaultValue": "200"},
                {"name": "seed", "parameterType": "integer", "defaultValue": "0"},
            ],
            plugins=[plugins["sample_and_transform"], plugins["tutorial_metrics"]],
            queues=[queue_id],
        )["id"]
    )
    entrypoints["sample_and_log_metrics"] = metrics_entrypoint
    client.experiments.entrypoints.create(experiment_id, [metrics_entrypoint])
    measured = run("sample_and_log_metrics")
    artifacts = client.artifacts.get(page_length=100)["data"]
    png = next(a for a in artifacts if a["job"] == plotted["id"])
    types = client.plugin_parameter_types.get(page_length=100)["data"]
    files = client.plugins.files.get(plugins["sample_and_transform"], page_length=10)["data"]
    return {
        "group": group_id,
        "queue": queue_id,
        "experiment": experiment_id,
        "entrypoints": entrypoints,
        "plugins": plugins,
        "plugin_file": int(files[0]["id"]),
        "parameter_type": next(int(t["id"]) for t in types if t["name"] == "NumpyArray"),
        "jobs": {
            "hello": hello["id"],
            "saved": saved["id"],
            "plotted": plotted["id"],
            "failed": failed["id"],
            "measured": measured["id"],
        },
        "statuses": {
            "hello": hello["status"],
            "saved": saved["status"],
            "plotted": plotted["status"],
            "failed": failed["status"],
            "measured": measured["status"],
        },
        "artifacts": {"npy": array["id"], "png": png["id"]},
    }
