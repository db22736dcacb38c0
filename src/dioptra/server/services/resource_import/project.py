"""Reading a staged import: its ``dioptra.toml`` and the files it names.

The manifest is checked by ``dioptra.engine.manifest`` and its plugin and entrypoint
files are read by ``dioptra.engine.project``, in Dioptra's order: the structure first
(with every repeated name, whatever else is wrong), then names with the services' own
rules, so a bad name gets the error the individual routes give (``ResourceNameError``,
...), then known types, declared plugins and paths confined to the root.
Anything else wrong is an ``ImportFailedError`` whose ``detail.reason`` lists every
problem with its key (``plugins[0].path: ...``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from dioptra.engine.manifest import (
    NOTHING_EXISTING,
    ExistingNames,
    ManifestError,
    ManifestProblem,
    parse_manifest,
    plugin_name,
    schema_problems,
)
from dioptra.engine.project import Project, load_project
from dioptra.server.services.core import resources
from dioptra.server.services.core.errors import ResourceNameError
from dioptra.server.services.core.resources import SnapshotFields
from dioptra.server.services.entrypoints.version import ENTRYPOINT
from dioptra.server.services.plugins.parameter_types import PARAMETER_TYPE, check_not_builtin_name
from dioptra.server.services.plugins.plugins import check_plugin_name
from dioptra.server.services.plugins.tasks import parameter_name_problem, task_name_problem
from dioptra.server.services.resource_import.errors import ImportFailedError
from dioptra.server.services.resource_import.staging import path_problem


def config_path_parts(config_path: str) -> str:
    """``configPath`` normalised; ``..`` may be used only inside the import root."""
    if config_path.startswith("/"):
        raise ImportFailedError(
            "Invalid import resource path", f"the config path {config_path!r} is absolute"
        )
    parts: list[str] = []
    for segment in config_path.split("/"):
        if segment == "..":
            if not parts:
                raise ImportFailedError(
                    "Invalid import resource path",
                    f"the config path {config_path!r} leads outside the import",
                )
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    normalised = "/".join(parts)
    problem = path_problem(normalised) if normalised else f"{config_path!r} names no file"
    if problem is not None:
        raise ImportFailedError("Invalid import resource path", problem)
    return normalised


def load_import_project(
    root: Path, config_path: str, existing: ExistingNames = NOTHING_EXISTING
) -> Project:
    """The manifest and every file it names, checked (see the module's docstring);
    ``existing``: the types and plugins of the group, which it may use undeclared."""
    relative = config_path_parts(config_path)
    config_file = root.joinpath(*relative.split("/"))
    failed_to_load = f"Failed to load resource import config from {config_path}."
    try:
        text = config_file.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise ImportFailedError(failed_to_load, "File not found.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFailedError(failed_to_load, f"Could not read config: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ImportFailedError(failed_to_load, f"Could not decode config: {error}") from None
    validation_failed = f"Failed to validate config file from {config_path}."
    problems = schema_problems(data)
    if problems:
        raise ImportFailedError(validation_failed, _reason(problems, relative))
    check_names(data)
    try:
        parse_manifest(text, config_path=relative, existing=existing)
    except ManifestError as error:
        raise ImportFailedError(validation_failed, _reason(error.problems, relative)) from None
    try:
        return load_project(root, relative, existing)
    except ManifestError as error:
        raise ImportFailedError(
            f"Failed to read the files named in {config_path}.", _reason(error.problems, relative)
        ) from None


def _reason(problems: list[ManifestProblem], config_path: str) -> str:
    """One problem a line, each with the file it is in: the manifest's, unless the
    problem names its own file (``entrypoints/x.yml:6: invalid YAML ...``)."""
    return "\n".join(f"{config_path}: {p}" if p.key else str(p) for p in problems)


# -- names -------------------------------------------------------------------------------


def _tables(data: dict[str, Any], key: str) -> Iterator[dict[str, Any]]:
    """The tables of an array of tables; anything malformed is left to the schema check."""
    value = data.get(key)
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _strings(table: dict[str, Any], key: str) -> Iterator[str]:
    value = table.get(key)
    if isinstance(value, str):
        yield value


def _check_identifier(name: str, problem: str | None) -> None:
    if problem is not None:
        raise ResourceNameError(problem)


def check_names(data: dict[str, Any]) -> None:
    """Resource, plugin, task and task parameter names follow the routes' rules."""
    for table in _tables(data, "plugin_param_types"):
        for name in _strings(table, "name"):
            resources.check_fields(PARAMETER_TYPE, SnapshotFields(name, None))
            check_not_builtin_name(name)
    for table in _tables(data, "plugins"):
        for path in _strings(table, "path"):
            check_plugin_name(plugin_name(path))
        tasks = table.get("tasks")
        if not isinstance(tasks, dict):
            continue
        for kind in ("functions", "artifacts"):
            for task in _tables(tasks, kind):
                for name in _strings(task, "name"):
                    _check_identifier(name, task_name_problem(name))
                for params in ("input_params", "output_params"):
                    for param in _tables(task, params):
                        for name in _strings(param, "name"):
                            _check_identifier(name, parameter_name_problem(name))
    for table in _tables(data, "entrypoints"):
        for name in _strings(table, "name"):
            resources.check_fields(ENTRYPOINT, SnapshotFields(name, None))


# -- entrypoint files --------------------------------------------------------------------


def graph_text(section: Any) -> str:
    """A section of an entrypoint file as the YAML text an entrypoint stores (re-dumped,
    as Dioptra's import does); empty for an absent section."""
    if not section:
        return ""
    return yaml.safe_dump(section, sort_keys=False, default_flow_style=False, allow_unicode=True)
