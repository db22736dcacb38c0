"""A database with one user in the public group, an experiment, an entrypoint and a
queue, for testing the job lifecycle through its services (no HTTP)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from lifecycle_testing import World
from sqlalchemy.orm import Session

from dioptra.server.db import create_db_engine
from dioptra.server.db.base import Base
from dioptra.server.services.accounts import users
from dioptra.server.services.accounts.passwords import Passwords
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.kinds import ResourceKind
from dioptra.server.services.core.resources import SnapshotFields
from dioptra.server.services.entrypoints.version import ENTRYPOINT
from dioptra.server.services.experiments.experiments import EXPERIMENT
from dioptra.server.services.jobs import lifecycle
from dioptra.server.services.workers.queues import QUEUE


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'dioptra.db'}")
    Base.metadata.create_all(engine)
    cheap = Passwords(time_cost=1, memory_kib=1024, parallelism=1)
    with Session(bind=engine) as db:
        user = users.register(ServiceContext(db=db, passwords=cheap), "ann", "a@x.org", "p", "p")
        group_id = db.scalar(sa.text("SELECT id FROM groups WHERE name = 'public'"))
        assert group_id is not None
        groups = frozenset({group_id})
        actor = Actor(user.id, user.username, groups, groups, groups)
        ctx = ServiceContext(db=db, actor=actor)

        def made(kind: ResourceKind, name: str) -> int:
            fields = SnapshotFields(name=name, description=None, payload={})
            return resources.create(ctx, kind, group_id, fields).resource_id

        ids = made(EXPERIMENT, "exp"), made(ENTRYPOINT, "ep"), made(QUEUE, "q")
        db.commit()
    yield World(engine, actor, group_id, *ids)
    engine.dispose()


@pytest.fixture
def new_job(world: World) -> Callable[[], int]:
    """Submits a job (``queued``) and returns its id."""

    def submit() -> int:
        with world.session() as db:
            row = lifecycle.NewJob("q", world.experiment_id, world.entrypoint_id, world.queue_id)
            view = lifecycle.create(world.ctx(db), world.group_id, "a job", {"timeout": "1h"}, row)
            db.commit()
        return view.resource_id

    return submit
