"""Job submission (``POST /experiments/{id}/jobs``) and rerun: every check, then one write.

The order of the checks is Dioptra 1.2's, so the same bad request gets the same error:
experiment -> entrypoint linked -> queue linked -> entrypoint not deleted (423) -> snapshot
-> graph dependency cycles -> artifact tasks registered (ours: 1.2.2 lets such a job
fail at its artifact outputs) -> unknown values -> swap choices -> values of the parameters
the rendered graph uses (defaults filled, all present, all coercible) -> artifact values.
Nothing is written until every check has passed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dioptra.engine.parameters import ParameterCoercionError, coerce_parameter
from dioptra.server.db.tables import JobSwap
from dioptra.server.services.artifacts.artifacts import ARTIFACT
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.entrypoints import queues as entrypoint_queues
from dioptra.server.services.entrypoints.errors import EntrypointParameterTypeMismatchError
from dioptra.server.services.entrypoints.version import ParameterDecl
from dioptra.server.services.experiments.experiments import EXPERIMENT, linked_entrypoints
from dioptra.server.services.jobs import entrypoints as job_entrypoints
from dioptra.server.services.jobs import jobs, lifecycle
from dioptra.server.services.jobs.entrypoints import ArtifactParameter, SwapChoice
from dioptra.server.services.jobs.errors import (
    ArtifactParameterTypeMismatchError,
    EntityNotRegisteredError,
    JobArtifactParameterMissingError,
    JobInvalidParameterNameError,
    JobParameterMissingError,
    JobTimeoutError,
    SwapChoiceError,
    UnspecifiedSwapsError,
)
from dioptra.server.services.workers.queues import QUEUE


@dataclass(frozen=True)
class ArtifactValue:
    artifact_id: int
    snapshot_id: int


@dataclass(frozen=True)
class JobRequest:
    """A job submission, as the body gives it."""

    entrypoint_id: int
    queue_id: int
    entrypoint_snapshot_id: int | None = None
    values: Mapping[str, str] = field(default_factory=dict)
    artifact_values: Mapping[str, ArtifactValue] = field(default_factory=dict)
    swaps: Sequence[tuple[str, str]] = ()  # (swap name, task alias)
    timeout: str = jobs.DEFAULT_TIMEOUT
    description: str | None = None


# Dioptra's timeout form (RQ's): seconds, or a number with a unit s, m, h, d or w.
TIMEOUT_PATTERN = re.compile(r"\s*\d+(\.\d+)?\s*[smhdw]?\s*", re.IGNORECASE)


def check_timeout(timeout: str) -> str:
    """Refused now rather than failing the job later in its worker."""
    if not TIMEOUT_PATTERN.fullmatch(timeout) or not any(c in "123456789" for c in timeout):
        raise JobTimeoutError(
            f"Invalid job timeout {timeout!r}: write a number of seconds or a number followed "
            "by s, m, h, d or w (e.g. '30s', '10m', '24h', '1d')."
        )
    return timeout


def _queue_ids_of(ctx: ServiceContext, entrypoint_ids: Sequence[int]) -> set[int]:
    """Queues of any of these entrypoints (1.2 accepts a queue of any of the
    experiment's entrypoints, not only of the one submitted)."""
    linked = entrypoint_queues.linked_queues(ctx, entrypoint_ids)  # one query for all
    return {queue.id for queues in linked.values() for queue in queues}


def _choose_swaps(
    available: Sequence[SwapChoice], requested: Sequence[tuple[str, str]]
) -> list[SwapChoice]:
    by_key = {(choice.swap_name, choice.task_alias): choice for choice in available}
    invalid = [pair for pair in requested if pair not in by_key]
    if invalid:
        raise SwapChoiceError(
            f"The following swap choices were invalid for the entrypoint: {invalid}"
        )
    chosen = [by_key[pair] for pair in requested]
    unspecified = sorted({c.swap_name for c in available} - {c.swap_name for c in chosen})
    if unspecified:
        raise UnspecifiedSwapsError(
            "The following swaps were required by the entrypoint but not specified: "
            f"{set(unspecified)}"
        )
    return chosen


def _recorded_values(
    declared: Sequence[ParameterDecl], values: Mapping[str, str], used: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(values, types) of the parameters the rendered graph uses or the caller gave."""
    recorded: dict[str, str | None] = {}
    types: dict[str, str] = {}
    for parameter in declared:
        if parameter.name in used or parameter.name in values:
            recorded[parameter.name] = values.get(parameter.name, parameter.default_value)
            types[parameter.name] = parameter.parameter_type
    missing = [name for name, value in recorded.items() if value is None]
    if missing:
        raise JobParameterMissingError(missing)
    failures = []
    for name, value in recorded.items():
        try:
            coerce_parameter(value, types[name], name=name)
        except ParameterCoercionError:
            failures.append((name, value, types[name]))
    if failures:
        raise EntrypointParameterTypeMismatchError(failures)
    return {name: str(value) for name, value in recorded.items()}, types


def _artifact_values(
    ctx: ServiceContext,
    parameters: Sequence[ArtifactParameter],
    given: Mapping[str, ArtifactValue],
) -> dict[str, dict[str, int]]:
    """Each artifact parameter gets an artifact whose task outputs the declared types."""
    declared = {parameter.name: parameter for parameter in parameters}
    extra = sorted(set(given) - set(declared))
    if extra:
        raise JobInvalidParameterNameError(extra, artifact=True)
    missing = [name for name in declared if name not in given]
    if missing:
        raise JobArtifactParameterMissingError(missing)
    from dioptra.server.services.plugins import plugins

    recorded: dict[str, dict[str, int]] = {}
    for name, parameter in declared.items():
        value = given[name]
        artifact = resources.get_snapshot(ctx, ARTIFACT, value.artifact_id, value.snapshot_id)
        plugin_snapshot_id = artifact.payload.get("pluginSnapshotId")
        task_id = artifact.payload.get("taskId")
        if plugin_snapshot_id is None or task_id is None:
            raise DioptraError(
                f"Artifact {value.artifact_id} (snapshot {value.snapshot_id}) has no artifact "
                f"task to load it with, so it cannot be the value of {name}."
            )
        task = plugins.artifact_task(ctx, int(plugin_snapshot_id), int(task_id)).task
        expected = parameter.outputs
        if len(task.outputs) != len(expected):
            raise DioptraError(
                "Output parameter types do not match. Different number of types: expected "
                f"{len(expected)} and received {len(task.outputs)} types for parameter {name}"
            )
        mismatched = [
            (output.name, given_param.type.name, output.type_name)
            for output, given_param in zip(expected, task.outputs, strict=True)
            if output.type_id != given_param.type.id
        ]
        if mismatched:
            raise ArtifactParameterTypeMismatchError(
                [m[0] for m in mismatched], [m[1] for m in mismatched], [m[2] for m in mismatched]
            )
        recorded[name] = {"id": value.artifact_id, "snapshotId": value.snapshot_id}
    return recorded


def create_job(ctx: ServiceContext, experiment_id: int, request: JobRequest) -> SnapshotView:
    """Checks a submission and writes the job (``queued``) and its run-state row."""
    jobs.forbid_job_token(ctx, "submit jobs")
    check_timeout(request.timeout)
    experiment = resources.get_latest(ctx, EXPERIMENT, experiment_id, allow_deleted=True)
    # Deleted entrypoints count here, so that one gets its 423 below (as in 1.2).
    linked_refs = linked_entrypoints(ctx, [experiment_id], include_deleted=True)
    linked = [ref.id for ref in linked_refs[experiment_id]]
    if request.entrypoint_id not in linked:
        raise EntityNotRegisteredError(
            "experiment", experiment_id, "entry_point", request.entrypoint_id
        )
    if request.queue_id not in _queue_ids_of(ctx, linked):
        raise EntityNotRegisteredError(
            "entry_point", request.entrypoint_id, "queue", request.queue_id
        )
    ctx.require_writable_group(experiment.group_id)
    queue = resources.get_latest(ctx, QUEUE, request.queue_id)
    version = job_entrypoints.load_version(
        ctx, request.entrypoint_id, request.entrypoint_snapshot_id
    )
    job_entrypoints.check_dependency_cycles(ctx, version)
    job_entrypoints.check_artifact_tasks(ctx, version)
    declared = job_entrypoints.parameters(version)
    unknown = sorted(set(request.values) - {p.name for p in declared})
    if unknown:
        raise JobInvalidParameterNameError(unknown)
    swaps = _choose_swaps(job_entrypoints.swap_choices(ctx, version), request.swaps)
    choices = {swap.swap_name: swap.task_alias for swap in swaps}
    used = job_entrypoints.used_parameters(ctx, version, choices)
    values, types = _recorded_values(declared, request.values, used)
    artifact_values = _artifact_values(
        ctx, job_entrypoints.artifact_parameters(ctx, version), request.artifact_values
    )
    payload: dict[str, Any] = {
        "timeout": request.timeout,
        "values": values,
        "parameterTypes": types,
        "artifactValues": artifact_values,
        "swaps": [
            job_entrypoints.swap_wire(swap) for swap in sorted(swaps, key=lambda s: s.swap_name)
        ],
        "experimentSnapshotId": experiment.snapshot_id,
        "entrypointSnapshotId": version.snapshot_id,
        "queueSnapshotId": queue.snapshot_id,
    }
    row = lifecycle.NewJob(
        queue_name=queue.name,
        experiment_id=experiment_id,
        entrypoint_id=request.entrypoint_id,
        queue_id=request.queue_id,
    )
    view = lifecycle.create(ctx, experiment.group_id, request.description, payload, row)
    for swap in swaps:
        ctx.db.add(
            JobSwap(
                job_id=view.resource_id,
                swap_name=swap.swap_name,
                task_alias=swap.task_alias,
                plugin_file_snapshot_id=swap.plugin_file_snapshot_id,
            )
        )
    ctx.db.flush()
    return view


def request_of(ctx: ServiceContext, job_id: int) -> tuple[int, JobRequest]:
    """(experiment id, the request) that submits the same work again."""
    view = jobs.get_job(ctx, job_id)
    row = jobs.job_row(ctx, job_id)
    entrypoint_snapshot = view.payload.get("entrypointSnapshotId")
    if row.experiment_id is None or row.entrypoint_id is None or row.queue_id is None:
        raise DioptraError(f"Job {job_id} does not record what it ran; it cannot be rerun.")
    request = JobRequest(
        entrypoint_id=row.entrypoint_id,
        queue_id=row.queue_id,
        entrypoint_snapshot_id=int(entrypoint_snapshot) if entrypoint_snapshot else None,
        values=dict(view.payload.get("values") or {}),
        artifact_values={
            name: ArtifactValue(int(value["id"]), int(value["snapshotId"]))
            for name, value in (view.payload.get("artifactValues") or {}).items()
        },
        swaps=[(s["swapName"], s["taskAlias"]) for s in view.payload.get("swaps") or []],
        timeout=str(view.payload.get("timeout") or jobs.DEFAULT_TIMEOUT),
        description=view.description,
    )
    return row.experiment_id, request


def rerun(ctx: ServiceContext, job_id: int) -> SnapshotView:
    """A new job with the same entrypoint snapshot, queue, values, artifacts and swaps."""
    jobs.forbid_job_token(ctx, "submit jobs")
    experiment_id, request = request_of(ctx, job_id)
    return create_job(ctx, experiment_id, request)
