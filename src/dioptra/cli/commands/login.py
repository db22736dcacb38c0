"""`dioptra login` and `dioptra logout`: save or forget a personal API token."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import connect_client
from dioptra.cli.commands.credentials import SavedLogin, forget_login, load_login, save_login
from dioptra.cli.commands.errors import reports_errors
from dioptra.cli.commands.options import global_options
from dioptra.cli.output import examples, print_note
from dioptra.client import DioptraClientError


@reports_errors
def login(
    username: Annotated[
        str | None,
        typer.Option("--username", "-u", help="Who to log in as (asked for when missing)."),
    ] = None,
    expires_in_days: Annotated[
        int | None,
        typer.Option(
            "--expires-in-days", min=1, help="Let the saved token expire after this many days."
        ),
    ] = None,
) -> None:
    """Log in once and save a personal API token, so later commands need no password.

    The token is kept in your config folder (readable by you only), one per server.
    """
    options = global_options()
    username = username or options.username or typer.prompt("Username")
    password = options.password
    if password is None:
        password = typer.prompt("Password", hide_input=True)
    client = connect_client(options.api, None)
    client.auth.login(username, password)
    token = client.users.tokens.create(
        f"dioptra-cli@{socket.gethostname()}", expires_in_days=expires_in_days
    )
    path = save_login(
        SavedLogin(api=options.api, username=username, token=token["token"], token_id=token["id"])
    )
    print_note(
        f"Logged in to {escape(options.api)} as [bold]{escape(username)}[/]; "
        f"token saved in {escape(str(path))}"
    )


@reports_errors
def logout() -> None:
    """Forget the saved token of this server (and revoke it on the server)."""
    options = global_options()
    saved = load_login(options.api)
    if saved is None:
        print_note(f"No saved login for {escape(options.api)}.")
        return
    if saved.token_id is not None:
        try:
            connect_client(options.api, saved.token).users.tokens.delete_by_id(saved.token_id)
        except DioptraClientError as error:  # the file goes anyway: that is what was asked
            print_note(f"[yellow]Could not revoke the token on the server:[/] {escape(str(error))}")
    forget_login(options.api)
    print_note(f"Logged out of {escape(options.api)}.")


def register(app: typer.Typer) -> None:
    app.command(
        "login",
        epilog=examples(
            "dioptra login --username ada",
            "dioptra --api https://dioptra.example.org login --expires-in-days 30",
        ),
    )(login)
    app.command("logout", epilog=examples("dioptra logout"))(logout)
