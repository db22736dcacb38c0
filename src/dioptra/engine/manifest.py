"""``dioptra.toml``: the manifest of a project of plugins and entrypoints.

The format is Dioptra's resource-import file::

    [[plugin_param_types]]      # name, description?, structure?
    [[plugins]]                 # path (a folder; its last segment's stem is the name),
                                # description?, tasks.functions[], tasks.artifacts[]
    [[entrypoints]]             # path (YAML with graph: and artifacts:), name, description?,
                                # params[], artifact_params[], plugins[], artifact_plugins[]

:func:`parse_manifest` checks a manifest's text and nothing else (the server's
resource import reuses it): the import format's schema and its cross checks. Reading a
project folder from disk is :mod:`dioptra.engine.project`. Every problem names its key,
e.g. ``plugins[0].tasks.functions[2].name``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails

from dioptra.engine.parameters import ParameterCoercionError, format_parameter
from dioptra.engine.signatures import BUILTIN_TYPE_NAMES

# Dioptra's name rules (1.2): resource names, Python identifiers (not a lone "_"),
# and plugin file names (identifier segments; "_" leaves only at the top level).
RESOURCE_NAME = re.compile(r"(?! +$)[A-Za-z0-9_. -]+")
IDENTIFIER = re.compile(r"[A-Z]|[A-Z_][A-Z0-9_]+", re.IGNORECASE)
PLUGIN_FILENAME = re.compile(r"(?!.*/_)(?!_/)([a-zA-Z][a-zA-Z0-9_]*/)*[a-zA-Z_][a-zA-Z0-9_]*\.py")
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?", re.IGNORECASE)


class ManifestProblem(NamedTuple):
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


class ManifestError(ValueError):
    """Everything wrong with a manifest (or the project files it names)."""

    def __init__(self, source: str, problems: list[ManifestProblem]):
        self.source = source
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{source}: {count} problem{'s' if count != 1 else ''}:\n{lines}")


# --------------------------------------------------------------------------- model


def _matching(pattern: re.Pattern[str], rule: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid name: {rule}")
        return value

    return AfterValidator(check)


def _plugin_filename(value: str) -> str:
    if not PLUGIN_FILENAME.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid plugin file name (like tasks.py, pkg/mod.py)")
    return value


Identifier = Annotated[StrictStr, _matching(IDENTIFIER, "a Python identifier other than '_'")]
ResourceName = Annotated[
    StrictStr, _matching(RESOURCE_NAME, "letters, digits, '_', '.', '-' and spaces")
]
PluginFilename = Annotated[StrictStr, AfterValidator(_plugin_filename)]


def plugin_name(path: str) -> str:
    """A plugin's name: the stem of its path's last segment (as Dioptra's import names
    it: ``plugins/hello_world`` -> ``hello_world``, ``tasks.py`` -> ``tasks``)."""
    return PurePosixPath(path).stem


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskOutput(_Table):
    name: Identifier
    type: StrictStr


class TaskParam(TaskOutput):
    required: StrictBool = False  # Dioptra's import treats an omitted "required" as false


class FunctionTaskDecl(_Table):
    filename: PluginFilename
    name: Identifier
    input_params: tuple[TaskParam, ...]
    output_params: tuple[TaskOutput, ...]


class ArtifactTaskDecl(_Table):
    filename: PluginFilename
    name: Identifier
    output_params: tuple[TaskOutput, ...]


class PluginTasksDecl(_Table):
    functions: tuple[FunctionTaskDecl, ...] = ()
    artifacts: tuple[ArtifactTaskDecl, ...] = ()


class ParamTypeDecl(_Table):
    name: ResourceName
    description: StrictStr | None = None
    structure: dict[str, Any] | None = None

    @field_validator("name")
    @classmethod
    def _not_builtin(cls, name: str) -> str:
        if name.strip().lower() in BUILTIN_TYPE_NAMES:
            raise ValueError(f"{name!r} is a builtin type and cannot be redefined")
        return name


class PluginDecl(_Table):
    path: StrictStr
    description: StrictStr | None = None
    tasks: PluginTasksDecl | None = None  # None: no tasks table (load_project infers them)

    @property
    def name(self) -> str:
        return plugin_name(self.path)

    @property
    def functions(self) -> tuple[FunctionTaskDecl, ...]:
        return self.tasks.functions if self.tasks else ()

    @property
    def artifacts(self) -> tuple[ArtifactTaskDecl, ...]:
        return self.tasks.artifacts if self.tasks else ()


class EntrypointParamDecl(_Table):
    name: StrictStr
    type: Literal["string", "float", "integer", "boolean", "list", "mapping"]
    default_value: str | None = None  # TOML numbers and booleans become their string form

    @field_validator("name")
    @classmethod
    def _plain_name(cls, name: str) -> str:
        if not name.strip() or "." in name:
            raise ValueError(f"{name!r} is not a valid parameter name: non-blank, without '.'")
        return name

    @field_validator("default_value", mode="before")
    @classmethod
    def _as_text(cls, value: Any, info: ValidationInfo) -> Any:
        parameter_type = info.data.get("type")
        if value is None or parameter_type is None:
            return value
        try:
            return format_parameter(value, parameter_type, name=info.data.get("name", "?"))
        except ParameterCoercionError as error:
            raise ValueError(str(error)) from None


class ArtifactParamDecl(_Table):
    name: Identifier
    output_params: tuple[TaskOutput, ...]


class EntrypointDecl(_Table):
    path: StrictStr
    name: ResourceName
    description: StrictStr | None = None
    params: tuple[EntrypointParamDecl, ...] = ()
    artifact_params: tuple[ArtifactParamDecl, ...] = ()
    plugins: tuple[StrictStr, ...] = ()
    artifact_plugins: tuple[StrictStr, ...] = ()


class Manifest(BaseModel):
    # Other top-level keys are ignored, as Dioptra's schema permits them.
    model_config = ConfigDict(extra="ignore", frozen=True)

    plugin_param_types: tuple[ParamTypeDecl, ...] = ()
    plugins: tuple[PluginDecl, ...] = ()
    entrypoints: tuple[EntrypointDecl, ...] = ()
    config_path: str = "dioptra.toml"  # where the manifest lies, relative to the root

    def plugin(self, name: str) -> PluginDecl | None:
        return next((p for p in self.plugins if p.name == name), None)

    def entrypoint(self, name: str) -> EntrypointDecl | None:
        return next((e for e in self.entrypoints if e.name == name), None)

    def resolve(self, path: str) -> str:
        """A manifest path as a normalised POSIX path relative to the project root.

        Raises ``ValueError`` for an unsafe path or one that leaves the root.
        """
        problem = _unsafe_path(path)
        if problem is not None:
            raise ValueError(f"{path!r} {problem}")
        parts = [p for p in PurePosixPath(self.config_path).parent.parts if p != "."]
        for segment in path.split("/"):
            if segment == "..":
                if not parts:
                    raise ValueError(f"{path!r} leads outside the project root")
                parts.pop()
            elif segment not in ("", "."):
                parts.append(segment)
        return "/".join(parts) or "."


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ExistingNames:
    """Parameter types and plugins the manifest may use without declaring them: those
    the group it is imported into already has."""

    types: frozenset[str] = frozenset()
    plugins: frozenset[str] = frozenset()


NOTHING_EXISTING = ExistingNames()  # a local project: everything is declared


def parse_manifest(
    text: str,
    *,
    config_path: str = "dioptra.toml",
    source: str | None = None,
    existing: ExistingNames = NOTHING_EXISTING,
) -> Manifest:
    """Parse and check a manifest's text; raise :class:`ManifestError` listing every problem.

    The checks come in Dioptra's order: the structure first (:func:`schema_problems`,
    which also reports repeated names), then the rules for names and values, then the
    rules spanning tables. ``config_path`` is where the manifest lies relative to the
    project root: resource paths are relative to its folder and must stay inside the root.
    """
    label = source or config_path
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(label, [ManifestProblem("", f"not valid TOML: {error}")]) from None
    problems = schema_problems(data)
    if problems:
        raise ManifestError(label, problems)
    try:
        manifest = Manifest.model_validate({**data, "config_path": config_path})
    except ValidationError as error:
        raise ManifestError(label, _problems(error.errors(), data)) from None
    problems = _cross_check(manifest, existing)
    if problems:
        raise ManifestError(label, problems)
    return manifest


def schema_problems(data: Mapping[str, Any]) -> list[ManifestProblem]:
    """What Dioptra's schema of the import format refuses (missing, unknown and mistyped
    keys, each quoting the entry or value at fault), and every repeated name, which is
    reported whatever else is wrong. Names and values are checked later."""
    try:
        Manifest.model_validate(data)
    except ValidationError as error:
        structural = [d for d in error.errors() if d["type"] in _STRUCTURAL]
        problems = _problems(structural, data)
    else:
        problems = []
    return problems + duplicate_problems(data)


# Pydantic's wording in TOML terms; the structural errors are those Dioptra's JSON schema
# makes (the rest are our name and value rules).
_PLAIN_MESSAGES = {
    "extra_forbidden": "unknown key",
    "missing": "is required",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "tuple_type": "must be an array",
    "list_type": "must be an array",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
}
_STRUCTURAL = frozenset(_PLAIN_MESSAGES)
_QUOTE_LIMIT = 160


def _key(location: Sequence[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")


def _quoted(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _entry_at(data: Any, location: Sequence[Any]) -> str:
    """The table at ``location`` in the raw data, quoted ("" when the location is not
    one of the data, as for a union's member)."""
    try:
        for part in location:
            data = data[part]
    except (KeyError, IndexError, TypeError):
        return ""
    return f", in {_quoted(data)}"


def _problems(details: Sequence[ErrorDetails], data: Mapping[str, Any]) -> list[ManifestProblem]:
    """One problem per key (the first message is enough); a missing or unknown key
    quotes the table it is missing from or found in, a mistyped value quotes itself."""
    problems: dict[str, str] = {}
    for detail in details:
        kind = detail["type"]
        message = _PLAIN_MESSAGES.get(kind, detail["msg"].removeprefix("Value error, "))
        if kind in ("missing", "extra_forbidden"):
            message += _entry_at(data, detail["loc"][:-1])
        elif kind in _STRUCTURAL:
            message += f", found {_quoted(detail['input'])}"
        problems.setdefault(_key(detail["loc"]), message)
    return [ManifestProblem(key, message) for key, message in problems.items()]


def _duplicates(keyed_names: Iterable[tuple[str, str]], what: str) -> list[ManifestProblem]:
    seen: set[str] = set()
    found = []
    for key, name in keyed_names:
        if name in seen:
            found.append(ManifestProblem(key, f"duplicate {what} {name!r}"))
        seen.add(name)
    return found


# -- repeated names, read from the raw tables (whatever their other faults) ---------------

_Tables = list[tuple[int, Mapping[str, Any]]]


def _tables(table: Mapping[str, Any], key: str) -> _Tables:
    """The tables of an array of tables, with their indexes (anything else is skipped)."""
    value = table.get(key)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def _names(tables: _Tables, prefix: str, field: str = "name") -> list[tuple[str, str]]:
    return [
        (f"{prefix}[{index}].{field}", table[field])
        for index, table in tables
        if isinstance(table.get(field), str)
    ]


def duplicate_problems(data: Mapping[str, Any]) -> list[ManifestProblem]:
    """Every name that must be unique and is not, as Dioptra's import requires: types,
    plugins (by :func:`plugin_name`), entrypoints; a plugin's tasks per kind and per file
    across kinds; a task's inputs and outputs; an entrypoint's parameters and artifact
    parameters together; an artifact parameter's outputs."""
    problems = _duplicates(
        _names(_tables(data, "plugin_param_types"), "plugin_param_types"), "type"
    )
    plugins = _tables(data, "plugins")
    plugin_names = [(key, plugin_name(path)) for key, path in _names(plugins, "plugins", "path")]
    problems += _duplicates(plugin_names, "plugin")
    for index, plugin in plugins:
        tasks = plugin.get("tasks")
        if isinstance(tasks, Mapping):
            problems += _task_duplicates(f"plugins[{index}].tasks", tasks)
    entrypoints = _tables(data, "entrypoints")
    problems += _duplicates(_names(entrypoints, "entrypoints"), "entrypoint")
    for index, entrypoint in entrypoints:
        key = f"entrypoints[{index}]"
        artifact_params = _tables(entrypoint, "artifact_params")
        parameters = _names(_tables(entrypoint, "params"), f"{key}.params")
        parameters += _names(artifact_params, f"{key}.artifact_params")
        problems += _duplicates(parameters, "parameter")
        for j, artifact in artifact_params:
            outputs = f"{key}.artifact_params[{j}].output_params"
            problems += _duplicates(_names(_tables(artifact, "output_params"), outputs), "output")
    return problems


def _task_duplicates(prefix: str, tasks: Mapping[str, Any]) -> list[ManifestProblem]:
    problems: list[ManifestProblem] = []
    by_kind = {kind: _tables(tasks, kind) for kind in ("functions", "artifacts")}
    for kind, what in (("functions", "function task"), ("artifacts", "artifact task")):
        problems += _duplicates(_names(by_kind[kind], f"{prefix}.{kind}"), what)
        for index, task in by_kind[kind]:
            for params, role in (("input_params", "input"), ("output_params", "output")):
                key = f"{prefix}.{kind}[{index}].{params}"
                problems += _duplicates(_names(_tables(task, params), key), role)
    functions = {(task.get("filename"), task.get("name")) for _, task in by_kind["functions"]}
    for index, task in by_kind["artifacts"]:
        name = task.get("name")
        if isinstance(name, str) and (task.get("filename"), name) in functions:
            message = f"duplicate task {name!r}: a function task of the same file has that name"
            problems.append(ManifestProblem(f"{prefix}.artifacts[{index}].name", message))
    return problems


def _typed_params(manifest: Manifest) -> Iterator[tuple[str, TaskOutput]]:
    """Every task, output and artifact parameter that names a type, with its key."""
    for i, plugin in enumerate(manifest.plugins):
        tasks: list[tuple[str, Sequence[TaskOutput], Sequence[TaskOutput]]] = [
            (f"functions[{j}]", t.input_params, t.output_params)
            for j, t in enumerate(plugin.functions)
        ]
        tasks += [(f"artifacts[{j}]", (), t.output_params) for j, t in enumerate(plugin.artifacts)]
        for where, inputs, outputs in tasks:
            key = f"plugins[{i}].tasks.{where}"
            yield from ((f"{key}.input_params[{k}]", p) for k, p in enumerate(inputs))
            yield from ((f"{key}.output_params[{k}]", p) for k, p in enumerate(outputs))
    for i, entrypoint in enumerate(manifest.entrypoints):
        for j, artifact in enumerate(entrypoint.artifact_params):
            for k, param in enumerate(artifact.output_params):
                yield f"entrypoints[{i}].artifact_params[{j}].output_params[{k}]", param


def _cross_check(manifest: Manifest, existing: ExistingNames) -> list[ManifestProblem]:
    """The rules that span tables: paths, plugin names and references."""
    problems: list[ManifestProblem] = []
    paths = [(f"plugins[{i}].path", p.path) for i, p in enumerate(manifest.plugins)]
    paths += [(f"entrypoints[{i}].path", e.path) for i, e in enumerate(manifest.entrypoints)]
    for key, path in paths:
        try:
            manifest.resolve(path)
        except ValueError as error:
            problems.append(ManifestProblem(key, str(error)))
    for index, plugin in enumerate(manifest.plugins):
        if not IDENTIFIER.fullmatch(plugin.name):
            message = f"the plugin name {plugin.name!r} (its folder's name) must be an identifier"
            problems.append(ManifestProblem(f"plugins[{index}].path", message))
    types = manifest.plugin_param_types
    known_types = BUILTIN_TYPE_NAMES | existing.types | {t.name for t in types}
    for key, param in _typed_params(manifest):
        if param.type not in known_types:
            message = f"unknown type {param.type!r}; declare it in [[plugin_param_types]]"
            problems.append(ManifestProblem(f"{key}.type", message))
    plugins = existing.plugins | {p.name for p in manifest.plugins}
    for i, entrypoint in enumerate(manifest.entrypoints):
        for kind, names in (
            ("plugins", entrypoint.plugins),
            ("artifact_plugins", entrypoint.artifact_plugins),
        ):
            for j, name in enumerate(names):
                if name not in plugins:
                    message = f"plugin {name!r} is used but not declared in [[plugins]]"
                    problems.append(ManifestProblem(f"entrypoints[{i}].{kind}[{j}]", message))
    return problems


def _unsafe_path(path: str) -> str | None:
    """Why a manifest path is not a safe relative POSIX path (None if it is)."""
    if not path.strip():
        return "is empty"
    if path.startswith("/"):
        return "is absolute; use a path relative to the manifest"
    if "\\" in path or ":" in path:
        return "must be a POSIX path without '\\' or ':'"
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        return "contains control characters"
    for segment in path.split("/"):
        if segment == ".git":
            return "must not point into .git"
        if _WINDOWS_RESERVED.fullmatch(segment):
            return f"uses the reserved name {segment!r}"
    return None
