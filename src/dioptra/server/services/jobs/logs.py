"""Job logs: records a running job sends back, HTML-sanitised on the way in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import nh3
from sqlalchemy import func, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import JobLog as JobLog  # the API renders these rows
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.core.kinds import SearchField, like
from dioptra.server.services.core.listing import (
    ListQuery,
    Page,
    paginate,
    search_condition,
    sort_clauses,
)
from dioptra.server.services.jobs import jobs

SEVERITIES = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_SEARCH_FIELDS: Mapping[str, SearchField] = {
    "severity": like(JobLog.severity),
    "message": like(JobLog.message),
    "logger_name": like(JobLog.logger_name),
}
LOG_SORT_FIELDS: Mapping[str, Any] = {
    "severity": JobLog.severity,
    "logger_name": JobLog.logger_name,
    "created_on": JobLog.created_on,
}
SYSTEM_LOGGER = "dioptra.server"


@dataclass(frozen=True)
class LogRecord:
    severity: str
    logger_name: str
    message: str


def sanitise(text: str) -> str:
    """Strips markup that could run in a browser; harmless tags are kept (as Dioptra)."""
    return nh3.clean(text)


def append_logs(ctx: ServiceContext, job_id: int, records: Sequence[LogRecord]) -> list[JobLog]:
    """Stores the records in order; the caller must be able to write the job's group."""
    jobs.check_job_scope(ctx, job_id, "write the log of another job")
    view = jobs.get_job(ctx, job_id)
    ctx.require_writable_group(view.group_id)
    now = utcnow()
    rows = [
        JobLog(
            job_id=job_id,
            severity=record.severity,
            logger_name=sanitise(record.logger_name),
            message=sanitise(record.message),
            created_on=now,
        )
        for record in records
    ]
    ctx.db.add_all(rows)
    ctx.db.flush()
    return rows


def append_system_log(
    ctx: ServiceContext,
    job_id: int,
    severity: str,
    message: str,
    *,
    now: dt.datetime | None = None,
) -> JobLog:
    """A line the server itself writes into a job's log (the watchdog's verdict)."""
    row = JobLog(
        job_id=job_id,
        severity=severity,
        logger_name=SYSTEM_LOGGER,
        message=message,
        created_on=now or utcnow(),
    )
    ctx.db.add(row)
    ctx.db.flush()
    return row


def list_logs(
    ctx: ServiceContext,
    job_id: int,
    query: ListQuery,
    severities: Sequence[str] = (),
) -> Page[JobLog]:
    """A page of the job's records, oldest first unless sorted otherwise.

    The log of a job one cannot see, or of no job at all, is an empty page (as in
    Dioptra 1.2): it tells nothing of whether the job exists.
    """
    jobs.check_job_scope(ctx, job_id, "read the log of another job")
    conditions = [JobLog.job_id == job_id]
    if severities:
        conditions.append(JobLog.severity.in_(list(severities)))
    searched = search_condition(query.search, LOG_SEARCH_FIELDS)
    if searched is not None:
        conditions.append(searched)
    order = sort_clauses(query.sort_by, query.descending, LOG_SORT_FIELDS, "job", JobLog.id)
    try:
        jobs.job_row(ctx, job_id)
    except EntityDoesNotExistError:
        return Page([], 0)
    statement = select(JobLog).where(*conditions).order_by(*order)
    count = select(func.count()).select_from(JobLog).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([row[0] for row in rows], total)


def logs_after(ctx: ServiceContext, job_id: int, after_id: int, limit: int = 500) -> list[JobLog]:
    """Records newer than ``after_id``, oldest first (the event stream's cursor)."""
    return list(
        ctx.db.scalars(
            select(JobLog)
            .where(JobLog.job_id == job_id, JobLog.id > after_id)
            .order_by(JobLog.id)
            .limit(limit)
        )
    )
