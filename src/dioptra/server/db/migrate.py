"""Runs the Alembic migrations programmatically (on start and from ``dioptra db upgrade``).

Alembic (about 10 MiB once imported) is kept out of the long-running server: a database
already at the newest revision is recognised without it (the revisions are read from the
migration files and the database's ``alembic_version`` table), and ``dioptra up`` and
``dioptra serve`` migrate an older one in a child process (``upgrade_database_apart``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# How the child process of ``upgrade_database_apart`` gets the URL (not on its command
# line, where any user of the machine could read a password).
_URL_VARIABLE = "DIOPTRA_MIGRATE_DATABASE_URL"
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


class MigrationError(RuntimeError):
    """The child process could not migrate the database (the message says why)."""


def upgrade_database_apart(database_url: str) -> None:
    """``upgrade_database`` for a process that keeps running (a server): if the database
    needs migrating, Alembic runs in a child process, so its modules never load here."""
    from dioptra.server.db.engine import create_db_engine

    engine = create_db_engine(database_url)
    try:
        if current_revisions(engine) == head_revisions():
            return
    finally:
        engine.dispose()
    package_root = str(Path(__file__).resolve().parents[3])  # where ``dioptra`` was found
    env = {
        **os.environ,
        _URL_VARIABLE: database_url,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "dioptra.server.db.migrate"], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise MigrationError(lines[-1] if lines else f"exit status {done.returncode}")


def _upgrade_from_environment() -> None:
    from dioptra.server.db.engine import create_db_engine

    engine = create_db_engine(os.environ[_URL_VARIABLE])
    try:
        upgrade_database(engine)
    except Exception as error:  # the parent shows the last line of stderr
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        engine.dispose()


if __name__ == "__main__":
    _upgrade_from_environment()
