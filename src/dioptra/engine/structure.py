"""Structural (schema) checks of a raw document, producing the normalised document.

Written by hand rather than with JSON-Schema so every message can say which step,
task or parameter is at fault. Malformed parts are kept by name but marked unusable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dioptra.engine.collector import IssueCollector, quoted
from dioptra.engine.document import (
    MISSING,
    ArtifactInputDef,
    ArtifactOutputDef,
    ExperimentDocument,
    Parameter,
    PathKey,
    Port,
    TaskDef,
)
from dioptra.engine.issues import IssueKind
from dioptra.engine.step_structure import parse_step

SCHEMA = IssueKind.SCHEMA
SEMANTIC = IssueKind.SEMANTIC

SECTIONS = ("types", "parameters", "tasks", "graph", "artifact_inputs", "artifact_outputs")
_REQUIRED = ("tasks", "graph")


def parse_document(document: Any, collector: IssueCollector) -> ExperimentDocument | None:
    """The model of ``document``; None when it is not a mapping at all."""
    if not isinstance(document, Mapping):
        problem = (
            "the document is empty"
            if document is None
            else f"the document must be a mapping of sections, not {type(document).__name__}"
        )
        collector.add(SCHEMA, problem, subject="document")
        return None
    for key in document:
        if key not in SECTIONS:
            collector.add(
                SCHEMA,
                f"unknown section {quoted(key)} (expected " + ", ".join(SECTIONS) + ")",
                path=(key,),
                subject="document",
            )
    for key in _REQUIRED:
        if key not in document:
            collector.add(SCHEMA, f"the section {key!r} is required", subject="document")
    model = ExperimentDocument()
    if "types" in document:
        model.types = dict(_section(document["types"], "types", collector))
    parsers = (
        ("parameters", _parse_parameter),
        ("tasks", _parse_task),
        ("graph", _parse_graph_step),
        ("artifact_inputs", _parse_artifact_input),
        ("artifact_outputs", _parse_artifact_output),
    )
    for section, parse in parsers:
        if section in document:
            for name, body in _section(document[section], section, collector).items():
                if _name_ok(name, section, collector):
                    parse(model, name, body, (section, name), collector)
    return model


def _section(value: Any, section: str, collector: IssueCollector) -> Mapping[Any, Any]:
    if value is None and section not in _REQUIRED:
        return {}  # an empty optional section ("artifact_outputs:" with nothing under it)
    if not isinstance(value, Mapping):
        collector.add(
            SCHEMA,
            f"must be a mapping, not {type(value).__name__}",
            path=(section,),
            subject=f"section {section!r}",
        )
        return {}
    if not value and section in _REQUIRED:
        what = "task" if section == "tasks" else "step"
        collector.add(
            SCHEMA, f"needs at least one {what}", path=(section,), subject=f"section {section!r}"
        )
    return value


_ENTRY_NAMES = {
    "parameters": "parameter",
    "tasks": "task",
    "graph": "step",
    "artifact_inputs": "artifact input",
    "artifact_outputs": "artifact output",
}
_DOTLESS = ("parameters", "graph", "artifact_inputs")


def _name_ok(name: Any, section: str, collector: IssueCollector) -> bool:
    what = _ENTRY_NAMES[section]
    if not isinstance(name, str) or not name.strip():
        collector.add(
            SEMANTIC,
            f"{what} names must be non-blank strings, not {name!r}",
            path=(section, name),
            subject=f"section {section!r}",
        )
        return False
    if section in _DOTLESS and "." in name:
        collector.add(
            SEMANTIC,
            "the name contains a dot, so references to it would read as <name>.<output>",
            path=(section, name),
            subject=f"{what} {name!r}",
            step=name if section == "graph" else None,
        )
    return True


def _parse_parameter(
    model: ExperimentDocument, name: str, body: Any, path: PathKey, collector: IssueCollector
) -> None:
    subject = f"parameter {name!r}"
    parameter = Parameter(name, None, MISSING, path)
    model.parameters[name] = parameter
    if not isinstance(body, Mapping):
        parameter.default = body  # the short form: the value is the default
        return
    unknown = [key for key in body if key not in ("type", "default")]
    if unknown or not body:
        problem = (
            "needs a type or a default: write {type: <type name>, default: <value>}"
            if not body
            else "a mapping here holds only 'type' and/or 'default' (found "
            + ", ".join(map(quoted, unknown))
            + "); to give a mapping as the default write {default: {...}}"
        )
        collector.add(SCHEMA, problem, path=path, subject=subject)
        parameter.broken = True
        return
    if "type" in body:
        if isinstance(body["type"], str):
            parameter.type_name = body["type"]
        else:
            collector.add(
                SCHEMA,
                f"'type' must be a type name, not {body['type']!r}",
                path=(*path, "type"),
                subject=subject,
            )
            parameter.broken = True
    if "default" in body:
        parameter.default = body["default"]


def _parse_task(
    model: ExperimentDocument, name: str, body: Any, path: PathKey, collector: IssueCollector
) -> None:
    subject = f"task {name!r}"
    task = TaskDef(name, None, None, None, False, path)
    model.tasks[name] = task
    if not isinstance(body, Mapping):
        collector.add(
            SCHEMA,
            "a task definition must be a mapping with 'plugin' and optional 'inputs' and 'outputs'",
            path=path,
            subject=subject,
        )
        return
    for key in body:
        if key not in ("plugin", "inputs", "outputs"):
            collector.add(
                SCHEMA,
                f"unknown key {quoted(key)} (expected plugin, inputs, outputs)",
                path=(*path, key),
                subject=subject,
            )
    plugin = body.get("plugin")
    if isinstance(plugin, str):
        task.plugin = plugin
    else:
        problem = "needs 'plugin'" if plugin is None else "'plugin' must be a string"
        collector.add(
            SCHEMA, problem + ', e.g. "package.module.function"', path=path, subject=subject
        )
    task.inputs = _parse_inputs(body.get("inputs", []), (*path, "inputs"), subject, collector)
    outputs = body.get("outputs", [])
    task.outputs_is_list = isinstance(outputs, list)
    task.outputs = parse_outputs(outputs, (*path, "outputs"), subject, collector, allow_empty=True)


def _parse_inputs(
    value: Any, path: PathKey, subject: str, collector: IssueCollector
) -> list[Port] | None:
    if not isinstance(value, list):
        collector.add(SCHEMA, "'inputs' must be a list", path=path, subject=subject)
        return None
    ports: list[Port] = []
    complete = True
    for index, item in enumerate(value):
        port = _parse_input(item, (*path, index), subject, collector)
        if port is None:
            complete = False
        else:
            ports.append(port)
    return ports if complete else None


def _parse_input(item: Any, path: PathKey, subject: str, collector: IssueCollector) -> Port | None:
    if isinstance(item, Mapping) and "name" in item:
        unknown = [key for key in item if key not in ("name", "type", "required")]
        name, type_name = item.get("name"), item.get("type")
        required = item.get("required", True)
        if (
            not unknown
            and isinstance(name, str)
            and name
            and isinstance(type_name, str)
            and isinstance(required, bool)
        ):
            return Port(name, type_name, path, required)
        collector.add(
            SCHEMA,
            "a long-form input is {name: <string>, type: <type name>, required: <boolean>}"
            + (" (unknown keys: " + ", ".join(map(quoted, unknown)) + ")" if unknown else ""),
            path=path,
            subject=subject,
        )
        return None
    if isinstance(item, Mapping) and len(item) == 1:
        name, type_name = next(iter(item.items()))
        if isinstance(name, str) and name and isinstance(type_name, str):
            return Port(name, type_name, path)
    collector.add(
        SCHEMA,
        "an input is {<name>: <type name>} or {name: ..., type: ..., required: ...}, "
        f"not {item!r}",
        path=path,
        subject=subject,
    )
    return None


def parse_outputs(
    value: Any,
    path: PathKey,
    subject: str,
    collector: IssueCollector,
    *,
    allow_empty: bool,
) -> list[Port] | None:
    """``{name: type}`` or a list of such one-key mappings."""
    items = value if isinstance(value, list) else [value]
    paths = [(*path, i) for i in range(len(items))] if isinstance(value, list) else [path]
    ports: list[Port] = []
    for item, at in zip(items, paths, strict=True):
        if (
            isinstance(item, Mapping)
            and len(item) == 1
            and isinstance(next(iter(item)), str)
            and next(iter(item))
            and isinstance(next(iter(item.values())), str)
        ):
            name, type_name = next(iter(item.items()))
            ports.append(Port(name, type_name, at))
        else:
            collector.add(
                SCHEMA,
                "an output is a one-key mapping {<name>: <type name>} (list several "
                f"outputs as [{{a: t1}}, {{b: t2}}]), not {item!r}",
                path=at,
                subject=subject,
            )
            return None
    if not ports and not allow_empty:
        collector.add(SCHEMA, "needs at least one output", path=path, subject=subject)
        return None
    return ports


def _parse_graph_step(
    model: ExperimentDocument, name: str, body: Any, path: PathKey, collector: IssueCollector
) -> None:
    model.steps[name] = parse_step(name, body, path, collector)


def _parse_artifact_input(
    model: ExperimentDocument, name: str, body: Any, path: PathKey, collector: IssueCollector
) -> None:
    outputs = parse_outputs(body, path, f"artifact input {name!r}", collector, allow_empty=False)
    model.artifact_inputs[name] = ArtifactInputDef(name, outputs, path)


def _parse_artifact_output(
    model: ExperimentDocument, name: str, body: Any, path: PathKey, collector: IssueCollector
) -> None:
    subject = f"artifact output {name!r}"
    output = ArtifactOutputDef(name, MISSING, None, None, path, broken=True)
    model.artifact_outputs[name] = output
    if not isinstance(body, Mapping):
        collector.add(
            SCHEMA,
            "must be a mapping {contents: <reference>, task: {name: <artifact task>, args: {...}}}",
            path=path,
            subject=subject,
        )
        return
    ok = True
    for key in body:
        if key not in ("contents", "task"):
            collector.add(
                SCHEMA,
                f"unknown key {quoted(key)} (expected contents, task)",
                path=(*path, key),
                subject=subject,
            )
            ok = False
    contents = body.get("contents", MISSING)
    if not isinstance(contents, str):
        problem = (
            "needs 'contents' (usually a reference such as $step.output)"
            if contents is MISSING
            else "'contents' must be a string (usually a reference such as $step.output)"
        )
        collector.add(SCHEMA, problem, path=(*path, "contents"), subject=subject)
        ok = False
    task = body.get("task")
    task_name, args = _parse_artifact_task(task, (*path, "task"), subject, collector)
    output.contents = contents
    output.task_name = task_name
    output.args = args
    output.broken = not ok or task_name is None or args is None


def _parse_artifact_task(
    task: Any, path: PathKey, subject: str, collector: IssueCollector
) -> tuple[str | None, dict[str, Any] | None]:
    if not isinstance(task, Mapping):
        collector.add(
            SCHEMA,
            "needs 'task': {name: <artifact task class>, args: {...}}",
            path=path,
            subject=subject,
        )
        return None, None
    ok = True
    for key in task:
        if key not in ("name", "args"):
            hint = " (pass keyword arguments in 'args')" if key == "kwargs" else ""
            collector.add(
                SCHEMA,
                f"unknown key {quoted(key)} in 'task' (expected name, args){hint}",
                path=(*path, key),
                subject=subject,
            )
            ok = False
    name = task.get("name")
    if not isinstance(name, str) or not name:
        collector.add(
            SCHEMA, "'task.name' must name an artifact task", path=(*path, "name"), subject=subject
        )
        name = None
    args = task.get("args", {})
    if args is None:
        args = {}
    if not isinstance(args, Mapping) or not all(isinstance(key, str) for key in args):
        collector.add(
            SCHEMA,
            "'task.args' must be a mapping of keyword arguments for serialize "
            "(lists are not accepted)",
            path=(*path, "args"),
            subject=subject,
        )
        return name, None
    return (name if ok else None), dict(args)
