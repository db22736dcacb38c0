"""A request whose database connection is lost answers 503 (retry later), and the next
request works on a new connection, without a restart."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from dioptra.server.api.v1.core.errors import DATABASE_RETRY_AFTER_SECONDS


def _end_the_apps_connections(app_engine: sa.Engine) -> int:
    """Ends every other session on the app's database, as a PostgreSQL restart does."""
    outsider = sa.create_engine(app_engine.url, poolclass=sa.NullPool)
    with outsider.connect() as connection:
        ended = connection.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    return int(ended)


def test_a_lost_connection_answers_503_then_the_next_request_works(
    alice: TestClient, engine: sa.Engine
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite is a file opened by the server: it has no connection to lose")
    assert alice.get("/api/v1/queues/").status_code == 200  # leaves a connection pooled
    assert _end_the_apps_connections(engine) >= 1

    response = alice.get("/api/v1/queues/")
    assert response.status_code == 503
    assert response.json()["error"] == "DatabaseUnavailableError"
    assert response.json()["message"] == (
        "Service Unavailable - The database is unreachable; retry the request shortly."
    )
    assert response.headers["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)
    assert alice.get("/api/v1/queues/").status_code == 200
