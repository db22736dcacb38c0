"""`dioptra types list|show|create|edit|delete`: the plugin parameter types of task
inputs and outputs."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from dioptra.cli.commands.connection import open_client
from dioptra.cli.commands.errors import reports_errors
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
    report_saved,
    resource_to_show,
)
from dioptra.cli.output import examples, fields_table, stdout_console

app = typer.Typer(help="List, show, create, edit and delete plugin parameter types.")

KIND = "parameter type"
TypeArgument = Annotated[str, typer.Argument(metavar="TYPE", help="The type's name or id.")]
StructureOption = Annotated[
    str | None,
    typer.Option("--structure", metavar="JSON", help='Its structure, e.g. \'{"list": "number"}\'.'),
]
DescriptionOption = Annotated[str | None, typer.Option("--description", help="What it holds.")]


@app.command("list", epilog=examples("dioptra types list --group 1"))
@reports_errors
def list_types(group: InGroupOption = None, as_json: JsonOption = False) -> None:
    """List the parameter types of your groups (built-in ones included)."""
    types = list_resources(open_client().plugin_parameter_types, group)
    rows = [listing_row(t, _structure(t)) for t in types]
    columns = ("id", "name", "group", "structure", "description")
    print_listing(types, columns, rows, "No parameter types.", as_json)


@app.command("show", epilog=examples("dioptra types show NumpyArray"))
@reports_errors
def show(reference: TypeArgument, group: InGroupOption = None, as_json: JsonOption = False) -> None:
    """Show a parameter type and its structure."""
    found = resource_to_show(KIND, reference, open_client().plugin_parameter_types, group, as_json)
    if found is None:
        return
    fields = [*common_fields(found), ("structure", _structure(found))]
    stdout_console().print(fields_table(f"Parameter type {found['name']}", fields))


@app.command(
    "create",
    epilog=examples('dioptra types create Scores --structure \'{"list": "number"}\''),
)
@reports_errors
def create(
    name: Annotated[str, typer.Argument(help="The type's name (unique in its group).")],
    structure: StructureOption = None,
    description: DescriptionOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a parameter type for task inputs and outputs."""
    parsed = _structure_argument(structure)
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    created = client.plugin_parameter_types.create(
        group_id, name, description=description, structure=parsed
    )
    report_saved(KIND, created, "Created", as_json)


@app.command("edit", epilog=examples("dioptra types edit Scores --description 'Per-class scores'"))
@reports_errors
def edit(
    reference: TypeArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="A new name.")] = None,
    structure: StructureOption = None,
    description: DescriptionOption = None,
    group: InGroupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a parameter type's name, description or structure."""
    parsed = _structure_argument(structure)
    client = open_client()
    found = require_resource(KIND, reference, client.plugin_parameter_types, group)
    edited = client.plugin_parameter_types.modify_by_id(
        found["id"],
        picked(name, found["name"]),
        picked(description, found.get("description")),
        picked(parsed, found.get("structure")),
    )
    report_saved(KIND, edited, "Saved", as_json)


@app.command("delete", epilog=examples("dioptra types delete Scores --yes"))
@reports_errors
def delete(reference: TypeArgument, group: InGroupOption = None, yes: YesOption = False) -> None:
    """Delete a parameter type (asks first unless --yes)."""
    find_and_delete(KIND, reference, open_client().plugin_parameter_types, group, yes)


def _structure(parameter_type: dict[str, Any]) -> str | None:
    structure = parameter_type.get("structure")
    return json.dumps(structure, sort_keys=True) if structure else None


def _structure_argument(text: str | None) -> dict[str, Any] | None:
    return None if text is None else json_argument(text, "--structure")
