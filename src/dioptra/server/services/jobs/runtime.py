"""The runtime contract with workers: claim a job and report its status.

A worker claims a queued job through ``lifecycle.claim`` (one conditional UPDATE), so of
two workers racing for a job exactly one wins; the winner gets a token scoped to that
job, which dies when the job ends, and the job's config and parameter values, so that
its job process need not ask for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dioptra.server.services.accounts import auth
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import inputs as job_inputs
from dioptra.server.services.jobs import jobs, lifecycle
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.workers.workers import check_worker_id


@dataclass(frozen=True)
class Claim:
    view: SnapshotView
    experiment_id: int | None
    entrypoint_id: int | None
    token: str
    # None where it cannot be had: the worker's own request then reports why.
    config: dict[str, Any] | None
    parameters: dict[str, Any] | None


def claim_job(
    ctx: ServiceContext,
    job_id: int,
    worker_id: str,
    *,
    now: dt.datetime | None = None,
    with_inputs: bool = True,
) -> Claim:
    """queued -> started for this worker (``lifecycle.claim``, exactly once); 409 for
    every other claimant. ``with_inputs=False`` leaves the config and parameter values
    out (``worker_inputs`` reads them after the commit, outside the write transaction)."""
    check_worker_id(worker_id)
    jobs.forbid_job_token(ctx, "claim jobs")
    view = jobs.get_job(ctx, job_id)
    ctx.require_writable_group(view.group_id)
    row, view = lifecycle.claim(ctx, job_id, worker_id, now=now, latest=view)
    _, token = auth.create_token(ctx, f"job {job_id} on worker {worker_id}", None, job_id=job_id)
    inputs = job_inputs.worker_inputs(ctx, view) if with_inputs else job_inputs.NO_INPUTS
    return Claim(
        view, row.experiment_id, row.entrypoint_id, token, inputs.config, inputs.parameters
    )


def report_status(
    ctx: ServiceContext,
    job_id: int,
    status: str,
    message: str | None,
    logs: Sequence[job_logs.LogRecord] = (),
) -> lifecycle.StatusChange:
    """A status report with the worker's last log records, appended first, in the same
    transaction (the job's token dies with the status change)."""
    if logs:
        job_logs.append_logs(ctx, job_id, logs)
    return lifecycle.report(ctx, job_id, status, message)
