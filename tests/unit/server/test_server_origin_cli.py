"""The Origin check middleware and the ``serve`` / ``db upgrade`` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
import typer
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dioptra.cli import server as server_cli
from dioptra.server.api.origin import OriginCheckMiddleware


@pytest.fixture
def echo_app() -> TestClient:
    app = FastAPI()

    @app.post("/x")
    def changed() -> dict[str, bool]:
        return {"changed": True}

    @app.get("/x")
    def read() -> dict[str, bool]:
        return {"read": True}

    app.add_middleware(OriginCheckMiddleware, allowed_origins=["http://localhost:5173"])
    return TestClient(app, base_url="http://testserver")


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        (None, 200),  # scripts send no Origin
        ("http://testserver", 200),
        ("http://TESTSERVER:80", 200),  # same origin, spelled differently
        ("http://localhost:5173", 200),  # configured
        ("http://localhost:5174", 403),
        ("https://testserver", 403),  # other scheme, other origin
        ("null", 403),
        ("not a url", 403),
    ],
)
def test_origin_check_on_state_changing_requests(
    echo_app: TestClient, origin: str | None, status: int
) -> None:
    headers = {"Origin": origin} if origin is not None else {}

    response = echo_app.post("/x", headers=headers)

    assert response.status_code == status
    if status == 403:
        assert response.json()["error"] == "OriginNotAllowedError"


def test_reads_ignore_the_origin(echo_app: TestClient) -> None:
    assert echo_app.get("/x", headers={"Origin": "https://evil.example"}).status_code == 200


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    server_cli.register(app)
    return app


def test_db_upgrade_creates_and_keeps_the_schema(cli: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()

    first = runner.invoke(cli, ["db", "upgrade", "--data-dir", str(tmp_path)])
    again = runner.invoke(cli, ["db", "upgrade", "--data-dir", str(tmp_path)])

    assert first.exit_code == 0, first.output
    assert again.exit_code == 0, again.output
    assert "is at revision" in again.output
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'dioptra.db'}")
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
    engine.dispose()
    assert {"users", "groups", "resources", "resource_snapshots", "drafts", "jobs"} <= tables


def test_db_upgrade_reports_an_unreachable_database(cli: typer.Typer) -> None:
    result = CliRunner().invoke(
        cli, ["db", "upgrade", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/x"]
    )

    assert result.exit_code == 1
    assert "Migration failed" in result.output
    assert "Traceback" not in result.output


def test_serve_is_registered(cli: typer.Typer) -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])

    assert result.exit_code == 0
    assert "--data-dir" in result.output
    assert "--port" in result.output


def test_configured_origins_get_cors_with_credentials(tmp_path: Path) -> None:
    from dioptra.server.app import create_app
    from dioptra.server.settings import Settings

    origin = "http://localhost:5173"
    app = create_app(Settings(data_dir=tmp_path, secret_key="k", allowed_origins=[origin]))
    client = TestClient(app, base_url="http://localhost")

    preflight = client.options(
        "/api/v1/queues/",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
    )
    foreign = client.options(
        "/api/v1/queues/",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )

    assert preflight.headers["access-control-allow-origin"] == origin
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" not in foreign.headers


def test_serving_beyond_loopback_names_the_accepted_hosts(tmp_path: Path) -> None:
    from dioptra.cli.server import remote_hosts_note
    from dioptra.server.settings import Settings

    assert remote_hosts_note(Settings(data_dir=tmp_path)) is None
    note = remote_hosts_note(Settings(data_dir=tmp_path, host="0.0.0.0", allowed_hosts=["lab"]))
    assert note is not None
    assert "127.0.0.1, ::1, lab, localhost;" in note and "DIOPTRA_ALLOWED_HOSTS" in note


def test_the_served_head_is_bounded_while_read(tmp_path: Path) -> None:
    from dioptra.server.app import http_server_options
    from dioptra.server.settings import Settings

    options = http_server_options(Settings(data_dir=tmp_path, port=6000, max_header_bytes=1000))
    assert options == {
        "host": "127.0.0.1",
        "port": 6000,
        "http": "h11",
        "h11_max_incomplete_event_size": 2000,
    }
