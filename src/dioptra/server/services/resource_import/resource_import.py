"""Resource import (``POST /workflows/resourceImport``): a project folder's parameter
types, plugins (with their files and tasks) and entrypoints, created in one go.

The source is staged first (``staging``, ``git``) and read
(``project``); then, in the caller's one transaction, types, plugins and
entrypoints are written in that order through the same service functions the individual
routes use, so every rule of those routes applies (names, file names, tasks, save-time
entrypoint validation, whose warnings the answer carries). Any failure rolls the whole
import back (the caller's transaction). Name clashes are resolved as the strategy says:

- ``fail``: the first clash is a 409 ``EntityExistsError``;
- ``update``: an existing resource gets a new snapshot; a plugin's files are updated by
  file name (new ones added, others kept); an entrypoint keeps its queues and plugin
  bindings, and the plugins it lists are (re)bound at their latest snapshot;
- ``overwrite``: the existing resource is deleted and a new one created.

Ours: the manifest may use the group's existing parameter types and plugins without
declaring them; the answer's ``changes`` says what happened to each resource; a task
graph's findings name the entrypoint file and its lines (``file:LINE: problem``), since
the graph is validated with the lines of the file it was read from.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from dioptra.engine.manifest import (
    ArtifactTaskDecl,
    EntrypointDecl,
    ExistingNames,
    FunctionTaskDecl,
    ParamTypeDecl,
    TaskOutput,
)
from dioptra.engine.project import Project
from dioptra.engine.signatures import BUILTIN_TYPE_NAMES
from dioptra.server.db.tables import Resource, ResourceLink, ResourceSnapshot
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.core.kinds import ResourceKind
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.entrypoints import entrypoints
from dioptra.server.services.entrypoints import queues as entrypoint_queues
from dioptra.server.services.entrypoints.errors import EntrypointValidationError
from dioptra.server.services.entrypoints.plugins import attach_latest, load_bindings
from dioptra.server.services.entrypoints.version import (
    ENTRYPOINT,
    ArtifactOutputDecl,
    ArtifactParameterDecl,
    EntrypointContent,
    ParameterDecl,
)
from dioptra.server.services.plugins import files as plugin_files
from dioptra.server.services.plugins import parameter_types as types_service
from dioptra.server.services.plugins import plugins
from dioptra.server.services.plugins.files import FileContent
from dioptra.server.services.plugins.parameter_types import PARAMETER_TYPE
from dioptra.server.services.plugins.plugins import PLUGIN, PLUGIN_FILE
from dioptra.server.services.plugins.tasks import ParamDecl, TaskDecl, TasksDecl
from dioptra.server.services.resource_import.errors import ImportFailedError, UnexpectedImportError
from dioptra.server.services.resource_import.project import graph_text, load_import_project
from dioptra.server.services.resource_import.staging import StagedSource

LOGGER = logging.getLogger(__name__)


class ConflictStrategy(enum.Enum):
    FAIL = "fail"
    UPDATE = "update"
    OVERWRITE = "overwrite"


@dataclass(frozen=True)
class ImportResult:
    """Ids of what was imported, by name, and the hash of the source."""

    hash: str
    plugin_param_types: Mapping[str, int]
    plugins: Mapping[str, int]
    entrypoints: Mapping[str, int]
    # Ours: the entrypoints' save warnings, each {entrypoint, path, message}.
    warnings: list[dict[str, str]]
    # Ours: what happened to each resource, by kind and name: "created", "updated" (a
    # new snapshot of an existing one) or "replaced" (deleted and created again).
    changes: Mapping[str, Mapping[str, str]]

    def to_wire(self) -> dict[str, Any]:
        return {
            "message": "successfully imported",
            "hash": self.hash,
            "resources": {
                "plugins": dict(self.plugins),
                "plugin_param_types": dict(self.plugin_param_types),
                "entrypoints": dict(self.entrypoints),
            },
            "warnings": self.warnings,
            "changes": {kind: dict(names) for kind, names in self.changes.items()},
        }


def import_resources(
    ctx: ServiceContext,
    group_id: int,
    source: StagedSource,
    *,
    config_path: str = "dioptra.toml",
    strategy: ConflictStrategy = ConflictStrategy.FAIL,
) -> ImportResult:
    """Imports a staged project into a group (see the module's docstring).

    Never commits: the caller's transaction makes the import all or nothing.
    """
    ctx.require_writable_group(group_id)
    importer = _Importer(ctx, group_id, strategy)
    project = load_import_project(source.root, config_path, importer.existing_names())
    try:
        type_ids = importer.import_types(project.manifest.plugin_param_types)
        plugin_ids = importer.import_plugins(project, type_ids)
        entrypoint_ids = importer.import_entrypoints(project, plugin_ids, type_ids)
    except (DioptraError, SQLAlchemyError):
        raise  # the client's mistake (4xx), or the database's (e.g. a concurrent write)
    except Exception as error:
        LOGGER.exception("resource import into group %s failed unexpectedly", group_id)
        raise UnexpectedImportError() from error
    return ImportResult(
        source.hash, type_ids, plugin_ids, entrypoint_ids, importer.warnings, importer.changes
    )


class _Importer:
    def __init__(self, ctx: ServiceContext, group_id: int, strategy: ConflictStrategy) -> None:
        self.ctx = ctx
        self.group_id = group_id
        self.strategy = strategy
        self.warnings: list[dict[str, str]] = []
        self.changes: dict[str, dict[str, str]] = {
            "plugin_param_types": {},
            "plugins": {},
            "entrypoints": {},
        }

    def _in_group(self, kind: ResourceKind) -> dict[str, int]:
        """Name -> id of the group's live resources of a kind."""
        rows = self.ctx.db.execute(
            select(Resource.unique_name, Resource.id).where(
                Resource.resource_type == kind.type_name,
                Resource.group_id == self.group_id,
                ~Resource.deleted,
            )
        ).all()
        return {name: resource_id for name, resource_id in rows if name is not None}

    def existing_names(self) -> ExistingNames:
        """What the manifest may use without declaring it: the group's types and plugins."""
        return ExistingNames(
            types=frozenset(self._in_group(PARAMETER_TYPE)),
            plugins=frozenset(self._in_group(PLUGIN)),
        )

    def _existing(self, kind: ResourceKind, name: str) -> int | None:
        """The live resource of this kind and name in the group (None when there is
        none, or when the strategy is ``fail``: creating it then reports the clash)."""
        if self.strategy is ConflictStrategy.FAIL:
            return None
        return self._in_group(kind).get(name)

    def _note(self, kind: str, name: str, existing: int | None) -> None:
        if existing is None:
            change = "created"
        else:
            change = "updated" if self.strategy is ConflictStrategy.UPDATE else "replaced"
        self.changes[kind][name] = change

    # -- parameter types ------------------------------------------------------------------

    def import_types(self, declared: tuple[ParamTypeDecl, ...]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for declaration in declared:
            fields = types_service.parameter_type_fields(
                declaration.name, declaration.description, declaration.structure
            )
            existing = self._existing(PARAMETER_TYPE, declaration.name)
            if existing is not None and self.strategy is ConflictStrategy.UPDATE:
                view = types_service.modify_parameter_type(self.ctx, existing, fields)
            else:
                if existing is not None:
                    resources.delete_resource(self.ctx, PARAMETER_TYPE, existing)
                view = types_service.create_parameter_type(self.ctx, self.group_id, fields)
            ids[declaration.name] = view.resource_id
            self._note("plugin_param_types", declaration.name, existing)
        return ids

    def _all_type_ids(self, imported: Mapping[str, int]) -> dict[str, int]:
        """Task and artifact parameters may name an imported type, one the group has,
        or a builtin one."""
        rows = self.ctx.db.execute(
            select(Resource.unique_name, Resource.id).where(
                Resource.resource_type == PARAMETER_TYPE.type_name,
                Resource.readonly,
                ~Resource.deleted,
                Resource.unique_name.in_(sorted(BUILTIN_TYPE_NAMES)),
                resources.visible(self.ctx),
            )
        ).all()
        builtins = {name: type_id for name, type_id in rows if name is not None}
        return {**builtins, **self._in_group(PARAMETER_TYPE), **imported}

    # -- plugins ----------------------------------------------------------------------------

    def import_plugins(self, project: Project, type_ids: Mapping[str, int]) -> dict[str, int]:
        known_types = self._all_type_ids(type_ids)
        ids: dict[str, int] = {}
        for declaration in project.manifest.plugins:
            name = declaration.name
            existing = self._existing(PLUGIN, name)
            if existing is not None and self.strategy is ConflictStrategy.UPDATE:
                plugin_id = plugins.modify_plugin(
                    self.ctx, existing, name, declaration.description
                ).resource_id
                current_files = self._live_files(plugin_id)
            else:
                if existing is not None:
                    plugins.delete_plugin(self.ctx, existing)
                plugin_id = plugins.create_plugin(
                    self.ctx, self.group_id, name, declaration.description
                ).resource_id
                current_files = {}
            for filename, contents in project.plugins[name].sources.items():
                tasks = TasksDecl(
                    functions=[
                        _function_task(task, known_types)
                        for task in declaration.functions
                        if task.filename == filename
                    ],
                    artifacts=[
                        _artifact_task(task, known_types)
                        for task in declaration.artifacts
                        if task.filename == filename
                    ],
                )
                if filename in current_files:
                    file_id, description = current_files[filename]
                    content = FileContent(filename, contents, description, tasks)
                    plugin_files.modify_file(self.ctx, plugin_id, file_id, content)
                else:
                    content = FileContent(filename, contents, None, tasks)
                    plugin_files.create_file(self.ctx, plugin_id, content)
            ids[name] = plugin_id
            self._note("plugins", name, existing)
        return ids

    def _live_files(self, plugin_id: int) -> dict[str, tuple[int, str | None]]:
        """Filename -> (file id, description) of a plugin's live files."""
        rows = self.ctx.db.execute(
            select(Resource.id, ResourceSnapshot.name, ResourceSnapshot.description)
            .join(ResourceLink, ResourceLink.child_id == Resource.id)
            .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
            .where(
                ResourceLink.parent_id == plugin_id,
                Resource.resource_type == PLUGIN_FILE.type_name,
                ~Resource.deleted,
            )
        ).all()
        return {filename or "": (file_id, description) for file_id, filename, description in rows}

    # -- entrypoints --------------------------------------------------------------------------

    def import_entrypoints(
        self, project: Project, plugin_ids: Mapping[str, int], type_ids: Mapping[str, int]
    ) -> dict[str, int]:
        known_types = self._all_type_ids(type_ids)
        all_plugins = {**self._in_group(PLUGIN), **plugin_ids}  # undeclared: the group's
        ids: dict[str, int] = {}
        for declaration in project.manifest.entrypoints:
            loaded = project.entrypoints[declaration.name]
            content = replace(
                _entrypoint_content(
                    declaration,
                    graph_text(loaded.graph.data),
                    graph_text(loaded.artifacts.data),
                    known_types,
                ),
                source_sections=(loaded.graph, loaded.artifacts),
            )
            task_plugins = [all_plugins[name] for name in declaration.plugins]
            artifact_plugins = [all_plugins[name] for name in declaration.artifact_plugins]
            existing = self._existing(ENTRYPOINT, declaration.name)
            try:
                if existing is not None and self.strategy is ConflictStrategy.UPDATE:
                    view = self._update_entrypoint(
                        existing, content, task_plugins, artifact_plugins
                    )
                else:
                    if existing is not None:
                        resources.delete_resource(self.ctx, ENTRYPOINT, existing)
                    view = entrypoints.create(
                        self.ctx,
                        self.group_id,
                        content,
                        plugin_ids=task_plugins,
                        artifact_plugin_ids=artifact_plugins,
                    )
            except EntrypointValidationError as error:
                shown = loaded.file.relative_to(project.root.resolve()).as_posix()
                raise located_validation_error(error, shown) from None
            ids[declaration.name] = view.resource_id
            self._note("entrypoints", declaration.name, existing)
            self.warnings += [
                {"entrypoint": declaration.name, **warning}
                for warning in view.extras.get(entrypoints.SAVE_WARNINGS, [])
            ]
        return ids

    def _update_entrypoint(
        self,
        entrypoint_id: int,
        content: EntrypointContent,
        task_plugins: list[int],
        artifact_plugins: list[int],
    ) -> SnapshotView:
        """New content; queues and bindings kept, the listed plugins bound at latest."""
        latest = resources.get_latest(self.ctx, ENTRYPOINT, entrypoint_id)
        bound = load_bindings(self.ctx, [latest.snapshot_id])[latest.snapshot_id]
        return entrypoints.modify(
            self.ctx,
            entrypoint_id,
            content,
            queue_ids=entrypoint_queues.queue_ids(self.ctx, entrypoint_id),
            plugin_snapshot_ids=attach_latest(self.ctx, bound.plugins, task_plugins),
            artifact_plugin_snapshot_ids=attach_latest(
                self.ctx, bound.artifact_plugins, artifact_plugins
            ),
        )


# An engine finding: "<kind>.<severity>: [Swap combination {...}] <subject> (line N): <problem>"
# (see ``IssueCollector``; the combination only where ``check_document`` adds one).
_KIND = re.compile(r"^\w+\.\w+: ")
_COMBINATION = re.compile(r"^(\[Swap combination (?P<choices>.*?)\] )")
_WHERE = re.compile(
    r"^(?:(?P<subject>.*?) \(line (?P<line>\d+)\)|line (?P<bare>\d+)): (?P<problem>.*)$", re.S
)


def located_validation_error(
    error: EntrypointValidationError, file: str
) -> EntrypointValidationError:
    """The same findings, each as ``file:LINE: problem`` (lines of the user's file, as
    the sections the content was validated with carry them). ``missing_global_params``
    lists names, not findings: kept as they are, as 1.2.2's clients read them."""
    return EntrypointValidationError(
        {
            key: messages
            if key == "missing_global_params"
            else [_located(message, file) for message in messages]
            for key, messages in error.reason.items()
        }
    )


def _located(message: str, file: str) -> str:
    text = _KIND.sub("", message, count=1)
    combination = _COMBINATION.match(text)
    shown_combination = ""
    if combination is not None:
        text = text[combination.end() :]
        if combination["choices"] != "{}":  # {}: a graph without swaps
            shown_combination = combination[1]
    where = _WHERE.match(text)
    if where is None:
        return f"{file}: {shown_combination}{text}"
    subject = f"{where['subject']}: " if where["subject"] else ""
    line = where["line"] or where["bare"]
    return f"{file}:{line}: {shown_combination}{subject}{where['problem']}"


# -- declarations -> service inputs ---------------------------------------------------------


def _type_id(type_name: str, known_types: Mapping[str, int]) -> int:
    if type_name not in known_types:  # the manifest check makes this a server problem
        raise ImportFailedError(
            "Plugin parameter type specified in task parameters not found.",
            f"The type {type_name!r} is neither builtin nor declared in the config.",
        )
    return known_types[type_name]


def _outputs(outputs: tuple[TaskOutput, ...], known_types: Mapping[str, int]) -> list[ParamDecl]:
    return [ParamDecl(o.name, _type_id(o.type, known_types)) for o in outputs]


def _function_task(task: FunctionTaskDecl, known_types: Mapping[str, int]) -> TaskDecl:
    return TaskDecl(
        task.name,
        inputs=[
            ParamDecl(p.name, _type_id(p.type, known_types), p.required) for p in task.input_params
        ],
        outputs=_outputs(task.output_params, known_types),
    )


def _artifact_task(task: ArtifactTaskDecl, known_types: Mapping[str, int]) -> TaskDecl:
    return TaskDecl(task.name, outputs=_outputs(task.output_params, known_types))


def _entrypoint_content(
    declaration: EntrypointDecl,
    task_graph: str,
    artifact_graph: str,
    known_types: Mapping[str, int],
) -> EntrypointContent:
    return EntrypointContent(
        name=declaration.name,
        description=declaration.description,
        task_graph=task_graph,
        artifact_graph=artifact_graph,
        parameters=tuple(
            ParameterDecl(p.name, p.type, p.default_value) for p in declaration.params
        ),
        artifact_parameters=tuple(
            ArtifactParameterDecl(
                a.name,
                tuple(
                    ArtifactOutputDecl(o.name, _type_id(o.type, known_types))
                    for o in a.output_params
                ),
            )
            for a in declaration.artifact_params
        ),
    )
