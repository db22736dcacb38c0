"""The root command's global options (`--api`, `--token`, `--username/--password`,
`--debug`), which every command reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Final

import typer

from dioptra.client.local import local_server_address

DEFAULT_API: Final = "http://127.0.0.1:5000"


@dataclass
class GlobalOptions:
    """What the root command was told; commands read it from the click context."""

    api: str = DEFAULT_API
    token: str | None = None
    username: str | None = None
    password: str | None = None
    debug: bool = False
    # True when the address came from --api or $DIOPTRA_API rather than the default.
    api_given: bool = False


# Set by the root command's callback, which runs before every command of an invocation.
_current_options: GlobalOptions | None = None


def global_options_callback(
    ctx: typer.Context,
    api: Annotated[
        str,
        typer.Option(
            "--api",
            envvar="DIOPTRA_API",
            metavar="URL",
            help="The Dioptra server's web address (default: the `dioptra up` running on "
            f"this machine, else {DEFAULT_API}).",
            show_default=False,
        ),
    ] = DEFAULT_API,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DIOPTRA_API_TOKEN",
            help="A personal API token (see `dioptra token create`).",
            show_default=False,
        ),
    ] = None,
    username: Annotated[
        str | None,
        typer.Option("--username", envvar="DIOPTRA_USERNAME", help="Log in as this user."),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="DIOPTRA_PASSWORD",
            help="The password for --username (asked for when missing).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="DIOPTRA_DEBUG", help="Show tracebacks of errors."),
    ] = False,
) -> None:
    global _current_options
    source = ctx.get_parameter_source("api")
    api_given = source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")
    _current_options = GlobalOptions(
        api=api if api_given else (local_server_address() or DEFAULT_API),
        token=token or None,
        username=username or None,
        password=password,
        debug=debug,
        api_given=api_given,
    )


def global_options() -> GlobalOptions:
    """The root command's options (defaults when a command runs without the root)."""
    return _current_options or GlobalOptions()


# Options that several command groups share, so they read the same everywhere.
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the server's JSON instead of tables (for scripts).")
]
GroupOption = Annotated[
    int | None,
    typer.Option("--group", metavar="ID", help="The group to own it (default: your first)."),
]
InGroupOption = Annotated[
    int | None,
    typer.Option(
        "--group", metavar="ID", help="Only this group's (settles a name used in several)."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only the ids, one a line (for scripts).")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
