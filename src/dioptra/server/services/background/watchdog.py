"""The job watchdog: fails started jobs whose worker stopped heartbeating and, where
workers take jobs by queue name (``DIOPTRA_DISPATCH=postgres``), says on queued jobs
that no live worker that may run them serves their queue.

The rules are ``jobs.lifecycle.fail_orphans`` and ``jobs.lifecycle.note_unserved``; this
module runs them in their own transactions, every few seconds while the server runs.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import AbstractAsyncContextManager
from functools import partial

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dioptra.server.db.base import utcnow
from dioptra.server.db.engine import writer_bind
from dioptra.server.db.tables import Job
from dioptra.server.services.background.running import running_every
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.jobs import lifecycle

LOGGER = logging.getLogger(__name__)


def run_watchdog_once(
    engine: Engine, grace: dt.timedelta, *, watch_queued: bool = False
) -> list[int]:
    """One pass of the watchdog in its own transaction; returns the jobs it failed.

    A cheap read first: the write transaction (on SQLite, the database's write lock) is
    taken only when some job looks orphaned. ``watch_queued``: also say which queued jobs
    wait for a worker with access (``note_unserved``).
    """
    if watch_queued:
        note_unserved_once(engine, grace)
    with Session(bind=engine) as db:
        cutoff = utcnow() - grace
        orphan = db.scalar(select(Job.resource_id).where(lifecycle.orphaned(cutoff)).limit(1))
        if orphan is None:
            return []
    with Session(bind=writer_bind(engine), expire_on_commit=False) as db:
        failed = lifecycle.fail_orphans(ServiceContext(db=db), grace=grace)
        db.commit()
    if failed:
        LOGGER.warning("failed jobs %s: their workers stopped heartbeating", failed)
    return failed


def note_unserved_once(engine: Engine, grace: dt.timedelta) -> list[int]:
    with Session(bind=writer_bind(engine), expire_on_commit=False) as db:
        changed = lifecycle.note_unserved(ServiceContext(db=db), grace=grace)
        db.commit()
    if changed:
        LOGGER.info("jobs %s: whether a live worker with access serves them changed", changed)
    return changed


def watchdog_running(
    engine: Engine,
    interval_seconds: float,
    grace: dt.timedelta,
    *,
    watch_queued: bool = False,
) -> AbstractAsyncContextManager[None]:
    """Runs the watchdog every ``interval_seconds`` while the block runs; a
    non-positive interval runs nothing."""
    return running_every(
        interval_seconds,
        partial(run_watchdog_once, engine, grace, watch_queued=watch_queued),
        name="job watchdog",
        first_after=None,
    )
