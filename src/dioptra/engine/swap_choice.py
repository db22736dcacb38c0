"""Swaps on the normalised document: structure checks and choosing aliases.

Choosing compiles a swap step into an ordinary one: the chosen alias's task is copied
as a private task ``<step>_<task>`` whose outputs take the names in ``?outputs``, and
messages name it the way the user wrote it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from dioptra.engine.collector import IssueCollector, quoted
from dioptra.engine.document import ExperimentDocument, Invocation, Port, Step, TaskDef
from dioptra.engine.issues import IssueKind

SEMANTIC = IssueKind.SEMANTIC


def swap_steps(model: ExperimentDocument) -> list[Step]:
    return [step for step in model.steps.values() if step.swap is not None]


def private_task_name(step: str, task: str, taken: set[str]) -> str:
    name = f"{step}_{task}"
    while name in taken:
        name += "_"
    return name


def choice_label(task: str, step: str, swap: str, alias: str) -> str:
    return f"{task!r} (step {step!r}, swap {swap!r}, choice {alias!r})"


def check_swaps(model: ExperimentDocument, collector: IssueCollector) -> None:
    """Unique swap names; every alias's task has ``len(?outputs)`` outputs of the
    same ordered types as the other aliases'."""
    owners: dict[str, str] = {}
    for step in swap_steps(model):
        swap = step.swap
        assert swap is not None
        subject = f"step {step.name!r}, swap {swap.name!r}"
        if swap.name in owners:
            collector.add(
                SEMANTIC,
                f"the swap name {swap.name!r} is already used in step {owners[swap.name]!r}",
                path=swap.path,
                subject=subject,
                step=step.name,
            )
        owners.setdefault(swap.name, step.name)
        signatures: dict[str, tuple[str, ...]] = {}
        for alias, invocation in swap.aliases.items():
            task = model.tasks.get(invocation.task) if invocation is not None else None
            if task is None or task.outputs is None:
                continue  # unknown tasks are reported with the step's other checks
            if len(task.outputs) != len(swap.outputs):
                collector.add(
                    SEMANTIC,
                    f"alias {alias!r} calls {task.label}, which has {len(task.outputs)} "
                    f"output(s), but '?outputs' names {len(swap.outputs)}",
                    path=(*swap.path, alias),
                    subject=subject,
                    step=step.name,
                )
                continue
            signatures[alias] = tuple(port.type_name for port in task.outputs)
        if len(set(signatures.values())) > 1:
            listed = "; ".join(
                f"{alias}: ({', '.join(types)})" for alias, types in signatures.items()
            )
            collector.add(
                SEMANTIC,
                "all aliases of a swap must produce the same ordered output types, "
                f"but they differ: {listed}",
                path=swap.path,
                subject=subject,
                step=step.name,
            )


def choose(
    model: ExperimentDocument,
    choices: Mapping[str, str],
    collector: IssueCollector | None = None,
) -> ExperimentDocument:
    """A copy of ``model`` where every swap with a choice (or with one alias only)
    is compiled into an ordinary step; other swap steps are left as they are, with an
    issue saying a choice is needed (when ``collector`` is given)."""
    chosen = ExperimentDocument(
        types=model.types,
        parameters=model.parameters,
        tasks=dict(model.tasks),
        steps=dict(model.steps),
        artifact_inputs=model.artifact_inputs,
        artifact_outputs=model.artifact_outputs,
    )
    taken = set(chosen.tasks)
    for step in swap_steps(model):
        swap = step.swap
        assert swap is not None
        alias = choices.get(swap.name)
        if alias is None and len(swap.aliases) == 1:
            alias = next(iter(swap.aliases))
        if alias is None or alias not in swap.aliases:
            if collector is not None:
                problem = (
                    f"swap {swap.name!r} has no alias {alias!r}"
                    if alias is not None
                    else f"swap {swap.name!r} offers the aliases "
                    + ", ".join(map(quoted, swap.aliases))
                    + ": choose one (render the swaps) before validating or running"
                )
                collector.add(SEMANTIC, problem, path=swap.path, step=step.name)
            continue
        invocation = swap.aliases[alias]
        if invocation is None:
            continue  # malformed alias, already reported; the step stays unusable
        task = model.tasks.get(invocation.task)
        if task is None:
            compiled = invocation  # "unknown task" is reported by the step checks
        else:
            private = private_task_name(step.name, task.name, taken)
            taken.add(private)
            chosen.tasks[private] = _private_task(
                private, task, step, swap.outputs, alias, swap.name
            )
            compiled = Invocation(
                private, invocation.positional, invocation.keyword, invocation.path
            )
        chosen.steps[step.name] = Step(step.name, compiled, step.dependencies, step.path)
    return chosen


def _private_task(
    private: str, task: TaskDef, step: Step, names: list[str], alias: str, swap: str
) -> TaskDef:
    outputs: list[Port] | None = None
    if task.outputs is not None and len(task.outputs) == len(names):
        outputs = [
            Port(name, port.type_name, port.path, port.required)
            for name, port in zip(names, task.outputs, strict=True)
        ]
    return TaskDef(
        private,
        task.plugin,
        task.inputs,
        outputs,
        task.outputs_is_list,
        task.path,
        label="task " + choice_label(task.name, step.name, swap, alias),
    )


def renderings(model: ExperimentDocument) -> list[dict[str, str]]:
    """The default combination (first alias of every swap), then each other alias of
    each swap with everything else at default: not the full cartesian product."""
    swaps = [step.swap for step in swap_steps(model) if step.swap is not None]
    default = {swap.name: next(iter(swap.aliases)) for swap in swaps if swap.aliases}
    combinations = [default]
    for swap in swaps:
        for alias in itertools.islice(swap.aliases, 1, None):
            combinations.append({**default, swap.name: alias})
    return combinations
