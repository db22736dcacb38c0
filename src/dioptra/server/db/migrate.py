"""Runs the Alembic migrations programmatically (on start and from ``dioptra db upgrade``).

A database already at the newest revision is recognised without Alembic: the revisions
are read from the migration files and the database's ``alembic_version`` table, so a
server starting on an up-to-date database never imports Alembic (about 10 MiB that would
stay in the server's memory for nothing).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)
_SINGLE = re.compile(r"""None|(["'])([\w-]+)\1""")


def alembic_config(database_url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # "%" is an interpolation character in ConfigParser values.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revisions() -> frozenset[str] | None:
    """The newest revisions of the migration files, read from their ``revision`` and
    ``down_revision`` lines; ``None`` when a file declares them otherwise (a merge of
    branches, say): then only Alembic knows."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text()))
        revision = _SINGLE.fullmatch(found.get("revision", ""))
        parent = _SINGLE.fullmatch(found.get("down_revision", ""))
        if revision is None or revision[2] is None or parent is None:
            return None
        revisions.add(revision[2])
        if parent[2] is not None:
            parents.add(parent[2])
    return frozenset(revisions - parents) or None


def current_revisions(engine: Engine) -> frozenset[str]:
    """The revisions the database is at (none for a database never migrated)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return frozenset(row[0] for row in rows)


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Brings the schema of ``engine``'s database up to ``revision``."""
    if revision == "head" and current_revisions(engine) == head_revisions():
        return
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
