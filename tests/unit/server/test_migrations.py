"""The migrations build exactly the schema the models describe, and downgrade cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import dioptra
from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.db.base import Base
from dioptra.server.db.migrate import (
    MigrationError,
    alembic_config,
    current_revisions,
    head_revisions,
    upgrade_database_apart,
)


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


def test_head_revisions_read_from_the_files_are_alembics() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))

    assert head_revisions() == frozenset(script.get_heads())


def test_a_database_at_head_is_started_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.db'}"
    engine = create_db_engine(url)
    try:
        upgrade_database(engine)
        assert current_revisions(engine) == head_revisions()
    finally:
        engine.dispose()
    check = (
        "import sys\n"
        "from dioptra.server.db import create_db_engine, upgrade_database\n"
        f"upgrade_database(create_db_engine({url!r}))\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(dioptra.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env)

    assert done.returncode == 0, done.stderr


def test_upgrade_apart_migrates_in_a_child_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'apart.db'}"

    upgrade_database_apart(url)
    upgrade_database_apart(url)  # at head: nothing to do

    engine = create_db_engine(url)
    try:
        assert current_revisions(engine) == head_revisions()
    finally:
        engine.dispose()


def test_upgrade_apart_reports_the_childs_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    engine = create_db_engine(url)
    with engine.begin() as connection:  # a revision no migration file knows
        connection.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES ('9999')"))
    engine.dispose()

    with pytest.raises(MigrationError, match="9999"):
        upgrade_database_apart(url)
