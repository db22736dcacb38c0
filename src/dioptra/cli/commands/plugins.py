"""`dioptra plugins list|show|create|edit|delete|add-file`: plugins and their files.

`add-file` takes the file's tasks from the server's signature analysis (the code is
parsed there, never run) unless `--tasks-json` gives them; `--task` keeps a subset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import CliError, UsageProblem, reports_errors
from dioptra.cli.commands.lookup import default_group_id, require_resource
from dioptra.cli.commands.options import GroupOption, InGroupOption, JsonOption, YesOption
from dioptra.cli.commands.resources import (
    common_fields,
    find_and_delete,
    json_argument,
    list_resources,
    listing_row,
    picked,
    print_listing,
    read_text_file,
    report_saved,
    resource_to_show,
)
from dioptra.cli.output import (
    examples,
    fields_table,
    make_table,
    print_json,
    print_note,
    print_table,
    stdout_console,
)

app = typer.Typer(help="List, show, create, edit and delete plugins; add files to them.")

KIND = "plugin"
TASK_COLUMNS = ("task", "kind", "file", "inputs", "outputs")
PluginArgument = Annotated[str, typer.Argument(metavar="PLUGIN", help="The plugin's name or id.")]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="What the plugin does.")
]


@app.command("list", epilog=examples("dioptra plugins list", "dioptra plugins list --json"))
@reports_errors
def list_plugins(group: InGroupOption = None, as_json: JsonOption = False) -> None:
    """List the plugins of your groups, with their files and tasks."""
    plugins = list_resources(open_client().plugins, group)
    rows = [listing_row(p, *_files_and_task_count(p)) for p in plugins]
    columns = ("id", "name", "group", "files", "tasks", "description")
    print_listing(plugins, columns, rows, "No plugins.", as_json)


@app.command("show", epilog=examples("dioptra plugins show hello_world"))
@reports_errors
def show(
    reference: PluginArgument, group: InGroupOption = None, as_json: JsonOption = False
) -> None:
    """Show a plugin: its files and their tasks with parameter types."""
    plugin = resource_to_show(KIND, reference, open_client().plugins, group, as_json)
    if plugin is None:
        return
    files = plugin.get("files") or []
    fields = [*common_fields(plugin), ("snapshot", plugin.get("snapshot"))]
    console = stdout_console()
    console.print(fields_table(f"Plugin {plugin['name']}", fields))
    file_rows = [(f["id"], f["filename"], len(task_rows([f]))) for f in files]
    if file_rows:
        console.print(make_table(("id", "filename", "tasks"), file_rows, title="Files"))
    rows = task_rows(files)
    if rows:
        console.print(make_table(TASK_COLUMNS, rows, title="Tasks"))


@app.command("create", epilog=examples("dioptra plugins create attacks --description 'FGM'"))
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="The plugin's name (unique in its group).")],
    description: DescriptionOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an empty plugin (add files with `dioptra plugins add-file`)."""
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    report_saved(KIND, client.plugins.create(group_id, name, description), "Created", as_json)


@app.command("edit", epilog=examples("dioptra plugins edit attacks --name evasion"))
@reports_errors
def edit(
    reference: PluginArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="A new name.")] = None,
    description: DescriptionOption = None,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a plugin's name or description."""
    client = open_client()
    plugin = require_resource(KIND, reference, client.plugins, group)
    edited = client.plugins.modify_by_id(
        plugin["id"],
        picked(name, plugin["name"]),
        picked(description, plugin.get("description")),
    )
    report_saved(KIND, edited, "Saved", as_json)


@app.command("delete", epilog=examples("dioptra plugins delete attacks --yes"))
@reports_errors
def delete(reference: PluginArgument, group: InGroupOption = None, yes: YesOption = False) -> None:
    """Delete a plugin and its files (asks first unless --yes)."""
    find_and_delete(KIND, reference, open_client().plugins, group, yes)


@app.command(
    "add-file",
    epilog=examples(
        "dioptra plugins add-file attacks fgm.py",
        "dioptra plugins add-file attacks fgm.py --task fgm --replace",
        "dioptra plugins add-file attacks fgm.py --type np_ndarray=NumpyArray",
    ),
)
@reports_errors
def add_file(
    reference: PluginArgument,
    path: Annotated[
        Path, typer.Argument(metavar="FILE.py", dir_okay=False, help="The Python file to add.")
    ],
    filename: Annotated[
        str | None,
        typer.Option(
            "--filename", metavar="NAME", help="Its name in the plugin (default: the file's name)."
        ),
    ] = None,
    task: Annotated[
        list[str] | None,
        typer.Option("--task", "-t", metavar="TASK", help="Register only this task (repeatable)."),
    ] = None,
    tasks_json: Annotated[
        Path | None,
        typer.Option(
            "--tasks-json",
            dir_okay=False,
            help="The tasks as JSON ({functions, artifacts}), instead of the analysis.",
        ),
    ] = None,
    type_map: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            metavar="NAME=TYPE",
            help="Register the parameter type the tasks name NAME (the analysis names a type "
            "after its annotation, e.g. np_ndarray) as your group's TYPE (repeatable).",
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the plugin's file of the same name.")
    ] = False,
    description: Annotated[
        str | None, typer.Option("--description", help="What the file holds.")
    ] = None,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a Python file to a plugin, registering the tasks the server finds in it."""
    contents = read_text_file(path, "FILE.py")
    name = filename or path.name
    given_tasks = None if tasks_json is None else read_tasks_json(tasks_json)
    renames = type_renames(type_map or [])
    client = open_client()
    plugin = require_resource(KIND, reference, client.plugins, group)
    existing = next((f for f in plugin.get("files") or [] if f["filename"] == name), None)
    if existing is not None and not replace:
        raise CliError(
            f"Plugin {plugin['name']!r} already has a file {name!r} (id {existing['id']}); "
            "add --replace to replace it, or --filename to add it under another name."
        )
    if given_tasks is None:
        given_tasks = analyzed_tasks(client, contents, name)
    if task:
        given_tasks = only_tasks(given_tasks, task, name)
    if renames:
        given_tasks = renamed_types(given_tasks, renames, name)
    tasks = with_type_ids(client, given_tasks, plugin["group"], name)
    arguments = (name, contents, tasks.get("functions"), tasks.get("artifacts"), description)
    if existing is not None:
        saved = client.plugins.files.modify_by_id(plugin["id"], existing["id"], *arguments)
    else:
        saved = client.plugins.files.create(plugin["id"], *arguments)
    if as_json:
        print_json(saved)
        return
    verb = "Replaced" if existing is not None else "Added"
    print_note(
        f"{verb} [bold]{escape(name)}[/] (file id {saved['id']}) in plugin {escape(plugin['name'])}"
    )
    print_table(TASK_COLUMNS, task_rows([saved]), empty="No tasks registered.")


TASK_KINDS = ("functions", "artifacts")
PARAM_KEYS = ("inputParams", "outputParams")
TASKS_JSON_FORM = (
    '{"functions": [{"name": ..., "inputParams": [...], "outputParams": [...]}], '
    '"artifacts": [{"name": ..., "outputParams": [...]}]}'
)


@dataclass(frozen=True)
class FileTasks:
    """The tasks to register with a file, parameter types by name or id; `annotations`
    holds the Python annotation the analysis named each new type after."""

    tasks: dict[str, list[dict[str, Any]]]
    annotations: dict[str, str] = field(default_factory=dict)


def _files_and_task_count(plugin: dict[str, Any]) -> tuple[str, int]:
    files = plugin.get("files") or []
    return ", ".join(f["filename"] for f in files), len(task_rows(files))


def read_tasks_json(path: Path) -> FileTasks:
    """The tasks of `--tasks-json` (a usage error unless they have the form to send)."""
    tasks = json_argument(read_text_file(path, "--tasks-json"), "--tasks-json")
    well_formed = isinstance(tasks, dict) and all(
        kind in TASK_KINDS
        and isinstance(entries, list)
        and all(_is_task(entry) for entry in entries)
        for kind, entries in tasks.items()
    )
    if not well_formed:
        raise UsageProblem(f"--tasks-json must have the form {TASKS_JSON_FORM}.")
    return FileTasks(tasks)


def _is_task(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and all(
            isinstance(entry.get(key, []), list)
            and all(isinstance(param, dict) for param in entry.get(key, []))
            for key in PARAM_KEYS
        )
    )


def analyzed_tasks(client: Client, contents: str, filename: str) -> FileTasks:
    """The tasks the server's signature analysis finds, in the plugin-file body's form
    (parameter types still by name)."""
    analysis = client.workflows.analyze_plugin_task_signatures(contents)
    found = [*analysis.get("tasks", []), *analysis.get("artifactTasks", [])]
    functions = [
        {
            "name": t["name"],
            "inputParams": [
                {"name": i["name"], "parameterType": i["type"], "required": i["required"]}
                for i in t.get("inputs", [])
            ],
            "outputParams": _outputs(t),
        }
        for t in analysis.get("tasks", [])
    ]
    artifacts = [
        {"name": t["name"], "outputParams": _outputs(t)} for t in analysis.get("artifactTasks", [])
    ]
    if not found:
        print_note(f"[yellow]No tasks found in {escape(filename)}[/] (it is added as a module).")
    annotations = {m["name"]: m["description"] for t in found for m in t.get("missing_types", [])}
    return FileTasks({"functions": functions, "artifacts": artifacts}, annotations)


def _outputs(task: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": o["name"], "parameterType": o["type"]} for o in task.get("outputs", [])]


def only_tasks(file_tasks: FileTasks, names: list[str], filename: str) -> FileTasks:
    """The tasks named by `--task`; a name that is not among them is a usage error."""
    tasks = file_tasks.tasks
    found = [t["name"] for kind in TASK_KINDS for t in tasks.get(kind, [])]
    unknown = [n for n in names if n not in found]
    if unknown:
        raise UsageProblem(
            f"No task {', '.join(map(repr, unknown))} in {filename}; "
            f"its tasks are: {', '.join(found) or 'none'}."
        )
    kept = {kind: [t for t in tasks.get(kind, []) if t["name"] in names] for kind in TASK_KINDS}
    return FileTasks(kept, file_tasks.annotations)


def type_renames(pairs: list[str]) -> dict[str, str]:
    """`--type NAME=TYPE` options as a mapping (a usage error for any other form)."""
    renames: dict[str, str] = {}
    for pair in pairs:
        name, equals, type_name = (part.strip() for part in pair.partition("="))
        if not equals or not name or not type_name:
            raise UsageProblem(
                f"--type takes NAME=TYPE (e.g. np_ndarray=NumpyArray), not {pair!r}."
            )
        renames[name] = type_name
    return renames


def renamed_types(file_tasks: FileTasks, renames: dict[str, str], filename: str) -> FileTasks:
    """The tasks with each parameter type named in `renames` replaced by its new name;
    a name no task uses is a usage error (a typo would otherwise pass silently)."""
    used = {
        param.get("parameterType")
        for kind in TASK_KINDS
        for task in file_tasks.tasks.get(kind, [])
        for key in PARAM_KEYS
        for param in task.get(key, [])
    }
    unused = [name for name in renames if name not in used]
    if unused:
        named = ", ".join(sorted(str(n) for n in used if isinstance(n, str))) or "none"
        raise UsageProblem(
            f"No task of {filename} uses the type {', '.join(map(repr, unused))}; "
            f"the types its tasks use: {named}."
        )

    def renamed(task: dict[str, Any]) -> dict[str, Any]:
        return {
            **task,
            **{
                key: [
                    {
                        **param,
                        "parameterType": renames.get(
                            param.get("parameterType"), param.get("parameterType")
                        ),
                    }
                    for param in task[key]
                ]
                for key in PARAM_KEYS
                if key in task
            },
        }

    tasks = {kind: [renamed(t) for t in file_tasks.tasks.get(kind, [])] for kind in TASK_KINDS}
    return FileTasks(tasks, file_tasks.annotations)


def with_type_ids(
    client: Client, file_tasks: FileTasks, group: dict[str, Any], filename: str
) -> dict[str, list[dict[str, Any]]]:
    """The tasks with every parameter type given by name replaced by its id in the
    plugin's group; types the group lacks are one error naming them all."""
    type_ids = {
        t["name"]: t["id"] for t in list_resources(client.plugin_parameter_types, group["id"])
    }
    missing: dict[str, list[str]] = {}

    def with_ids(task: dict[str, Any]) -> dict[str, Any]:
        converted = dict(task)
        for key in (key for key in PARAM_KEYS if key in task):
            converted[key] = []
            for param in task[key]:
                kind = param.get("parameterType")
                if isinstance(kind, str) and kind not in type_ids:
                    missing.setdefault(kind, []).append(f"{task['name']}.{param.get('name')}")
                converted[key].append({**param, "parameterType": type_ids.get(kind, kind)})
        return converted

    tasks = {kind: [with_ids(t) for t in file_tasks.tasks.get(kind, [])] for kind in TASK_KINDS}
    if missing:
        listed = "; ".join(
            _missing_type(name, uses, file_tasks.annotations.get(name))
            for name, uses in missing.items()
        )
        raise CliError(
            f"{filename} uses parameter types that group {group['name']!r} does not have: "
            f"{listed}. Create them first, e.g. `dioptra types create {next(iter(missing))}`, "
            "or pick tasks with --task."
        )
    return tasks


def _missing_type(name: str, uses: list[str], annotation: str | None) -> str:
    annotated = f"for `{annotation}`, " if annotation else ""
    return f"{name} ({annotated}used by {', '.join(uses)})"


def task_rows(files: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """One row per task of the files: name, kind, file, inputs and outputs with types."""
    return [
        (
            t["name"],
            "artifact" if kind == "artifacts" else "function",
            f["filename"],
            _params(t.get("inputParams", [])),
            _params(t.get("outputParams", [])),
        )
        for f in files
        for kind in ("functions", "artifacts")
        for t in (f.get("tasks") or {}).get(kind, [])
    ]


def _params(params: list[dict[str, Any]]) -> str:
    """`name: Type` for each, `?` marking an optional input."""
    return ", ".join(
        f"{p['name']}{'' if p.get('required', True) else '?'}: {_type_name(p['parameterType'])}"
        for p in params
    )


def _type_name(parameter_type: Any) -> str:
    return (
        str(parameter_type.get("name")) if isinstance(parameter_type, dict) else str(parameter_type)
    )
