"""`dioptra user create`: register an account, in the database or through a server."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import connect_client
from dioptra.cli.commands.errors import UsageProblem, reports_errors
from dioptra.cli.commands.local_accounts import create_account_in_database
from dioptra.cli.commands.options import global_options
from dioptra.cli.output import examples, print_note

app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)

DATABASE_ENV_VARS = ("DIOPTRA_DATABASE_URL", "DIOPTRA_DATA_DIR")


@app.command(
    "create",
    epilog=examples(
        "dioptra user create alice --email alice@example.org",
        'echo "$PW" | dioptra user create ci --email ci@example.org --password-stdin'
        " --data-dir /srv/dioptra",
        "dioptra --api https://dioptra.example.org user create bob --email bob@example.org",
    ),
)
@reports_errors
def create(
    username: Annotated[str, typer.Argument(help="The new account's name.")],
    email: Annotated[str, typer.Option("--email", help="The account's email address.")],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from stdin (else it is asked)."),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            file_okay=False,
            help="Create the account in this server data folder's database, not over REST.",
        ),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="Create the account in this database, not over REST."),
    ] = None,
) -> None:
    """Create a user account (it joins the `public` group).

    On the server machine, --data-dir or --database-url (or $DIOPTRA_DATA_DIR,
    $DIOPTRA_DATABASE_URL) write the account into the server's database directly;
    otherwise it is registered through the server at --api.
    """
    password = _read_password(password_stdin)
    options = global_options()
    if _use_database(data_dir, database_url, options.api_given):
        account = create_account_in_database(username, email, password, data_dir, database_url)
        print_note(
            f"Created user [bold]{escape(account.username)}[/] (id {account.user_id}, "
            f"groups: {escape(', '.join(account.groups))}) in {escape(account.database)}"
        )
        return
    user = connect_client(options.api, None).users.create(username, email, password)
    groups = ", ".join(group["name"] for group in user.get("groups", []))
    print_note(
        f"Created user [bold]{escape(user['username'])}[/] (id {user['id']}, "
        f"groups: {escape(groups)}) on {escape(options.api)}"
    )


def _use_database(data_dir: Path | None, database_url: str | None, api_given: bool) -> bool:
    """Options name the database first; then an explicit --api; then the environment."""
    if data_dir is not None or database_url is not None:
        return True
    if api_given:
        return False
    return any(os.environ.get(name) for name in DATABASE_ENV_VARS)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise UsageProblem("The password is empty.")
    return password
