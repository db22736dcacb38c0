"""The fault tests' project (``project/``) registered on a server, as a ``Deployment``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from deployment import Deployment
from project_import import register_project
from server_harness import ServerProcess, Session

PROJECT = Path(__file__).parent / "project"
QUEUE = "faults"


def deploy_faults(server: ServerProcess) -> Deployment:
    session = Session(server.url)
    entrypoints = register_project(session.client, session.group_id, PROJECT)
    queue_id = session.queue(QUEUE)
    for entrypoint_id in entrypoints.values():
        session.client.entrypoints.queues.modify_by_id(entrypoint_id, [queue_id])
    experiment_id = session.experiment("faults", list(entrypoints.values()))
    return Deployment(server, session, entrypoints, queue_id, experiment_id)


def artifacts_of_job(deployment: Deployment, job_id: int) -> list[dict[str, Any]]:
    """Every artifact registered for the job (by the job's own record and the registry)."""
    client = deployment.session.client
    listed = client.artifacts.get(group_id=deployment.session.group_id, page_length=1000)["data"]
    registered = [a for a in listed if int((a.get("job") or {}).get("id", -1)) == job_id]
    return [*client.jobs.get_by_id(job_id)["artifacts"], *registered]


def files_under(folder: Path) -> list[str]:
    return [
        os.path.relpath(os.path.join(parent, name), folder)
        for parent, _, names in os.walk(folder)
        for name in names
    ]
