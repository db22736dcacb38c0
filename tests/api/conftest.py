"""HTTP-level fixtures: the real app on SQLite and on PostgreSQL.

The schema is migrated once per backend per session; each test starts from empty tables
(truncated after the test, identities reset), so ids are predictable: the first user
registered creates the ``public`` group (id 1) and its six builtin parameter types (ids
1-6), and the first resource a test creates gets id 7.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from api_testing import login, register, table_contents
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from dioptra.server.app import create_app
from dioptra.server.db import create_db_engine
from dioptra.server.db.base import Base
from dioptra.server.settings import Settings

POSTGRES_ADMIN_URL = os.environ.get(
    "DIOPTRA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _postgres_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh throwaway database on the local PostgreSQL, dropped afterwards."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"dioptra_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
            # A throwaway database needs no durable commits; this makes them cheap.
            connection.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        reason = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error.orig}"
        if os.environ.get("DIOPTRA_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (DIOPTRA_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'dioptra.db'}"
    else:
        yield from _postgres_database(request)


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        database_url=database_url,
        secret_key="test-secret",
        # The in-process test client's host name.
        allowed_hosts=["testserver"],
        # Tests register users with short passwords ("pw"); the policy has tests of its own.
        password_min_length=1,
        # Cheap hashing: tests register many users.
        password_time_cost=1,
        password_memory_kib=1024,
        password_parallelism=1,
        # Tests digest pending artifacts themselves (artifact_digests.digest_pending_once).
        artifact_digest_interval_seconds=0,
    )


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[sa.Engine]:
    engine = create_db_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app(settings: Settings, engine: sa.Engine) -> Iterator[FastAPI]:
    application = create_app(settings, engine=engine)
    with TestClient(application):  # runs the lifespan once: migrations
        yield application


def _empty_tables(engine: sa.Engine) -> None:
    # DELETE beats TRUNCATE on tables this small (PostgreSQL: ~10 ms against ~70 ms).
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        for name in tables:
            connection.execute(sa.text(f'DELETE FROM "{name}"'))
        if engine.dialect.name == "postgresql":
            sequences = connection.execute(
                sa.text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
            ).scalars()
            for sequence in list(sequences):
                connection.execute(sa.text(f'ALTER SEQUENCE "{sequence}" RESTART WITH 1'))
        else:
            connection.execute(sa.text("DELETE FROM sqlite_sequence"))


@pytest.fixture
def new_client(app: FastAPI, engine: sa.Engine) -> Iterator[Callable[..., TestClient]]:
    """Makes independent clients (each with its own cookies; all from one address unless
    told another) on empty tables."""
    clients: list[TestClient] = []

    def make(address: str = "testclient") -> TestClient:
        client = TestClient(app, base_url="http://testserver", client=(address, 50000))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
    _empty_tables(engine)
    # Every test client has the same address: one test's failed logins must not refuse
    # the next test's.
    app.state.dioptra.password_attempts.clear()


@pytest.fixture
def anon(new_client: Callable[[], TestClient]) -> TestClient:
    """A client that is not logged in."""
    return new_client()


@pytest.fixture
def alice(new_client: Callable[[], TestClient]) -> TestClient:
    """The first user (creator of ``public``), logged in."""
    client = new_client()
    register(client, "alice")
    login(client, "alice")
    return client


@pytest.fixture
def bob(new_client: Callable[[], TestClient], alice: TestClient) -> TestClient:
    """A second user, also in ``public``, logged in."""
    client = new_client()
    register(client, "bob")
    login(client, "bob")
    return client


@pytest.fixture
def unchanged(engine: sa.Engine) -> Callable[[], object]:
    """``with unchanged(): <request>`` asserts the database is the same afterwards."""
    from contextlib import contextmanager

    @contextmanager
    def check() -> Iterator[None]:
        before = table_contents(engine)
        yield
        assert table_contents(engine) == before

    return check
