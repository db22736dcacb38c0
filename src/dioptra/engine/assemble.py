"""Assembly of an engine document from registration-shaped data.

An entrypoint is stored as pieces: the plugins attached to it (files and their
declared tasks), its typed parameters, its artifact parameters, and two YAML
texts (the task graph and the artifact output graph). This module turns those
pieces into the experiment document the engine validates and runs, exactly as
Dioptra's ``.../snapshots/{id}/config`` does:

- ``tasks``: every function task of every attached plugin, keyed by task name
  (a later task of the same name replaces an earlier one, as in the original),
  ``plugin`` = ``<plugin>.<file path segments without .py>.<task>`` (a file
  named ``__init__.py`` contributes only its directory segments);
- ``types``: the non-builtin types the tasks use, then the ``extra_types`` (only
  when there is at least one task), then the artifact parameters' output types;
- ``parameters``: one entry per entrypoint parameter (see ``parameters.py``);
- ``graph`` / ``artifact_outputs``: the parsed YAML texts;
- ``artifact_inputs``: one entry per artifact parameter.

Pure: no database, no files, no imports of user code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from dioptra.engine.errors import DocumentTooLargeError, YamlSyntaxError
from dioptra.engine.limits import check_step_count
from dioptra.engine.parameters import engine_parameter
from dioptra.engine.signatures import BUILTIN_TYPE_NAMES
from dioptra.engine.source_map import SourceMap, load_yaml


class OutputSpec(NamedTuple):
    """A named, typed output; a plain ``(name, type_name)`` tuple works too."""

    name: str
    type_name: str


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type_name: str
    required: bool = True


@dataclass(frozen=True)
class TaskSpec:
    """A function task: its name is the Python function's name."""

    name: str
    inputs: Sequence[ParamSpec] = ()
    outputs: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class ArtifactTaskSpec:
    """An artifact task: its name is the class name; outputs are what it deserializes to."""

    name: str
    outputs: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class PluginFileSpec:
    filename: str
    function_tasks: Sequence[TaskSpec] = ()
    artifact_tasks: Sequence[ArtifactTaskSpec] = ()


@dataclass(frozen=True)
class PluginSpec:
    name: str
    files: Sequence[PluginFileSpec] = ()


@dataclass(frozen=True)
class EntrypointParameterSpec:
    name: str
    parameter_type: str
    default_value: str | None = None


@dataclass(frozen=True)
class ArtifactParameterSpec:
    name: str
    outputs: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class YamlSection:
    """A YAML section that is already parsed (e.g. the ``graph:`` of an entrypoint
    file), with the lines of its parts in the file it came from."""

    data: Any
    source_map: SourceMap = field(default_factory=SourceMap)


@dataclass(frozen=True)
class Assembly:
    document: dict[str, Any]
    source_map: SourceMap


class AssemblyError(ValueError):
    """The pieces do not make a document."""


class InvalidYamlError(AssemblyError):
    def __init__(self, section: str, problem: str, line: int | None, column: int | None):
        self.section = section
        self.line = line
        self.column = column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"the {section} is not valid YAML{where}: {problem}")


class SectionTooLargeError(AssemblyError):
    """A YAML text over a bound of ``limits.DocumentLimits``."""

    def __init__(self, section: str, error: DocumentTooLargeError):
        self.section = section
        self.error = error
        super().__init__(f"the {section} is too large: {error.problem}")


class EmptyGraphError(AssemblyError):
    def __init__(self) -> None:
        super().__init__("the task graph is empty: it needs at least one step")


class UnknownTypeError(AssemblyError):
    def __init__(self, type_name: str, user: str):
        self.type_name = type_name
        super().__init__(f"{user} uses type {type_name!r}, which is not defined")


def plugin_task_path(plugin_name: str, filename: str, task_name: str) -> str:
    """The ``plugin`` field of a task: ``<plugin>.<module path>.<task>``."""
    parts = PurePosixPath(filename).parts
    if parts and parts[-1] == "__init__.py":
        modules = list(parts[:-1])
    else:
        modules = [PurePosixPath(part).stem for part in parts]
    return ".".join([plugin_name, *modules, task_name])


def engine_outputs(outputs: Sequence[tuple[str, str]]) -> dict[str, str] | list[dict[str, str]]:
    """One output as a single mapping, several as a list of one-key mappings."""
    if len(outputs) == 1:
        name, type_name = outputs[0]
        return {name: type_name}
    return [{name: type_name} for name, type_name in outputs]


def assemble_document(
    *,
    plugins: Sequence[PluginSpec],
    task_graph: str | YamlSection,
    artifact_graph: str | YamlSection = "",
    parameters: Sequence[EntrypointParameterSpec] = (),
    artifact_parameters: Sequence[ArtifactParameterSpec] = (),
    type_definitions: Mapping[str, Any] | None = None,
    extra_types: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The engine document of an entrypoint; see :func:`assemble` for the arguments."""
    return assemble(
        plugins=plugins,
        task_graph=task_graph,
        artifact_graph=artifact_graph,
        parameters=parameters,
        artifact_parameters=artifact_parameters,
        type_definitions=type_definitions,
        extra_types=extra_types,
    ).document


def assemble(
    *,
    plugins: Sequence[PluginSpec],
    task_graph: str | YamlSection,
    artifact_graph: str | YamlSection = "",
    parameters: Sequence[EntrypointParameterSpec] = (),
    artifact_parameters: Sequence[ArtifactParameterSpec] = (),
    type_definitions: Mapping[str, Any] | None = None,
    extra_types: Mapping[str, Any] | None = None,
) -> Assembly:
    """Build the engine document and a source map of its graph sections.

    ``type_definitions`` gives the definition (``structure``) of every type a
    task or artifact parameter may use (None = a simple type); a non-builtin
    type missing from it raises :class:`UnknownTypeError`. ``extra_types`` are
    added as they are (Dioptra adds every type of the entrypoint's group).
    Raises :class:`InvalidYamlError`, :class:`SectionTooLargeError` (see ``limits``),
    :class:`EmptyGraphError`, and
    ``ParameterCoercionError`` for a default that does not fit its type.
    """
    known = {**(extra_types or {}), **(type_definitions or {})}
    tasks, types = _tasks_and_types(plugins, known)
    if tasks:
        for name, definition in (extra_types or {}).items():
            if name not in BUILTIN_TYPE_NAMES:
                types.setdefault(name, definition)
    for artifact in artifact_parameters:
        for _, type_name in artifact.outputs:
            _use_type(type_name, known, types, f"artifact parameter {artifact.name!r}")

    graph, graph_lines = _section(task_graph, "task graph")
    if not graph:
        raise EmptyGraphError()
    try:
        check_step_count(graph)
    except DocumentTooLargeError as error:
        raise SectionTooLargeError("task graph", error) from None
    outputs, output_lines = _section(artifact_graph, "artifact graph")
    document: dict[str, Any] = {
        "types": types,
        "parameters": {
            p.name: engine_parameter(p.name, p.parameter_type, p.default_value) for p in parameters
        },
        "tasks": tasks,
        "graph": graph,
        "artifact_outputs": {} if outputs is None else outputs,
        "artifact_inputs": {a.name: engine_outputs(a.outputs) for a in artifact_parameters},
    }
    source_map = SourceMap.nest(("graph",), graph_lines).nest(("artifact_outputs",), output_lines)
    return Assembly(document, source_map)


def _tasks_and_types(
    plugins: Sequence[PluginSpec], known: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    tasks: dict[str, Any] = {}
    types: dict[str, Any] = {}
    for plugin in plugins:
        for plugin_file in plugin.files:
            for task in plugin_file.function_tasks:
                entry: dict[str, Any] = {
                    "plugin": plugin_task_path(plugin.name, plugin_file.filename, task.name)
                }
                if task.inputs:
                    entry["inputs"] = [
                        {"name": p.name, "type": p.type_name, "required": p.required}
                        for p in task.inputs
                    ]
                if task.outputs:
                    entry["outputs"] = engine_outputs(task.outputs)
                tasks[task.name] = entry
                user = f"task {task.name!r} of plugin {plugin.name!r}"
                for type_name in [p.type_name for p in task.inputs] + [t for _, t in task.outputs]:
                    _use_type(type_name, known, types, user)
    return tasks, types


def _use_type(type_name: str, known: Mapping[str, Any], types: dict[str, Any], user: str) -> None:
    if type_name in BUILTIN_TYPE_NAMES or type_name in types:
        return
    if type_name not in known:
        raise UnknownTypeError(type_name, user)
    types[type_name] = known[type_name]


def _section(section: str | YamlSection, label: str) -> tuple[Any, SourceMap]:
    if isinstance(section, YamlSection):
        return section.data, section.source_map
    try:
        return load_yaml(section)
    except DocumentTooLargeError as error:
        raise SectionTooLargeError(label, error) from None
    except YamlSyntaxError as error:
        raise InvalidYamlError(label, error.problem, error.line, error.column) from None
