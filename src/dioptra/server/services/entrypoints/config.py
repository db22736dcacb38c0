"""What an entrypoint version looks like once its swaps are chosen (Dioptra 1.2).

- ``render_config``: the config document (``.../config`` and a job's config) with the
  chosen aliases, the requested sections, parameters cut down to those the rendered
  graph uses, validated unless partial;
- ``swap_choices``: one item per (swap, alias) with the task it calls and the globals
  it needs (``.../swaps``);
- ``graph_globals``: the parameters, step order and plugins a choice of swaps needs
  (``.../dynamicGlobalParameters``).
"""

from __future__ import annotations

import graphlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dioptra.engine import compile_swaps, graph_reference_roots, list_swaps, render_swaps, validate
from dioptra.engine.collector import IssueCollector
from dioptra.engine.document import ExperimentDocument
from dioptra.engine.references import iter_references
from dioptra.engine.semantics import step_edges
from dioptra.engine.structure import parse_document
from dioptra.engine.swaps import SwapInfo
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.entrypoints.document import EntrypointDocument
from dioptra.server.services.entrypoints.errors import (
    EntrypointSwapsRenderError,
    EntrypointValidationError,
    TasksNotFoundError,
)
from dioptra.server.services.entrypoints.plugins import Bindings
from dioptra.server.services.entrypoints.version import EntrypointContent, ParameterDecl
from dioptra.server.services.plugins import plugins as plugin_service

SECTIONS = ("types", "parameters", "tasks", "graph", "artifact_outputs", "artifact_inputs")


def _graph_requested(sections: Collection[str] | None) -> bool:
    return sections is None or "graph" in sections or "tasks" in sections


def check_choices(
    swaps: Sequence[SwapInfo], choices: Mapping[str, str], *, require_all: bool
) -> bool:
    """Raises ``EntrypointSwapsRenderError`` for choices that do not fit (in 1.2's
    order: missing, unknown swap, unknown alias); True when every swap is chosen."""
    by_name = {swap.swap_name: swap for swap in swaps}
    missing = [name for name in by_name if name not in choices]
    if missing and require_all:
        raise EntrypointSwapsRenderError(f"Swaps {missing} needed by graph but not provided.")
    unused = [name for name in choices if name not in by_name]
    if unused:
        raise EntrypointSwapsRenderError(f"Swaps {unused} were provided but not used.")
    unknown = [alias for name, alias in choices.items() if alias not in by_name[name].aliases]
    if unknown:
        raise EntrypointSwapsRenderError(f"Tasks {unknown} requested for swaps but were not found.")
    return not missing


def render_config(
    built: EntrypointDocument,
    choices: Mapping[str, str],
    *,
    partial: bool = False,
    sections: Collection[str] | None = None,
    filter_parameters: bool = True,
) -> dict[str, Any]:
    """The config document for a choice of swaps (see the module doc).

    Swaps must all be chosen unless ``partial`` or the sections leave out both
    ``graph`` and ``tasks``; unchosen swaps then keep every alias. Raises
    ``EntrypointSwapsRenderError`` and, for a rendering that does not validate,
    ``EntrypointValidationError`` (``rendered_validation_errors``).
    """
    document = built.document
    needs_graph = _graph_requested(sections)
    resolved = check_choices(list_swaps(document), choices, require_all=needs_graph and not partial)
    rendered = render_swaps(document, choices, partial=True)
    if resolved and not partial and filter_parameters:
        used = graph_reference_roots(rendered)
        rendered["parameters"] = {
            name: entry for name, entry in rendered["parameters"].items() if name in used
        }
    if resolved and not partial and (sections is None or "graph" in sections):
        compiled = compile_swaps(rendered, choices)
        issues = validate(
            compiled, artifact_tasks=built.artifact_tasks, source_map=built.source_map
        )
        errors = [str(issue) for issue in issues if issue.is_error]
        if errors:
            raise EntrypointValidationError({"rendered_validation_errors": errors})
    return {key: rendered[key] for key in SECTIONS if sections is None or key in sections}


# -- swaps listing -------------------------------------------------------------------------


@dataclass(frozen=True)
class SwapChoice:
    """One alias of one swap: what ``.../swaps`` and a job's ``swaps`` show."""

    swap_name: str
    task_alias: str
    task_name: str
    # Globals and artifact inputs the alias refers to (not steps), in order of use.
    entrypoint_keyword_args: list[str]
    plugin_file_snapshot_id: int


def function_task_files(ctx: ServiceContext, bindings: Bindings) -> dict[str, int]:
    """Function task name -> the file snapshot registering it (a later plugin wins, as
    the document's ``tasks`` does)."""
    files = plugin_service.linked_files(ctx, bindings.plugins)
    found: dict[str, int] = {}
    for snapshot_id in bindings.plugins:
        for plugin_file in files.get(snapshot_id, ()):
            for task in plugin_file.tasks:
                if task.kind == "function":
                    found[task.name] = plugin_file.file_snapshot_id
    return found


def swap_choices(document: Mapping[str, Any], task_files: Mapping[str, int]) -> list[SwapChoice]:
    """Every (swap, alias) of the graph, in document order; an alias calling a task no
    bound plugin registers raises ``TasksNotFoundError``."""
    graph = document.get("graph") or {}
    steps = set(graph)
    choices: list[SwapChoice] = []
    not_found: list[str] = []
    for swap in list_swaps(document):
        body = graph[swap.step][f"?{swap.swap_name}"]
        for alias, task in swap.aliases.items():
            if task not in task_files:
                not_found.append(task)
                continue
            roots = [reference.root for reference, _ in iter_references(body[alias])]
            choices.append(
                SwapChoice(
                    swap_name=swap.swap_name,
                    task_alias=alias,
                    task_name=task,
                    entrypoint_keyword_args=[r for r in dict.fromkeys(roots) if r not in steps],
                    plugin_file_snapshot_id=task_files[task],
                )
            )
    if not_found:
        raise TasksNotFoundError(list(dict.fromkeys(not_found)))
    return choices


# -- dynamic global parameters ----------------------------------------------------------------


@dataclass(frozen=True)
class GraphGlobals:
    parameters: list[ParameterDecl]
    step_order: list[str]
    active_plugins: list[str]


def _model(document: Mapping[str, Any]) -> ExperimentDocument | None:
    return parse_document(document, IssueCollector())


def _step_order(model: ExperimentDocument) -> list[str]:
    edges = {name: step_edges(step, model, set()) for name, step in model.steps.items()}
    try:
        return list(graphlib.TopologicalSorter(edges).static_order())
    except graphlib.CycleError:  # saved graphs are acyclic; keep the written order
        return list(model.steps)


def _used_tasks(model: ExperimentDocument) -> set[str]:
    used: set[str] = set()
    for step in model.steps.values():
        invocations = list(step.swap.aliases.values()) if step.swap else [step.invocation]
        used.update(invocation.task for invocation in invocations if invocation is not None)
    return used


def graph_globals(
    built: EntrypointDocument,
    content: EntrypointContent,
    plugin_names: Sequence[str],
    choices: Mapping[str, str],
) -> GraphGlobals:
    """What the graph rendered with ``choices`` needs: the declared parameters it
    refers to (declaration order), its steps in execution order and the bound plugins
    (``plugin_names``, binding order) whose tasks it calls."""
    document = built.document
    check_choices(list_swaps(document), choices, require_all=True)
    rendered = render_swaps(document, choices)
    used = graph_reference_roots(rendered)
    model = _model(rendered)
    order = _step_order(model) if model is not None else list(rendered.get("graph") or {})
    tasks = rendered.get("tasks") or {}
    active = {
        str(tasks[name]["plugin"]).split(".")[0]
        for name in (_used_tasks(model) if model is not None else set())
        if name in tasks
    }
    return GraphGlobals(
        parameters=[p for p in content.parameters if p.name in used],
        step_order=order,
        active_plugins=[name for name in dict.fromkeys(plugin_names) if name in active],
    )
