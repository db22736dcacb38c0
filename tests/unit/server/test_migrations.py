"""The migrations build exactly the schema the models describe, and downgrade cleanly."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.db.base import Base


def test_migrating_an_empty_sqlite_database_matches_the_models(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        upgrade_database(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            differences = [
                difference
                for difference in compare_metadata(context, Base.metadata)
                # Indexes the models create on PostgreSQL only.
                if not (difference[0] == "add_index" and difference[1].name == "ix_resources_live")
            ]
            tables = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert {"pending_digests", "jobs", "resources"} <= tables
