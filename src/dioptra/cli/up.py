"""``dioptra up``: everything in one command: the database, the server, the web UI and
local runners for every queue.

Register on the root app with ``app.command("up")(up.up)``.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer

from dioptra.client.local import forget_local_server, record_local_server

DEFAULT_RUNNERS = 2


def up(
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 5000).")] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Folder for the database, artifacts and secret key (env DIOPTRA_DATA_DIR).",
            file_okay=False,
        ),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the web UI in a browser.")
    ] = False,
    runners: Annotated[
        int | None,
        typer.Option(
            "--runners",
            min=1,
            max=256,
            help=f"Jobs run at once, all queues together (env DIOPTRA_RUNNERS, "
            f"default {DEFAULT_RUNNERS}).",
        ),
    ] = None,
) -> None:
    """Start Dioptra: migrate the database, serve the API and UI, and run jobs locally."""
    import uvicorn

    from dioptra.cli.server import remote_hosts_note
    from dioptra.server.app import create_app, http_server_options
    from dioptra.server.settings import Settings

    overrides: dict[str, Any] = {"host": host, "port": port, "data_dir": data_dir}
    settings = Settings(**{key: value for key, value in overrides.items() if value is not None})
    _check_port_free(settings.host, settings.port)
    settings.ensure_data_dir()
    _migrate(settings.database_url)
    settings.migrate_on_start = False
    # The dispatcher reads these when the app starts; `up` runs jobs itself by default.
    os.environ.setdefault("DIOPTRA_DISPATCH", "local")
    if runners is not None:
        os.environ["DIOPTRA_RUNNERS"] = str(runners)
    app = create_app(settings)

    note = remote_hosts_note(settings)
    if note:
        typer.secho(note, fg="yellow")
    url = f"http://{_shown_host(settings.host)}:{settings.port}/"
    server = uvicorn.Server(
        uvicorn.Config(app, **http_server_options(settings), log_level="warning")
    )
    threading.Thread(
        target=_announce, args=(server, url, settings.data_dir, not no_browser), daemon=True
    ).start()
    # uvicorn re-raises the signal that stopped it once it is done; for SIGTERM that would
    # end the process before `finally` runs, so it becomes a normal exit instead.
    signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        server.run()
    finally:
        forget_local_server(os.getpid())


def _exit_quietly(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _announce(server: Any, url: str, data_dir: Path, open_browser: bool) -> None:
    """Once the server listens: print where it is, and open the browser."""
    deadline = time.monotonic() + 120
    while not server.started:
        if server.should_exit or time.monotonic() > deadline:
            return
        time.sleep(0.05)
    from dioptra.server.api.ui import UI_DIR, is_built
    from dioptra.worker.confinement import ConfinementSettings, unconfined_reason

    typer.echo(f"Dioptra is running at {url}  (API: {url}api/v1, data: {data_dir})")
    # Where it listens, so that `dioptra` commands and `connect_json_dioptra_client()` of
    # this user find it without --api or $DIOPTRA_API.
    record = record_local_server(url, os.getpid())
    typer.echo(
        f"Other shells of this user reach it with no setting (recorded in {record}); "
        f"elsewhere: export DIOPTRA_API={url.rstrip('/')}"
    )
    unconfined = unconfined_reason(ConfinementSettings().job_confinement)
    if unconfined is not None:
        typer.secho(f"Warning: {unconfined}.", fg="yellow")
    if not is_built(UI_DIR):
        typer.secho(
            "The web UI is not built, so / only says how to build it: run `make setup` with "
            "Node.js 20+ and npm, or `cd frontend && npm ci && npm run build`.",
            fg="yellow",
        )
    typer.echo("Press Ctrl+C to stop.")
    if open_browser:
        webbrowser.open(url)


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            typer.secho(
                f"Cannot listen on {host}:{port} ({error.strerror}); is Dioptra already "
                "running? Choose another port with --port.",
                fg="red",
                err=True,
            )
            raise typer.Exit(1) from None


def _migrate(database_url: str) -> None:
    from sqlalchemy.engine import make_url

    from dioptra.server.db.migrate import upgrade_database_apart

    try:
        upgrade_database_apart(database_url)
    except Exception as error:  # a clear message, not a traceback
        shown = make_url(database_url).render_as_string(hide_password=True)
        typer.secho(f"Cannot prepare the database {shown}: {error}", fg="red", err=True)
        raise typer.Exit(1) from None


def _shown_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
