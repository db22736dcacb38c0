"""The runtime contract: the status table, claiming, job tokens, heartbeats, cancelling,
and the watchdog for jobs whose worker went silent."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import (
    World,
    claim,
    heartbeat,
    make_world,
    put_status,
    recording_dispatcher,
    submit,
    token_client,
)

from dioptra import job_states
from dioptra.server.services.jobs import lifecycle

ALLOWED = [
    ("queued", "started"),
    ("queued", "deferred"),
    ("queued", "cancelled"),
    ("queued", "reset"),
    ("started", "finished"),
    ("started", "failed"),
    ("started", "cancelled"),
    ("started", "timeout"),
    ("started", "reset"),
    ("deferred", "started"),
    ("deferred", "cancelled"),
    ("deferred", "reset"),
    ("finished", "reset"),
    ("failed", "reset"),
    ("cancelled", "reset"),
    ("timeout", "reset"),
]
FORBIDDEN = [
    ("queued", "finished"),
    ("queued", "failed"),
    ("queued", "timeout"),
    ("queued", "queued"),
    ("started", "started"),
    ("started", "deferred"),
    ("started", "queued"),
    ("deferred", "finished"),
    ("deferred", "timeout"),
    ("finished", "failed"),
    ("finished", "started"),
    ("failed", "finished"),
    ("cancelled", "started"),
    ("timeout", "finished"),
]
# How to bring a queued job into each status.
PATH_TO = {
    "queued": [],
    "started": ["started"],
    "deferred": ["deferred"],
    "finished": ["started", "finished"],
    "failed": ["started", "failed"],
    "cancelled": ["cancelled"],
    "timeout": ["started", "timeout"],
}


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


def test_the_table_is_exactly_the_allowed_pairs() -> None:
    pairs = {
        (current, requested)
        for current in job_states.STATUSES
        for requested in job_states.REQUESTABLE
        if lifecycle.is_allowed(current, requested)
    }
    assert pairs == set(ALLOWED)


def test_every_allowed_transition_over_http(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    status_url = f"{API}/experiments/{world.experiment['id']}/jobs/{job['id']}/status"
    for current, requested in ALLOWED:
        put_status(alice, job["id"], "reset").raise_for_status()
        for step in PATH_TO[current]:
            ok_json(put_status(alice, job["id"], step))
        before = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots"))["totalNumResults"]

        with recording_dispatcher(app) as dispatcher:
            answer = ok_json(alice.put(status_url, json={"status": requested}))

        expected = "queued" if requested == "reset" else requested
        assert answer == {"id": job["id"], "status": expected}, (current, requested)
        assert ok_json(alice.get(f"{API}/jobs/{job['id']}/status"))["status"] == expected
        after = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots"))["totalNumResults"]
        assert after == before + 1  # each change is a snapshot
        # A reset puts the job back in the queue: it is dispatched again.
        assert dispatcher.submitted == ([(job["id"], "q")] if requested == "reset" else [])


def test_forbidden_transitions_are_400_and_change_nothing(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    job = submit(alice, world)
    for current, requested in FORBIDDEN:
        put_status(alice, job["id"], "reset").raise_for_status()
        for step in PATH_TO[current]:
            ok_json(put_status(alice, job["id"], step))
        with unchanged():
            body = assert_error(
                put_status(alice, job["id"], requested), 400, "JobInvalidStatusTransitionError"
            )
        assert body["message"].startswith(
            "Bad Request - The requested job status update is invalid"
        )
    with unchanged():
        assert put_status(alice, job["id"], "exploded").status_code == 400


def test_status_message_is_kept_and_cleared(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    put_status(alice, job["id"], "started").raise_for_status()
    put_status(alice, job["id"], "failed", "ValueError: bad input").raise_for_status()
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["statusMessage"] == "ValueError: bad input"
    put_status(alice, job["id"], "reset").raise_for_status()
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["statusMessage"] is None


# -- claiming ----------------------------------------------------------------------------


def test_a_status_report_may_carry_the_last_log_records(
    app: FastAPI, alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    """Appended in the same transaction, before the status changes (the token dies with
    it); a refused status keeps none of them."""
    job = submit(alice, world)
    worker = claim(app, alice, job["id"]).worker
    last = [{"severity": "INFO", "loggerName": "stdout", "message": "done"}]
    with unchanged():
        body = {"status": "queued", "logs": last}
        assert worker.put(f"{API}/jobs/{job['id']}/status", json=body).status_code == 400
    body = {"status": "finished", "logs": last}
    assert ok_json(worker.put(f"{API}/jobs/{job['id']}/status", json=body))["status"] == "finished"
    log = ok_json(alice.get(f"{API}/jobs/{job['id']}/log"))["data"]
    assert [(r["loggerName"], r["message"]) for r in log] == [("stdout", "done")]


def test_a_claim_brings_the_jobs_config_and_parameters(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    """What the worker would fetch next comes with the claim (two requests saved)."""
    job = submit(alice, world)
    body = ok_json(alice.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "w1"}))
    worker = token_client(app, body["token"])
    assert body["config"] == ok_json(worker.get(f"{API}/jobs/{job['id']}/config"))
    assert body["parameters"] == ok_json(worker.get(f"{API}/jobs/{job['id']}/parameters"))
    assert body["config"]["graph"] and body["parameters"] != {}


def test_a_claim_of_a_job_whose_config_cannot_be_rendered_still_succeeds(
    app: FastAPI, alice: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim leaves the config out; the worker's own request then says why."""
    from dioptra.server.services.core.errors import DioptraError
    from dioptra.server.services.jobs import inputs as job_inputs

    def broken(ctx: object, view: object) -> dict[str, object]:
        raise DioptraError("cannot render")

    monkeypatch.setattr(job_inputs, "config_of", broken)
    job = submit(alice, world)
    body = ok_json(alice.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "w1"}))
    assert body["config"] is None and body["parameters"] is not None
    assert body["job"]["status"] == "started"


def test_claim_twice_one_wins(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(alice, world)

    first = claim(app, alice, job["id"], worker="w1")
    second = alice.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "w2"})

    assert first.job["status"] == "started" and first.job["id"] == job["id"]
    assert first.experiment_id == world.experiment["id"]
    assert first.token.startswith("dioptra_")
    body = assert_error(second, 409, "JobNotQueuedError")
    assert body["detail"] == {"job_id": job["id"], "status": "started"}


def test_claim_race_from_two_threads(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    barrier = threading.Barrier(2)
    results: list[int] = []

    def race(worker: str) -> None:
        client = TestClient(app, cookies=dict(alice.cookies))
        barrier.wait()
        response = client.post(f"{API}/jobs/{job['id']}/claim", json={"worker": worker})
        results.append(response.status_code)

    threads = [threading.Thread(target=race, args=(f"w{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200, 409]
    history = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots"))["data"]
    assert [s["status"] for s in history] == ["queued", "started"]


def test_claim_errors(alice: TestClient, world: World, unchanged: Callable[[], Any]) -> None:
    job = submit(alice, world)
    with unchanged():
        assert_error(
            alice.post(f"{API}/jobs/999/claim", json={"worker": "w"}),
            404,
            "EntityDoesNotExistError",
        )
        assert_error(
            alice.post(f"{API}/jobs/{job['id']}/claim", json={"worker": ""}), 400, "WorkerIdError"
        )
        assert alice.post(f"{API}/jobs/{job['id']}/claim", json={}).status_code == 400


# -- the job token -----------------------------------------------------------------------


def test_job_token_acts_on_its_job(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(alice, world, values={"n": "6"})
    worker = claim(app, alice, job["id"]).worker
    jid = job["id"]
    eid = world.experiment["id"]
    ep = world.entrypoint

    assert ok_json(worker.get(f"{API}/jobs/{jid}"))["status"] == "started"
    assert ok_json(worker.get(f"{API}/jobs/{jid}/parameters")) == {"n": 6}
    assert "graph" in ok_json(worker.get(f"{API}/jobs/{jid}/config"))
    assert ok_json(worker.get(f"{API}/jobs/{jid}/artifactParameters")) == {}
    assert ok_json(worker.get(f"{API}/experiments/{eid}/jobs/{jid}/status"))["status"] == "started"
    bundle = worker.get(f"{API}/entrypoints/{ep['id']}/snapshots/{ep['snapshot']}/plugins/bundle")
    assert bundle.status_code == 200, bundle.text
    plugin = ok_json(alice.get(f"{API}/plugins/{world.plugin['id']}"))
    files = worker.get(f"{API}/plugins/{plugin['id']}/snapshots/{plugin['snapshot']}/files/bundle")
    assert files.status_code == 200
    ok_json(
        worker.post(
            f"{API}/jobs/{jid}/log",
            json={"data": [{"severity": "INFO", "loggerName": "w", "message": "m"}]},
        )
    )
    ok_json(worker.post(f"{API}/jobs/{jid}/metrics", json={"name": "loss", "value": 1}))
    assert ok_json(put_status(worker, jid, "finished"))["status"] == "finished"


def test_job_token_cannot_touch_anything_else(
    app: FastAPI, alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    mine = submit(alice, world)
    other = submit(alice, world)
    worker = claim(app, alice, mine["id"]).worker
    oid = other["id"]
    ep = world.entrypoint
    attempts = [
        ("get", f"{API}/jobs/{oid}", None),
        ("get", f"{API}/jobs/{oid}/parameters", None),
        ("get", f"{API}/jobs/{oid}/config", None),
        ("get", f"{API}/jobs/{oid}/log", None),
        ("get", f"{API}/jobs/999999/log", None),
        ("put", f"{API}/jobs/{oid}/status", {"status": "started"}),
        (
            "post",
            f"{API}/jobs/{oid}/log",
            {"data": [{"severity": "INFO", "loggerName": "x", "message": "x"}]},
        ),
        ("post", f"{API}/jobs/{oid}/metrics", {"name": "loss", "value": 1}),
        ("post", f"{API}/jobs/{oid}/claim", {"worker": "w"}),
        ("post", f"{API}/jobs/{mine['id']}/claim", {"worker": "w"}),
        ("post", f"{API}/jobs/{mine['id']}/cancel", None),
        ("post", f"{API}/jobs/{mine['id']}/rerun", None),
        ("delete", f"{API}/jobs/{mine['id']}", None),
        (
            "put",
            f"{API}/experiments/{world.experiment['id']}/jobs/{oid}/status",
            {"status": "started"},
        ),
        ("get", f"{API}/jobs/", None),
        ("get", f"{API}/queues/", None),
        ("get", f"{API}/experiments/{world.experiment['id']}", None),
        ("post", world.jobs_url, world.body()),
        ("get", f"{API}/entrypoints/{ep['id']}", None),
        ("get", f"{API}/entrypoints/{ep['id']}/snapshots/{ep['snapshot'] + 1000}/config", None),
        ("get", f"{API}/artifacts/", None),
        ("post", f"{API}/queues/", {"group": 1, "name": "evil"}),
        ("post", f"{API}/workers/heartbeat", {"worker": "w", "queues": ["q"], "jobs": []}),
        ("get", f"{API}/users/current", None),
    ]
    for method, url, body in attempts:
        with unchanged():
            response = getattr(worker, method)(url, **({"json": body} if body is not None else {}))
        assert_error(response, 403, "JobTokenScopeError")


def test_job_token_dies_with_its_job(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    claimed = claim(app, alice, job["id"])
    ok_json(put_status(claimed.worker, job["id"], "failed", "boom"))

    assert_error(claimed.worker.get(f"{API}/jobs/{job['id']}"), 401, "NoCurrentUserError")
    # A reset and a new claim give a new token; the old one stays dead.
    put_status(alice, job["id"], "reset").raise_for_status()
    again = claim(app, alice, job["id"], worker="w2")
    assert again.token != claimed.token
    assert claimed.worker.get(f"{API}/jobs/{job['id']}").status_code == 401
    assert token_client(app, again.token).get(f"{API}/jobs/{job['id']}").status_code == 200


# -- cancelling ------------------------------------------------------------------------


def test_a_job_snapshot_reads_the_same_forever(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    """A snapshot is what the job was: no live worker serving its queue, a cancellation
    requested later, newer snapshots: none of it changes how an older one reads."""
    job = submit(alice, world)  # no live worker serves q
    claimed = claim(app, alice, job["id"])
    requested = ok_json(alice.post(f"{API}/jobs/{job['id']}/cancel"))
    again = ok_json(alice.post(f"{API}/jobs/{job['id']}/cancel"))
    heartbeat(alice, "w1", ["q"], [job["id"]])
    ok_json(put_status(claimed.worker, job["id"], "cancelled", "killed by its worker"))

    history = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots"))["data"]
    assert [(s["status"], s["statusMessage"]) for s in history] == [
        ("queued", None),
        ("started", None),
        ("started", "Cancellation requested by alice."),
        ("cancelled", "killed by its worker"),
    ]
    assert again == requested  # asking twice changes nothing
    latest = ok_json(alice.get(f"{API}/jobs/{job['id']}"))
    for then, snapshot in ((job, history[0]), (claimed.job, history[1]), (requested, history[2])):
        assert snapshot == {
            **{key: value for key, value in then.items() if key not in ("hasDraft", "artifacts")},
            "latestSnapshot": False,
            "lastModifiedOn": latest["lastModifiedOn"],
        }


def test_cancel_a_queued_job_at_once(alice: TestClient, world: World) -> None:
    job = submit(alice, world)

    cancelled = ok_json(alice.post(f"{API}/jobs/{job['id']}/cancel"))

    assert cancelled["status"] == "cancelled"
    assert cancelled["statusMessage"] == "Cancelled by alice."
    assert_error(
        alice.post(f"{API}/jobs/{job['id']}/cancel"), 400, "JobInvalidStatusTransitionError"
    )


def test_cancel_a_running_job_through_its_heartbeat(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    job = submit(alice, world)
    claimed = claim(app, alice, job["id"], worker="w1")
    assert heartbeat(alice, "w1", ["q"], [job["id"]]) == []

    requested = ok_json(alice.post(f"{API}/jobs/{job['id']}/cancel"))

    assert requested["status"] == "started"
    assert requested["statusMessage"] == "Cancellation requested by alice."
    assert heartbeat(alice, "w1", ["q"], [job["id"]]) == [job["id"]]
    ok_json(put_status(claimed.worker, job["id"], "cancelled", "killed by its worker"))
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["status"] == "cancelled"
