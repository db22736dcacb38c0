"""``dioptra.toml``: the manifest of a project of plugins and entrypoints.

The format is Dioptra's resource-import file::

    [[plugin_param_types]]      # name, description?, structure?
    [[plugins]]                 # path (a folder; its last segment is the plugin name),
                                # description?, tasks.functions[], tasks.artifacts[]
    [[entrypoints]]             # path (YAML with graph: and artifacts:), name, description?,
                                # params[], artifact_params[], plugins[], artifact_plugins[]

:func:`parse_manifest` checks a manifest's text and nothing else (the server's
resource import reuses it): the import format's schema and its cross checks. Reading a
project folder from disk is :mod:`dioptra.engine.project`. Every problem names its key,
e.g. ``plugins[0].tasks.functions[2].name``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
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
    model_validator,
)

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


def _require_unique(names: list[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"duplicate {what} {name!r}")
        seen.add(name)


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

    @model_validator(mode="after")
    def _unique_params(self) -> FunctionTaskDecl:
        _require_unique([p.name for p in self.input_params], "input")
        _require_unique([p.name for p in self.output_params], "output")
        return self


class ArtifactTaskDecl(_Table):
    filename: PluginFilename
    name: Identifier
    output_params: tuple[TaskOutput, ...]

    @model_validator(mode="after")
    def _unique_outputs(self) -> ArtifactTaskDecl:
        _require_unique([p.name for p in self.output_params], "output")
        return self


class PluginTasksDecl(_Table):
    functions: tuple[FunctionTaskDecl, ...] = ()
    artifacts: tuple[ArtifactTaskDecl, ...] = ()

    @model_validator(mode="after")
    def _unique_tasks(self) -> PluginTasksDecl:
        # As Dioptra's import: unique per kind in a plugin, and per file across kinds.
        _require_unique([t.name for t in self.functions], "function task")
        _require_unique([t.name for t in self.artifacts], "artifact task")
        tasks: list[FunctionTaskDecl | ArtifactTaskDecl] = [*self.functions, *self.artifacts]
        _require_unique([f"{t.filename}: {t.name}" for t in tasks], "task")
        return self


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
        """The plugin's name: the last segment of its folder's path."""
        return PurePosixPath(self.path).name

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

    @model_validator(mode="after")
    def _unique_outputs(self) -> ArtifactParamDecl:
        _require_unique([p.name for p in self.output_params], "output")
        return self


class EntrypointDecl(_Table):
    path: StrictStr
    name: ResourceName
    description: StrictStr | None = None
    params: tuple[EntrypointParamDecl, ...] = ()
    artifact_params: tuple[ArtifactParamDecl, ...] = ()
    plugins: tuple[StrictStr, ...] = ()
    artifact_plugins: tuple[StrictStr, ...] = ()

    @model_validator(mode="after")
    def _unique_params(self) -> EntrypointDecl:
        names = [p.name for p in self.params] + [p.name for p in self.artifact_params]
        _require_unique(names, "parameter")
        return self


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


def parse_manifest(
    text: str, *, config_path: str = "dioptra.toml", source: str | None = None
) -> Manifest:
    """Parse and check a manifest's text; raise :class:`ManifestError` listing every problem.

    ``config_path`` is where the manifest lies relative to the project root:
    resource paths are relative to its folder and must stay inside the root.
    """
    label = source or config_path
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(label, [ManifestProblem("", f"not valid TOML: {error}")]) from None
    try:
        manifest = Manifest.model_validate({**data, "config_path": config_path})
    except ValidationError as error:
        raise ManifestError(label, _problems(error)) from None
    problems = _cross_check(manifest)
    if problems:
        raise ManifestError(label, problems)
    return manifest


# Pydantic's wording in TOML terms.
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


def _problems(error: ValidationError) -> list[ManifestProblem]:
    problems: dict[str, str] = {}
    for detail in error.errors():
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in detail["loc"])
        message = _PLAIN_MESSAGES.get(detail["type"], detail["msg"].removeprefix("Value error, "))
        problems.setdefault(key.lstrip("."), message)  # first message per key is enough
    return [ManifestProblem(key, message) for key, message in problems.items()]


def _duplicates(keyed_names: Iterable[tuple[str, str]], what: str) -> list[ManifestProblem]:
    seen: set[str] = set()
    found = []
    for key, name in keyed_names:
        if name in seen:
            found.append(ManifestProblem(key, f"duplicate {what} {name!r}"))
        seen.add(name)
    return found


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


def _cross_check(manifest: Manifest) -> list[ManifestProblem]:
    """The rules that span tables: paths, unique names and references."""
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
    problems += _duplicates(
        ((f"plugin_param_types[{i}].name", t.name) for i, t in enumerate(types)), "type"
    )
    problems += _duplicates(
        ((f"plugins[{i}].path", p.name) for i, p in enumerate(manifest.plugins)), "plugin"
    )
    problems += _duplicates(
        ((f"entrypoints[{i}].name", e.name) for i, e in enumerate(manifest.entrypoints)),
        "entrypoint",
    )
    known_types = BUILTIN_TYPE_NAMES | {t.name for t in types}
    for key, param in _typed_params(manifest):
        if param.type not in known_types:
            message = f"unknown type {param.type!r}; declare it in [[plugin_param_types]]"
            problems.append(ManifestProblem(f"{key}.type", message))
    plugins = {p.name for p in manifest.plugins}
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
