"""The ``dioptra`` command. Each group of subcommands lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="dioptra",
    help="Dioptra: a test platform for trustworthy-AI experiments.",
    no_args_is_help=True,
    add_completion=False,
)


def _register_subcommands() -> None:
    # Imported here so that `dioptra --help` stays fast and each module owns its commands.
    from dioptra.cli import commands, engine, server, up, worker

    app.command("up")(up.up)
    server.register(app)
    app.command("worker")(worker.worker)
    app.add_typer(engine.app, name="engine")
    # The server-facing user commands and the global --api/--token/--debug options.
    commands.register(app)


def main() -> None:
    _register_subcommands()
    app()
