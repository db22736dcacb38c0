"""`dioptra token create|list|revoke`: personal API tokens for scripts and CI."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import open_client
from dioptra.cli.commands.errors import reports_errors
from dioptra.cli.commands.lookup import all_items
from dioptra.cli.output import examples, print_note, print_table, short_time, stdout_console

app = typer.Typer(
    help="Create, list and revoke your personal API tokens.",
    no_args_is_help=True,
)


@app.command(
    "create",
    epilog=examples(
        "dioptra token create laptop",
        "export DIOPTRA_API_TOKEN=$(dioptra token create ci --expires-in-days 30)",
    ),
)
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="A name to recognise the token by.")],
    expires_in_days: Annotated[
        int | None,
        typer.Option(
            "--expires-in-days", min=1, help="Expire after this many days (default: never)."
        ),
    ] = None,
) -> None:
    """Create a token and print it (only this once: the server keeps no copy you can read).

    Send it with --token or $DIOPTRA_API_TOKEN. The token alone goes to stdout.
    """
    token = open_client().users.tokens.create(name, expires_in_days=expires_in_days)
    expiry = short_time(token.get("expiresOn")) if token.get("expiresOn") else "never"
    print_note(
        f"Token [bold]{escape(name)}[/] (id {token['id']}, expires {escape(expiry)}); "
        "copy it now, it is not shown again:"
    )
    stdout_console().print(token["token"], soft_wrap=True, markup=False)


@app.command("list", epilog=examples("dioptra token list"))
@reports_errors
def list_tokens() -> None:
    """List your tokens (their names and dates; secrets are never shown again)."""
    client = open_client()
    tokens_url = client.users.tokens.url
    # `tokens.get()` reads one page; page through the listing with the session itself.
    tokens = list(
        all_items(
            lambda index, length: client.session.get(
                tokens_url, params={"index": index, "pageLength": length}
            )
        )
    )
    rows = [
        (t["id"], t["name"], short_time(t.get("createdOn")), short_time(t.get("expiresOn")))
        for t in tokens
    ]
    print_table(("id", "name", "created", "expires"), rows, empty="You have no tokens.")


@app.command("revoke", epilog=examples("dioptra token revoke 3"))
@reports_errors
def revoke(token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's id.")]) -> None:
    """Revoke a token: requests that send it are refused from now on."""
    open_client().users.tokens.delete_by_id(token_id)
    print_note(f"Token {token_id} revoked.")
