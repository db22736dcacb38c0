"""Job metrics: one value per (job, name, step); posting a step again replaces it.

NaN and the infinities travel as the strings "nan", "inf" and "-inf" and are kept in
``special_value`` (``value`` is then 0.0), on insert and on replace alike (Dioptra 1.x
stored the raw float when replacing).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import JobMetric
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.core.listing import ListQuery, Page, paginate
from dioptra.server.services.jobs import jobs

MetricValue = float | str
SPECIAL_VALUES = ("nan", "inf", "-inf")
METRIC_NAME_PATTERN = re.compile(r"[A-Z]|[A-Z_][A-Z0-9_]+", re.IGNORECASE)
METRIC_NAME_RULE = (
    "A metric name must start with a letter or underscore, followed by letters, numbers, "
    "or underscores. In addition, '_' is not a valid metric name."
)


class MetricNameError(DioptraError):
    def __init__(self, name: str) -> None:
        super().__init__(f"'{name}' is not a compatible name for a metric. {METRIC_NAME_RULE}")


@dataclass(frozen=True)
class MetricPoint:
    name: str
    value: MetricValue
    step: int
    timestamp: dt.datetime


def check_metric_name(name: str) -> str:
    if not METRIC_NAME_PATTERN.fullmatch(name):
        raise MetricNameError(name)
    return name


def split_value(value: float) -> tuple[float, str | None]:
    """(stored float, special value) for a metric value."""
    if math.isnan(value):
        return 0.0, "nan"
    if math.isinf(value):
        return 0.0, "inf" if value > 0 else "-inf"
    return value, None


def wire_value(row: JobMetric) -> MetricValue:
    """A number, or "nan" / "inf" / "-inf"."""
    return row.special_value if row.special_value is not None else row.value


def _point(row: JobMetric) -> MetricPoint:
    return MetricPoint(row.name, wire_value(row), row.step, row.timestamp)


def append_metric(
    ctx: ServiceContext,
    job_id: int,
    name: str,
    value: float,
    step: int = 0,
    timestamp: dt.datetime | None = None,
) -> MetricPoint:
    """Records (or replaces) the metric's value at ``step``."""
    check_metric_name(name)
    jobs.check_job_scope(ctx, job_id, "record metrics of another job")
    view = jobs.get_job(ctx, job_id)
    ctx.require_writable_group(view.group_id)
    stored, special = split_value(value)
    when = timestamp or utcnow()
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    row = ctx.db.get(JobMetric, (job_id, name, step))
    if row is None:
        row = JobMetric(job_id=job_id, name=name, step=step)
        ctx.db.add(row)
    row.value = stored
    row.special_value = special
    row.timestamp = when
    row.recorded_on = utcnow()
    ctx.db.flush()
    return _point(row)


def _latest_rows(ctx: ServiceContext, job_ids: Sequence[int]) -> list[JobMetric]:
    """Per job and name, the row with the highest step."""
    top = (
        select(JobMetric.job_id, JobMetric.name, func.max(JobMetric.step).label("step"))
        .where(JobMetric.job_id.in_(list(job_ids)))
        .group_by(JobMetric.job_id, JobMetric.name)
        .subquery()
    )
    metric = aliased(JobMetric)
    return list(
        ctx.db.scalars(
            select(metric)
            .join(
                top,
                (top.c.job_id == metric.job_id)
                & (top.c.name == metric.name)
                & (top.c.step == metric.step),
            )
            .order_by(metric.job_id, metric.name)
        )
    )


def latest_metrics(ctx: ServiceContext, job_id: int) -> list[MetricPoint]:
    jobs.check_job_scope(ctx, job_id, "read metrics of another job")
    jobs.get_job(ctx, job_id)
    return [_point(row) for row in _latest_rows(ctx, [job_id])]


def latest_metrics_of_jobs(
    ctx: ServiceContext, job_ids: Sequence[int]
) -> dict[int, list[MetricPoint]]:
    """Latest metrics of jobs the caller already may see (for the experiment view)."""
    found: dict[int, list[MetricPoint]] = {job_id: [] for job_id in job_ids}
    if job_ids:
        for row in _latest_rows(ctx, job_ids):
            found[row.job_id].append(_point(row))
    return found


def metric_history(
    ctx: ServiceContext, job_id: int, name: str, query: ListQuery
) -> Page[MetricPoint]:
    """Every step of one metric, by step."""
    jobs.check_job_scope(ctx, job_id, "read metrics of another job")
    jobs.get_job(ctx, job_id)
    if not METRIC_NAME_PATTERN.fullmatch(name):
        # No metric has such a name (1.2 answers an empty page), and some (NUL) would
        # make PostgreSQL fail the query.
        return Page([], 0)
    conditions = [JobMetric.job_id == job_id, JobMetric.name == name]
    statement = select(JobMetric).where(*conditions).order_by(JobMetric.step)
    count = select(func.count()).select_from(JobMetric).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([_point(row[0]) for row in rows], total)


def metrics_recorded_since(
    ctx: ServiceContext, job_id: int, since: dt.datetime | None
) -> list[tuple[dt.datetime, MetricPoint]]:
    """Values that arrived at or after ``since`` (the event stream's cursor), in arrival
    order, each with its arrival time."""
    statement = select(JobMetric).where(JobMetric.job_id == job_id)
    if since is not None:
        statement = statement.where(JobMetric.recorded_on >= since)
    rows = ctx.db.scalars(statement.order_by(JobMetric.recorded_on, JobMetric.name))
    return [(row.recorded_on or row.timestamp, _point(row)) for row in rows]
