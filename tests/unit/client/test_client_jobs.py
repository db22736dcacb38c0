"""Jobs beyond plain routes: metric values, timestamps, wait and follow."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import FakeServer

from dioptra.client import (
    DioptraClient,
    DioptraResponse,
    IllegalArgumentError,
    JobEvent,
    JobEventStreamClosedError,
    JobWaitTimeoutError,
    NotFoundError,
)

np = pytest.importorskip("numpy")


class _PandasLikeNA:
    """Stands in for pandas.NA, which prints as <NA> and refuses float()."""

    def __str__(self) -> str:
        return "<NA>"

    def __float__(self) -> float:
        raise TypeError("float() argument must not be NA")


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (0.25, 0.25),
        (7, 7),
        (float("nan"), "nan"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (np.float32("nan"), "nan"),
        (np.float64("-inf"), "-inf"),
        (np.int64(3), 3),
        (np.float32(0.5), 0.5),
        (_PandasLikeNA(), "nan"),
    ],
    ids=[
        "float",
        "int",
        "nan",
        "inf",
        "-inf",
        "numpy-nan",
        "numpy-neg-inf",
        "numpy-int",
        "numpy-float32",
        "pandas-na",
    ],
)
def test_metric_values_on_the_wire(
    value: Any, sent: Any, json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.jobs.append_metric_by_id(12, "loss", value)

    assert server.last.json == {"name": "loss", "value": sent}


# object()'s repr holds an address: pytest-xdist's workers must collect the same names.
@pytest.mark.parametrize(
    "value", ["0.5", True, None, pytest.param(object(), id="object()")], ids=repr
)
def test_non_numeric_metric_is_refused_before_sending(
    value: Any, json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(IllegalArgumentError, match="must be a real number"):
        json_client.jobs.append_metric_by_id(12, "loss", value)

    assert server.requests == []


def test_metric_timestamp_strings_are_checked(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.jobs.append_metric_by_id(12, "acc", 1, timestamp="2025-01-02T03:04:05+00:00")
    assert server.last.json["timestamp"] == "2025-01-02T03:04:05+00:00"

    with pytest.raises(IllegalArgumentError, match="ISO 8601"):
        json_client.jobs.append_metric_by_id(12, "acc", 1, timestamp="yesterday")
    assert len(server.requests) == 1


def test_aware_datetime_keeps_its_offset(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    moment = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

    json_client.jobs.append_metric_by_id(12, "acc", 1, timestamp=moment)

    assert server.last.json["timestamp"] == "2025-01-02T03:04:05+00:00"


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _serve_statuses(server: FakeServer, statuses: list[str]) -> None:
    remaining = iter(statuses)
    last = statuses[-1]

    def status(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": 12, "status": next(remaining, last)})

    server.route("GET", "/jobs/12/status", status)
    server.route("GET", "/jobs/12", httpx.Response(200, json={"id": 12, "status": last}))


def _use_clock(client: DioptraClient[Any], clock: FakeClock) -> None:
    client.jobs._clock = clock
    client.jobs._sleep = clock.sleep


def test_wait_returns_the_job_once_final(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    clock = FakeClock()
    _use_clock(json_client, clock)
    _serve_statuses(server, ["queued", "started", "finished"])

    job = json_client.jobs.wait(12, poll_interval=0.5)

    assert job == {"id": 12, "status": "finished"}
    assert clock.sleeps == [0.5, 0.5]
    assert [r.path for r in server.requests] == ["/jobs/12/status"] * 3 + ["/jobs/12"]


@pytest.mark.parametrize("final", ["finished", "failed", "cancelled", "timeout"])
def test_every_final_status_ends_the_wait(
    final: str, json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    _use_clock(json_client, FakeClock())
    _serve_statuses(server, ["started", final])

    assert json_client.jobs.wait(12)["status"] == final


def test_wait_times_out_without_oversleeping(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    clock = FakeClock()
    _use_clock(json_client, clock)
    _serve_statuses(server, ["started"])

    with pytest.raises(JobWaitTimeoutError) as caught:
        json_client.jobs.wait(12, timeout=0.5, poll_interval=0.2)

    assert clock.sleeps == pytest.approx([0.2, 0.2, 0.1])
    assert clock.now == pytest.approx(100.5)
    assert len(server.requests) == 4  # at 0, 0.2, 0.4 and on the deadline
    assert (caught.value.job_id, caught.value.last_status) == (12, "started")
    assert "did not finish within 0.5 s" in str(caught.value)
    assert isinstance(caught.value, TimeoutError)


def test_zero_timeout_checks_once(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    clock = FakeClock()
    _use_clock(json_client, clock)
    _serve_statuses(server, ["queued"])

    with pytest.raises(JobWaitTimeoutError):
        json_client.jobs.wait(12, timeout=0)

    assert (clock.sleeps, len(server.requests)) == ([], 1)


def test_wait_returns_json_from_the_response_client(
    response_client: DioptraClient[DioptraResponse], server: FakeServer
) -> None:
    _use_clock(response_client, FakeClock())
    _serve_statuses(server, ["finished"])

    assert response_client.jobs.wait(12) == {"id": 12, "status": "finished"}


def test_wait_on_unknown_job_raises_not_found(
    response_client: DioptraClient[DioptraResponse], server: FakeServer
) -> None:
    server.route("GET", "/jobs/12/status", httpx.Response(404, json={"message": "no job"}))

    with pytest.raises(NotFoundError, match="no job"):
        response_client.jobs.wait(12)


def test_wait_rejects_bad_intervals(json_client: DioptraClient[dict[str, Any]]) -> None:
    with pytest.raises(IllegalArgumentError, match="poll_interval"):
        json_client.jobs.wait(12, poll_interval=0)
    with pytest.raises(IllegalArgumentError, match="timeout"):
        json_client.jobs.wait(12, timeout=-1)


def test_wait_really_sleeps_with_the_default_clock(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    _serve_statuses(server, ["started", "finished"])

    assert json_client.jobs.wait(12, timeout=5, poll_interval=0.01)["status"] == "finished"


EVENT_STREAM = (
    ": connected\n\n"
    'event: status\ndata: {"status": "started"}\nid: 1\n\n'
    ": keep-alive\n\n"
    'event: log\ndata: {"message": "Traceback:\\n  line",\ndata:  "severity": "ERROR"}\n\n'
    'event: metric\r\ndata: {"name": "loss", "value": "nan"}\r\n\r\n'
    'event: end\ndata: {"status": "finished"}\n\n'
    'event: status\ndata: {"status": "after the end"}\n\n'
)


def _chunks(text: str, size: int) -> Iterator[bytes]:
    data = text.encode()
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_follow_yields_events_until_end(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "GET",
        "/jobs/12/events",
        lambda _r: httpx.Response(
            200,
            headers={"Content-Type": "text/event-stream"},
            content=_chunks(EVENT_STREAM, 7),  # lines arrive split across chunks
        ),
    )

    events = list(json_client.jobs.follow(12))

    assert events == [
        JobEvent("status", {"status": "started"}, "1"),
        JobEvent("log", {"message": "Traceback:\n  line", "severity": "ERROR"}, "1"),
        JobEvent("metric", {"name": "loss", "value": "nan"}, "1"),
        JobEvent("end", {"status": "finished"}, "1"),
    ]
    assert server.last.headers["accept"] == "text/event-stream"


def test_follow_raises_when_the_stream_stops_early(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "GET",
        "/jobs/12/events",
        httpx.Response(200, text='event: status\ndata: {"status": "started"}\n\n'),
    )
    received: list[JobEvent] = []

    with pytest.raises(JobEventStreamClosedError, match="job 12"):
        received.extend(json_client.jobs.follow(12))

    assert received == [JobEvent("status", {"status": "started"})]


def test_follow_unknown_job_raises_not_found(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route("GET", "/jobs/12/events", httpx.Response(404, json={"message": "no job"}))

    with pytest.raises(NotFoundError):
        next(json_client.jobs.follow(12))
