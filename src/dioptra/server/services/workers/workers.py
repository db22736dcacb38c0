"""Workers: their heartbeats, which queues are served, and the watchdog for lost jobs.

A worker heartbeats every few seconds with the queues it serves and the jobs it runs.
Each heartbeat refreshes one ``workers`` row per queue ("*" = every queue) and the
heartbeat of its running jobs, and answers with the jobs it should stop. A job whose
worker falls silent for longer than the grace period is failed by ``fail_orphaned_jobs``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from functools import partial

from sqlalchemy import ColumnElement, Engine, and_, delete, or_, select
from sqlalchemy.orm import Session

from dioptra.server.db.base import utcnow
from dioptra.server.db.engine import writer_bind
from dioptra.server.db.models import Job, Resource, ResourceSnapshot, User, Worker
from dioptra.server.services.background.running import running_every
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs import status as job_status
from dioptra.server.services.workers.liveness import DEFAULT_GRACE

LOGGER = logging.getLogger(__name__)
MAX_WORKER_ID_LENGTH = 200


class WorkerIdError(DioptraError):
    def __init__(self) -> None:
        super().__init__(f"A worker id must be 1-{MAX_WORKER_ID_LENGTH} printable characters.")


def check_worker_id(worker_id: str) -> str:
    if not worker_id or len(worker_id) > MAX_WORKER_ID_LENGTH or not worker_id.isprintable():
        raise WorkerIdError()
    return worker_id


@dataclass(frozen=True)
class WorkerView:
    worker_id: str
    queues: tuple[str, ...]
    username: str
    first_seen_on: dt.datetime
    heartbeat_on: dt.datetime
    running_jobs: tuple[int, ...]


def heartbeat(
    ctx: ServiceContext,
    worker_id: str,
    queues: Sequence[str],
    job_ids: Sequence[int],
    *,
    now: dt.datetime | None = None,
) -> list[int]:
    """Records that the worker lives and serves ``queues``; returns the ids of the jobs
    it reported that it should stop (cancel requested, or ended or deleted meanwhile)."""
    check_worker_id(worker_id)
    now = now or utcnow()
    user_id = ctx.user.user_id
    wanted = list(dict.fromkeys(queues))
    ctx.db.execute(
        delete(Worker).where(Worker.worker_id == worker_id, Worker.queue_name.not_in(wanted))
    )
    existing = {
        row.queue_name: row
        for row in ctx.db.scalars(select(Worker).where(Worker.worker_id == worker_id))
    }
    for name in wanted:
        row = existing.get(name)
        if row is None:
            ctx.db.add(
                Worker(
                    worker_id=worker_id,
                    queue_name=name,
                    user_id=user_id,
                    first_seen_on=now,
                    heartbeat_on=now,
                )
            )
        else:
            row.heartbeat_on = now
            row.user_id = user_id
    return _refresh_jobs(ctx, worker_id, job_ids, now)


def _refresh_jobs(
    ctx: ServiceContext, worker_id: str, job_ids: Sequence[int], now: dt.datetime
) -> list[int]:
    if not job_ids:
        return []
    rows = ctx.db.execute(
        select(Job, Resource.deleted)
        .join(Resource, Resource.id == Job.resource_id)
        .where(Job.resource_id.in_(list(job_ids)))
    ).all()
    known = {row.resource_id: (row, deleted) for row, deleted in rows}
    stop: list[int] = []
    for job_id in dict.fromkeys(job_ids):
        found = known.get(job_id)
        if found is None:
            stop.append(job_id)
            continue
        row, deleted = found
        ours = row.status == job_status.STARTED and row.worker_id == worker_id
        if ours:
            row.heartbeat_on = now
        if not ours or deleted or row.cancel_requested:
            stop.append(job_id)
    return stop


def list_workers(
    ctx: ServiceContext,
    *,
    now: dt.datetime | None = None,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> list[WorkerView]:
    """Workers heard from within ``grace``, with their queues and running jobs."""
    since = (now or utcnow()) - grace
    rows = ctx.db.execute(
        select(Worker, User.username)
        .join(User, User.id == Worker.user_id)
        .where(Worker.heartbeat_on >= since)
        .order_by(Worker.worker_id, Worker.queue_name)
    ).all()
    running: dict[str, list[int]] = {}
    for job_id, worker_id in ctx.db.execute(
        select(Job.resource_id, Job.worker_id)
        .join(Resource, Resource.id == Job.resource_id)
        .where(Job.status == job_status.STARTED, Job.worker_id.is_not(None), resources.visible(ctx))
    ):
        running.setdefault(str(worker_id), []).append(job_id)
    grouped: dict[str, list[tuple[Worker, str]]] = {}
    for worker, username in rows:
        grouped.setdefault(worker.worker_id, []).append((worker, username))
    return [
        WorkerView(
            worker_id=worker_id,
            queues=tuple(worker.queue_name for worker, _ in entries),
            username=entries[0][1],
            first_seen_on=min(worker.first_seen_on for worker, _ in entries),
            heartbeat_on=max(worker.heartbeat_on for worker, _ in entries),
            running_jobs=tuple(sorted(running.get(worker_id, []))),
        )
        for worker_id, entries in grouped.items()
    ]


def _orphaned(cutoff: dt.datetime) -> ColumnElement[bool]:
    return and_(
        Job.status == job_status.STARTED,
        Job.worker_id.is_not(None),
        or_(Job.heartbeat_on.is_(None), Job.heartbeat_on < cutoff),
    )


def fail_orphaned_jobs(
    ctx: ServiceContext,
    now: dt.datetime | None = None,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> list[int]:
    """Fails every started job whose worker has not heartbeated within ``grace``.

    Runs without a logged-in user (the app's background task): each change is made on
    behalf of the user who last changed the job.
    """
    now = now or utcnow()
    cutoff = now - grace
    candidates = ctx.db.execute(
        select(Job.resource_id, Resource.group_id, ResourceSnapshot.user_id)
        .join(Resource, Resource.id == Job.resource_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(_orphaned(cutoff))
        .order_by(Job.resource_id)
    ).all()
    failed: list[int] = []
    for job_id, group_id, user_id in candidates:
        acting = jobs.acting_for_group(ctx, group_id, user_id)
        # Re-read under lock: a heartbeat may have arrived since the scan.
        row = ctx.db.scalars(select(Job).where(Job.resource_id == job_id).with_for_update()).one()
        if row.status != job_status.STARTED or (
            row.heartbeat_on is not None and row.heartbeat_on >= cutoff
        ):
            continue
        message = f"worker {row.worker_id} stopped responding"
        deleted = ctx.db.scalar(select(Resource.deleted).where(Resource.id == job_id))
        if deleted:
            row.status = job_status.FAILED
            row.error = message
            row.finished_on = now
            jobs.revoke_job_tokens(acting, job_id)
        else:
            jobs.apply_status(acting, row, job_status.FAILED, message, now=now)
        job_logs.append_system_log(acting, job_id, "ERROR", message, now=now)
        failed.append(job_id)
    return failed


def run_watchdog_once(engine: Engine, grace: dt.timedelta) -> list[int]:
    """One pass of the watchdog in its own transaction; returns the jobs it failed.

    A cheap read first: the write transaction (on SQLite, the database's write lock) is
    taken only when some job looks orphaned.
    """
    with Session(bind=engine) as db:
        cutoff = utcnow() - grace
        if db.scalar(select(Job.resource_id).where(_orphaned(cutoff)).limit(1)) is None:
            return []
    with Session(bind=writer_bind(engine), expire_on_commit=False) as db:
        failed = fail_orphaned_jobs(ServiceContext(db=db), grace=grace)
        db.commit()
    if failed:
        LOGGER.warning("failed jobs %s: their workers stopped heartbeating", failed)
    return failed


def watchdog_running(
    engine: Engine, interval_seconds: float, grace: dt.timedelta
) -> AbstractAsyncContextManager[None]:
    """Runs the watchdog every ``interval_seconds`` while the block runs; a
    non-positive interval runs nothing."""
    return running_every(
        interval_seconds,
        partial(run_watchdog_once, engine, grace),
        name="job watchdog",
        first_after=None,
    )
