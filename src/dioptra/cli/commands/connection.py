"""The global options (`--api`, `--token`, `--username/--password`, `--debug`) and the
client every server command talks through.

Credentials are tried in this order: `--token` (or `$DIOPTRA_API_TOKEN`), a login with
`--username/--password`, the token `dioptra login` saved for the address. With none of
them the client is anonymous and the server answers 401 where a login is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Final

import typer

from dioptra.cli.commands.credentials import load_login
from dioptra.cli.commands.errors import UsageProblem
from dioptra.client import DioptraClient, connect_json_dioptra_client

DEFAULT_API: Final = "http://127.0.0.1:5000"

Client = DioptraClient[dict[str, Any]]


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
            help="The Dioptra server's web address.",
            show_default=True,
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
    _current_options = GlobalOptions(
        api=api,
        token=token or None,
        username=username or None,
        password=password,
        debug=debug,
        api_given=source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"),
    )


def global_options() -> GlobalOptions:
    """The root command's options (defaults when a command runs without the root)."""
    return _current_options or GlobalOptions()


def connect_client(api: str, token: str | None) -> Client:
    """Makes the client; tests replace this function to talk to a fake server."""
    try:
        return connect_json_dioptra_client(api, token=token)
    except ValueError as error:  # not an http(s) address
        raise UsageProblem(str(error)) from error


def open_client(options: GlobalOptions | None = None, *, use_saved_login: bool = True) -> Client:
    """A client logged in with the best credentials at hand (see the module docstring)."""
    options = options or global_options()
    if options.token:
        return connect_client(options.api, options.token)
    if options.username:
        client = connect_client(options.api, None)
        password = options.password
        if password is None:
            password = typer.prompt(f"Password for {options.username}", hide_input=True)
        client.auth.login(options.username, password)
        return client
    saved = load_login(options.api) if use_saved_login else None
    return connect_client(options.api, saved.token if saved else None)
