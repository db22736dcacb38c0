"""The job watchdog: fails started jobs whose worker stopped heartbeating.

The rule (which jobs are orphaned, and how they fail) is ``jobs.lifecycle.fail_orphans``;
this module runs it in its own transaction, every few seconds while the server runs.
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


def run_watchdog_once(engine: Engine, grace: dt.timedelta) -> list[int]:
    """One pass of the watchdog in its own transaction; returns the jobs it failed.

    A cheap read first: the write transaction (on SQLite, the database's write lock) is
    taken only when some job looks orphaned.
    """
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
