"""Workers: their heartbeats and which queues are served.

A worker heartbeats every few seconds with the queues it serves and the jobs it runs.
Each heartbeat refreshes one ``workers`` row per queue ("*" = every queue) and the
heartbeat of its running jobs, and answers with the jobs it should stop. A job whose
worker falls silent for longer than the grace period is failed by the watchdog
(``services.background.watchdog``, through ``jobs.lifecycle.fail_orphans``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from dioptra.job_states import STARTED
from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Job, Resource, User, Worker
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.workers.liveness import DEFAULT_GRACE

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
        ours = row.status == STARTED and row.worker_id == worker_id
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
        .where(Job.status == STARTED, Job.worker_id.is_not(None), resources.visible(ctx))
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
