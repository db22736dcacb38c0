"""The `/jobs` collection: status, parameters, metrics, logs, and following a job."""

from __future__ import annotations

import datetime
import json
import math
import numbers
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TypeVar

from dioptra.job_states import TERMINAL

from .base import CollectionClient, list_params
from .errors import IllegalArgumentError, JobEventStreamClosedError, JobWaitTimeoutError
from .sessions import DioptraSession
from .snapshots import SnapshotsSubCollectionClient
from .sse import parse_sse
from .tags import TagsSubCollectionClient

T = TypeVar("T")

FINAL_JOB_STATUSES: Final[frozenset[str]] = TERMINAL


@dataclass(frozen=True)
class JobEvent:
    """One event of a running job: `status`, `log`, `metric` or `end`.

    `data` is the event's JSON payload (the raw text if it is not JSON).
    """

    event: str
    data: Any
    id: str | None = None


def metric_wire_value(value: Any) -> int | float | str:
    """A metric value as the API takes it: a number, or "nan", "inf" or "-inf"."""
    if isinstance(value, bool | str | bytes):
        raise IllegalArgumentError(
            f"Illegal metric value (reason: must be a real number): {value!r}"
        )
    if str(value) == "<NA>":  # pandas.NA: missing, reported like NaN
        return "nan"
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise IllegalArgumentError(
            f"Illegal metric value (reason: must be a real number): {value!r}"
        ) from err
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return number


def timestamp_text(timestamp: datetime.datetime | str) -> str:
    """An ISO 8601 timestamp; strings are checked, not rewritten."""
    if isinstance(timestamp, datetime.datetime):
        return timestamp.isoformat()
    try:
        datetime.datetime.fromisoformat(timestamp)
    except (TypeError, ValueError) as err:
        raise IllegalArgumentError(
            "Illegal type for timestamp (reason: must be a datetime.datetime or "
            f"timestamp string in ISO 8601 format): {timestamp}"
        ) from err
    return timestamp


class JobsCollectionClient(CollectionClient[T]):
    """Jobs: their state, inputs, metrics and logs; also cancel, rerun, wait, follow."""

    name: ClassVar[str] = "jobs"

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._snapshots = SnapshotsSubCollectionClient[T](session, root_collection=self)
        self._tags = TagsSubCollectionClient[T](session, root_collection=self)
        # Injectable so tests can drive `wait` with a fake clock.
        self._clock: Callable[[], float] = time.monotonic
        self._sleep: Callable[[float], None] = time.sleep

    @property
    def snapshots(self) -> SnapshotsSubCollectionClient[T]:
        return self._snapshots

    @property
    def tags(self) -> TagsSubCollectionClient[T]:
        return self._tags

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        return self._list(group_id, index, page_length, sort_by, descending, search)

    def get_by_id(self, job_id: str | int) -> T:
        return self._session.get(self.url, job_id)

    def delete_by_id(self, job_id: str | int) -> T:
        return self._session.delete(self.url, job_id)

    def get_mlflow_run_id(self, job_id: str | int) -> T:
        return self._session.get(self.url, job_id, "mlflowRun")

    def set_mlflow_run_id(self, job_id: str | int, mlflow_run_id: str) -> T:
        return self._session.post(
            self.url, job_id, "mlflowRun", json_={"mlflowRunId": mlflow_run_id}
        )

    def get_parameters(self, job_id: str | int) -> T:
        """The job's parameter values, coerced to their declared types."""
        return self._session.get(self.url, job_id, "parameters")

    def get_artifact_parameters(self, job_id: str | int) -> T:
        return self._session.get(self.url, job_id, "artifactParameters")

    def get_status(self, job_id: str | int) -> T:
        return self._session.get(self.url, job_id, "status")

    def get_config(self, job_id: int) -> T:
        """The task-engine document the job runs."""
        return self._session.get(self.url, job_id, "config")

    def get_metrics_by_id(self, job_id: str | int) -> T:
        """The latest value of each of the job's metrics."""
        return self._session.get(self.url, job_id, "metrics")

    def append_metric_by_id(
        self,
        job_id: str | int,
        metric_name: str,
        metric_value: float,
        metric_step: int | None = None,
        timestamp: datetime.datetime | str | None = None,
    ) -> T:
        """Record a metric value; NaN and infinities are sent as "nan", "inf", "-inf"."""
        body: dict[str, Any] = {"name": metric_name, "value": metric_wire_value(metric_value)}
        if metric_step is not None:
            body["step"] = metric_step
        if timestamp is not None:
            body["timestamp"] = timestamp_text(timestamp)
        return self._session.post(self.url, job_id, "metrics", json_=body)

    def get_metrics_snapshots_by_id(
        self,
        job_id: str | int,
        metric_name: str | int,
        index: int = 0,
        page_length: int = 10,
    ) -> T:
        """Every recorded value of one metric, paged."""
        return self._session.get(
            self.url,
            job_id,
            "metrics",
            metric_name,
            "snapshots",
            params=list_params(index, page_length),
        )

    def get_logs_by_id(
        self,
        job_id: str | int,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        severity: list[str] | None = None,
    ) -> T:
        """One page of the job's log records, optionally only some severities."""
        params = list_params(index, page_length, sort_by=sort_by, descending=descending)
        if severity:
            params["severity"] = list(severity)
        return self._session.get(self.url, job_id, "log", params=params)

    def append_logs_by_id(self, job_id: str | int, logs: Iterable[dict[str, Any]]) -> T:
        """Add log records: dicts with `severity`, `loggerName` and `message`."""
        return self._session.post(self.url, job_id, "log", json_={"data": list(logs)})

    def cancel(self, job_id: str | int) -> T:
        """Cancel a queued or running job; returns the job."""
        return self._session.post(self.url, job_id, "cancel")

    def rerun(self, job_id: str | int) -> T:
        """Submit a new job with the same snapshot, values and queue; returns it."""
        return self._session.post(self.url, job_id, "rerun")

    def wait(
        self, job_id: str | int, timeout: float | None = None, poll_interval: float = 0.2
    ) -> dict[str, Any]:
        """Poll until the job is finished, failed, cancelled or timed out.

        Args:
            job_id: The job to wait for.
            timeout: Seconds to wait at most; None waits for as long as it takes.
            poll_interval: Seconds between status checks.

        Returns:
            The job's JSON (in either client mode).

        Raises:
            JobWaitTimeoutError: If `timeout` passes first.
        """
        if poll_interval <= 0:
            raise IllegalArgumentError(f"poll_interval must be positive: {poll_interval}")
        if timeout is not None and timeout < 0:
            raise IllegalArgumentError(f"timeout must not be negative: {timeout}")
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            status = self._session.request_json("get", self.url, job_id, "status")["status"]
            if status in FINAL_JOB_STATUSES:
                job: dict[str, Any] = self._session.request_json("get", self.url, job_id)
                return job
            pause = poll_interval
            if deadline is not None:
                remaining = deadline - self._clock()
                if remaining <= 0:
                    raise JobWaitTimeoutError(job_id, timeout or 0.0, status)
                pause = min(pause, remaining)  # the last check lands on the deadline
            self._sleep(pause)

    def follow(self, job_id: str | int) -> Iterator[JobEvent]:
        """Yield the job's events as they happen, ending with its `end` event.

        Raises:
            JobEventStreamClosedError: If the stream closes before `end`.
        """
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        with self._session.stream(self.url, job_id, "events", headers=headers) as response:
            for sse in parse_sse(response.iter_lines()):
                event = JobEvent(event=sse.event, data=_json_or_text(sse.data), id=sse.id)
                yield event
                if event.event == "end":
                    return
        raise JobEventStreamClosedError(f"The event stream of job {job_id} closed before its end")


def _json_or_text(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return data
