"""One transaction per request: commit on success, rollback on any error, and no route
may take a service context outside a transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from dioptra.server.api.v1.core.deps import Ctx, PublicCtx, api_router, check_transactional
from dioptra.server.api.v1.core.wire import ok
from dioptra.server.app import create_app
from dioptra.server.db.tables import Group
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.settings import Settings


class _Refused(DioptraError):
    pass


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(data_dir=tmp_path, secret_key="k"))
    router = api_router()

    @router.post("/probe/{name}")
    def write_then_maybe_fail(ctx: PublicCtx, name: str, fail: bool = False) -> object:
        ctx.db.add(Group(name=name))
        ctx.db.flush()  # the row is written inside the transaction ...
        if fail:
            raise _Refused("refused after writing")  # ... and must not survive this
        return ok({"written": name})

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
