"""The runtime contract with workers: claim a job, report its status, cancel it.

A worker claims a queued job with one conditional UPDATE (``WHERE status = 'queued'``),
so of two workers racing for a job exactly one wins; the winner gets a token scoped to
that job, which dies when the job ends, and the job's config and parameter values, so
that its job process need not ask for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update

from dioptra.server.db.base import utcnow
from dioptra.server.db.models import Job
from dioptra.server.services.accounts import auth
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import inputs as job_inputs
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs import status as job_status
from dioptra.server.services.jobs.errors import JobInvalidStatusTransitionError, JobNotQueuedError
from dioptra.server.services.workers.workers import check_worker_id


@dataclass(frozen=True)
class Claim:
    view: SnapshotView
    experiment_id: int | None
    token: str
    # None where it cannot be had: the worker's own request then reports why.
    config: dict[str, Any] | None
    parameters: dict[str, Any] | None


def claim_job(
    ctx: ServiceContext, job_id: int, worker_id: str, *, now: dt.datetime | None = None
) -> Claim:
    """queued -> started for this worker, atomically; 409 for every other claimant."""
    check_worker_id(worker_id)
    jobs.forbid_job_token(ctx, "claim jobs")
    view = jobs.get_job(ctx, job_id)
    ctx.require_writable_group(view.group_id)
    now = now or utcnow()
    result = ctx.db.execute(
        update(Job)
        .where(Job.resource_id == job_id, Job.status == job_status.QUEUED)
        .values(
            status=job_status.STARTED,
            worker_id=worker_id,
            started_on=now,
            heartbeat_on=now,
            finished_on=None,
            cancel_requested=False,
            error=None,
        )
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    if result.rowcount != 1:
        status = ctx.db.scalar(select(Job.status).where(Job.resource_id == job_id))
        raise JobNotQueuedError(job_id, status or "unknown")
    row = ctx.db.get(Job, job_id, populate_existing=True)
    assert row is not None
    view = jobs.write_snapshot(ctx, job_id, {"status": job_status.STARTED, "statusMessage": None})
    _, token = auth.create_token(ctx, f"job {job_id} on worker {worker_id}", None, job_id=job_id)
    inputs = job_inputs.worker_inputs(ctx, job_id)
    return Claim(view, row.experiment_id, token, inputs.config, inputs.parameters)


def report_status(
    ctx: ServiceContext,
    job_id: int,
    status: str,
    message: str | None,
    logs: Sequence[job_logs.LogRecord] = (),
) -> jobs.StatusChange:
    """A status report with the worker's last log records, appended first, in the same
    transaction (the job's token dies with the status change)."""
    if logs:
        job_logs.append_logs(ctx, job_id, logs)
    return jobs.set_status(ctx, job_id, status, message)


def cancel_job(ctx: ServiceContext, job_id: int) -> SnapshotView:
    """A job not yet running is cancelled at once; a running one is asked to stop (its
    worker hears it on the next heartbeat, kills it and reports ``cancelled``)."""
    jobs.check_job_scope(ctx, job_id, "cancel a job")
    row = jobs.job_row(ctx, job_id, for_update=True)
    ctx.require_writable_group(jobs.get_job(ctx, job_id).group_id)
    who = ctx.user.username or f"user {ctx.user.user_id}"
    if row.status in (job_status.QUEUED, job_status.DEFERRED):
        return jobs.apply_status(ctx, row, job_status.CANCELLED, f"Cancelled by {who}.").view
    if row.status == job_status.STARTED:
        row.cancel_requested = True
        row.error = f"Cancellation requested by {who}."
        ctx.db.flush()
        return jobs.get_job(ctx, job_id)
    raise JobInvalidStatusTransitionError(row.status, job_status.CANCELLED)
