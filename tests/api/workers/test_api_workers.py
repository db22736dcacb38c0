"""Workers: heartbeats (liveness per queue, jobs to stop) and the watchdog that fails
jobs whose worker went silent (its clock is injected: no sleeping)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import World, claim, heartbeat, make_world, put_status, submit
from sqlalchemy.orm import Session

from dioptra.server.db.tables import Job
from dioptra.server.services.background import watchdog
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.jobs import lifecycle


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


def test_heartbeat_tells_a_worker_to_stop_jobs_it_no_longer_owns(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    running = submit(alice, world)
    ended = submit(alice, world)
    claim(app, alice, running["id"], worker="w1")
    claim(app, alice, ended["id"], worker="w1")
    put_status(alice, ended["id"], "failed").raise_for_status()

    stop = heartbeat(alice, "w1", ["q"], [running["id"], ended["id"], 99999])
    assert stop == [ended["id"], 99999]
    # Another worker reporting a job it does not own is told to stop it.
    assert heartbeat(alice, "w2", ["q"], [running["id"]]) == [running["id"]]


def test_workers_tell_which_queues_are_served(alice: TestClient, world: World) -> None:
    """Liveness is told by /workers/; the queued job reads the same all along."""
    job = submit(alice, world)

    def served() -> list[tuple[str, list[str]]]:
        return [(w["worker"], w["queues"]) for w in ok_json(alice.get(f"{API}/workers/"))]

    assert served() == []
    heartbeat(alice, "w1", ["q"], [])
    assert served() == [("w1", ["q"])]
    heartbeat(alice, "w1", ["other"], [])  # w1 no longer serves q
    heartbeat(alice, "local", ["*"], [])  # serves every queue
    assert served() == [("local", ["*"]), ("w1", ["other"])]
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}")) == job


# -- the watchdog ------------------------------------------------------------------------


def run_watchdog(engine: sa.Engine, now: dt.datetime) -> list[int]:
    with Session(bind=engine) as db:
        failed = lifecycle.fail_orphans(ServiceContext(db=db), now=now)
        db.commit()
    return failed


def test_watchdog_fails_a_job_whose_worker_went_silent(
    app: FastAPI, alice: TestClient, world: World, engine: sa.Engine
) -> None:
    silent = submit(alice, world)
    alive = submit(alice, world)
    claimed = claim(app, alice, silent["id"], worker="w1")
    claim(app, alice, alive["id"], worker="w2")
    with Session(bind=engine) as db:
        started = db.get(Job, silent["id"])
        assert started is not None and started.heartbeat_on is not None
        beat = started.heartbeat_on

    # Within the grace period nothing happens.
    assert run_watchdog(engine, beat + dt.timedelta(seconds=29)) == []
    # w2 heartbeats later than w1 (the watchdog's "now" is injected, no sleeping).
    with Session(bind=engine) as db:
        db.execute(
            sa.update(Job)
            .where(Job.resource_id == alive["id"])
            .values(heartbeat_on=beat + dt.timedelta(seconds=60))
        )
        db.commit()
    assert run_watchdog(engine, beat + dt.timedelta(seconds=61)) == [silent["id"]]

    job = ok_json(alice.get(f"{API}/jobs/{silent['id']}"))
    assert job["status"] == "failed"
    assert job["statusMessage"] == "worker w1 stopped responding"
    log = ok_json(alice.get(f"{API}/jobs/{silent['id']}/log"))["data"]
    assert [(r["severity"], r["message"]) for r in log] == [
        ("ERROR", "worker w1 stopped responding")
    ]
    assert ok_json(alice.get(f"{API}/jobs/{alive['id']}/status"))["status"] == "started"
    # Its token died with it; a second pass finds nothing more.
    assert claimed.worker.get(f"{API}/jobs/{silent['id']}").status_code == 401
    assert run_watchdog(engine, beat + dt.timedelta(seconds=62)) == []


def test_heartbeats_keep_a_job_alive(
    app: FastAPI, alice: TestClient, world: World, engine: sa.Engine
) -> None:
    job = submit(alice, world)
    claim(app, alice, job["id"], worker="w1")
    heartbeat(alice, "w1", ["q"], [job["id"]])
    with Session(bind=engine) as db:
        row = db.get(Job, job["id"])
        assert row is not None and row.heartbeat_on is not None
        last = row.heartbeat_on

    assert run_watchdog(engine, last + dt.timedelta(seconds=20)) == []
    assert run_watchdog(engine, last + dt.timedelta(seconds=31)) == [job["id"]]


def test_heartbeat_errors_change_nothing(
    anon: TestClient, alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    url = f"{API}/workers/heartbeat"
    with unchanged():
        assert_error(alice.post(url, json={"worker": "", "queues": []}), 400, "WorkerIdError")
        assert_error(alice.post(url, json={"worker": "x" * 201}), 400, "WorkerIdError")
        assert alice.post(url, json={"queues": ["q"]}).status_code == 400
        assert alice.post(url, json={"worker": "w", "jobs": ["one"]}).status_code == 400
        assert_error(anon.post(url, json={"worker": "w"}), 401, "NoCurrentUserError")
    assert ok_json(alice.get(f"{API}/workers/")) == []


def test_the_background_watchdog_fails_silent_jobs(
    app: FastAPI, alice: TestClient, world: World, engine: sa.Engine
) -> None:
    job = submit(alice, world)
    claim(app, alice, job["id"], worker="gone")
    with Session(bind=engine) as db:  # its worker was last heard from an hour ago
        db.execute(
            sa.update(Job)
            .where(Job.resource_id == job["id"])
            .values(heartbeat_on=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
        )
        db.commit()

    def status() -> str:
        with Session(bind=engine) as db:
            return str(db.scalar(sa.select(Job.status).where(Job.resource_id == job["id"])))

    async def watch() -> None:
        grace = dt.timedelta(seconds=30)
        async with watchdog.watchdog_running(engine, 0.01, grace):
            deadline = asyncio.get_running_loop().time() + 10
            while status() != "failed":
                assert asyncio.get_running_loop().time() < deadline, "the watchdog never ran"
                await asyncio.sleep(0.01)

    asyncio.run(watch())
    assert watchdog.run_watchdog_once(engine, dt.timedelta(seconds=30)) == []
