"""What `dioptra run` submits to: the experiment, entrypoint and queue, by name.

Everything is looked up first and every problem reported before anything changes on
the server. Then an entrypoint not yet part of the experiment is linked to it and a
queue named with --queue is attached to the entrypoint (both only add a link, and say
so); creating a missing experiment takes `--create-experiment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.markup import escape

from dioptra.cli.commands.connection import Client
from dioptra.cli.commands.errors import CliError
from dioptra.cli.commands.lookup import find_by_name_or_id, require_by_name_or_id
from dioptra.cli.output import print_note

CREATE_HINT = "add --create-experiment to"


@dataclass(frozen=True)
class Target:
    """Resolved ids, and names for messages."""

    experiment_id: int
    experiment_name: str
    entrypoint_id: int
    entrypoint_name: str
    queue_id: int
    queue_name: str


def resolve_target(
    client: Client,
    experiment_ref: str,
    entrypoint_ref: str,
    queue_ref: str | None,
    create_missing: bool,
) -> Target:
    """Ids for the names given; creates and links what is missing when asked to."""
    entrypoint = require_by_name_or_id(
        "entrypoint", entrypoint_ref, client.entrypoints.get, client.entrypoints.get_by_id
    )
    experiment = find_by_name_or_id(
        "experiment", experiment_ref, client.experiments.get, client.experiments.get_by_id
    )
    queue = _queue(client, entrypoint, queue_ref)
    entrypoint_linked = experiment is not None and entrypoint["id"] in {
        e["id"] for e in experiment.get("entrypoints", [])
    }
    queue_attached = queue["id"] in {q["id"] for q in entrypoint.get("queues") or []}

    if experiment is None and not create_missing:
        raise CliError(
            f"No experiment named {experiment_ref!r} in your groups ({CREATE_HINT} create it)."
        )

    if experiment is None:
        experiment = client.experiments.create(
            entrypoint["group"]["id"], experiment_ref, entrypoints=[entrypoint["id"]]
        )
        print_note(f"Created experiment {escape(experiment_ref)} (id {experiment['id']})")
    elif not entrypoint_linked:
        client.experiments.entrypoints.create(experiment["id"], [entrypoint["id"]])
        print_note(
            f"Linked entrypoint {escape(entrypoint['name'])} to {escape(experiment['name'])}"
        )
    if not queue_attached:
        client.entrypoints.queues.create(entrypoint["id"], [queue["id"]])
        print_note(f"Attached queue {escape(queue['name'])} to {escape(entrypoint['name'])}")

    return Target(
        experiment_id=int(experiment["id"]),
        experiment_name=str(experiment["name"]),
        entrypoint_id=int(entrypoint["id"]),
        entrypoint_name=str(entrypoint["name"]),
        queue_id=int(queue["id"]),
        queue_name=str(queue["name"]),
    )


def _queue(client: Client, entrypoint: dict[str, Any], queue_ref: str | None) -> dict[str, Any]:
    """The queue named, else the entrypoint's first."""
    if queue_ref is not None:
        return require_by_name_or_id(
            "queue",
            queue_ref,
            client.queues.get,
            client.queues.get_by_id,
            hint=f" (create it with `dioptra queues create {queue_ref}`)",
        )
    attached = entrypoint.get("queues") or []
    if not attached:
        raise CliError(
            f"Entrypoint {entrypoint['name']!r} has no queue; name one with --queue "
            "(it is attached to the entrypoint)."
        )
    return dict(attached[0])
