"""The events of a job, read by cursor: what ``GET /jobs/{id}/events`` streams.

Each poll reads what is new since the cursor: the status (when it or its message
changed), log records by id, metric values by arrival time. The first poll of a fresh
cursor replays everything. The status is read before logs and metrics, so once a poll
sees a final status it has also seen every record written before it: the stream can end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dioptra.job_states import TERMINAL
from dioptra.server.db.tables import JobLog
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.jobs import jobs, metrics
from dioptra.server.services.jobs import logs as job_logs

LOG_BATCH = 500


@dataclass(frozen=True)
class JobEvent:
    event: str  # "status" | "log" | "metric" | "end"
    data: dict[str, Any]
    id: str | None = None


@dataclass
class EventCursor:
    status: tuple[str, str | None] | None = None
    log_id: int = 0
    metrics_since: dt.datetime | None = None
    # Values that arrived at exactly ``metrics_since`` were sent already.
    metrics_at_cursor: set[tuple[str, int]] = field(default_factory=set)
    ended: bool = False


def _timestamp(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _log_event(row: JobLog) -> JobEvent:
    return JobEvent(
        "log",
        {
            "id": row.id,
            "severity": row.severity,
            "loggerName": row.logger_name,
            "message": row.message,
            "createdOn": _timestamp(row.created_on),
        },
        id=f"log-{row.id}",
    )


def _status_events(
    ctx: ServiceContext, job_id: int, cursor: EventCursor
) -> tuple[list[JobEvent], str]:
    view = jobs.get_job(ctx, job_id, allow_deleted=True)
    row = jobs.job_row(ctx, job_id, include_deleted=True)
    status = str(view.payload.get("status"))
    message = row.error
    current = (status, message)
    if current == cursor.status:
        return [], status
    cursor.status = current
    data = {"id": job_id, "status": status, "statusMessage": message, "deleted": view.deleted}
    return [JobEvent("status", data)], status


def _new_logs(ctx: ServiceContext, job_id: int, cursor: EventCursor) -> list[JobEvent]:
    events: list[JobEvent] = []
    while True:
        rows = job_logs.logs_after(ctx, job_id, cursor.log_id, LOG_BATCH)
        events.extend(_log_event(row) for row in rows)
        if rows:
            cursor.log_id = rows[-1].id
        if len(rows) < LOG_BATCH:
            return events


def _new_metrics(ctx: ServiceContext, job_id: int, cursor: EventCursor) -> list[JobEvent]:
    events: list[JobEvent] = []
    for recorded_on, point in metrics.metrics_recorded_since(ctx, job_id, cursor.metrics_since):
        key = (point.name, point.step)
        if recorded_on == cursor.metrics_since and key in cursor.metrics_at_cursor:
            continue
        if recorded_on != cursor.metrics_since:
            cursor.metrics_since = recorded_on
            cursor.metrics_at_cursor = set()
        cursor.metrics_at_cursor.add(key)
        data = {
            "name": point.name,
            "value": point.value,
            "step": point.step,
            "timestamp": _timestamp(point.timestamp),
        }
        events.append(JobEvent("metric", data))
    return events


def poll_events(ctx: ServiceContext, job_id: int, cursor: EventCursor) -> list[JobEvent]:
    """What happened since ``cursor`` (which it advances); ends with an ``end`` event
    once the job has reached a final status (or was deleted before running)."""
    jobs.check_job_scope(ctx, job_id, "follow another job")
    try:
        events, status = _status_events(ctx, job_id, cursor)
    except EntityDoesNotExistError:
        if cursor.status is None:
            raise
        cursor.ended = True
        return [JobEvent("end", {"id": job_id, "status": cursor.status[0]})]
    events += _new_logs(ctx, job_id, cursor)
    events += _new_metrics(ctx, job_id, cursor)
    if status in TERMINAL:
        cursor.ended = True
        events.append(JobEvent("end", {"id": job_id, "status": status}))
    return events
