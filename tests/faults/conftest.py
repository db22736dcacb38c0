"""Fixtures of the fault tests: the real servers of tests/worker, throwaway PostgreSQL
databases on the shared server at 127.0.0.1:5432."""

from __future__ import annotations

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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database on the shared PostgreSQL server."""
    psycopg = pytest.importorskip("psycopg")
    name = f"dioptra_faults_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(SHARED_POSTGRES, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at 127.0.0.1:5432: {error}")
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
        pytest.skip(reason)
    server = PrivatePostgres()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.destroy()
