"""What the resource command groups (plugins, entrypoints, experiments, types) share:
listing, `show` or its `--json`, confirmed deletion, and reading JSON or file options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from dioptra.cli.commands.errors import UsageProblem
from dioptra.cli.commands.lookup import all_items, require_resource
from dioptra.cli.output import print_json, print_note, print_table, short_time, stdout_console


def list_resources(collection: Any, group_id: int | None) -> list[dict[str, Any]]:
    """Every resource of a collection in the user's groups (or in one group)."""
    return list(
        all_items(
            lambda index, length: collection.get(group_id=group_id, index=index, page_length=length)
        )
    )


def names(items: list[dict[str, Any]] | None) -> str:
    """The names of linked resources, comma-separated, for a table cell."""
    return ", ".join(str(item["name"]) for item in items or [])


def listing_row(resource: dict[str, Any], *middle: Any) -> tuple[Any, ...]:
    """A `list` row: id, name and group first, the description last."""
    group = resource.get("group") or {}
    return (
        resource["id"],
        resource["name"],
        group.get("name"),
        *middle,
        resource.get("description"),
    )


def print_listing(
    resources: list[dict[str, Any]],
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    empty: str,
    as_json: bool,
) -> None:
    """The listing as a table, or with `--json` as the server's items."""
    if as_json:
        print_json(resources)
    else:
        print_table(columns, rows, empty=empty)


def common_fields(resource: dict[str, Any]) -> list[tuple[str, Any]]:
    """The fields every versioned resource has, for the top of `show`."""
    group = resource.get("group") or {}
    return [
        ("id", resource.get("id")),
        ("name", resource.get("name")),
        ("group", f"{group.get('name')} (id {group.get('id')})" if group else None),
        ("description", resource.get("description")),
        ("created", short_time(resource.get("createdOn"))),
        ("last change", short_time(resource.get("lastModifiedOn"))),
        ("tags", ", ".join(t["name"] for t in resource.get("tags") or [])),
    ]


def report_saved(kind: str, resource: dict[str, Any], verb: str, as_json: bool) -> None:
    """After a create or edit: the resource's JSON, or a note and its id on stdout."""
    if as_json:
        print_json(resource)
        return
    print_note(f"{verb} {kind} [bold]{escape(str(resource['name']))}[/] (id {resource['id']})")
    stdout_console().print(resource["id"])


def find_and_delete(
    kind: str, reference: str, collection: Any, group_id: int | None, yes: bool
) -> None:
    """Deletes the resource named, asking first unless `yes` (answering no changes
    nothing)."""
    resource = require_resource(kind, reference, collection, group_id)
    label = f"{kind} {resource['name']!r} (id {resource['id']})"
    if not yes:
        typer.confirm(f"Delete {label}?", abort=True, err=True)
    collection.delete_by_id(resource["id"])
    print_note(f"Deleted {escape(label)}")


def resource_to_show(
    kind: str, reference: str, collection: Any, group_id: int | None, as_json: bool
) -> dict[str, Any] | None:
    """The resource named, for `show` to draw; None once `--json` has printed it."""
    resource = require_resource(kind, reference, collection, group_id)
    if as_json:
        print_json(resource)
        return None
    return resource


def json_argument(text: str, option: str) -> Any:
    """The JSON an option was given, or a usage error naming the option."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageProblem(f"{option} is not valid JSON: {error}") from error


def read_text_file(path: Path, option: str) -> str:
    """The text of a file named by an option (a usage error when it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageProblem(f"{option}: cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise UsageProblem(f"{option}: {path} is not UTF-8 text ({error.reason})") from error


def picked(given: Any, current: Any) -> Any:
    """For `edit`: the option's value when given, else what the resource has."""
    return current if given is None else given
