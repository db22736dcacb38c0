"""A server with projects registered through REST: what the end-to-end tests run on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from project_import import register_project
from server_harness import REPO, ServerProcess, Session

TUTORIAL = REPO / "examples" / "tutorial"
TEST_PROJECT = Path(__file__).parent / "plugins"
QUEUE = "worker-tests"


@dataclass
class Deployment:
    """A server with the tutorial and the test project registered, one queue attached to
    every entrypoint, and one experiment holding them all."""

    server: ServerProcess
    session: Session
    entrypoints: dict[str, int]
    queue_id: int
    experiment_id: int

    def submit(self, entrypoint: str, values: dict[str, Any] | None = None, **kwargs: Any) -> int:
        return self.session.submit(
            self.experiment_id, self.entrypoints[entrypoint], self.queue_id, values, **kwargs
        )


def deploy(server: ServerProcess, queue: str = QUEUE, session: Session | None = None) -> Deployment:
    """Everything in the session's group (alice's first group unless told otherwise)."""
    session = session or Session(server.url)
    entrypoints = register_project(session.client, session.group_id, TUTORIAL)
    entrypoints |= register_project(session.client, session.group_id, TEST_PROJECT)
    entrypoints["sample_and_log_metrics"] = _metrics_entrypoint(session)
    queue_id = session.queue(queue)
    for entrypoint_id in entrypoints.values():
        session.client.entrypoints.queues.modify_by_id(entrypoint_id, [queue_id])
    experiment_id = session.experiment("worker-tests", list(entrypoints.values()))
    return Deployment(server, session, entrypoints, queue_id, experiment_id)


def _metrics_entrypoint(session: Session) -> int:
    """The tutorial chain plus the metrics plugin (the tutorial's own entrypoints stay
    exactly as Dioptra's tutorial has them)."""
    client = session.client
    plugins = {
        p["name"]: int(p["id"])
        for p in client.plugins.get(group_id=session.group_id, page_length=100)["data"]
    }
    graph = """\
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
    created = client.entrypoints.create(
        session.group_id,
        "sample_and_log_metrics",
        task_graph=graph,
        parameters=[
            {"name": "sample_size", "parameterType": "integer", "defaultValue": "100"},
            {"name": "seed", "parameterType": "integer", "defaultValue": "0"},
        ],
        plugins=[plugins["sample_and_transform"], plugins["tutorial_metrics"]],
    )
    return int(created["id"])
