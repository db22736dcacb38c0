"""`dioptra run`: submit a job from the terminal and follow it live."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from dioptra.cli.commands.artifacts import artifact_rows
from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    reports_errors,
)
from dioptra.cli.commands.follow import (
    cancel_job,
    describe_cancellation,
    follow_job,
    print_outcome,
)
from dioptra.cli.commands.targets import resolve_target
from dioptra.cli.output import examples, make_table, print_note, spinner, stdout_console


def parse_pairs(pairs: list[str], option: str) -> dict[str, str]:
    """`name=value` items as a dict (the value may hold `=`); a bad item is a usage error."""
    parsed: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint=option)
        if name.strip() in parsed:
            raise typer.BadParameter(f"{name.strip()!r} is given twice", param_hint=option)
        parsed[name.strip()] = value
    return parsed


@reports_errors
def run(
    experiment: Annotated[str, typer.Argument(help="The experiment, by name (or id).")],
    entrypoint: Annotated[str, typer.Argument(help="The entrypoint to run, by name (or id).")],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", metavar="NAME=VALUE", help="An entrypoint parameter (repeatable)."
        ),
    ] = None,
    artifact: Annotated[
        list[str] | None,
        typer.Option(
            "--artifact",
            metavar="NAME=ARTIFACT_ID",
            help="An artifact input: the artifact's latest snapshot (repeatable).",
        ),
    ] = None,
    queue: Annotated[
        str | None,
        typer.Option("--queue", help="The queue, by name (default: the entrypoint's first)."),
    ] = None,
    swap: Annotated[
        list[str] | None,
        typer.Option(
            "--swap", metavar="NAME=ALIAS", help="Choose a task alias for a swap (repeatable)."
        ),
    ] = None,
    timeout: Annotated[
        str | None,
        typer.Option(
            "--timeout", help="Stop the job after this long, e.g. 30m, 2h (server default 24h)."
        ),
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="A description of the job.")
    ] = None,
    create_experiment: Annotated[
        bool,
        typer.Option(
            "--create-experiment",
            help="Create the experiment if it is missing (an existing one is linked to "
            "the entrypoint without it).",
        ),
    ] = False,
    follow: Annotated[
        bool,
        typer.Option(
            "--follow/--no-follow", help="Follow the job until it ends, or just submit it."
        ),
    ] = True,
    cancel_on_interrupt: Annotated[
        bool,
        typer.Option(
            "--cancel-on-interrupt",
            help="Cancel the job on Ctrl-C without asking (else you are asked).",
        ),
    ] = False,
) -> None:
    """Submit a job and follow it live: logs, status and metrics, then its artifacts.

    Exits 0 when the job finishes, 1 when it fails, times out or is cancelled.
    """
    values = parse_pairs(param or [], "--param")
    artifact_ids = {
        name: _artifact_id(value)
        for name, value in parse_pairs(artifact or [], "--artifact").items()
    }
    swaps = parse_pairs(swap or [], "--swap")

    client = open_client()
    target = resolve_target(client, experiment, entrypoint, queue, create_experiment)
    artifact_values = {
        name: _artifact_value(client, artifact_id) for name, artifact_id in artifact_ids.items()
    }
    job = client.experiments.jobs.create(
        target.experiment_id,
        target.entrypoint_id,
        target.queue_id,
        values=values or None,
        artifact_values=artifact_values or None,
        timeout=timeout,
        description=description,
        swaps=swaps or None,
    )
    job_id = int(job["id"])
    print_note(
        f"Job [bold]{job_id}[/] submitted: {escape(target.entrypoint_name)} in experiment "
        f"{escape(target.experiment_name)}, queue {escape(target.queue_name)}"
    )
    if not follow:
        stdout_console().print(job_id)
        return
    _follow_to_the_end(client, job_id, cancel_on_interrupt)


def _artifact_id(value: str) -> int:
    if not value.isdigit():
        raise typer.BadParameter(
            f"an artifact id is a number, got {value!r}", param_hint="--artifact"
        )
    return int(value)


def _artifact_value(client: Client, artifact_id: int) -> dict[str, int]:
    artifact = client.artifacts.get_by_id(artifact_id)
    return {"id": int(artifact["id"]), "snapshotId": int(artifact["snapshot"])}


def _follow_to_the_end(client: Client, job_id: int, cancel_on_interrupt: bool) -> None:
    console = stdout_console()
    try:
        follower = follow_job(client, job_id, console)
    except KeyboardInterrupt:
        _on_interrupt(client, job_id, cancel_on_interrupt)
        return
    job = client.jobs.get_by_id(job_id)
    rows = artifact_rows(client, [int(a["id"]) for a in job.get("artifacts", [])])
    table = make_table(("id", "name", "uri", "size"), rows, title="Artifacts") if rows else None
    if not print_outcome(console, follower, job, table):
        raise typer.Exit(EXIT_FAILED)


def _on_interrupt(client: Client, job_id: int, cancel_without_asking: bool) -> None:
    cancel = cancel_without_asking or (
        sys.stdin.isatty() and typer.confirm(f"\nCancel job {job_id}?", default=True)
    )
    if cancel:
        with spinner(f"Cancelling job {job_id}…"):
            status = cancel_job(client, job_id)
        print_note(describe_cancellation(job_id, status))
        raise typer.Exit(EXIT_FAILED)
    print_note(f"Job {job_id} keeps running; follow it with `dioptra jobs logs {job_id} --follow`.")
    raise typer.Exit(EXIT_INTERRUPTED)


def register(app: typer.Typer) -> None:
    app.command(
        "run",
        epilog=examples(
            "dioptra run tutorial sample_and_save_artifact -p sample_size=500"
            " --create-experiment --queue default",
            "dioptra run tutorial rescale_and_graph_array --artifact array=7 --queue default"
            " --no-follow",
        ),
    )(run)
