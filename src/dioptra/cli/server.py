"""``dioptra serve`` and ``dioptra db upgrade``: run the REST server, migrate its database.

Register on the root app with ``server.register(app)``: it adds the ``serve`` command and
the ``db`` group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

db_app = typer.Typer(help="Manage the server's database.", no_args_is_help=True)

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder for the database, artifacts and secret key (env DIOPTRA_DATA_DIR).",
        file_okay=False,
    ),
]
DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db (env DIOPTRA_DATABASE_URL).",
    ),
]


def _settings(**overrides: Any) -> Any:
    """Settings from the environment, with the command-line options that were given."""
    from dioptra.server.settings import Settings

    return Settings(**{key: value for key, value in overrides.items() if value is not None})


def remote_hosts_note(settings: Any) -> str | None:
    """Bound beyond loopback, the server still answers only the names it knows (DNS
    rebinding): say which, so a team's first remote request is no surprise."""
    if settings.host in ("127.0.0.1", "localhost", "::1"):
        return None
    names = sorted(settings.accepted_hosts())
    return (
        f"Answering requests for the host names {', '.join(names)}; add the names and "
        "addresses other machines use to DIOPTRA_ALLOWED_HOSTS (a JSON list)."
    )


def _safe_url(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def _upgrade(settings: Any) -> str:
    """Migrates the database to the newest schema (in a child process: Alembic stays out
    of a server that runs on) and returns its revision."""
    from dioptra.server.db import create_db_engine
    from dioptra.server.db.migrate import current_revisions, upgrade_database_apart

    upgrade_database_apart(settings.database_url)
    engine = create_db_engine(settings.database_url)
    try:
        revisions = current_revisions(engine)
    finally:
        engine.dispose()
    return ", ".join(sorted(revisions)) or "empty"


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 5000).")] = None,
    data_dir: DataDirOption = None,
    database_url: DatabaseUrlOption = None,
) -> None:
    """Run the REST API server (migrates the database first)."""
    import uvicorn

    from dioptra.server.app import create_app, http_server_options

    settings = _settings(host=host, port=port, data_dir=data_dir, database_url=database_url)
    settings.ensure_data_dir()
    try:
        revision = _upgrade(settings)
    except Exception as error:  # a clear message, not a traceback
        typer.secho(
            f"Cannot prepare the database {_safe_url(settings.database_url)}: {error}",
            fg="red",
            err=True,
        )
        raise typer.Exit(1) from error
    typer.echo(f"Database {_safe_url(settings.database_url)} at revision {revision}")
    settings.migrate_on_start = False
    app = create_app(settings)
    typer.echo(f"Dioptra API on http://{settings.host}:{settings.port}/api/v1 (docs: /api/docs)")
    note = remote_hosts_note(settings)
    if note:
        typer.secho(note, fg="yellow")
    uvicorn.run(app, **http_server_options(settings), log_level="info")


@db_app.command("upgrade")
def upgrade(data_dir: DataDirOption = None, database_url: DatabaseUrlOption = None) -> None:
    """Migrate the database to the newest schema (safe to run repeatedly)."""
    settings = _settings(data_dir=data_dir, database_url=database_url)
    if settings.database_url.startswith("sqlite"):
        settings.ensure_data_dir()
    try:
        revision = _upgrade(settings)
    except Exception as error:
        typer.secho(f"Migration failed: {error}", fg="red", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Database {_safe_url(settings.database_url)} is at revision {revision}")


def register(app: typer.Typer) -> None:
    """Adds ``serve`` and ``db`` to the root ``dioptra`` command."""
    app.command("serve")(serve)
    app.add_typer(db_app, name="db")
