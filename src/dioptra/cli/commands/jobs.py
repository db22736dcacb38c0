"""`dioptra jobs [list]|show|logs|cancel|rerun`: look after submitted jobs."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from dioptra.cli.commands.artifacts import artifact_rows
from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import CliError, reports_errors
from dioptra.cli.commands.follow import (
    FINAL_STATUSES,
    cancel_job,
    describe_cancellation,
    job_events,
    latest_metrics,
    log_line,
)
from dioptra.cli.commands.lookup import all_items, first_items, require_by_name_or_id
from dioptra.cli.commands.options import QuietOption
from dioptra.cli.output import (
    examples,
    fields_table,
    make_table,
    print_ids,
    print_note,
    print_table,
    short_time,
    spinner,
    stdout_console,
    styled_status,
)

app = typer.Typer(
    help="List, inspect, cancel and rerun jobs (`dioptra jobs` alone lists them).",
    invoke_without_command=True,
)

ExperimentOption = Annotated[
    str | None,
    typer.Option("--experiment", "-e", help="Only the jobs of this experiment (name or id)."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option("--status", "-s", help="Only jobs with this status, e.g. failed (repeatable)."),
]
LimitOption = Annotated[int, typer.Option("-n", "--limit", min=1, help="Show at most this many.")]
JobIdArgument = Annotated[int, typer.Argument(metavar="ID", help="The job's id.")]

LIST_EPILOG = examples(
    "dioptra jobs",
    "dioptra jobs list -e tutorial --status failed -n 5",
    "dioptra jobs list -e tutorial -n 1 --quiet",
)


@app.callback(epilog=LIST_EPILOG)
def jobs_group(
    ctx: typer.Context,
    experiment: ExperimentOption = None,
    status: StatusOption = None,
    limit: LimitOption = 20,
    quiet: QuietOption = False,
) -> None:
    if ctx.invoked_subcommand is None:
        list_jobs(experiment=experiment, status=status, limit=limit, quiet=quiet)


@app.command("list", epilog=LIST_EPILOG)
@reports_errors
def list_jobs(
    experiment: ExperimentOption = None,
    status: StatusOption = None,
    limit: LimitOption = 20,
    quiet: QuietOption = False,
) -> None:
    """List jobs, newest first."""
    client = open_client()
    jobs = newest_jobs(client, experiment, status or [], limit)
    if quiet:
        print_ids(jobs)
        return
    rows = [
        (
            job["id"],
            _name(job.get("experiment")),
            _name(job.get("entrypoint")),
            _name(job.get("queue")),
            styled_status(str(job.get("status"))),
            short_time(job.get("createdOn")),
        )
        for job in jobs
    ]
    print_table(
        ("id", "experiment", "entrypoint", "queue", "status", "created"), rows, empty="No jobs."
    )


def newest_jobs(
    client: Client, experiment_ref: str | None, statuses: list[str], limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` jobs, newest first; search terms are AND-ed, so one query per status."""
    experiment_id: int | None = None
    if experiment_ref is not None:
        experiment = require_by_name_or_id(
            "experiment", experiment_ref, client.experiments.get, client.experiments.get_by_id
        )
        experiment_id = int(experiment["id"])

    def fetch(search: str | None) -> list[dict[str, Any]]:
        def page(index: int, length: int) -> dict[str, Any]:
            options: dict[str, Any] = {
                "index": index,
                "page_length": length,
                "sort_by": "createdOn",
                "descending": True,
                "search": search,
            }
            if experiment_id is not None:
                return client.experiments.jobs.get(experiment_id, **options)
            return client.jobs.get(**options)

        return first_items(page, limit)

    if not statuses:
        return fetch(None)
    merged = {job["id"]: job for status in statuses for job in fetch(f"status:{status}")}
    return sorted(merged.values(), key=lambda job: int(job["id"]), reverse=True)[:limit]


@app.command("show", epilog=examples("dioptra jobs show 12"))
@reports_errors
def show(job_id: JobIdArgument) -> None:
    """Show a job: status, what it ran, its parameters, metrics and artifacts."""
    client = open_client()
    job = client.jobs.get_by_id(job_id)
    console = stdout_console()
    console.print(_job_summary(job))
    metrics = latest_metrics(client, job_id)
    if metrics:
        console.print(
            make_table(("name", "value"), [(m["name"], m.get("value")) for m in metrics], "Metrics")
        )
    rows = artifact_rows(client, [int(a["id"]) for a in job.get("artifacts", [])])
    if rows:
        console.print(make_table(("id", "name", "uri", "size"), rows, title="Artifacts"))


def _job_summary(job: dict[str, Any]) -> Table:
    fields: list[tuple[str, Any]] = [
        ("status", styled_status(str(job.get("status")))),
        ("message", job.get("statusMessage") or "-"),
        ("experiment", _ref(job.get("experiment"))),
        ("entrypoint", _ref(job.get("entrypoint"), snapshot=True)),
        ("queue", _ref(job.get("queue"))),
        ("description", job.get("description") or "-"),
        ("timeout", job.get("timeout") or "-"),
        ("created", short_time(job.get("createdOn"))),
        ("last change", short_time(job.get("lastModifiedOn"))),
        ("values", _json(job.get("values"))),
        ("artifact values", _json(job.get("artifactValues"))),
    ]
    return fields_table(f"Job {job['id']}", fields)


@app.command("logs", epilog=examples("dioptra jobs logs 12", "dioptra jobs logs 12 --follow"))
@reports_errors
def logs(
    job_id: JobIdArgument,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new lines until the job ends.")
    ] = False,
) -> None:
    """Print a job's log; with --follow, keep going until the job ends."""
    client = open_client()
    console = stdout_console()
    if follow:
        for event in job_events(client, job_id):
            if event.event == "log" and isinstance(event.data, dict):
                console.print(log_line(event.data), soft_wrap=True)
            elif event.event == "end":
                data = event.data if isinstance(event.data, dict) else {}
                print_note(f"Job {job_id} ended: {escape(str(data.get('status', 'unknown')))}")
        return
    records = list(
        all_items(
            lambda index, length: client.jobs.get_logs_by_id(
                job_id, index=index, page_length=length
            )
        )
    )
    for record in records:
        console.print(log_line(record), soft_wrap=True)
    if not records:
        print_note(f"Job {job_id} has no log lines yet.")


@app.command("cancel", epilog=examples("dioptra jobs cancel 12"))
@reports_errors
def cancel(job_id: JobIdArgument) -> None:
    """Cancel a queued or running job."""
    client = open_client()
    status = str(client.jobs.get_status(job_id).get("status"))
    if status in FINAL_STATUSES:
        raise CliError(f"Job {job_id} has already ended ({status}).")
    with spinner(f"Cancelling job {job_id}…"):
        status = cancel_job(client, job_id)
    print_note(describe_cancellation(job_id, status))


@app.command("rerun", epilog=examples("dioptra jobs rerun 12"))
@reports_errors
def rerun(job_id: JobIdArgument) -> None:
    """Submit the same job again (same entrypoint snapshot, values and queue)."""
    job = open_client().jobs.rerun(job_id)
    print_note(
        f"Job [bold]{job['id']}[/] submitted (a rerun of {job_id}); "
        f"follow it with `dioptra jobs logs {job['id']} --follow`"
    )
    stdout_console().print(job["id"])


def _name(ref: Any) -> str:
    return str(ref.get("name", "-")) if isinstance(ref, dict) else "-"


def _ref(ref: Any, snapshot: bool = False) -> str:
    if not isinstance(ref, dict):
        return "-"
    text = f"{ref.get('name', '-')} (id {ref.get('id')}"
    if snapshot and ref.get("snapshotId") is not None:
        text += f", snapshot {ref['snapshotId']}"
    return text + ")"


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True) if value else "-"
