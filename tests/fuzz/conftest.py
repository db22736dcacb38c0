"""The apps under test: the fuzz target (SQLite, seeded once) and, for the regression
tests, the same seeded app on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fuzz_apps import fuzz_settings, seeded_app
from fuzz_seed import Seeded
from sqlalchemy.engine import make_url

from dioptra.server.db.base import Base

POSTGRES_ADMIN_URL = os.environ.get(
    "DIOPTRA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, Seeded]]:
    """SQLite by default; ``DIOPTRA_FUZZ_BACKEND=postgres`` fuzzes on PostgreSQL instead."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    if os.environ.get("DIOPTRA_FUZZ_BACKEND") == "postgres":
        with (
            _postgres_database() as url,
            seeded_app(fuzz_settings(data_dir, database_url=url)) as target,
        ):
            yield target
        return
    with seeded_app(fuzz_settings(data_dir)) as target:
        yield target


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A throwaway database on the local PostgreSQL, dropped afterwards."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"dioptra_fuzz_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        if os.environ.get("DIOPTRA_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is unreachable: {error.orig}")
        pytest.skip(f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error.orig}")
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def regression_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, Seeded]]:
    data_dir = tmp_path_factory.mktemp(f"regression-{request.param}")
    if request.param == "sqlite":
        with seeded_app(fuzz_settings(data_dir)) as target:
            yield target
        return
    with (
        _postgres_database() as url,
        seeded_app(fuzz_settings(data_dir, database_url=url)) as target,
    ):
        yield target


@pytest.fixture
def client(regression_target: tuple[FastAPI, Seeded]) -> Iterator[TestClient]:
    """The seeded owner (alice), authenticated by API token."""
    app, seeded = regression_target
    with_token = TestClient(app, headers={"Authorization": f"Bearer {seeded.token}"})
    yield with_token
    with_token.close()


def table_contents(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    contents: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(sa.select(table)).all()
            contents[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return contents


@pytest.fixture
def unchanged(
    regression_target: tuple[FastAPI, Seeded],
) -> Callable[[], AbstractContextManager[None]]:
    """``with unchanged(): <request>`` asserts the request changed no row."""
    app, _ = regression_target
    engine: sa.Engine = app.state.dioptra.engine

    @contextmanager
    def check() -> Iterator[None]:
        before = table_contents(engine)
        yield
        assert table_contents(engine) == before

    return check


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fuzzed DELETE operations run last, so the seeded rows serve every other operation
    first (the order is otherwise the document's)."""
    items.sort(key=lambda item: str(getattr(item, "operation_label", "")).startswith("DELETE "))
