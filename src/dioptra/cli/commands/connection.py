"""The client every server command talks through.

Credentials are tried in this order: `--token` (or `$DIOPTRA_API_TOKEN`), a login with
`--username/--password`, the token `dioptra login` saved for the address. With none of
them the client is anonymous and the server answers 401 where a login is needed.
"""

from __future__ import annotations

from typing import Any

import typer

from dioptra.cli.commands.credentials import load_login
from dioptra.cli.commands.errors import UsageProblem
from dioptra.cli.commands.options import GlobalOptions, global_options
from dioptra.client import DioptraClient, connect_json_dioptra_client

Client = DioptraClient[dict[str, Any]]


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
