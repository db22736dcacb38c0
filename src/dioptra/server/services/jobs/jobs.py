"""Jobs: reading them, the scope of job tokens, and handing them to a dispatcher.

A job is a snapshotted resource (type ``job``) owned by its experiment's group. Its
snapshot payload holds what it runs (values, artifact values, swaps, the pinned snapshots
of its experiment, entrypoint and queue), its timeout and its status; every status change
(written only by ``lifecycle``) makes a new snapshot, so ``/jobs/{id}/snapshots`` is its
status history. The ``jobs`` row holds the mutable run state (status, worker, heartbeat,
cancel flag) that dispatch and the watchdog query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import aliased

from dioptra.server.db.tables import Group, Job, Resource, ResourceSnapshot
from dioptra.server.services.core import links, resources
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.core.kinds import (
    ResourceKind,
    SearchField,
    like,
    payload_like,
    register_kind,
    tag_like,
)
from dioptra.server.services.core.listing import ListQuery, Page
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs.errors import (
    JobMlflowRunAlreadySetError,
    JobMlflowRunTakenError,
    JobTokenScopeError,
)


def _name_of_linked(column: Any) -> Any:
    """ORDER BY the current name of the resource a jobs column points at."""
    linked = aliased(Resource)
    linked_snapshot = aliased(ResourceSnapshot)
    return (
        select(linked_snapshot.name)
        .select_from(Job)
        .join(linked, linked.id == column)
        .join(linked_snapshot, linked_snapshot.id == linked.latest_snapshot_id)
        .where(Job.resource_id == Resource.id)
        .scalar_subquery()
    )


JOB_SEARCH_FIELDS: Mapping[str, SearchField] = {
    "description": like(ResourceSnapshot.description),
    "status": payload_like("status"),
    "timeout": payload_like("timeout"),
    "tag": tag_like,
}
JOB_SORT_FIELDS: Mapping[str, Any] = {
    "id": Resource.id,
    "description": ResourceSnapshot.description,
    "createdOn": Resource.created_on,
    "lastModifiedOn": ResourceSnapshot.created_on,
    "status": ResourceSnapshot.payload["status"].as_string(),
    "experiment": _name_of_linked(Job.experiment_id),
    "entrypoint": _name_of_linked(Job.entrypoint_id),
    "queue": _name_of_linked(Job.queue_id),
}

JOB = register_kind(
    ResourceKind(
        type_name="job",
        display_name="Job",
        url_segment="jobs",
        name_pattern=None,
        unique_names=False,
        search_fields=JOB_SEARCH_FIELDS,
        sort_fields=JOB_SORT_FIELDS,
    )
)
DEFAULT_TIMEOUT = "24h"


class JobDispatcher(Protocol):
    """Hands a queued job to whatever runs jobs of that queue (called after commit)."""

    def submit(self, job_id: int, queue_name: str) -> None: ...


class NoDispatcher:
    """The default: jobs stay queued until a worker claims them."""

    def submit(self, job_id: int, queue_name: str) -> None:
        return None


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotRef:
    """A pinned snapshot of another resource, as a job shows it."""

    resource_id: int
    snapshot_id: int
    resource_type: str
    name: str | None
    group_id: int
    group_name: str
    deleted: bool


@dataclass(frozen=True)
class JobDetails:
    """What a job's JSON needs beyond its snapshot (loaded in one batch per response).

    The status and its message are the snapshot's own, so that a snapshot reads the same
    forever; whether a live worker serves the job's queue is for ``/workers/`` to say.
    """

    refs: Mapping[str, SnapshotRef]  # "experiment", "entrypoint", "queue"
    artifacts: Sequence[tuple[int, int, str, bool]]  # (id, group id, group name, deleted)


def check_job_scope(ctx: ServiceContext, job_id: int, what: str = "act on another job") -> None:
    """A job token may act only on its own job."""
    actor = ctx.actor
    if actor is not None and actor.job_id is not None and actor.job_id != job_id:
        raise JobTokenScopeError(actor.job_id, what)


def forbid_job_token(ctx: ServiceContext, what: str) -> None:
    """For what a job token may never do (submit jobs, claim, browse other resources)."""
    actor = ctx.actor
    if actor is not None and actor.job_id is not None:
        raise JobTokenScopeError(actor.job_id, what)


def job_not_found(job_id: int, **attributes: int) -> EntityDoesNotExistError:
    return EntityDoesNotExistError(JOB.type_name, JOB.display_name, job_id=job_id, **attributes)


def get_job(ctx: ServiceContext, job_id: int, *, allow_deleted: bool = False) -> SnapshotView:
    """The latest snapshot of a visible job (404 ``job_id`` as Dioptra words it)."""
    try:
        return resources.get_latest(ctx, JOB, job_id, allow_deleted=allow_deleted)
    except EntityDoesNotExistError:
        raise job_not_found(job_id) from None


def job_row(
    ctx: ServiceContext, job_id: int, *, for_update: bool = False, include_deleted: bool = False
) -> Job:
    """The run state of a visible job (404 for others, and for deleted jobs unless
    ``include_deleted``)."""
    statement = (
        select(Job)
        .join(Resource, Resource.id == Job.resource_id)
        .where(Job.resource_id == job_id, resources.visible(ctx))
    )
    if not include_deleted:
        statement = statement.where(~Resource.deleted)
    if for_update:
        statement = statement.with_for_update(of=Job)
    row = ctx.db.scalars(statement).first()
    if row is None:
        raise job_not_found(job_id)
    return row


def queue_of_new_job(ctx: ServiceContext, job_id: int) -> str | None:
    """The queue of a job this transaction has just written (its row is in the session:
    no query), to dispatch it once committed."""
    row = ctx.db.get(Job, job_id)
    if row is None:
        raise job_not_found(job_id)
    return row.queue_name


def get_experiment_job(ctx: ServiceContext, experiment_id: int, job_id: int) -> SnapshotView:
    """A job reached through its experiment's path (404 when it belongs elsewhere)."""
    try:
        view = get_job(ctx, job_id)
    except EntityDoesNotExistError:
        raise job_not_found(job_id, experiment_id=experiment_id) from None
    if job_row(ctx, job_id).experiment_id != experiment_id:
        raise job_not_found(job_id, experiment_id=experiment_id)
    return view


def list_jobs(
    ctx: ServiceContext, query: ListQuery, *, experiment_id: int | None = None
) -> Page[SnapshotView]:
    filters: list[ColumnElement[bool]] = []
    if experiment_id is not None:
        filters.append(
            Resource.id.in_(select(Job.resource_id).where(Job.experiment_id == experiment_id))
        )
    return resources.list_latest(ctx, JOB, query, filters)


def _snapshot_refs(ctx: ServiceContext, snapshot_ids: set[int]) -> dict[int, SnapshotRef]:
    if not snapshot_ids:
        return {}
    rows = ctx.db.execute(
        select(
            ResourceSnapshot.id,
            Resource.id,
            Resource.resource_type,
            ResourceSnapshot.name,
            Group.id,
            Group.name,
            Resource.deleted,
        )
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .join(Group, Group.id == Resource.group_id)
        .where(ResourceSnapshot.id.in_(snapshot_ids))
    ).all()
    return {
        snapshot_id: SnapshotRef(resource_id, snapshot_id, kind, name, group, group_name, deleted)
        for snapshot_id, resource_id, kind, name, group, group_name, deleted in rows
    }


def _job_artifacts(
    ctx: ServiceContext, job_ids: list[int]
) -> dict[int, list[tuple[int, int, str, bool]]]:
    from dioptra.server.db.tables import ResourceLink

    rows = ctx.db.execute(
        select(ResourceLink.parent_id, Resource.id, Group.id, Group.name, Resource.deleted)
        .join(Resource, Resource.id == ResourceLink.child_id)
        .join(Group, Group.id == Resource.group_id)
        .where(ResourceLink.parent_id.in_(job_ids), Resource.resource_type == "artifact")
        .order_by(Resource.id)
    ).all()
    found: dict[int, list[tuple[int, int, str, bool]]] = {}
    for job_id, artifact_id, group_id, group_name, deleted in rows:
        found.setdefault(job_id, []).append((artifact_id, group_id, group_name, deleted))
    return found


REF_KEYS = {
    "experiment": "experimentSnapshotId",
    "entrypoint": "entrypointSnapshotId",
    "queue": "queueSnapshotId",
}


def with_details(ctx: ServiceContext, views: Sequence[SnapshotView]) -> list[SnapshotView]:
    """Views with ``extras["job"]`` (a ``JobDetails``), a few queries for any number."""
    if not views:
        return []
    job_ids = list({view.resource_id for view in views})
    wanted = {
        int(view.payload[key])
        for view in views
        for key in REF_KEYS.values()
        if view.payload.get(key) is not None
    }
    refs = _snapshot_refs(ctx, wanted)
    artifacts = _job_artifacts(ctx, job_ids)
    enriched = []
    for view in views:
        job_refs = {
            name: refs[view.payload[key]]
            for name, key in REF_KEYS.items()
            if view.payload.get(key) in refs
        }
        details = JobDetails(job_refs, artifacts.get(view.resource_id, []))
        enriched.append(replace(view, extras={**view.extras, "job": details}))
    return enriched


# -- writing ---------------------------------------------------------------------------


def acting_for_group(ctx: ServiceContext, group_id: int, user_id: int) -> ServiceContext:
    """A context for changes the server makes by itself (the watchdog): it acts as the
    user who last changed the job, with write access to the job's group only."""
    groups = frozenset({group_id})
    actor = Actor(
        user_id=user_id,
        username="",
        readable_groups=groups,
        writable_groups=groups,
    )
    return ServiceContext(db=ctx.db, actor=actor, passwords=ctx.passwords, notes=ctx.notes)


def get_mlflow_run(ctx: ServiceContext, job_id: int) -> str | None:
    check_job_scope(ctx, job_id)
    get_job(ctx, job_id)
    return job_row(ctx, job_id).mlflow_run_id


def set_mlflow_run(ctx: ServiceContext, job_id: int, run_id: str) -> str:
    """Stores the run id (there is no MLflow here; the route keeps clients working)."""
    check_job_scope(ctx, job_id, "set the MLflow run of another job")
    row = job_row(ctx, job_id, for_update=True)
    ctx.require_writable_group(get_job(ctx, job_id).group_id)
    if row.mlflow_run_id is not None:
        raise JobMlflowRunAlreadySetError()
    owner = ctx.db.scalar(select(Job.resource_id).where(Job.mlflow_run_id == run_id).limit(1))
    if owner is not None:
        raise JobMlflowRunTakenError(run_id, owner)
    row.mlflow_run_id = run_id
    return run_id


def experiment_of(ctx: ServiceContext, job_id: int) -> int | None:
    return job_row(ctx, job_id).experiment_id


def artifact_ids_of(ctx: ServiceContext, job_id: int) -> list[int]:
    return links.child_ids(ctx, job_id, "artifact")
