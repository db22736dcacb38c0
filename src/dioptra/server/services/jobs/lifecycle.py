"""The job lifecycle: the only code that writes a job's status.

Every change goes through here, background loops included: a job is created ``queued``,
claimed (``queued -> started``, exactly once), moved by status reports (the worker's
``finished``/``failed``/``timeout``/``cancelled``, a user's ``reset``), cancelled,
failed by the watchdog when its worker falls silent, and cancelled when deleted. The
table of allowed moves is ``TRANSITIONS``; every move writes the ``jobs`` row (the run
state that dispatch and the watchdog query) and, for a visible job, a new snapshot, so
``/jobs/{id}/snapshots`` is its status history (a cancellation request of a running job
is recorded too, in a snapshot of the same status).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, and_, or_, select, update

from dioptra.job_states import (
    CANCELLED,
    DEFERRED,
    FAILED,
    FINISHED,
    QUEUED,
    REQUESTABLE,
    RESET,
    STARTED,
    TERMINAL,
    TIMEOUT,
)
from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import (
    ApiToken,
    Group,
    GroupMember,
    Job,
    Resource,
    ResourceSnapshot,
    User,
    Worker,
)
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs.errors import (
    JobInvalidStatusTransitionError,
    JobNotQueuedError,
)
from dioptra.server.services.workers.liveness import DEFAULT_GRACE

#: from status -> the statuses it may move to (``reset`` is allowed from anywhere).
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    QUEUED: frozenset({STARTED, DEFERRED, CANCELLED}),
    STARTED: frozenset({FINISHED, FAILED, CANCELLED, TIMEOUT}),
    DEFERRED: frozenset({STARTED, CANCELLED}),
    FINISHED: frozenset(),
    FAILED: frozenset(),
    CANCELLED: frozenset(),
    TIMEOUT: frozenset(),
}


def is_allowed(current: str, requested: str) -> bool:
    """Whether a job in ``current`` may be moved as ``requested`` asks."""
    if requested == RESET:
        return True
    return requested in TRANSITIONS.get(current, frozenset())


def resulting_status(requested: str) -> str:
    """The status a request leaves the job in (``reset`` stores ``queued``)."""
    return QUEUED if requested == RESET else requested


@dataclass(frozen=True)
class StatusChange:
    view: SnapshotView
    requeued: bool  # a reset put it back in the queue: dispatch it again
    queue_name: str | None


@dataclass(frozen=True)
class NewJob:
    """The run state of a job being submitted (its ``jobs`` row)."""

    queue_name: str | None
    experiment_id: int
    entrypoint_id: int
    queue_id: int


# -- create ----------------------------------------------------------------------------


def create(
    ctx: ServiceContext,
    group_id: int,
    description: str | None,
    payload: Mapping[str, object],
    new: NewJob,
) -> SnapshotView:
    """Writes a job, ``queued``: its first snapshot and its ``jobs`` row."""
    view = resources.create(
        ctx,
        jobs.JOB,
        group_id,
        SnapshotFields(
            name=None,
            description=description,
            payload={**payload, "status": QUEUED, "statusMessage": None},
        ),
    )
    ctx.db.add(
        Job(
            resource_id=view.resource_id,
            status=QUEUED,
            queue_name=new.queue_name,
            experiment_id=new.experiment_id,
            entrypoint_id=new.entrypoint_id,
            queue_id=new.queue_id,
            enqueued_on=utcnow(),
            cancel_requested=False,
        )
    )
    return view


# -- the one writer ---------------------------------------------------------------------


def _write_snapshot(
    ctx: ServiceContext,
    job_id: int,
    changes: Mapping[str, object],
    latest: SnapshotView | None = None,
) -> SnapshotView:
    """A new snapshot of the job: the latest payload with ``changes`` applied
    (``latest``: the job's latest view, when this transaction has read it already)."""
    if latest is None:
        latest = jobs.get_job(ctx, job_id)
    fields = SnapshotFields(
        name=None,
        description=latest.description,
        payload={**latest.payload, **changes},
    )
    return resources.modify(ctx, jobs.JOB, job_id, fields)


def _revoke_tokens(ctx: ServiceContext, job_id: int) -> None:
    ctx.db.execute(
        update(ApiToken).where(ApiToken.job_id == job_id, ~ApiToken.revoked).values(revoked=True)
    )


def _move(
    ctx: ServiceContext,
    row: Job,
    requested: str,
    message: str | None,
    now: dt.datetime | None = None,
    *,
    deleted: bool = False,
) -> StatusChange | None:
    """Moves a locked job row as ``requested`` asks, if the table allows it, and writes
    the snapshot (none for a ``deleted`` job: its snapshots are frozen)."""
    if requested not in REQUESTABLE or not is_allowed(row.status, requested):
        raise JobInvalidStatusTransitionError(row.status, requested)
    now = now or utcnow()
    new_status = resulting_status(requested)
    row.status = new_status
    row.error = message
    if requested == RESET:
        row.worker_id = None
        row.started_on = None
        row.finished_on = None
        row.heartbeat_on = None
        row.cancel_requested = False
        row.mlflow_run_id = None
        row.enqueued_on = now
        _revoke_tokens(ctx, row.resource_id)
    elif new_status == STARTED:
        row.started_on = row.started_on or now
        row.heartbeat_on = now
    elif new_status in TERMINAL:
        row.finished_on = now
        _revoke_tokens(ctx, row.resource_id)
    if deleted:
        return None
    ctx.db.flush()
    changes = {"status": new_status, "statusMessage": message}
    view = _write_snapshot(ctx, row.resource_id, changes)
    return StatusChange(view, requested == RESET, row.queue_name)


def _moved(change: StatusChange | None) -> StatusChange:
    assert change is not None  # only a deleted job's move writes no snapshot
    return change


# -- the ways in ------------------------------------------------------------------------


def claim(
    ctx: ServiceContext,
    job_id: int,
    worker_id: str,
    *,
    now: dt.datetime | None = None,
    latest: SnapshotView | None = None,
) -> tuple[Job, SnapshotView]:
    """queued -> started for this worker: one conditional UPDATE, so of racing claimants
    exactly one wins; 409 (``JobNotQueuedError``) for every other. ``latest``: the job's
    view, when the caller has read it in this transaction."""
    now = now or utcnow()
    row = ctx.db.scalars(
        update(Job)
        .where(Job.resource_id == job_id, Job.status == QUEUED)
        .values(
            status=STARTED,
            worker_id=worker_id,
            started_on=now,
            heartbeat_on=now,
            finished_on=None,
            cancel_requested=False,
            error=None,
        )
        .returning(Job)  # the claimed row, as it now is
        .execution_options(synchronize_session=False, populate_existing=True)
    ).first()
    if row is None:
        status = ctx.db.scalar(select(Job.status).where(Job.resource_id == job_id))
        raise JobNotQueuedError(job_id, status or "unknown")
    view = _write_snapshot(ctx, job_id, {"status": STARTED, "statusMessage": None}, latest)
    return row, view


def report(
    ctx: ServiceContext,
    job_id: int,
    requested: str,
    message: str | None = None,
    *,
    experiment_id: int | None = None,
) -> StatusChange:
    """A status report (``PUT …/status``) from a worker, a user or Dioptra's worker:
    ``finished``, ``failed``, ``timeout`` (a job that ran past its limit), ``reset`` …"""
    jobs.check_job_scope(ctx, job_id, "change the status of another job")
    if experiment_id is not None:
        jobs.get_experiment_job(ctx, experiment_id, job_id)
    row = jobs.job_row(ctx, job_id, for_update=True)
    return _moved(_move(ctx, row, requested, message))


def cancel(ctx: ServiceContext, job_id: int) -> SnapshotView:
    """A job not yet running is cancelled at once; a running one is asked to stop (its
    worker hears it on the next heartbeat, kills it and reports ``cancelled``)."""
    jobs.check_job_scope(ctx, job_id, "cancel a job")
    row = jobs.job_row(ctx, job_id, for_update=True)
    ctx.require_writable_group(jobs.get_job(ctx, job_id).group_id)
    who = ctx.user.username or f"user {ctx.user.user_id}"
    if row.status in (QUEUED, DEFERRED):
        return _moved(_move(ctx, row, CANCELLED, f"Cancelled by {who}.")).view
    if row.status == STARTED:
        if row.cancel_requested:
            return jobs.get_job(ctx, job_id)
        row.cancel_requested = True
        row.error = f"Cancellation requested by {who}."
        ctx.db.flush()
        # A snapshot of the same status says so: snapshots never change once written.
        return _write_snapshot(ctx, job_id, {"statusMessage": row.error})
    raise JobInvalidStatusTransitionError(row.status, CANCELLED)


def delete(ctx: ServiceContext, job_id: int) -> None:
    """Soft delete. A job that has not ended is cancelled first; a running one's worker
    hears on its next heartbeat that it must stop."""
    jobs.check_job_scope(ctx, job_id, "delete a job")
    row = jobs.job_row(ctx, job_id, for_update=True)
    if row.status not in TERMINAL:
        row.cancel_requested = row.status == STARTED
        _move(ctx, row, CANCELLED, "The job was deleted.")
    resources.delete_resource(ctx, jobs.JOB, job_id)


def orphaned(cutoff: dt.datetime) -> ColumnElement[bool]:
    """Started jobs whose worker has not heartbeated since ``cutoff``."""
    return and_(
        Job.status == STARTED,
        Job.worker_id.is_not(None),
        or_(Job.heartbeat_on.is_(None), Job.heartbeat_on < cutoff),
    )


def fail_orphans(
    ctx: ServiceContext,
    now: dt.datetime | None = None,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> list[int]:
    """Fails every started job whose worker has not heartbeated within ``grace``.

    Runs without a logged-in user (the watchdog): each change is made on behalf of the
    user who last changed the job.
    """
    now = now or utcnow()
    cutoff = now - grace
    candidates = ctx.db.execute(
        select(Job.resource_id, Resource.group_id, ResourceSnapshot.user_id)
        .join(Resource, Resource.id == Job.resource_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(orphaned(cutoff))
        .order_by(Job.resource_id)
    ).all()
    failed: list[int] = []
    for job_id, group_id, user_id in candidates:
        acting = jobs.acting_for_group(ctx, group_id, user_id)
        # Re-read under lock: a heartbeat may have arrived since the scan.
        row = ctx.db.scalars(select(Job).where(Job.resource_id == job_id).with_for_update()).one()
        if row.status != STARTED or (row.heartbeat_on is not None and row.heartbeat_on >= cutoff):
            continue
        message = f"worker {row.worker_id} stopped responding"
        deleted = bool(ctx.db.scalar(select(Resource.deleted).where(Resource.id == job_id)))
        _move(acting, row, FAILED, message, now, deleted=deleted)
        job_logs.append_system_log(acting, job_id, "ERROR", message, now=now)
        failed.append(job_id)
    return failed


# A queued job's message while no live worker that may run it serves its queue: queues
# are group resources, so a worker serving the name may belong to another group.
ANY_QUEUE: Final = "*"


def unserved_message(group_name: str, queue_name: str) -> str:
    return (
        f"No live worker whose account may run jobs of group '{group_name}' serves queue "
        f"'{queue_name}': the job waits for one."
    )


def note_unserved(
    ctx: ServiceContext,
    now: dt.datetime | None = None,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> list[int]:
    """Says on each job queued for longer than ``grace`` whether it waits for a worker:
    one that heartbeated within ``grace``, serves the job's queue (or every queue) and
    whose account may write to the job's group. Sets the message (a snapshot of the same
    status) where none serves it and clears it once one does; returns the jobs changed.

    Runs without a logged-in user (the watchdog), on behalf of who last changed the job.
    """
    now = now or utcnow()
    since = now - grace
    served = (
        select(Worker.worker_id)
        .join(GroupMember, GroupMember.user_id == Worker.user_id)
        .join(User, User.id == Worker.user_id)
        .where(
            Worker.heartbeat_on >= since,
            User.deleted.is_(False),
            Worker.queue_name.in_([Job.queue_name, ANY_QUEUE]),
            GroupMember.group_id == Resource.group_id,
            GroupMember.read,
            GroupMember.write,
        )
        .exists()
    )
    candidates = ctx.db.execute(
        select(
            Job.resource_id,
            Resource.group_id,
            Group.name,
            ResourceSnapshot.user_id,
            Job.queue_name,
            Job.error,
            served,
        )
        .join(Resource, Resource.id == Job.resource_id)
        .join(Group, Group.id == Resource.group_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(
            Job.status == QUEUED,
            Job.queue_name.is_not(None),
            Job.enqueued_on <= since,
            ~Resource.deleted,
        )
        .order_by(Job.resource_id)
    ).all()
    changed: list[int] = []
    for job_id, group_id, group_name, user_id, queue_name, error, is_served in candidates:
        waiting = unserved_message(group_name, str(queue_name))
        wanted = None if is_served else waiting
        if error == wanted or (is_served and error != waiting):
            continue  # already says so, or says something else (a user's reset, ...)
        row = ctx.db.scalars(select(Job).where(Job.resource_id == job_id).with_for_update()).one()
        if row.status != QUEUED or row.error != error:
            continue  # claimed or changed since the scan: the next pass looks again
        row.error = wanted
        ctx.db.flush()
        _write_snapshot(
            jobs.acting_for_group(ctx, group_id, user_id), job_id, {"statusMessage": wanted}
        )
        changed.append(job_id)
    return changed
