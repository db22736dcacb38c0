"""The essential-workflows tutorial as one script, driving a Dioptra server from Python.

It registers (or logs in) a user, creates a queue, imports this folder's plugins and
entrypoints, runs `sample_and_save_artifact`, checks the saved NumPy array, feeds it
to `rescale_and_graph_array`, downloads the PNG, and prints the jobs' metrics and logs.

Only the API of Dioptra's own published client is used, so the script runs unchanged
with `pip install dioptra-platform` (Dioptra 1.2) as well as with this project's client.

    python examples/tutorial/tutorial.py --api http://127.0.0.1:5000 \\
        --username ada --email ada@example.org          # password: $DIOPTRA_PASSWORD or asked

Settings come from the command line, else from $DIOPTRA_API, $DIOPTRA_USERNAME,
$DIOPTRA_PASSWORD and $DIOPTRA_EMAIL.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from dioptra.client import connect_json_dioptra_client, select_files_in_directory
from dioptra.client.base import StatusCodeError

TUTORIAL_DIR = Path(__file__).resolve().parent
# The files an import needs: plugin code, the manifest and the task graphs.
IMPORTED_FILES = r".*\.(py|toml|yml|yaml)$"
FINAL_STATUSES = {"finished", "failed", "cancelled", "timeout"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QUEUE_NAME = "tutorial"
EXPERIMENT_NAME = "tutorial"

Client = Any  # the JSON client of either package


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--api",
        default=os.environ.get("DIOPTRA_API", "http://127.0.0.1:5000"),
        help="The Dioptra web address (default: $DIOPTRA_API or http://127.0.0.1:5000).",
    )
    parser.add_argument("--username", default=os.environ.get("DIOPTRA_USERNAME", "tutorial"))
    parser.add_argument("--password", default=os.environ.get("DIOPTRA_PASSWORD"))
    parser.add_argument(
        "--email", default=os.environ.get("DIOPTRA_EMAIL"), help="Used when registering."
    )
    parser.add_argument("--sample-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--output-dir", type=Path, default=Path("tutorial-output"), help="Where downloads go."
    )
    parser.add_argument(
        "--on-conflict",
        choices=("fail", "update", "overwrite"),
        default="update",
        help="What the import does with resources of the same names (default: update them).",
    )
    parser.add_argument(
        "--job-timeout", type=float, default=600.0, help="Seconds to wait for each job."
    )
    args = parser.parse_args(argv)
    if args.password is None:
        if not sys.stdin.isatty():
            parser.error("give --password or set $DIOPTRA_PASSWORD")
        args.password = getpass.getpass(f"Password for {args.username}: ")
    if args.email is None:
        args.email = f"{args.username}@example.org"
    return args


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


def register_and_login(client: Client, username: str, email: str, password: str) -> int:
    """Registers the user unless the name is taken, logs in, returns the user's first group."""
    try:
        client.users.create(username=username, email=email, password=password)
        print(f"registered {username}")
    except StatusCodeError as error:
        if error.status_code != 409:
            raise
        print(f"{username} is already registered")
    client.auth.login(username=username, password=password)
    user = client.users.get_current()
    group = user["groups"][0]
    print(f"logged in as {user['username']}; working in group {group['name']} (id {group['id']})")
    return int(group["id"])


def find_by_name(collection: Any, group_id: int, name: str) -> dict[str, Any] | None:
    found = collection.get(group_id=group_id, search=f"name:{name}", page_length=100)["data"]
    return next((item for item in found if item["name"] == name), None)


def ensure_queue(client: Client, group_id: int) -> int:
    queue = find_by_name(client.queues, group_id, QUEUE_NAME)
    if queue is None:
        queue = client.queues.create(
            group_id=group_id, name=QUEUE_NAME, description="Queue for the tutorial's jobs"
        )
    print(f"queue {queue['name']} (id {queue['id']})")
    return int(queue["id"])


def import_tutorial(client: Client, group_id: int, on_conflict: str) -> dict[str, int]:
    """Uploads this folder and imports what its dioptra.toml describes; returns entrypoint ids."""
    files = select_files_in_directory(TUTORIAL_DIR, recursive=True, include_pattern=IMPORTED_FILES)
    try:
        result = client.workflows.import_resources(
            group_id=group_id,
            source=files,
            config_path="dioptra.toml",
            resolve_name_conflicts_strategy=on_conflict,
        )
    finally:
        for file_ in files:
            file_.stream.close()
    for kind, resources in result["resources"].items():
        for name, resource_id in resources.items():
            print(f"imported {kind[:-1].replace('_', ' ')} {name} (id {resource_id})")
    return {name: int(i) for name, i in result["resources"]["entrypoints"].items()}


def ensure_experiment(client: Client, group_id: int, entrypoint_ids: list[int]) -> int:
    experiment = find_by_name(client.experiments, group_id, EXPERIMENT_NAME)
    if experiment is None:
        experiment = client.experiments.create(
            group_id=group_id,
            name=EXPERIMENT_NAME,
            description="The essential workflows tutorial",
            entrypoints=entrypoint_ids,
        )
    else:
        client.experiments.entrypoints.modify_by_id(
            experiment_id=experiment["id"], entrypoint_ids=entrypoint_ids
        )
    print(f"experiment {experiment['name']} (id {experiment['id']})")
    return int(experiment["id"])


def wait_for_job(client: Client, job_id: int, timeout: float) -> dict[str, Any]:
    """Polls the job until it ends; fails if it does not finish well in time."""
    deadline = time.monotonic() + timeout
    last_status = None
    while True:
        job = client.jobs.get_by_id(job_id)
        if job["status"] != last_status:
            last_status = job["status"]
            print(f"job {job_id}: {last_status}", flush=True)
        if job["status"] in FINAL_STATUSES:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"job {job_id} did not end within {timeout:.0f} s")
        time.sleep(1.0)
    if job["status"] != "finished":
        print_logs(client, job_id)
        raise SystemExit(f"job {job_id} ended {job['status']}")
    return dict(job)


def job_artifact(client: Client, job: dict[str, Any], suffix: str) -> dict[str, Any]:
    """The job's artifact whose URI ends with `suffix`."""
    for ref in job["artifacts"]:
        artifact = client.artifacts.get_by_id(ref["id"])
        if str(artifact["artifactUri"]).rstrip("/").endswith(suffix):
            return dict(artifact)
    raise SystemExit(f"job {job['id']} saved no {suffix} artifact")


def print_logs(client: Client, job_id: int, last: int = 10) -> None:
    records = client.jobs.get_logs_by_id(job_id, index=0, page_length=1000)["data"]
    print(f"log of job {job_id} ({len(records)} records, the last {min(last, len(records))}):")
    for record in records[-last:]:
        print(f"  {record['severity']:<8} {record['loggerName']}: {record['message']}")


def print_metrics(client: Client, job_id: int) -> None:
    metrics = client.jobs.get_metrics_by_id(job_id)
    if not metrics:
        print(f"job {job_id} logged no metrics")
    for metric in metrics:
        print(f"  metric {metric['name']} = {metric['value']}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    client = connect_json_dioptra_client(args.api)

    step(f"Log in to {args.api}")
    group_id = register_and_login(client, args.username, args.email, args.password)

    step("Create a queue")
    queue_id = ensure_queue(client, group_id)

    step("Import the tutorial's plugins and entrypoints")
    entrypoints = import_tutorial(client, group_id, args.on_conflict)
    for entrypoint_id in entrypoints.values():
        client.entrypoints.queues.modify_by_id(entrypoint_id=entrypoint_id, queue_ids=[queue_id])
    print(f"queue {QUEUE_NAME} attached to {len(entrypoints)} entrypoints")

    step("Create an experiment")
    experiment_id = ensure_experiment(client, group_id, list(entrypoints.values()))

    step("Sample, transform, and save the array as an artifact")
    job = client.experiments.jobs.create(
        experiment_id=experiment_id,
        entrypoint_id=entrypoints["sample_and_save_artifact"],
        queue_id=queue_id,
        values={"sample_size": str(args.sample_size), "seed": str(args.seed)},
        description="tutorial: sample and save",
    )
    job = wait_for_job(client, job["id"], args.job_timeout)
    array_artifact = job_artifact(client, job, ".npy")
    array_path = client.artifacts.get_contents(
        array_artifact["id"], output_dir=args.output_dir, file_stem="transformed_array.npy"
    )
    array = np.load(array_path)
    assert array.shape == (args.sample_size,), array.shape
    assert np.all(np.abs(array) <= 1.0), "tanh keeps values in [-1, 1]"
    print(
        f"artifact {array_artifact['id']} -> {array_path}: {array.shape[0]} values, "
        f"mean {array.mean():.4f}, std {array.std():.4f}"
    )
    print_metrics(client, job["id"])
    print_logs(client, job["id"])

    step("Rescale the saved array and graph it")
    job = client.experiments.jobs.create(
        experiment_id=experiment_id,
        entrypoint_id=entrypoints["rescale_and_graph_array"],
        queue_id=queue_id,
        values={"title": f"Rescaled: {args.sample_size} samples, seed {args.seed}"},
        artifact_values={
            "array": {"id": array_artifact["id"], "snapshotId": array_artifact["snapshot"]}
        },
        description="tutorial: rescale and graph",
    )
    job = wait_for_job(client, job["id"], args.job_timeout)
    plot_artifact = job_artifact(client, job, ".png")
    plot_path = client.artifacts.get_contents(
        plot_artifact["id"], output_dir=args.output_dir, file_stem="rescaled_plot.png"
    )
    assert Path(plot_path).read_bytes().startswith(PNG_SIGNATURE), "not a PNG file"
    print(f"artifact {plot_artifact['id']} -> {plot_path} ({Path(plot_path).stat().st_size} bytes)")
    print_metrics(client, job["id"])
    print_logs(client, job["id"])

    step("Done")
    print(f"the array and the figure are in {args.output_dir.resolve()}")


if __name__ == "__main__":
    main()
