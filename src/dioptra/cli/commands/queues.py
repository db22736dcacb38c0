"""`dioptra queues [list]|create`: the named queues jobs are submitted to."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import open_client
from dioptra.cli.commands.errors import reports_errors
from dioptra.cli.commands.lookup import all_items, default_group_id
from dioptra.cli.commands.options import GroupOption
from dioptra.cli.output import examples, print_note, print_table, short_time, stdout_console

app = typer.Typer(
    help="List and create queues (`dioptra queues` alone lists them).",
    invoke_without_command=True,
)

LIST_EPILOG = examples("dioptra queues", "dioptra queues list")


@app.callback(epilog=LIST_EPILOG)
def queues_group(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        list_queues()


@app.command("list", epilog=LIST_EPILOG)
@reports_errors
def list_queues() -> None:
    """List the queues of your groups."""
    client = open_client()
    queues = all_items(lambda index, length: client.queues.get(index=index, page_length=length))
    rows = [
        (
            q["id"],
            q["name"],
            q.get("group", {}).get("name"),
            q.get("description"),
            short_time(q.get("createdOn")),
        )
        for q in queues
    ]
    print_table(("id", "name", "group", "description", "created"), rows, empty="No queues.")


@app.command(
    "create",
    epilog=examples("dioptra queues create tutorial", "dioptra queues create gpu --group 2"),
)
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="The queue's name (unique in its group).")],
    group: GroupOption = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What the queue is for.")
    ] = None,
) -> None:
    """Create a queue; `dioptra up` runs the jobs of every queue."""
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    queue = client.queues.create(group_id, name, description=description)
    print_note(f"Created queue [bold]{escape(queue['name'])}[/] (id {queue['id']})")
    stdout_console().print(queue["id"])
