"""The commands that talk to a Dioptra server, one module per command group.

`register(app)` adds them to the root `dioptra` command, together with the global
options they share (`--api`, `--token`, `--username/--password`, `--debug`).
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds the global options and the user commands to the root command."""
    from dioptra.cli.commands import (
        artifacts,
        entrypoints,
        experiments,
        importing,
        jobs,
        login,
        parameter_types,
        plugins,
        queues,
        run,
        tokens,
        users,
    )
    from dioptra.cli.commands.options import global_options_callback

    app.callback()(global_options_callback)
    login.register(app)
    importing.register(app)
    run.register(app)
    app.add_typer(jobs.app, name="jobs")
    app.add_typer(artifacts.app, name="artifacts")
    app.add_typer(queues.app, name="queues")
    app.add_typer(plugins.app, name="plugins")
    app.add_typer(entrypoints.app, name="entrypoints")
    app.add_typer(experiments.app, name="experiments")
    app.add_typer(parameter_types.app, name="types")
    app.add_typer(users.app, name="user")
    app.add_typer(tokens.app, name="token")
