"""Fixtures of the fault tests: the real servers of tests/worker, throwaway PostgreSQL
databases on the shared server at 127.0.0.1:5432, and private PostgreSQL servers to stop."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The end-to-end helpers (server_harness, deployment, project_import) live beside the
# worker tests; the fault tests start the same servers.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "worker"))

from private_postgres import PrivatePostgres
from private_postgres import unavailable_reason as private_postgres_unavailable

SHARED_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def _skip(reason: str) -> None:
    """Skips, unless the run must have PostgreSQL (as tests/api's fixtures do)."""
    if os.environ.get("DIOPTRA_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason + " (DIOPTRA_REQUIRE_POSTGRES=1)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database on the shared PostgreSQL server."""
    psycopg = pytest.importorskip("psycopg")
    name = f"dioptra_faults_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(SHARED_POSTGRES, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        _skip(f"PostgreSQL is not reachable at 127.0.0.1:5432: {error}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(SHARED_POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A started PostgreSQL server of this test's own, to stop and restart at will."""
    reason = private_postgres_unavailable()
    if reason is not None:
        _skip(reason)
    server = PrivatePostgres()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.destroy()
