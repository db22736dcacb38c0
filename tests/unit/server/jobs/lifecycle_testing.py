"""The world the lifecycle tests run in (see ``conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dioptra.server.db.engine import writer_bind
from dioptra.server.services.core.context import Actor, ServiceContext


@dataclass(frozen=True)
class World:
    engine: sa.Engine
    actor: Actor
    group_id: int
    experiment_id: int
    entrypoint_id: int
    queue_id: int

    def session(self) -> Session:
        """A session that will write (on SQLite it takes the write lock up front)."""
        return Session(bind=writer_bind(self.engine), expire_on_commit=False)

    def ctx(self, db: Session) -> ServiceContext:
        return ServiceContext(db=db, actor=self.actor)
