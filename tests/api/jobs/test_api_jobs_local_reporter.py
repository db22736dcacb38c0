"""The local dispatcher's runners report in-process (no HTTP), with the job's token
checked as the REST routes check it."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API
from entrypoint_testing import ok_json
from fastapi.testclient import TestClient
from jobs_testing import World, make_world, submit

from dioptra.client import ForbiddenError, StatusCodeError, UnauthorizedError
from dioptra.server.dispatch.local_api import LocalWorkerApi
from dioptra.worker.api import Claim

# Local runners never reach the API for a claim whose view is complete.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


def _claim(engine: sa.Engine, job_id: int) -> Claim:
    return LocalWorkerApi(engine, UNREACHABLE).claim(job_id, "local-test")


def _log(alice: TestClient, job_id: int) -> list[tuple[str, str]]:
    records: list[dict[str, Any]] = ok_json(alice.get(f"{API}/jobs/{job_id}/log"))["data"]
    return [(r["loggerName"], r["message"]) for r in records]


def test_a_local_claim_brings_the_config_and_values_read_after_its_commit(
    engine: sa.Engine, alice: TestClient, world: World
) -> None:
    job = submit(alice, world, values={"n": "5"})
    claim = _claim(engine, job["id"])
    assert claim.job["status"] == "started"
    assert claim.parameters == {"n": 5}
    assert claim.config is not None and claim.config["parameters"]["n"]["type"] == "integer"
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}/config")) == claim.config


def test_logs_and_the_final_status_go_in_with_the_jobs_token(
    engine: sa.Engine, alice: TestClient, world: World
) -> None:
    job = submit(alice, world)
    claim = _claim(engine, job["id"])
    reporter = LocalWorkerApi(engine, UNREACHABLE).job_reporter("", job["id"], claim.token)
    reporter.post_logs([{"severity": "INFO", "loggerName": "stdout", "message": "working"}])
    last = [{"severity": "WARNING", "loggerName": "stderr", "message": "done"}]
    reporter.set_status("finished", None, last)

    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["status"] == "finished"
    assert _log(alice, job["id"]) == [("stdout", "working"), ("stderr", "done")]
    # The token died with the status change, as over REST.
    with pytest.raises(UnauthorizedError):
        reporter.set_status("failed", "again")
    with pytest.raises(UnauthorizedError):
        reporter.post_logs([{"severity": "INFO", "loggerName": "x", "message": "late"}])
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["status"] == "finished"


def test_a_token_reports_on_its_own_job_only(
    engine: sa.Engine, alice: TestClient, world: World
) -> None:
    first, second = submit(alice, world), submit(alice, world)
    token = _claim(engine, first["id"]).token
    _claim(engine, second["id"])
    intruder = LocalWorkerApi(engine, UNREACHABLE).job_reporter("", second["id"], token)
    with pytest.raises(ForbiddenError):
        intruder.set_status("failed", "not mine")
    with pytest.raises(ForbiddenError):
        intruder.post_logs([{"severity": "INFO", "loggerName": "x", "message": "not mine"}])
    assert ok_json(alice.get(f"{API}/jobs/{second['id']}"))["status"] == "started"
    assert _log(alice, second["id"]) == []


def test_a_refused_transition_changes_nothing(
    engine: sa.Engine, alice: TestClient, world: World
) -> None:
    job = submit(alice, world)
    claim = _claim(engine, job["id"])
    reporter = LocalWorkerApi(engine, UNREACHABLE).job_reporter("", job["id"], claim.token)
    record = {"severity": "INFO", "loggerName": "x", "message": "m"}
    with pytest.raises(StatusCodeError) as refused:
        reporter.set_status("queued", None, [record])
    assert refused.value.status_code == 400  # as PUT /jobs/{id}/status answers
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["status"] == "started"
    assert _log(alice, job["id"]) == []
