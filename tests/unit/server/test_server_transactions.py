"""One transaction per request: commit on success, rollback on any error, and no route
may take a service context outside a transaction. A ``checks_first`` route runs its
checks in a read-only transaction before its write transaction; a ``checks_when_costly``
route does so only when its write transaction reaches costly work."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from dioptra.server.api.v1.core.deps import (
    Ctx,
    PublicCtx,
    api_router,
    check_transactional,
    checks_first,
    checks_when_costly,
)
from dioptra.server.api.v1.core.wire import ok
from dioptra.server.app import create_app
from dioptra.server.db.tables import Group
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.settings import Settings


class _Refused(DioptraError):
    pass


RUNS: list[str] = []
# What a process-wide cache of costly results holds (the ``/costly`` route's).
COSTLY_DONE: set[str] = set()


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(data_dir=tmp_path, secret_key="k"))
    router = api_router(prefix="")

    @router.post("/probe/{name}")
    def write_then_maybe_fail(ctx: PublicCtx, name: str, fail: bool = False) -> object:
        ctx.db.add(Group(name=name))
        ctx.db.flush()  # the row is written inside the transaction ...
        if fail:
            raise _Refused("refused after writing")  # ... and must not survive this
        return ok({"written": name})

    @router.post("/checked/{name}")
    @checks_first
    def check_then_write(
        ctx: PublicCtx, name: str, refuse: bool = False, write: bool = True
    ) -> object:
        RUNS.append(f"checks (memo: {ctx.memo.get('costly')})")
        ctx.memo["costly"] = "kept"
        if refuse:
            raise _Refused("refused by the checks")
        if write:
            ctx.db.add(Group(name=name))
            ctx.db.flush()
            RUNS.append("wrote")
        return ok({"name": name})

    @router.post("/costly/{name}")
    @checks_when_costly
    def write_unless_costly(ctx: PublicCtx, name: str, write_first: bool = False) -> object:
        checking = ctx.db.get_bind() is not ctx.state.writer_engine  # type: ignore[attr-defined]
        RUNS.append("checks" if checking else "write transaction")
        if write_first:
            ctx.db.add(Group(name=f"early-{name}"))
            ctx.db.flush()
        if name not in COSTLY_DONE:
            ctx.costly_work_ahead()
            RUNS.append("costly work")
            COSTLY_DONE.add(name)
        ctx.db.add(Group(name=name))
        ctx.db.flush()
        RUNS.append("wrote")
        return ok({"name": name})

    @router.get("/probe")
    def count(ctx: PublicCtx) -> object:
        return ok({"groups": sorted(ctx.db.scalars(sa.select(Group.name)))})

    app.include_router(router)
    check_transactional(app)
    return TestClient(app, base_url="http://localhost")


def test_commit_on_success_rollback_on_error(client: TestClient) -> None:
    with client:
        assert client.post("/probe/kept").status_code == 200
        failed = client.post("/probe/lost", params={"fail": True})

        assert failed.status_code == 400
        assert failed.json()["error"] == "_Refused"
        assert client.get("/probe").json() == {"groups": ["kept"]}


def test_a_route_outside_a_transaction_is_refused() -> None:
    app = FastAPI()
    router = APIRouter()

    @router.get("/untracked")
    def untracked(ctx: Ctx) -> None:
        return None

    app.include_router(router)

    with pytest.raises(RuntimeError, match="api_router"):
        check_transactional(app)


@pytest.mark.parametrize(
    ("params", "status", "runs", "groups"),
    [
        # stopped at its first write, run again to write, with what the checks kept
        ({}, 200, ["checks (memo: None)", "checks (memo: kept)", "wrote"], ["g"]),
        # a route that turns out not to write answers from its checks
        ({"write": False}, 200, ["checks (memo: None)"], []),
        # refused by its checks: the write transaction never begins
        ({"refuse": True}, 400, ["checks (memo: None)"], []),
    ],
)
def test_a_checks_first_route_checks_before_its_write_transaction(
    client: TestClient,
    params: dict[str, bool],
    status: int,
    runs: list[str],
    groups: list[str],
) -> None:
    RUNS.clear()
    with client:
        assert client.post("/checked/g", params=params).status_code == status
        assert runs == RUNS
        assert client.get("/probe").json() == {"groups": groups}


@pytest.mark.parametrize(
    ("cached", "write_first", "runs", "groups"),
    [
        # the costly work done before (cached): one run, in the write transaction
        (True, False, ["write transaction", "wrote"], ["g"]),
        # not done yet: backs out, does it in the checks, writes with it cached
        (
            False,
            False,
            ["write transaction", "checks", "costly work", "write transaction", "wrote"],
            ["g"],
        ),
        # what the first attempt wrote is rolled back; checks that reach a write before
        # the costly work leave it to the write transaction (as ``checks_first`` does)
        (
            False,
            True,
            ["write transaction", "checks", "write transaction", "costly work", "wrote"],
            ["early-g", "g"],
        ),
    ],
)
def test_a_checks_when_costly_route_runs_once_unless_costly_work_is_ahead(
    client: TestClient, cached: bool, write_first: bool, runs: list[str], groups: list[str]
) -> None:
    RUNS.clear()
    COSTLY_DONE.clear()
    if cached:
        COSTLY_DONE.add("g")
    with client:
        params = {"write_first": write_first}
        assert client.post("/costly/g", params=params).status_code == 200
        assert runs == RUNS
        assert client.get("/probe").json() == {"groups": groups}
