"""What a worker reads to run a job: its parameter values, its artifact inputs and its
task-engine document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dioptra.engine.parameters import coerce_parameter
from dioptra.server.services.artifacts.artifacts import ARTIFACT
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import jobs


def parameter_values(ctx: ServiceContext, job_id: int) -> dict[str, Any]:
    """``{name: value}``, each value coerced to its parameter's declared type."""
    jobs.check_job_scope(ctx, job_id, "read another job")
    return parameter_values_of(jobs.get_job(ctx, job_id))


def parameter_values_of(view: SnapshotView) -> dict[str, Any]:
    """The same from a snapshot of the job already at hand (a claim's)."""
    values: dict[str, str] = view.payload.get("values") or {}
    types: dict[str, str] = view.payload.get("parameterTypes") or {}
    return {
        name: coerce_parameter(value, types.get(name, "string"), name=name)
        for name, value in values.items()
    }


def artifact_parameters(ctx: ServiceContext, job_id: int) -> dict[str, dict[str, Any]]:
    """Each artifact input with the artifact task (and plugin) that loads it; snake_case
    keys, as Dioptra's worker reads them."""
    jobs.check_job_scope(ctx, job_id, "read another job")
    from dioptra.server.services.plugins import plugins

    view = jobs.get_job(ctx, job_id)
    found: dict[str, dict[str, Any]] = {}
    for name, value in (view.payload.get("artifactValues") or {}).items():
        artifact = resources.get_snapshot(ctx, ARTIFACT, int(value["id"]), int(value["snapshotId"]))
        payload = artifact.payload
        task = plugins.artifact_task(ctx, int(payload["pluginSnapshotId"]), int(payload["taskId"]))
        plugin = plugins.load_plugin_snapshot_files(ctx, [task.plugin_snapshot_id])[0]
        filename = next(
            (f.filename for f in plugin.files if f.file_snapshot_id == task.file_snapshot_id), ""
        )
        found[name] = {
            "artifact_id": artifact.resource_id,
            "artifact_snapshot_id": artifact.snapshot_id,
            "artifact_uri": payload["artifactUri"],
            "is_dir": payload["isDir"],
            "artifact_task": {
                "plugin_id": task.plugin_id,
                "plugin_name": plugin.name,
                "plugin_snapshot_id": task.plugin_snapshot_id,
                "file_name": filename,
                "task_name": task.task.name,
                "outputs": [{"name": p.name, "type": p.type.name} for p in task.task.outputs],
            },
        }
    return found


def config(ctx: ServiceContext, job_id: int) -> dict[str, Any]:
    """The document of the job's entrypoint snapshot rendered with the job's swaps
    (works for deleted jobs too, as in 1.2)."""
    jobs.check_job_scope(ctx, job_id, "read another job")
    return config_of(ctx, jobs.get_job(ctx, job_id, allow_deleted=True))


def config_of(ctx: ServiceContext, view: SnapshotView) -> dict[str, Any]:
    """The same from a snapshot of the job already at hand (a claim's)."""
    from dioptra.server.services.entrypoints.entrypoints import assemble_document

    swaps = {s["swapName"]: s["taskAlias"] for s in view.payload.get("swaps") or []}
    document: dict[str, Any] = assemble_document(
        ctx, int(view.payload["entrypointSnapshotId"]), swaps=swaps
    )
    return document


@dataclass(frozen=True)
class WorkerInputs:
    """What a claim hands the worker with the job (``runtime.claim_job``); None
    where it cannot be had."""

    config: dict[str, Any] | None
    parameters: dict[str, Any] | None


NO_INPUTS = WorkerInputs(config=None, parameters=None)


def worker_inputs(ctx: ServiceContext, view: SnapshotView) -> WorkerInputs:
    """From the job's snapshot the claim just wrote (no second read of the job)."""

    def or_none(read: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        try:
            return read()
        except DioptraError:
            return None

    return WorkerInputs(
        config=or_none(lambda: config_of(ctx, view)),
        parameters=or_none(lambda: parameter_values_of(view)),
    )


def rerun(ctx: ServiceContext, job_id: int) -> SnapshotView:
    from dioptra.server.services.jobs.create import rerun as rerun_job

    return rerun_job(ctx, job_id)
