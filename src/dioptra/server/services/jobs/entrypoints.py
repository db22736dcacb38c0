"""What jobs need to know of an entrypoint version, through the entrypoint family's
stable API (``services.entrypoints.entrypoints``): parameters, artifact parameters, swaps, and the
parameters a rendered graph uses. One narrow door, so the job services do not depend on
how entrypoint snapshots are stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dioptra.engine import YamlSyntaxError, graph_reference_roots, load_yaml
from dioptra.engine.graph_cycles import find_cycles
from dioptra.server.services.core.bounded_cache import BoundedCache
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.entrypoints import entrypoints
from dioptra.server.services.entrypoints.config import SwapChoice
from dioptra.server.services.entrypoints.entrypoints import EntrypointVersion
from dioptra.server.services.entrypoints.errors import EntrypointValidationError
from dioptra.server.services.entrypoints.version import (
    ParameterDecl,
    artifact_type_snapshot_ids,
)
from dioptra.server.services.plugins.parameter_types import load_type_refs

__all__ = ["EntrypointVersion", "SwapChoice"]


@dataclass(frozen=True)
class ArtifactOutput:
    name: str
    type_id: int
    type_name: str


@dataclass(frozen=True)
class ArtifactParameter:
    name: str
    outputs: tuple[ArtifactOutput, ...]


def load_version(
    ctx: ServiceContext, entrypoint_id: int, snapshot_id: int | None = None
) -> EntrypointVersion:
    """The given snapshot of the entrypoint, else its latest (404 when the snapshot is
    not one of it, 423 when the entrypoint is deleted)."""
    return entrypoints.entrypoint_snapshot_for_job(ctx, entrypoint_id, snapshot_id)


def parameters(version: EntrypointVersion) -> tuple[ParameterDecl, ...]:
    return version.content.parameters


def artifact_parameters(
    ctx: ServiceContext, version: EntrypointVersion
) -> tuple[ArtifactParameter, ...]:
    """The artifact parameters with their output types' ids and names."""
    content = version.content
    refs = load_type_refs(ctx, artifact_type_snapshot_ids(content))
    return tuple(
        ArtifactParameter(
            a.name,
            tuple(
                ArtifactOutput(
                    o.name,
                    o.parameter_type_id,
                    ref.name if (ref := refs.get(o.parameter_type_snapshot_id or 0)) else "",
                )
                for o in a.outputs
            ),
        )
        for a in content.artifact_parameters
    )


def _graph(version: EntrypointVersion) -> Mapping[str, Any]:
    try:
        graph, _ = load_yaml(version.content.task_graph)
    except YamlSyntaxError:
        return {}  # saved snapshots parse; the config endpoint reports YAML errors
    return graph if isinstance(graph, Mapping) else {}


def _step_dependencies(graph: Mapping[str, Any]) -> dict[str, list[str]]:
    """step -> the steps it depends on under any swap choice (references + explicit),
    in the graph's order."""
    order = {str(step): index for index, step in enumerate(graph)}
    edges: dict[str, list[str]] = {}
    for step, body in graph.items():
        referenced = graph_reference_roots({"graph": {step: body}})
        explicit = body.get("dependencies") if isinstance(body, Mapping) else None
        named = {str(d) for d in explicit} if isinstance(explicit, list) else set()
        edges[str(step)] = sorted(
            (name for name in referenced | named if name in order), key=order.__getitem__
        )
    return edges


# Dependency cycles of snapshots (a snapshot's graph never changes; its creation time is
# in the key so that an id naming something else is never taken for it): [] when none.
_CYCLES: BoundedCache[tuple[int, dt.datetime], list[list[str]]] = BoundedCache(capacity=256)


def check_dependency_cycles(ctx: ServiceContext, version: EntrypointVersion) -> None:
    """Versions are validated when saved; this guards jobs against any saved before
    that rule, as 1.2 does at submission. Each snapshot's graph is parsed once."""
    key = (version.snapshot_id, version.snapshot_created_on)
    cycles = _CYCLES.get(key)
    if cycles is None:
        ctx.costly_work_ahead()
        cycles = find_cycles(_step_dependencies(_graph(version)))
        _CYCLES.remember(key, cycles)
    if cycles:
        raise EntrypointValidationError(
            {
                "swap_issues": [
                    f"Steps {' -> '.join(cycle)} depend on each other in a cycle"
                    for cycle in cycles
                ]
            }
        )


def check_artifact_tasks(ctx: ServiceContext, version: EntrypointVersion) -> None:
    """Every artifact task the artifact graph names is registered by a bound artifact
    plugin (``ArtifactTaskNotRegisteredError`` otherwise; the save only warned)."""
    entrypoints.check_artifact_tasks_registered(ctx, version)


def swap_choices(ctx: ServiceContext, version: EntrypointVersion) -> list[SwapChoice]:
    """Every (swap, alias) of the version with its task and the task's file snapshot."""
    return entrypoints.snapshot_swap_choices(ctx, version)


def used_parameters(
    ctx: ServiceContext, version: EntrypointVersion, choices: Mapping[str, str]
) -> set[str]:
    """The declared parameters the graph rendered with ``choices`` refers to."""
    return set(entrypoints.used_parameter_names(ctx, version, choices))


def plugin_snapshot_ids(version: EntrypointVersion) -> set[int]:
    """The task and artifact plugin snapshots the version is bound to."""
    return set(version.bindings.plugins) | set(version.bindings.artifact_plugins)


def swap_wire(choice: SwapChoice) -> dict[str, Any]:
    """A chosen swap as the job JSON shows it."""
    return {
        "swapName": choice.swap_name,
        "taskAlias": choice.task_alias,
        "taskName": choice.task_name,
        "pluginFileResourceSnapshotId": choice.plugin_file_snapshot_id,
    }


def load_snapshot(ctx: ServiceContext, entrypoint_snapshot_id: int) -> EntrypointVersion:
    """Any visible entrypoint snapshot by id (deleted entrypoints included)."""
    return entrypoints.load_version(ctx, entrypoint_snapshot_id)
