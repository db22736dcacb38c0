"""`dioptra experiments list|show|create|edit|delete`: experiments and the entrypoints
they link (their jobs are under `dioptra jobs`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import CliError, reports_errors
from dioptra.cli.commands.lookup import (
    all_items,
    default_group_id,
    first_items,
    require_resource,
)
from dioptra.cli.commands.options import GroupOption, InGroupOption, JsonOption, YesOption
from dioptra.cli.commands.resources import (
    common_fields,
    find_and_delete,
    list_resources,
    listing_row,
    names,
    picked,
    print_listing,
    report_saved,
    resource_to_show,
)
from dioptra.cli.output import (
    examples,
    fields_table,
    make_table,
    print_json,
    print_table,
    stdout_console,
)

app = typer.Typer(help="List, show, create, edit and delete experiments.")

KIND = "experiment"
ExperimentArgument = Annotated[
    str, typer.Argument(metavar="EXPERIMENT", help="The experiment's name or id.")
]
EntrypointOption = Annotated[
    list[str] | None,
    typer.Option(
        "--entrypoint",
        "-e",
        metavar="ENTRYPOINT",
        help="An entrypoint to link (name or id, repeatable).",
    ),
]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="What the experiment is about.")
]


@app.command("list", epilog=examples("dioptra experiments list", "dioptra experiments list --json"))
@reports_errors
def list_experiments(group: InGroupOption = None, as_json: JsonOption = False) -> None:
    """List the experiments of your groups."""
    experiments = list_resources(open_client().experiments, group)
    rows = [listing_row(e, names(e.get("entrypoints"))) for e in experiments]
    columns = ("id", "name", "group", "entrypoints", "description")
    print_listing(experiments, columns, rows, "No experiments.", as_json)


@app.command("show", epilog=examples("dioptra experiments show tutorial"))
@reports_errors
def show(
    reference: ExperimentArgument, group: InGroupOption = None, as_json: JsonOption = False
) -> None:
    """Show an experiment and its entrypoints."""
    experiment = resource_to_show(KIND, reference, open_client().experiments, group, as_json)
    if experiment is None:
        return
    console = stdout_console()
    console.print(fields_table(f"Experiment {experiment['name']}", common_fields(experiment)))
    rows = [(e["id"], e["name"]) for e in experiment.get("entrypoints") or []]
    if rows:
        console.print(make_table(("id", "name"), rows, title="Entrypoints"))


@app.command("create", epilog=examples("dioptra experiments create tutorial -e hello_world -e 3"))
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="The experiment's name (unique in its group).")],
    entrypoint: EntrypointOption = None,
    description: DescriptionOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an experiment, linking entrypoints to it."""
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    created = client.experiments.create(
        group_id,
        name,
        description=description,
        entrypoints=_entrypoint_ids(client, entrypoint or [], group_id),
    )
    report_saved(KIND, created, "Created", as_json)


@app.command("edit", epilog=examples("dioptra experiments edit tutorial -e hello_world -e greet"))
@reports_errors
def edit(
    reference: ExperimentArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="A new name.")] = None,
    entrypoint: Annotated[
        list[str] | None,
        typer.Option(
            "--entrypoint",
            "-e",
            metavar="ENTRYPOINT",
            help="Link exactly these entrypoints (name or id, repeatable).",
        ),
    ] = None,
    description: DescriptionOption = None,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change an experiment's name, description or linked entrypoints."""
    client = open_client()
    experiment = require_resource(KIND, reference, client.experiments, group)
    entrypoint_ids = (
        [int(e["id"]) for e in experiment.get("entrypoints") or []]
        if entrypoint is None
        else _entrypoint_ids(client, entrypoint, int(experiment["group"]["id"]))
    )
    edited = client.experiments.modify_by_id(
        experiment["id"],
        picked(name, experiment["name"]),
        picked(description, experiment.get("description")),
        entrypoint_ids,
    )
    report_saved(KIND, edited, "Saved", as_json)


@app.command("delete", epilog=examples("dioptra experiments delete tutorial --yes"))
@reports_errors
def delete(
    reference: ExperimentArgument, group: InGroupOption = None, yes: YesOption = False
) -> None:
    """Delete an experiment (asks first unless --yes)."""
    find_and_delete(KIND, reference, open_client().experiments, group, yes)


def _entrypoint_ids(client: Client, references: list[str], group_id: int) -> list[int]:
    return [
        int(require_resource("entrypoint", ref, client.entrypoints, group_id)["id"])
        for ref in references
    ]


@app.command(
    "metrics",
    epilog=examples(
        "dioptra experiments metrics tutorial",
        "dioptra experiments metrics robustness -m adversarial_accuracy -m clean_accuracy",
        "dioptra experiments metrics 3 --json",
    ),
)
@reports_errors
def metrics(
    reference: ExperimentArgument,
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric", "-m", metavar="NAME", help="Show this metric (repeatable; default: all)."
        ),
    ] = None,
    group: InGroupOption = None,
    limit: Annotated[
        int, typer.Option("-n", "--limit", min=1, help="Compare at most this many jobs.")
    ] = 100,
    as_json: JsonOption = False,
) -> None:
    """Compare the jobs of an experiment: the latest value of each metric, one row per job.

    The values column shows only the parameters whose values differ between the jobs."""
    client = open_client()
    experiment = require_resource(KIND, reference, client.experiments, group)
    experiment_id = int(experiment["id"])
    latest = first_items(
        lambda index, length: client.experiments.get_metrics_by_id(
            experiment_id, index=index, page_length=length
        ),
        limit,
    )
    if as_json:
        print_json(latest)
        return
    jobs = {
        int(job["id"]): job
        for job in all_items(
            lambda index, length: client.experiments.jobs.get(
                experiment_id, index=index, page_length=length
            )
        )
    }
    latest.sort(key=lambda row: int(row["id"]))
    compared = [jobs.get(int(row["id"]), {}) for row in latest]
    logged = sorted({m["name"] for row in latest for m in row.get("metrics") or []})
    names = [name for name in metric or logged if name in logged]
    if metric and not names:
        raise CliError(f"No job of {experiment['name']} logged {', '.join(metric)}.")
    varying = _varying_values(compared)
    rows = []
    for row, job in zip(latest, compared, strict=True):
        values = {m["name"]: m.get("value") for m in row.get("metrics") or []}
        given = _given(job)
        shown = varying.get(_entrypoint_name(job), [])
        rows.append(
            (
                row["id"],
                _entrypoint_name(job),
                ", ".join(f"{k}={given[k]}" for k in shown if k in given),
                *(_number(values.get(name)) for name in names),
            )
        )
    print_table(
        ("job", "entrypoint", "values", *names), rows, empty=f"No jobs in {experiment['name']}."
    )


def _entrypoint_name(job: dict[str, Any]) -> str:
    return str((job.get("entrypoint") or {}).get("name", ""))


def _given(job: dict[str, Any]) -> dict[str, str]:
    """A job's parameter values and artifact inputs (an artifact as `#ID`)."""
    given = {name: str(value) for name, value in (job.get("values") or {}).items()}
    for name, artifact in (job.get("artifactValues") or {}).items():
        given[name] = f"#{artifact.get('id')}"
    return given


def _varying_values(jobs: list[dict[str, Any]]) -> dict[str, list[str]]:
    """For each entrypoint, the inputs whose values differ between its jobs: what tells
    them apart (the rest, defaults mostly, would only crowd the table)."""
    seen: dict[str, dict[str, set[str]]] = {}
    for job in jobs:
        by_name = seen.setdefault(_entrypoint_name(job), {})
        for name, value in _given(job).items():
            by_name.setdefault(name, set()).add(value)
    return {
        entrypoint: sorted(name for name, values in by_name.items() if len(values) > 1)
        for entrypoint, by_name in seen.items()
    }


def _number(value: object) -> str:
    """A metric value for a table: 4 significant digits, or '-' for a metric a job lacks."""
    if value is None:
        return "-"
    return f"{value:.4g}" if isinstance(value, float) else str(value)
