"""Which queues live workers serve: the one liveness query jobs and workers both need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import or_, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Worker
from dioptra.server.services.core.context import ServiceContext

# A worker heartbeating with this queue name serves every queue (the local runners do).
ANY_QUEUE = "*"
DEFAULT_GRACE = dt.timedelta(seconds=30)


def live_queue_names(
    ctx: ServiceContext,
    names: Iterable[str],
    *,
    now: dt.datetime | None = None,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> set[str]:
    """Those of ``names`` that a worker heartbeating within ``grace`` serves."""
    wanted = set(names)
    if not wanted:
        return set()
    since = (now or utcnow()) - grace
    served = set(
        ctx.db.scalars(
            select(Worker.queue_name).where(
                Worker.heartbeat_on >= since,
                or_(Worker.queue_name.in_(wanted), Worker.queue_name == ANY_QUEUE),
            )
        )
    )
    return wanted if ANY_QUEUE in served else wanted & served
