"""What a running job sends back: logs, metrics, and the live event stream."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import World, claim, make_world, poll, put_status, submit

from dioptra.client.sse import parse_sse


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


def log(client: TestClient, job_id: int, *records: tuple[str, str, str]) -> Any:
    data = [{"severity": s, "loggerName": n, "message": m} for s, n, m in records]
    return client.post(f"{API}/jobs/{job_id}/log", json={"data": data})


def metric(client: TestClient, job_id: int, name: str, value: Any, step: int | None = None) -> Any:
    body: dict[str, Any] = {"name": name, "value": value}
    if step is not None:
        body["step"] = step
    return client.post(f"{API}/jobs/{job_id}/metrics", json=body)


# -- logs ------------------------------------------------------------------------------


def test_logs_are_sanitised_paged_filtered_and_sorted(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    posted = ok_json(
        log(
            alice,
            job["id"],
            ("INFO", "train", "epoch 1"),
            ("WARNING", "train", "slow <script>alert(1)</script><b>disk</b>"),
            ("ERROR", "<i>io</i>", "disk full"),
            ("DEBUG", "train", "detail"),
        )
    )
    assert [r["message"] for r in posted][1] == "slow <b>disk</b>"
    assert posted[2]["loggerName"] == "<i>io</i>"
    assert set(posted[0]) == {"severity", "loggerName", "message", "createdOn"}

    page = ok_json(alice.get(f"{API}/jobs/{job['id']}/log", params={"pageLength": 3}))
    assert page["totalNumResults"] == 4
    assert [r["message"] for r in page["data"]] == ["epoch 1", "slow <b>disk</b>", "disk full"]
    assert page["next"] == f"/api/v1/jobs/{job['id']}/log?index=3&pageLength=3"
    severe = ok_json(
        alice.get(f"{API}/jobs/{job['id']}/log", params={"severity": ["ERROR", "WARNING"]})
    )
    assert [r["severity"] for r in severe["data"]] == ["WARNING", "ERROR"]
    searched = ok_json(alice.get(f"{API}/jobs/{job['id']}/log", params={"search": "message:disk*"}))
    assert [r["message"] for r in searched["data"]] == ["disk full"]
    by_severity = ok_json(
        alice.get(f"{API}/jobs/{job['id']}/log", params={"sortBy": "severity", "descending": True})
    )
    assert [r["severity"] for r in by_severity["data"]] == ["WARNING", "INFO", "ERROR", "DEBUG"]
    assert by_severity["first"].endswith("&sortBy=severity&descending=True")


def test_the_log_of_a_job_one_cannot_see_is_an_empty_page(
    alice: TestClient, bob: TestClient, world: World
) -> None:
    """As in Dioptra 1.2: an empty page (with its links), whether the job is unknown or
    in a group of others; never its records."""
    job = submit(alice, world)
    ok_json(log(alice, job["id"], ("INFO", "train", "secret")))
    ok_json(alice.delete(f"{API}/groups/1/members/2"))  # bob leaves the job's group

    for client, job_id in ((bob, job["id"]), (alice, 999999)):
        page = client.get(f"{API}/jobs/{job_id}/log", params={"index": 1, "pageLength": 3})
        assert ok_json(page) == {
            "index": 1,
            "isComplete": True,
            "totalNumResults": 0,
            "first": f"/api/v1/jobs/{job_id}/log?index=0&pageLength=3",
            "prev": f"/api/v1/jobs/{job_id}/log?index=0&pageLength=3",
            "data": [],
        }
    assert_error(bob.get(f"{API}/jobs/{job['id']}"), 404, "EntityDoesNotExistError")
    unsortable = bob.get(f"{API}/jobs/{job['id']}/log", params={"sortBy": "bad"})
    assert_error(unsortable, 400, "SortParameterValidationError")
    mine = ok_json(alice.get(f"{API}/jobs/{job['id']}/log"))
    assert [r["message"] for r in mine["data"]] == ["secret"]


def test_log_errors_change_nothing(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    job = submit(alice, world)
    url = f"{API}/jobs/{job['id']}/log"
    with unchanged():
        assert alice.post(url, json={"data": []}).status_code == 400
        bad = log(alice, job["id"], ("LOUD", "x", "y"))
        assert bad.status_code == 400 and "errors" in bad.json()
        assert_error(log(alice, 999, ("INFO", "x", "y")), 404, "EntityDoesNotExistError")
    assert alice.get(url, params={"severity": "BAD"}).json() == {
        "errors": {"severity": {"0": ["Must be one of: DEBUG, INFO, WARNING, ERROR, CRITICAL."]}}
    }
    body = assert_error(
        alice.get(url, params={"sortBy": "bad"}), 400, "SortParameterValidationError"
    )
    assert body["message"] == "Bad Request - The sort parameter, bad, for job is not sortable."


# -- metrics ---------------------------------------------------------------------------


def test_metrics_steps_upserts_and_special_values(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    jid = job["id"]
    assert ok_json(metric(alice, jid, "loss", 0.9)) == {"name": "loss", "value": 0.9}
    assert ok_json(metric(alice, jid, "loss", "nan", step=1)) == {"name": "loss", "value": "nan"}
    ok_json(metric(alice, jid, "loss", 0.4, step=2))
    ok_json(metric(alice, jid, "acc", "inf"))
    ok_json(metric(alice, jid, "acc", "-inf", step=3))
    # Replacing a step replaces its value, special values included (1.x kept the float).
    ok_json(metric(alice, jid, "loss", "inf", step=2))
    ok_json(metric(alice, jid, "loss", 0.25, step=1))

    latest = ok_json(alice.get(f"{API}/jobs/{jid}/metrics"))
    assert sorted(latest, key=lambda m: m["name"]) == [
        {"name": "acc", "value": "-inf"},
        {"name": "loss", "value": "inf"},
    ]
    history = ok_json(alice.get(f"{API}/jobs/{jid}/metrics/loss/snapshots"))
    assert [(m["step"], m["value"]) for m in history["data"]] == [(0, 0.9), (1, 0.25), (2, "inf")]
    assert set(history["data"][0]) == {"name", "value", "step", "timestamp"}
    paged = ok_json(
        alice.get(f"{API}/jobs/{jid}/metrics/loss/snapshots", params={"index": 1, "pageLength": 1})
    )
    assert [m["step"] for m in paged["data"]] == [1]
    assert paged["prev"] == f"/api/v1/jobs/{jid}/metrics/loss/snapshots?index=0&pageLength=1"


def test_metric_timestamp_and_errors(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    job = submit(alice, world)
    url = f"{API}/jobs/{job['id']}/metrics"
    ok_json(
        alice.post(url, json={"name": "t", "value": 1, "timestamp": "2024-01-02T03:04:05+00:00"})
    )
    history = ok_json(alice.get(f"{url}/t/snapshots"))["data"]
    assert history[0]["timestamp"] == "2024-01-02T03:04:05+00:00"
    with unchanged():
        assert alice.post(url, json={"name": "_", "value": 1}).json() == {
            "errors": {
                "name": [
                    "'_' is not a compatible name for a metric. A metric name must start with a "
                    "letter or underscore, followed by letters, numbers, or underscores. In "
                    "addition, '_' is not a valid metric name."
                ]
            }
        }
        assert "name" in alice.post(url, json={"name": "a-b", "value": 1}).json()["errors"]
        assert alice.post(url, json={"name": "ok", "value": "lots"}).status_code == 400
        assert alice.post(url, json={"name": "ok"}).status_code == 400
        assert_error(metric(alice, 999, "x", 1), 404, "EntityDoesNotExistError")


def test_experiment_metrics_page_by_job(alice: TestClient, world: World) -> None:
    first = submit(alice, world)
    second = submit(alice, world)
    ok_json(metric(alice, first["id"], "loss", 0.5, step=0))
    ok_json(metric(alice, first["id"], "loss", 0.1, step=4))

    page = ok_json(
        alice.get(f"{API}/experiments/{world.experiment['id']}/metrics", params={"pageLength": 1})
    )

    assert page["data"] == [{"id": first["id"], "metrics": [{"name": "loss", "value": 0.1}]}]
    assert page["totalNumResults"] == 2
    assert (
        page["next"] == f"/api/v1/experiments/{world.experiment['id']}/metrics?index=1&pageLength=1"
    )
    rest = ok_json(alice.get(page["next"].replace("/api/v1", API)))
    assert rest["data"] == [{"id": second["id"], "metrics": []}]


# -- the event stream ------------------------------------------------------------------


def events_of(text: str) -> list[tuple[str, Any]]:
    return [(e.event, json.loads(e.data)) for e in parse_sse(text.splitlines())]


def test_events_of_an_ended_job_replay_and_end(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    job = submit(alice, world)
    claimed = claim(app, alice, job["id"])
    ok_json(log(claimed.worker, job["id"], ("INFO", "run", "hello")))
    ok_json(metric(claimed.worker, job["id"], "loss", "nan", step=2))
    ok_json(put_status(claimed.worker, job["id"], "finished"))

    response = alice.get(f"{API}/jobs/{job['id']}/events")

    assert response.headers["content-type"].startswith("text/event-stream")
    events = events_of(response.text)
    assert [name for name, _ in events] == ["status", "log", "metric", "end"]
    assert events[0][1] == {
        "id": job["id"],
        "status": "finished",
        "statusMessage": None,
        "deleted": False,
    }
    assert events[1][1]["message"] == "hello"
    assert events[2][1] | {"timestamp": None} == {
        "name": "loss",
        "value": "nan",
        "step": 2,
        "timestamp": None,
    }
    assert events[3][1] == {"id": job["id"], "status": "finished"}
    assert_error(alice.get(f"{API}/jobs/999/events"), 404, "EntityDoesNotExistError")


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[str]:
    """The app served over a real socket (the test client buffers whole responses)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    poll(lambda: server.started)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_events_replay_then_stream_live_until_the_end(
    app: FastAPI, alice: TestClient, world: World, live_server: str
) -> None:
    job = submit(alice, world)
    claimed = claim(app, alice, job["id"])
    jid = job["id"]
    ok_json(log(claimed.worker, jid, ("INFO", "run", "before")))
    ok_json(metric(claimed.worker, jid, "loss", 1.0, step=0))
    received: list[tuple[str, Any]] = []

    def follow() -> None:
        headers = {"Authorization": f"Bearer {claimed.token}", "Accept": "text/event-stream"}
        with httpx.stream(
            "GET", f"{live_server}{API}/jobs/{jid}/events", headers=headers, timeout=30
        ) as response:
            assert response.status_code == 200
            for event in parse_sse(response.iter_lines()):
                received.append((event.event, json.loads(event.data)))

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    poll(lambda: len(received) >= 3)
    assert [name for name, _ in received] == ["status", "log", "metric"]
    assert received[0][1]["status"] == "started"

    ok_json(log(claimed.worker, jid, ("WARNING", "run", "during")))
    poll(lambda: len(received) >= 4)
    ok_json(metric(claimed.worker, jid, "loss", 0.5, step=1))
    poll(lambda: len(received) >= 5)
    ok_json(metric(claimed.worker, jid, "loss", 0.25, step=1))  # a replaced step comes again
    poll(lambda: len(received) >= 6)
    ok_json(put_status(claimed.worker, jid, "failed", "boom"))
    reader.join(timeout=15)

    assert not reader.is_alive()  # the stream ended by itself
    assert [name for name, _ in received] == [
        "status",
        "log",
        "metric",
        "log",
        "metric",
        "metric",
        "status",
        "end",
    ]
    assert received[3][1]["message"] == "during"
    assert [received[i][1]["value"] for i in (4, 5)] == [0.5, 0.25]
    assert received[6][1] == {
        "id": jid,
        "status": "failed",
        "statusMessage": "boom",
        "deleted": False,
    }
    assert received[7][1] == {"id": jid, "status": "failed"}
