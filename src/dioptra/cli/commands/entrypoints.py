"""`dioptra entrypoints list|show|create|edit|delete`: task graphs with their
parameters, artifact inputs, plugins and queues.

Plugins, queues and parameter types are named like everything else (name or id), and
looked up in the entrypoint's group.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import UsageProblem, reports_errors
from dioptra.cli.commands.lookup import default_group_id, require_resource
from dioptra.cli.commands.options import GroupOption, InGroupOption, JsonOption, YesOption
from dioptra.cli.commands.resources import (
    common_fields,
    find_and_delete,
    list_resources,
    listing_row,
    names,
    picked,
    print_listing,
    read_text_file,
    report_saved,
    resource_to_show,
)
from dioptra.cli.output import examples, fields_table, make_table, stdout_console

app = typer.Typer(help="List, show, create, edit and delete entrypoints.")

KIND = "entrypoint"
ENTRYPOINT_TYPES = ("string", "float", "integer", "boolean", "list", "mapping")

EntrypointArgument = Annotated[
    str, typer.Argument(metavar="ENTRYPOINT", help="The entrypoint's name or id.")
]
GraphOption = Annotated[
    Path | None,
    typer.Option("--graph", metavar="FILE.yml", dir_okay=False, help="The task graph (YAML)."),
]
ArtifactGraphOption = Annotated[
    Path | None,
    typer.Option(
        "--artifact-graph", metavar="FILE.yml", dir_okay=False, help="The artifact graph (YAML)."
    ),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        metavar="NAME:TYPE[=DEFAULT]",
        help=f"A parameter; TYPE is one of {', '.join(ENTRYPOINT_TYPES)} (repeatable).",
    ),
]
ArtifactInputOption = Annotated[
    list[str] | None,
    typer.Option(
        "--artifact-input",
        metavar="NAME:TYPE | NAME:OUT=TYPE,...",
        help="An artifact input and the parameter types it gives (repeatable).",
    ),
]
PluginOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plugin", metavar="PLUGIN", help="A plugin whose tasks the graph uses (repeatable)."
    ),
]
ArtifactPluginOption = Annotated[
    list[str] | None,
    typer.Option(
        "--artifact-plugin", metavar="PLUGIN", help="A plugin with artifact tasks (repeatable)."
    ),
]
QueueOption = Annotated[
    list[str] | None,
    typer.Option("--queue", "-q", metavar="QUEUE", help="A queue it may run on (repeatable)."),
]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="What the entrypoint does.")
]


@app.command("list", epilog=examples("dioptra entrypoints list", "dioptra entrypoints list --json"))
@reports_errors
def list_entrypoints(group: InGroupOption = None, as_json: JsonOption = False) -> None:
    """List the entrypoints of your groups."""
    entrypoints = list_resources(open_client().entrypoints, group)
    rows = [
        listing_row(e, names(e.get("parameters")), names(e.get("plugins")), names(e.get("queues")))
        for e in entrypoints
    ]
    columns = ("id", "name", "group", "parameters", "plugins", "queues", "description")
    print_listing(entrypoints, columns, rows, "No entrypoints.", as_json)


@app.command(
    "show",
    epilog=examples("dioptra entrypoints show hello_world", "dioptra entrypoints show 3 --graph"),
)
@reports_errors
def show(
    reference: EntrypointArgument,
    graph: Annotated[
        bool, typer.Option("--graph", help="Print only the task graph's YAML.")
    ] = False,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an entrypoint: parameters, artifact inputs, plugins, queues and task graph."""
    entrypoint = resource_to_show(KIND, reference, open_client().entrypoints, group, as_json)
    if entrypoint is None:
        return
    if graph:
        typer.echo(str(entrypoint.get("taskGraph") or "").rstrip("\n"))
        return
    console = stdout_console()
    fields = [*common_fields(entrypoint), ("snapshot", entrypoint.get("snapshot"))]
    console.print(fields_table(f"Entrypoint {entrypoint['name']}", fields))
    sections = [
        ("Parameters", ("name", "type", "default"), _parameter_rows(entrypoint)),
        ("Artifact inputs", ("name", "outputs"), _artifact_input_rows(entrypoint)),
        ("Plugins", ("id", "name", "snapshot", "latest", "used for"), _plugin_rows(entrypoint)),
        ("Queues", ("id", "name"), [(q["id"], q["name"]) for q in entrypoint.get("queues") or []]),
        ("Task graph", ("step", "task"), _graph_steps(entrypoint.get("taskGraph"))),
        ("Artifact graph", ("artifact", "task"), _graph_steps(entrypoint.get("artifactGraph"))),
    ]
    for title, columns, rows in sections:
        if rows:
            console.print(make_table(columns, rows, title=title))


@app.command(
    "create",
    epilog=examples(
        "dioptra entrypoints create greet --graph greet.yml -p name:string=World "
        "--plugin hello_world --queue tutorial"
    ),
)
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="The entrypoint's name (unique in its group).")],
    graph: Annotated[
        Path,
        typer.Option("--graph", metavar="FILE.yml", dir_okay=False, help="The task graph (YAML)."),
    ],
    artifact_graph: ArtifactGraphOption = None,
    param: ParamOption = None,
    artifact_input: ArtifactInputOption = None,
    plugin: PluginOption = None,
    artifact_plugin: ArtifactPluginOption = None,
    queue: QueueOption = None,
    description: DescriptionOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an entrypoint from a task graph file."""
    task_graph = read_text_file(graph, "--graph")
    artifact_graph_text = _graph_text(artifact_graph, "--artifact-graph")
    parameters = [parse_parameter(p) for p in param or []]
    artifact_inputs = [parse_artifact_input(a) for a in artifact_input or []]
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    refs = _References(client, group_id)
    created = client.entrypoints.create(
        group_id,
        name,
        task_graph=task_graph,
        artifact_graph=artifact_graph_text,
        description=description,
        parameters=parameters,
        artifact_parameters=[refs.artifact_input(a) for a in artifact_inputs],
        queues=[refs.queue_id(q) for q in queue or []],
        plugins=[refs.plugin(p)["id"] for p in plugin or []],
        artifact_plugins=[refs.plugin(p)["id"] for p in artifact_plugin or []],
    )
    report_saved(KIND, created, "Created", as_json)


@app.command(
    "edit",
    epilog=examples("dioptra entrypoints edit greet --graph greet.yml --latest-plugins"),
)
@reports_errors
def edit(
    reference: EntrypointArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="A new name.")] = None,
    graph: GraphOption = None,
    artifact_graph: ArtifactGraphOption = None,
    param: ParamOption = None,
    artifact_input: ArtifactInputOption = None,
    plugin: PluginOption = None,
    artifact_plugin: ArtifactPluginOption = None,
    queue: QueueOption = None,
    latest_plugins: Annotated[
        bool,
        typer.Option("--latest-plugins", help="Use the newest version of every kept plugin."),
    ] = False,
    description: DescriptionOption = None,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change an entrypoint; each list given (--param, --plugin, --queue, ...) replaces
    the entrypoint's, lists not given are kept."""
    task_graph = _graph_text(graph, "--graph")
    artifact_graph_text = _graph_text(artifact_graph, "--artifact-graph")
    parameters = None if param is None else [parse_parameter(p) for p in param]
    artifact_inputs = (
        None if artifact_input is None else [parse_artifact_input(a) for a in artifact_input]
    )
    client = open_client()
    entrypoint = require_resource(KIND, reference, client.entrypoints, group)
    refs = _References(client, int(entrypoint["group"]["id"]))

    def plugin_snapshots(given: list[str] | None, bound: list[dict[str, Any]]) -> list[int]:
        if given is not None:
            return [int(refs.plugin(p)["snapshot"]) for p in given]
        if latest_plugins:
            return [int(client.plugins.get_by_id(p["id"])["snapshot"]) for p in bound]
        return [int(p["snapshotId"]) for p in bound]

    edited = client.entrypoints.modify_by_id(
        entrypoint["id"],
        name=picked(name, entrypoint["name"]),
        task_graph=picked(task_graph, entrypoint["taskGraph"]),
        artifact_graph=picked(artifact_graph_text, entrypoint.get("artifactGraph")),
        description=picked(description, entrypoint.get("description")),
        parameters=picked(parameters, entrypoint.get("parameters") or []),
        artifact_parameters=(
            [refs.artifact_input(a) for a in artifact_inputs]
            if artifact_inputs is not None
            else _current_artifact_inputs(entrypoint)
        ),
        queues=(
            [refs.queue_id(q) for q in queue]
            if queue is not None
            else [int(q["id"]) for q in entrypoint.get("queues") or []]
        ),
        plugin_snapshot_ids=plugin_snapshots(plugin, entrypoint.get("plugins") or []),
        artifact_plugin_snapshot_ids=plugin_snapshots(
            artifact_plugin, entrypoint.get("artifactPlugins") or []
        ),
    )
    report_saved(KIND, edited, "Saved", as_json)


@app.command("delete", epilog=examples("dioptra entrypoints delete greet --yes"))
@reports_errors
def delete(
    reference: EntrypointArgument, group: InGroupOption = None, yes: YesOption = False
) -> None:
    """Delete an entrypoint (asks first unless --yes; its jobs are kept)."""
    find_and_delete(KIND, reference, open_client().entrypoints, group, yes)


def parse_parameter(text: str) -> dict[str, Any]:
    """`name:type[=default]` as the API's parameter (the default stays text)."""
    name, colon, rest = text.partition(":")
    kind, equals, default = rest.partition("=")
    if not colon or not name or kind not in ENTRYPOINT_TYPES:
        raise UsageProblem(
            f"--param {text!r}: expected NAME:TYPE[=DEFAULT] with TYPE one of "
            f"{', '.join(ENTRYPOINT_TYPES)}."
        )
    return {"name": name, "parameterType": kind, "defaultValue": default if equals else None}


@dataclass(frozen=True)
class ArtifactInput:
    name: str
    outputs: list[tuple[str, str]]  # (output name, parameter type name or id)


def parse_artifact_input(text: str) -> ArtifactInput:
    """`NAME:TYPE` (one output named NAME) or `NAME:OUT=TYPE,OUT=TYPE`."""
    name, colon, outputs = text.partition(":")
    pairs = [
        (out, kind) if equals else (name, out)
        for out, equals, kind in (output.partition("=") for output in outputs.split(","))
    ]
    if not colon or not name or not all(out and kind for out, kind in pairs):
        raise UsageProblem(
            f"--artifact-input {text!r}: expected NAME:TYPE or NAME:OUT=TYPE[,OUT=TYPE]."
        )
    return ArtifactInput(name, pairs)


@dataclass
class _References:
    """Looks up what an entrypoint refers to, by name or id, in its group."""

    client: Client
    group_id: int

    def plugin(self, reference: str) -> dict[str, Any]:
        return require_resource("plugin", reference, self.client.plugins, self.group_id)

    def queue_id(self, reference: str) -> int:
        return self._id("queue", reference, self.client.queues, "queues")

    def artifact_input(self, parsed: ArtifactInput) -> dict[str, Any]:
        """The API's artifact parameter, its types looked up."""
        return {
            "name": parsed.name,
            "outputParams": [
                {"name": out, "parameterType": self._type_id(kind)} for out, kind in parsed.outputs
            ],
        }

    def _type_id(self, reference: str) -> int:
        return self._id("parameter type", reference, self.client.plugin_parameter_types, "types")

    def _id(self, kind: str, reference: str, collection: Any, command: str) -> int:
        hint = f" (create it with `dioptra {command} create {reference}`)"
        return int(require_resource(kind, reference, collection, self.group_id, hint)["id"])


def _graph_text(path: Path | None, option: str) -> str | None:
    return None if path is None else read_text_file(path, option)


def _current_artifact_inputs(entrypoint: dict[str, Any]) -> list[dict[str, Any]]:
    """The entrypoint's artifact inputs in the request's form (type ids, not refs)."""
    return [
        {
            "name": a["name"],
            "outputParams": [
                {"name": o["name"], "parameterType": o["parameterType"]["id"]}
                for o in a.get("outputParams") or []
            ],
        }
        for a in entrypoint.get("artifactParameters") or []
    ]


def _parameter_rows(entrypoint: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (p["name"], p["parameterType"], p.get("defaultValue"))
        for p in entrypoint.get("parameters") or []
    ]


def _artifact_input_rows(entrypoint: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            a["name"],
            ", ".join(
                f"{o['name']}: {o['parameterType']['name']}" for o in a.get("outputParams") or []
            ),
        )
        for a in entrypoint.get("artifactParameters") or []
    ]


def _plugin_rows(entrypoint: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (p["id"], p["name"], p.get("snapshotId"), "yes" if p.get("latestSnapshot") else "no", use)
        for key, use in (("plugins", "tasks"), ("artifactPlugins", "artifacts"))
        for p in entrypoint.get(key) or []
    ]


def _graph_steps(graph: str | None) -> list[tuple[str, str]]:
    """(step, task) for each step of a graph; a graph that is not YAML lists nothing."""
    try:
        steps = yaml.safe_load(graph or "") or {}
    except yaml.YAMLError:
        return []
    if not isinstance(steps, dict):
        return []
    return [(str(step), _task_of(body)) for step, body in steps.items()]


def _task_of(step: Any) -> str:
    """A step is `{task: args}` or `{task: NAME, args: ...}`; an artifact step names its
    task as `task: {name: NAME}`."""
    if not isinstance(step, dict):
        return "-"
    task = step.get("task")
    if isinstance(task, dict):
        return str(task.get("name", "-"))
    if task is not None:
        return str(task)
    named = [key for key in step if key not in ("dependencies", "contents", "args", "kwargs")]
    return ", ".join(map(str, named)) or "-"
