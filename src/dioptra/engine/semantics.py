"""Semantic checks: names, plugin ids, invocations, references, dependencies, cycles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dioptra.engine.collector import IssueCollector, quoted
from dioptra.engine.document import ExperimentDocument, Invocation, Port, Step, TaskDef
from dioptra.engine.graph_cycles import find_cycles
from dioptra.engine.issues import IssueKind
from dioptra.engine.references import iter_references
from dioptra.engine.resolution import Resolver, Unknowable
from dioptra.engine.type_definitions import TypeRegistry

SEMANTIC = IssueKind.SEMANTIC


def _with_article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def name_collisions(model: ExperimentDocument, collector: IssueCollector) -> set[str]:
    """Names shared by a parameter, a step or an artifact input (references to them
    would be ambiguous); each collision is reported once."""
    owners: dict[str, list[str]] = {}
    for kind, names in (
        ("parameter", model.parameters),
        ("step", model.steps),
        ("artifact input", model.artifact_inputs),
    ):
        for name in names:
            owners.setdefault(name, []).append(kind)
    ambiguous = {name for name, kinds in owners.items() if len(kinds) > 1}
    for name in ambiguous:
        kinds = owners[name]
        collector.add(
            SEMANTIC,
            f"the name {name!r} is used by {' and '.join(map(_with_article, kinds))}, so "
            "references to it "
            "would be ambiguous",
            path=("graph", name) if name in model.steps else ("parameters", name),
            subject=f"{kinds[0]} {name!r}",
            step=name if name in model.steps else None,
        )
    return ambiguous


def check_tasks(
    model: ExperimentDocument, registry: TypeRegistry, collector: IssueCollector
) -> None:
    for task in model.tasks.values():
        subject = f"task {task.name!r}"
        if task.plugin is not None:
            parts = task.plugin.split(".")
            if len(parts) < 2 or not all(parts):
                collector.add(
                    SEMANTIC,
                    f"plugin {task.plugin!r} must be a dotted path module.function "
                    "with no empty parts",
                    path=(*task.path, "plugin"),
                    subject=subject,
                )
        for ports, what in ((task.inputs, "input"), (task.outputs, "output")):
            _check_ports(ports or [], what, subject, registry, collector)


def _check_ports(
    ports: list[Port],
    what: str,
    subject: str,
    registry: TypeRegistry,
    collector: IssueCollector,
) -> None:
    seen: set[str] = set()
    for port in ports:
        if port.name in seen:
            collector.add(
                SEMANTIC,
                f"the {what} name {port.name!r} is used twice",
                path=port.path,
                subject=subject,
            )
        seen.add(port.name)
        if not registry.knows(port.type_name):
            collector.add(
                SEMANTIC,
                f"{what} {port.name!r} has unknown type {port.type_name!r}",
                path=port.path,
                subject=subject,
            )


def check_parameters_and_inputs(
    model: ExperimentDocument, registry: TypeRegistry, collector: IssueCollector
) -> None:
    for parameter in model.parameters.values():
        if parameter.type_name is not None and not registry.knows(parameter.type_name):
            collector.add(
                SEMANTIC,
                f"unknown type {parameter.type_name!r}",
                path=(*parameter.path, "type"),
                subject=f"parameter {parameter.name!r}",
            )
    for artifact in model.artifact_inputs.values():
        _check_ports(
            artifact.outputs or [],
            "output",
            f"artifact input {artifact.name!r}",
            registry,
            collector,
        )


def argument_label(index: int, task: TaskDef | None) -> str:
    """How a positional argument is named: its input's name when that is known."""
    if task is not None and task.inputs is not None and index < len(task.inputs):
        return task.inputs[index].name
    return f"#{index + 1}"


def check_steps(model: ExperimentDocument, resolver: Resolver, collector: IssueCollector) -> None:
    for step in model.steps.values():
        invocations = _invocations(step)
        for context, invocation in invocations:
            task = model.tasks.get(invocation.task)
            if task is None:
                known = ", ".join(map(repr, model.tasks)) or "none"
                collector.add(
                    SEMANTIC,
                    f"{context}unknown task {invocation.task!r} (known tasks: {known})",
                    # The task's own key where the step has one (the line to fix), else
                    # the step (the source map falls back to the nearest line known).
                    path=(*invocation.path, invocation.task),
                    step=step.name,
                )
            elif task.inputs is not None:
                _check_call(step, context, invocation, task, task.inputs, collector)
            _check_references(step, context, invocation, task, resolver, collector)
        for dependency, path in step.dependencies:
            if dependency not in model.steps:
                collector.add(
                    SEMANTIC,
                    f"dependency {dependency!r} is not a step",
                    path=path,
                    step=step.name,
                )


def _invocations(step: Step) -> list[tuple[str, Invocation]]:
    """The calls a step makes, each with the words that say which alias it is."""
    if step.invocation is not None:
        return [("", step.invocation)]
    if step.swap is not None:
        swap = step.swap.name
        return [
            (f"alias {alias!r} of swap {swap!r}: ", invocation)
            for alias, invocation in step.swap.aliases.items()
            if invocation is not None
        ]
    return []


def _check_call(
    step: Step,
    context: str,
    invocation: Invocation,
    task: TaskDef,
    inputs: list[Port],
    collector: IssueCollector,
) -> None:
    names = [port.name for port in inputs]
    listed = ", ".join(names) or "none"
    if len(invocation.positional) > len(inputs):
        extra = invocation.positional[len(inputs)]
        collector.add(
            SEMANTIC,
            f"{context}{task.label} takes at most {len(inputs)} positional argument(s) "
            f"(inputs: {listed}), but {len(invocation.positional)} were given",
            path=extra.path,
            step=step.name,
            argument=f"#{len(inputs) + 1}",
        )
    positional_names = names[: len(invocation.positional)]
    for keyword, argument in invocation.keyword.items():
        if keyword not in names:
            collector.add(
                SEMANTIC,
                f"{context}{task.label} has no input named {keyword!r} (inputs: {listed})",
                path=argument.path,
                step=step.name,
                argument=keyword,
            )
        elif keyword in positional_names:
            position = positional_names.index(keyword) + 1
            collector.add(
                SEMANTIC,
                f"{context}input {keyword!r} of {task.label} is given both positionally "
                f"(argument #{position}) and by keyword",
                path=argument.path,
                step=step.name,
                argument=keyword,
            )
    given = set(positional_names) | set(invocation.keyword)
    for port in inputs:
        if port.required and port.name not in given:
            collector.add(
                SEMANTIC,
                f"{context}required input {port.name!r} of {task.label} is missing",
                path=invocation.path,
                step=step.name,
                argument=port.name,
            )


def _check_references(
    step: Step,
    context: str,
    invocation: Invocation,
    task: TaskDef | None,
    resolver: Resolver,
    collector: IssueCollector,
) -> None:
    labelled = [
        (argument_label(i, task), argument) for i, argument in enumerate(invocation.positional)
    ]
    labelled += list(invocation.keyword.items())
    for label, argument in labelled:
        for reference, path in iter_references(argument.value, argument.path):
            try:
                resolver.resolve(reference)
            except Unknowable:
                continue
            except ValueError as problem:
                collector.add(
                    SEMANTIC, context + str(problem), path=path, step=step.name, argument=label
                )


def step_edges(step: Step, model: ExperimentDocument, ambiguous: set[str]) -> list[str]:
    """The steps ``step`` must wait for: those its arguments refer to, and its
    explicit dependencies (swap steps: those of every alias)."""
    targets: list[str] = []
    for _, invocation in _invocations(step):
        for argument in invocation.arguments():
            for reference, _ in iter_references(argument.value):
                root = reference.root
                if root in model.steps and root not in ambiguous:
                    targets.append(root)
    targets.extend(name for name, _ in step.dependencies if name in model.steps)
    return list(dict.fromkeys(targets))


def check_cycles(model: ExperimentDocument, ambiguous: set[str], collector: IssueCollector) -> None:
    edges = {name: step_edges(step, model, ambiguous) for name, step in model.steps.items()}
    for cycle in find_cycles(edges):
        collector.add(
            SEMANTIC,
            "steps depend on each other in a cycle: " + " -> ".join(cycle),
            path=("graph", cycle[0]),
            step=cycle[0],
        )


def check_artifact_outputs(
    model: ExperimentDocument,
    resolver: Resolver,
    artifact_tasks: Mapping[str, Mapping[str, Any] | None] | None,
    collector: IssueCollector,
) -> None:
    for output in model.artifact_outputs.values():
        subject = f"artifact output {output.name!r}"
        if isinstance(output.contents, str):
            for reference, path in iter_references(output.contents, (*output.path, "contents")):
                try:
                    resolver.resolve(reference)
                except Unknowable:
                    continue
                except ValueError as problem:
                    collector.add(SEMANTIC, str(problem), path=path, subject=subject)
        if output.task_name is None or artifact_tasks is None:
            continue
        task_path = (*output.path, "task", "name")
        if output.task_name not in artifact_tasks:
            known = ", ".join(map(repr, artifact_tasks)) or "none"
            collector.add(
                SEMANTIC,
                f"unknown artifact task {output.task_name!r} (known artifact tasks: {known})",
                path=task_path,
                subject=subject,
            )
            continue
        properties = artifact_tasks[output.task_name]
        if properties is not None and output.args is not None:
            _check_artifact_args(
                output.task_name, properties, output.args, output.path, subject, collector
            )


def _check_artifact_args(
    task_name: str,
    properties: Mapping[str, Any],
    args: Mapping[str, Any],
    path: tuple[Any, ...],
    subject: str,
    collector: IssueCollector,
) -> None:
    # Imported here, on the rare graph whose artifact task declares arguments: the
    # server and the fork server hold every module the engine imports (3-10 MiB for this).
    import jsonschema

    schema = {"type": "object", "properties": dict(properties)}
    args_path = (*path, "task", "args")
    try:
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        errors = sorted(
            validator_class(schema).iter_errors(dict(args)),
            key=lambda e: [str(part) for part in e.path],
        )
    except (jsonschema.SchemaError, TypeError, ValueError) as error:
        problem = error.message if isinstance(error, jsonschema.SchemaError) else str(error)
        collector.add(
            IssueKind.SCHEMA,
            f"artifact task {task_name!r} declares an invalid argument schema: {problem}",
            path=args_path,
            subject=subject,
        )
        return
    for found in errors:
        where = list(found.path)
        argument = f" argument {quoted(where[0])}:" if where else ""
        collector.add(
            IssueKind.SCHEMA,
            f"artifact task {task_name!r}{argument} {found.message}",
            path=(*args_path, *where),
            subject=subject,
        )
