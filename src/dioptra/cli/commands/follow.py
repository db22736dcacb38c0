"""Following a job live: its events, a status line with a spinner, a metrics table.

Events come from the server's event stream (`client.jobs.follow`). A server without
one (Dioptra itself answers 404) or a stream that drops is followed by polling the
status, log and metric routes instead, so `dioptra run` works against either.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from dioptra.cli.commands.connection import Client
from dioptra.cli.output import severity_style, short_time, styled_status
from dioptra.client import JobEvent, JobEventStreamClosedError, StatusCodeError
from dioptra.job_states import FINISHED, QUEUED, TERMINAL

FINAL_STATUSES: Final = TERMINAL
# Statuses that mean "this server has no event stream"; anything else is a real error.
_NO_STREAM_STATUSES: Final = frozenset({404, 405, 501})
LOG_PAGE_LENGTH: Final = 100
# Seconds between polls when the server has no event stream.
POLL_INTERVAL_S = 1.0
# Seconds a cancellation waits for a running job to stop before saying it was asked.
CANCEL_WAIT_S = 15.0
# Where a failed job's reason may be found, in the end event or the job (first wins).
_MESSAGE_KEYS: Final = ("statusMessage", "message", "reason", "error")


def job_events(
    client: Client,
    job_id: int,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[JobEvent]:
    """The job's events until its `end` event: streamed, else polled."""
    logs_seen = 0
    try:
        for event in client.jobs.follow(job_id):
            if event.event == "log":
                logs_seen += 1
            yield event
        return
    except StatusCodeError as error:
        if error.status_code not in _NO_STREAM_STATUSES:
            raise
    except JobEventStreamClosedError:
        pass  # the stream replayed `logs_seen` records; polling goes on from there
    yield from polled_job_events(client, job_id, logs_seen=logs_seen, sleep=sleep)


def polled_job_events(
    client: Client,
    job_id: int,
    *,
    logs_seen: int = 0,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[JobEvent]:
    """Events made up by polling: a status change, new log records, changed metrics."""
    last_status: str | None = None
    metrics_seen: dict[str, Any] = {}
    while True:
        # The status first: once it is final, the logs read after it are complete.
        status = client.jobs.get_status(job_id)["status"]
        if status != last_status:
            yield JobEvent("status", {"status": status})
            last_status = status
        while True:
            page = client.jobs.get_logs_by_id(job_id, index=logs_seen, page_length=LOG_PAGE_LENGTH)
            records = page.get("data", [])
            for record in records:
                yield JobEvent("log", record)
            logs_seen += len(records)
            if page.get("isComplete", True) or not records:
                break
        for metric in latest_metrics(client, job_id):
            if metrics_seen.get(metric["name"]) != metric.get("value"):
                metrics_seen[metric["name"]] = metric.get("value")
                yield JobEvent("metric", metric)
        if status in FINAL_STATUSES:
            yield JobEvent("end", {"status": status})
            return
        sleep(POLL_INTERVAL_S)


def cancel_job(
    client: Client,
    job_id: int,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Asks the server to cancel the job and waits a little for it to stop; its status."""
    status = str(client.jobs.cancel(job_id).get("status"))
    deadline = time.monotonic() + CANCEL_WAIT_S
    # A running job stops once its worker hears of the cancellation.
    while status not in FINAL_STATUSES and time.monotonic() < deadline:
        sleep(min(POLL_INTERVAL_S, 0.25))
        status = str(client.jobs.get_status(job_id).get("status"))
    return status


def describe_cancellation(job_id: int, status: str) -> str:
    if status in FINAL_STATUSES:
        return f"Job {job_id} is {escape(status)}."
    return f"Cancellation of job {job_id} requested; it is still {escape(status)}."


def latest_metrics(client: Client, job_id: int) -> list[dict[str, Any]]:
    """The latest value of each metric of the job (the route answers with a list)."""
    metrics: Any = client.jobs.get_metrics_by_id(job_id)
    return list(metrics or [])


def log_line(record: dict[str, Any]) -> Text:
    """`12:00:01 WARNING  my.logger: message`, coloured by severity."""
    severity = str(record.get("severity", "INFO")).upper()
    when = short_time(record.get("createdOn") or record.get("timestamp"))
    line = Text()
    if when != "-":
        line.append(when[-8:] + " ", style="dim")
    line.append(f"{severity:<8} ", style=severity_style(severity) or "bold")
    logger = record.get("loggerName")
    if logger:
        line.append(f"{logger}: ", style="dim")
    line.append(str(record.get("message", "")), style=severity_style(severity))
    return line


def metrics_table(metrics: dict[str, dict[str, Any]]) -> Table:
    table = Table(title="Metrics", title_justify="left", header_style="bold")
    for column in ("name", "value", "step"):
        table.add_column(column)
    for name, metric in metrics.items():
        step = metric.get("step")
        table.add_row(name, str(metric.get("value")), "-" if step is None else str(step))
    return table


def status_message(*sources: dict[str, Any] | None) -> str | None:
    """The reason a job ended as it did, from the first source that gives one."""
    for source in sources:
        for key in _MESSAGE_KEYS:
            value = (source or {}).get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


@dataclass
class JobFollower:
    """What is known of a followed job; renders itself as the live view."""

    job_id: int
    status: str = QUEUED
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    log_count: int = 0
    end: dict[str, Any] | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def handle(self, event: JobEvent) -> RenderableType | None:
        """Takes one event in; returns a line to print above the live view, if any."""
        data = event.data if isinstance(event.data, dict) else {"message": event.data}
        if event.event == "log":
            self.log_count += 1
            return log_line(data)
        if event.event == "metric" and "name" in data:
            self.metrics[str(data["name"])] = data
        elif event.event == "status" and data.get("status") and data["status"] != self.status:
            self.status = str(data["status"])
            # The final status is the last line printed; a stream may send it before the
            # last log lines, so it is not shown here.
            if self.status not in FINAL_STATUSES:
                return Text.assemble(("status → ", "dim"), styled_status(self.status))
        elif event.event == "end":
            self.end = data
            self.status = str(data.get("status") or self.status)
        return None

    def __rich__(self) -> RenderableType:
        headline = Text.assemble(
            f"Job {self.job_id} ",
            styled_status(self.status),
            (f"  {self.elapsed:.0f}s  {self.log_count} log lines", "dim"),
        )
        parts: list[RenderableType] = [Spinner("dots", text=headline)]
        if self.metrics:
            parts.append(metrics_table(self.metrics))
        return Group(*parts)


def follow_job(client: Client, job_id: int, console: Console) -> JobFollower:
    """Shows the job's logs and a live status/metrics view until it ends."""
    follower = JobFollower(job_id)
    with Live(follower, console=console, transient=True, refresh_per_second=8) as live:
        for event in job_events(client, job_id):
            line = follower.handle(event)
            if line is not None:
                live.console.print(line, soft_wrap=True)
            if event.event == "end":
                break
    return follower


def print_outcome(
    console: Console,
    follower: JobFollower,
    job: dict[str, Any],
    artifacts: RenderableType | None = None,
) -> bool:
    """The final metrics, the artifacts, and a status line; whether the job finished."""
    if follower.metrics:
        console.print(metrics_table(follower.metrics))
    if artifacts is not None:
        console.print(artifacts)
    status = str(job.get("status") or follower.status)
    took = f" in {follower.elapsed:.1f}s"
    if status == FINISHED:
        console.print(f"[green]✔[/] Job {follower.job_id} [green]finished[/]{took}")
        return True
    reason = status_message(follower.end, job)
    suffix = f": {escape(reason)}" if reason else ""
    console.print(
        f"[red]✘[/] Job {follower.job_id} [red]{escape(status)}[/]{took}{suffix}", soft_wrap=True
    )
    return False
