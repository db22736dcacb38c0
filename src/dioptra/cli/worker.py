"""``dioptra worker``: run the jobs of some queues, on any machine.

Jobs are delivered by procrastinate from the server's PostgreSQL database (the server
runs with ``DIOPTRA_DISPATCH=postgres``); everything else goes through the REST API.

Register on the root app with ``app.command("worker")(worker.worker)``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, NoReturn

import typer


def worker(
    queue: Annotated[
        list[str],
        typer.Option(
            "--queue",
            "-q",
            metavar="NAME",
            help="A queue to take jobs from (repeatable, or comma-separated).",
        ),
    ],
    api: Annotated[
        str | None,
        typer.Option(
            "--api", envvar="DIOPTRA_API", metavar="URL", help="The Dioptra server's address."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DIOPTRA_API_TOKEN",
            help="The worker's API token; without one, DIOPTRA_WORKER_USERNAME and "
            "DIOPTRA_WORKER_PASSWORD log in.",
            show_default=False,
        ),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="DIOPTRA_DATABASE_URL",
            help="The server's PostgreSQL database, where the job queue lives.",
        ),
    ] = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, max=256, help="Jobs run at once.")
    ] = 1,
    store_url: Annotated[
        str | None,
        typer.Option(
            "--store-url",
            envvar="DIOPTRA_WORKER_STORE_URL",
            help="Write artifacts straight into this store (the server's artifacts URL) "
            "instead of uploading them through the API.",
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The worker's id (default: host-pid).")
    ] = None,
    work_dir: Annotated[
        Path | None,
        typer.Option("--work-dir", help="Where job folders are made.", file_okay=False),
    ] = None,
) -> None:
    """Take jobs from the given queues and run them until stopped (Ctrl+C lets running
    jobs finish)."""
    from dioptra.worker import WorkerConfigurationError, WorkerCredentials
    from dioptra.worker.queue_worker import (
        QueueNotReadyError,
        QueueWorkerConfig,
        run_queue_worker,
        split_queue_names,
    )

    queues = split_queue_names(queue)
    if not queues:
        _fail("name at least one queue with --queue")
    api = api or _global_api()
    if not api:
        _fail("tell the worker where the server is: --api URL (or DIOPTRA_API)")
    if not database_url or not database_url.startswith("postgres"):
        _fail(
            "the job queue lives in the server's PostgreSQL database: pass --database-url "
            "postgresql+psycopg://... (or set DIOPTRA_DATABASE_URL)"
        )
    try:
        credentials = WorkerCredentials.from_env(token or _global_token())
    except WorkerConfigurationError as error:
        _fail(str(error))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        run_queue_worker(
            QueueWorkerConfig(
                database_url=database_url,
                api_url=api,
                credentials=credentials,
                queues=queues,
                concurrency=concurrency,
                worker_id=name or "",
                store_url=store_url,
                work_root=work_dir,
            )
        )
    except (QueueNotReadyError, WorkerConfigurationError) as error:
        _fail(str(error))


def _fail(message: str) -> NoReturn:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(2)


def _global_api() -> str | None:
    """``dioptra --api URL worker ...``: the root command's option, when it was given."""
    try:
        from dioptra.cli.commands.options import global_options
    except ImportError:
        return None
    options = global_options()
    return options.api if options.api_given else None


def _global_token() -> str | None:
    try:
        from dioptra.cli.commands.options import global_options
    except ImportError:
        return None
    return global_options().token
