"""Swaps (Dioptra 1.2): graph steps that offer several interchangeable task calls.

```yaml
train:
  ?model:                  # the swap "model"
    ?outputs: [trained]    # the output names the step exposes, whatever the choice
    small: {fit_small: [$data]}
    large: {task: fit_large, kwargs: {data: $data}}
  dependencies: [prep]
```

``render_swaps`` keeps the public shape with only the chosen alias;
``compile_swaps`` turns each chosen alias into an ordinary step that calls a private
copy of its task whose outputs carry the ``?outputs`` names.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dioptra.engine.collector import IssueCollector
from dioptra.engine.errors import DocumentTooLargeError, SwapError
from dioptra.engine.issues import Issue, IssueKind
from dioptra.engine.limits import check_swap_step_checks
from dioptra.engine.references import iter_references
from dioptra.engine.source_map import SourceMap
from dioptra.engine.structure import parse_document
from dioptra.engine.swap_choice import (
    check_swaps,
    choice_label,
    choose,
    private_task_name,
    renderings,
)
from dioptra.engine.validation import (
    ArtifactTaskSchemas,
    check_definitions,
    check_graph,
    guarded,
    load_document,
)


@dataclass(frozen=True)
class SwapInfo:
    """One swap: its name, its step, ``aliases`` (alias -> task name) and ``outputs``."""

    swap_name: str
    step: str
    aliases: dict[str, str] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)


class CompiledDocument(dict[str, Any]):
    """A document from ``compile_swaps``: a plain dict that also remembers how to name
    its private tasks in messages (``validate`` and ``run_experiment`` use it)."""

    private_tasks: dict[str, str]

    def __init__(self, *args: Any, private_tasks: Mapping[str, str] | None = None) -> None:
        super().__init__(*args)
        self.private_tasks = dict(private_tasks or {})


def _graph(document: Any) -> Mapping[Any, Any]:
    graph = document.get("graph") if isinstance(document, Mapping) else None
    return graph if isinstance(graph, Mapping) else {}


def _swap_keys(graph: Mapping[Any, Any]) -> Iterator[tuple[Any, str, Mapping[Any, Any]]]:
    """(step name, swap key, swap body) for every well-shaped swap in the graph."""
    for step, body in graph.items():
        if not isinstance(body, Mapping):
            continue
        for key, swap in body.items():
            if isinstance(key, str) and key.startswith("?") and isinstance(swap, Mapping):
                yield step, key, swap


def _invoked_task(invocation: Any) -> str | None:
    if not isinstance(invocation, Mapping):
        return None
    if "task" in invocation:
        task = invocation["task"]
        return task if isinstance(task, str) else None
    keys = [key for key in invocation if key != "dependencies"]
    return keys[0] if len(keys) == 1 and isinstance(keys[0], str) else None


def list_swaps(document: Mapping[str, Any]) -> list[SwapInfo]:
    """Every swap of the graph, in document order (malformed aliases are left out)."""
    found = []
    for step, key, swap in _swap_keys(_graph(document)):
        outputs = swap.get("?outputs")
        aliases = {
            alias: task
            for alias, invocation in swap.items()
            if alias != "?outputs" and (task := _invoked_task(invocation)) is not None
        }
        found.append(
            SwapInfo(
                swap_name=key[1:],
                step=str(step),
                aliases=aliases,
                outputs=[str(o) for o in outputs] if isinstance(outputs, list) else [],
            )
        )
    return found


def render_swaps(
    document: Mapping[str, Any], choices: Mapping[str, str], *, partial: bool = False
) -> dict[str, Any]:
    """A copy of ``document`` where each chosen swap keeps only its chosen alias.

    Raises ``SwapError`` for an unknown swap or alias, and (unless ``partial``) when a
    swap with several aliases has no choice; with ``partial`` such swaps keep all.
    """
    swaps = {info.swap_name: info for info in list_swaps(document)}
    unknown = [name for name in choices if name not in swaps]
    if unknown:
        known = ", ".join(map(repr, swaps)) or "none"
        raise SwapError(f"unknown swap(s) {unknown}: the graph's swaps are {known}")
    for name, alias in choices.items():
        if alias not in swaps[name].aliases:
            aliases = ", ".join(map(repr, swaps[name].aliases))
            raise SwapError(f"swap {name!r} has no alias {alias!r} (its aliases: {aliases})")
    missing = [
        name for name, info in swaps.items() if name not in choices and len(info.aliases) != 1
    ]
    if missing and not partial:
        raise SwapError(f"Swaps {missing} needed by graph but not provided.")
    rendered = copy.deepcopy(dict(document))
    graph = _graph(rendered)
    for step, key, swap in list(_swap_keys(graph)):
        chosen = choices.get(key[1:])
        if chosen is not None:
            graph[step][key] = {"?outputs": swap.get("?outputs"), chosen: swap[chosen]}
    return rendered


def _outputs_list(outputs: Any) -> list[tuple[Any, Any]]:
    items = outputs if isinstance(outputs, list) else [outputs] if outputs else []
    return [next(iter(item.items())) for item in items if isinstance(item, Mapping) and item]


def compile_swaps(document: Mapping[str, Any], choices: Mapping[str, str]) -> CompiledDocument:
    """The document with every swap replaced by an ordinary step (see the module doc).

    Needs a choice for each swap that has several aliases; raises ``SwapError`` for bad
    choices and for an alias whose task is unknown or has the wrong number of outputs.
    """
    rendered = render_swaps(document, choices)
    tasks = rendered.get("tasks")
    tasks = dict(tasks) if isinstance(tasks, Mapping) else {}
    graph = dict(_graph(rendered))
    labels: dict[str, str] = {}
    taken = set(tasks)
    for step, key, swap in list(_swap_keys(graph)):
        name = key[1:]
        outputs = swap.get("?outputs")
        aliases = [alias for alias in swap if alias != "?outputs"]
        if len(aliases) != 1 or not isinstance(outputs, list):
            raise SwapError(f"swap {name!r} in step {step!r} is malformed; validate it first")
        alias = aliases[0]
        invocation = swap[alias]
        task_name = _invoked_task(invocation)
        task = tasks.get(task_name) if task_name is not None else None
        if not isinstance(task, Mapping) or task_name is None:
            raise SwapError(
                f"alias {alias!r} of swap {name!r} (step {step!r}) calls unknown task {task_name!r}"
            )
        declared = _outputs_list(task.get("outputs"))
        if len(declared) != len(outputs):
            raise SwapError(
                f"alias {alias!r} of swap {name!r} (step {step!r}) calls task {task_name!r}, "
                f"which has {len(declared)} output(s), but '?outputs' names {len(outputs)}"
            )
        private = private_task_name(str(step), task_name, taken)
        taken.add(private)
        renamed = [{new: type_name} for new, (_, type_name) in zip(outputs, declared, strict=True)]
        private_task = dict(task)
        if isinstance(task.get("outputs"), list):
            private_task["outputs"] = renamed
        elif renamed:
            private_task["outputs"] = renamed[0]
        tasks[private] = private_task
        labels[private] = choice_label(task_name, str(step), name, alias)
        assert isinstance(invocation, Mapping)
        if "task" in invocation:
            compiled: dict[Any, Any] = {**invocation, "task": private}
        else:
            compiled = {private: invocation[task_name]}
        step_body = graph[step]
        if isinstance(step_body, Mapping) and "dependencies" in step_body:
            compiled["dependencies"] = step_body["dependencies"]
        graph[step] = compiled
    result = CompiledDocument(rendered, private_tasks=labels)
    if "tasks" in rendered or tasks:
        result["tasks"] = tasks
    if "graph" in rendered:
        result["graph"] = graph
    return result


def validate_swappable(
    document: Mapping[str, Any] | str,
    *,
    artifact_tasks: ArtifactTaskSchemas | None = None,
    source_map: SourceMap | None = None,
) -> list[Issue]:
    """The save-time checks of Dioptra 1.2 for a document that may hold swaps.

    Structure, definitions and swap rules (unique names, one swap per step, known
    tasks, output counts and ordered output types), every alias's call and references,
    cycles over the union of all choices' dependencies; then, when all that passed,
    full validation of the default rendering and of each single-swap variation, with
    ``[Swap combination {...}]`` in front of their messages.
    """
    data, loaded_map, syntax_issue = load_document(document, source_map)
    if syntax_issue is not None:
        return [syntax_issue]
    collector = IssueCollector(loaded_map)

    def work() -> None:
        model = parse_document(data, collector)
        if model is None:
            return
        registry = check_definitions(model, collector)
        check_swaps(model, collector)
        check_graph(model, registry, artifact_tasks, collector)
        if collector.error_count() or not any(step.swap for step in model.steps.values()):
            return
        combinations = renderings(model)
        try:
            check_swap_step_checks(len(model.steps) * len(combinations))
        except DocumentTooLargeError as error:
            collector.add(IssueKind.SCHEMA, str(error), subject="graph")
            return
        seen = {issue.message for issue in collector.issues}
        for combination in combinations:
            rendered = IssueCollector(loaded_map, prefix=f"[Swap combination {combination!r}] ")
            check_graph(choose(model, combination), registry, artifact_tasks, rendered)
            for issue, plain in zip(
                rendered.issues, _unprefixed(rendered.issues, rendered.prefix), strict=True
            ):
                if plain not in seen:
                    seen.add(plain)
                    collector.issues.append(issue)

    return guarded(collector, work)


def _unprefixed(issues: list[Issue], prefix: str) -> list[str]:
    return [issue.message.removeprefix(prefix) for issue in issues]


def _argument_values(step: Any) -> list[Any]:
    """The argument parts of a raw step (every alias of a swap step), leaving out task
    names, dependencies and ``?outputs``, which are names, not references."""
    if not isinstance(step, Mapping):
        return []
    if "task" in step:
        return [step.get("args"), step.get("kwargs")]
    values: list[Any] = []
    for key, value in step.items():
        if key == "dependencies":
            continue
        if isinstance(key, str) and key.startswith("?") and isinstance(value, Mapping):
            for alias, invocation in value.items():
                if alias != "?outputs":
                    values.extend(_argument_values(invocation))
        else:
            values.append(value)
    return values


def graph_reference_roots(document: Mapping[str, Any]) -> set[str]:
    """Names that references in the graph (every swap alias included) and in artifact
    output ``contents`` point at, other than steps: the global parameters and artifact
    inputs the document needs."""
    graph = _graph(document)
    roots: set[str] = set()
    for body in graph.values():
        for value in _argument_values(body):
            roots.update(reference.root for reference, _ in iter_references(value))
    outputs = document.get("artifact_outputs") if isinstance(document, Mapping) else None
    if isinstance(outputs, Mapping):
        for output in outputs.values():
            if isinstance(output, Mapping):
                contents = output.get("contents")
                roots.update(reference.root for reference, _ in iter_references(contents))
    return {root for root in roots if root not in graph}
