"""Plugins, and how their snapshots hold files.

A plugin snapshot links the file snapshots it is made of (``snapshot_links``, role
``files``, in file creation order). Every change of a file (create, modify, delete)
writes a new plugin snapshot linking the current version of each live file, so an old
plugin snapshot keeps exactly the files it had; renaming a plugin re-links the same
file snapshots. The file operations themselves are in ``files``.

Other services build on these lookups (keep them stable): ``linked_files`` (files of
plugin snapshots, for rendering), ``load_plugin_snapshot_files`` (with contents, for
bundles), ``plugin_snapshot_specs`` and ``task_type_definitions`` (engine documents),
``latest_plugin_snapshot_id``, ``artifact_task`` and ``plugins_of_files``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, select, update

from dioptra.engine.assemble import (
    ArtifactTaskSpec,
    ParamSpec,
    PluginFileSpec,
    PluginSpec,
    TaskSpec,
)
from dioptra.engine.signatures import BUILTIN_TYPE_NAMES, SignatureAnalysisError, analyze_source
from dioptra.server.db.tables import (
    Group,
    PluginTask,
    Resource,
    ResourceLink,
    ResourceSnapshot,
    SnapshotLink,
)
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    DioptraError,
    EntityDoesNotExistError,
    EntityRelationshipDoesNotExistError,
    ResourceNameError,
)
from dioptra.server.services.core.kinds import (
    NAME_DESCRIPTION_TAG,
    NAME_SORTS,
    ResourceKind,
    like,
    payload_like,
    register_kind,
    tag_like,
)
from dioptra.server.services.core.listing import AnySelect
from dioptra.server.services.core.names import IDENTIFIER_PATTERN
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.plugins.errors import PluginTaskDoesNotExistError
from dioptra.server.services.plugins.tasks import StoredTask, load_tasks

PLUGIN = register_kind(
    ResourceKind(
        type_name="plugin",
        display_name="Plugin",
        url_segment="plugins",
        name_pattern=IDENTIFIER_PATTERN,
        search_fields=NAME_DESCRIPTION_TAG,
        sort_fields=NAME_SORTS,
    )
)
# A file's name is its ``filename`` (unique per plugin, checked here, not per group).
# ``url_segment`` is what ``/tags/{id}/resources/`` shows for a file, as Dioptra does.
PLUGIN_FILE = register_kind(
    ResourceKind(
        type_name="plugin_file",
        display_name="Plugin File",
        url_segment="plugin_file",
        name_pattern=None,
        unique_names=False,
        search_fields={
            "filename": like(ResourceSnapshot.name),
            "description": like(ResourceSnapshot.description),
            "contents": payload_like("contents"),
            "tag": tag_like,
        },
        sort_fields={
            "filename": ResourceSnapshot.name,
            "createdOn": NAME_SORTS["createdOn"],
            "lastModifiedOn": NAME_SORTS["lastModifiedOn"],
            "description": NAME_SORTS["description"],
        },
    )
)
FILES_ROLE = "files"


class InvalidPythonError(DioptraError):
    """Source code that does not parse (signature analysis)."""


def plugin_not_found(plugin_id: int, **attributes: int) -> EntityDoesNotExistError:
    return EntityDoesNotExistError(
        PLUGIN.type_name, PLUGIN.display_name, plugin_id=plugin_id, **attributes
    )


def check_plugin_name(name: str) -> None:
    """A plugin is imported as a Python package: its name must be an identifier."""
    if not IDENTIFIER_PATTERN.fullmatch(name):
        raise ResourceNameError(
            f"'{name}' is not a compatible name for Python module. A Python module must "
            "start with a letter or underscore, followed by letters, numbers, or "
            "underscores. In addition, a Python module name cannot be named '_' with no "
            "other characters."
        )


# -- plugins ---------------------------------------------------------------------------


def create_plugin(
    ctx: ServiceContext, group_id: int, name: str, description: str | None
) -> SnapshotView:
    check_plugin_name(name)
    return resources.create(ctx, PLUGIN, group_id, SnapshotFields(name, description))


def modify_plugin(
    ctx: ServiceContext, plugin_id: int, name: str, description: str | None
) -> SnapshotView:
    """A new plugin snapshot with the same files."""
    check_plugin_name(name)
    view = resources.modify(ctx, PLUGIN, plugin_id, SnapshotFields(name, description))
    _link_current_files(ctx, plugin_id, view.snapshot_id)
    return view


def delete_plugin(ctx: ServiceContext, plugin_id: int) -> None:
    """Soft-deletes the plugin and every file of it."""
    resources.delete_resource(ctx, PLUGIN, plugin_id)
    mark_deleted(ctx, live_file_ids(ctx, plugin_id))


def live_files_select(plugin_id: int) -> Select[int, int | None]:
    return (
        select(Resource.id, Resource.latest_snapshot_id)
        .join(ResourceLink, ResourceLink.child_id == Resource.id)
        .where(
            ResourceLink.parent_id == plugin_id,
            Resource.resource_type == PLUGIN_FILE.type_name,
            ~Resource.deleted,
        )
        .order_by(Resource.id)
    )


def live_file_ids(ctx: ServiceContext, plugin_id: int) -> list[int]:
    return [row[0] for row in ctx.db.execute(live_files_select(plugin_id))]


def mark_deleted(ctx: ServiceContext, file_ids: list[int]) -> None:
    if file_ids:
        ctx.db.execute(update(Resource).where(Resource.id.in_(file_ids)).values(deleted=True))


def _link_current_files(ctx: ServiceContext, plugin_id: int, plugin_snapshot_id: int) -> None:
    rows = ctx.db.execute(live_files_select(plugin_id)).all()
    for position, (_, file_snapshot_id) in enumerate(rows):
        assert file_snapshot_id is not None
        ctx.db.add(
            SnapshotLink(
                parent_snapshot_id=plugin_snapshot_id,
                role=FILES_ROLE,
                position=position,
                child_snapshot_id=file_snapshot_id,
            )
        )
    ctx.db.flush()


def snapshot_plugin(ctx: ServiceContext, plugin_id: int) -> None:
    """Records a file change: a new plugin version linking the files as they are now."""
    latest = resources.get_latest(ctx, PLUGIN, plugin_id)
    fields = SnapshotFields(latest.name, latest.description, dict(latest.payload))
    view = resources.modify(ctx, PLUGIN, plugin_id, fields)
    _link_current_files(ctx, plugin_id, view.snapshot_id)


def plugin_for_write(ctx: ServiceContext, plugin_id: int) -> Resource:
    try:
        return resources.load_for_write(ctx, PLUGIN, plugin_id)
    except EntityDoesNotExistError:
        raise plugin_not_found(plugin_id) from None


def require_plugin(
    ctx: ServiceContext, plugin_id: int, *, allow_deleted: bool = False
) -> SnapshotView:
    """The latest version of a plugin; 404 ``{plugin_id}`` when absent or deleted."""
    try:
        return resources.get_latest(ctx, PLUGIN, plugin_id, allow_deleted=allow_deleted)
    except EntityDoesNotExistError:
        raise plugin_not_found(plugin_id) from None


# -- plugin snapshots and their files ----------------------------------------------------


@dataclass(frozen=True)
class LinkedFile:
    """One file version as linked from a plugin snapshot."""

    file_id: int
    file_snapshot_id: int
    filename: str
    group_id: int
    group_name: str
    deleted: bool
    tasks: tuple[StoredTask, ...]
    contents: str | None = None  # loaded only when asked for


@dataclass(frozen=True)
class PluginSnapshotFiles:
    """A plugin snapshot with its files: what bundles and engine documents are made of."""

    plugin_id: int
    plugin_snapshot_id: int
    name: str
    files: tuple[LinkedFile, ...]


def _linked_files_statement(with_contents: bool) -> AnySelect:
    return (
        select(
            SnapshotLink.parent_snapshot_id,
            ResourceSnapshot.id,
            ResourceSnapshot.resource_id,
            ResourceSnapshot.name,
            Resource.group_id,
            Group.name,
            Resource.deleted,
            ResourceSnapshot.payload["contents"].as_string() if with_contents else Resource.id,
        )
        .join(ResourceSnapshot, ResourceSnapshot.id == SnapshotLink.child_snapshot_id)
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .join(Group, Group.id == Resource.group_id)
        .where(
            SnapshotLink.parent_snapshot_id.in_(bindparam("ids", expanding=True)),
            SnapshotLink.role == FILES_ROLE,
        )
        .order_by(SnapshotLink.parent_snapshot_id, SnapshotLink.position)
    )


# Built once (every plugin list page runs one): with and without the files' contents.
_LINKED_FILES = {flag: _linked_files_statement(flag) for flag in (False, True)}


def linked_files(
    ctx: ServiceContext, plugin_snapshot_ids: Iterable[int], *, with_contents: bool = False
) -> dict[int, list[LinkedFile]]:
    """The files of each plugin snapshot, in link order (three queries for any number)."""
    ids = sorted(set(plugin_snapshot_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(_LINKED_FILES[with_contents], {"ids": ids}).all()
    tasks = load_tasks(ctx, [row[1] for row in rows])
    files: dict[int, list[LinkedFile]] = defaultdict(list)
    for parent, snapshot_id, file_id, filename, group_id, group_name, deleted, extra in rows:
        files[parent].append(
            LinkedFile(
                file_id=file_id,
                file_snapshot_id=snapshot_id,
                filename=filename or "",
                group_id=group_id,
                group_name=group_name,
                deleted=deleted,
                tasks=tuple(tasks.get(snapshot_id, ())),
                contents=(extra or "") if with_contents else None,
            )
        )
    return dict(files)


def load_plugin_snapshot_files(
    ctx: ServiceContext, plugin_snapshot_ids: Sequence[int]
) -> list[PluginSnapshotFiles]:
    """Plugin snapshots (in the order given) with their files' contents and tasks.

    Raises ``EntityDoesNotExistError`` (404) for an id that is not a snapshot of a plugin
    the user can see.
    """
    rows = ctx.db.execute(
        select(ResourceSnapshot.id, ResourceSnapshot.resource_id, ResourceSnapshot.name)
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .where(
            ResourceSnapshot.id.in_(list(plugin_snapshot_ids)),
            Resource.resource_type == PLUGIN.type_name,
            resources.visible(ctx),
        )
    ).all()
    found = {snapshot_id: (plugin_id, name) for snapshot_id, plugin_id, name in rows}
    for snapshot_id in plugin_snapshot_ids:
        if snapshot_id not in found:
            raise EntityDoesNotExistError(
                PLUGIN.type_name, PLUGIN.display_name, plugin_snapshot_id=snapshot_id
            )
    files = linked_files(ctx, plugin_snapshot_ids, with_contents=True)
    return [
        PluginSnapshotFiles(
            plugin_id=found[snapshot_id][0],
            plugin_snapshot_id=snapshot_id,
            name=found[snapshot_id][1] or "",
            files=tuple(files.get(snapshot_id, ())),
        )
        for snapshot_id in plugin_snapshot_ids
    ]


def plugin_snapshot_files(
    ctx: ServiceContext, plugin_id: int, plugin_snapshot_id: int
) -> PluginSnapshotFiles:
    """One snapshot of one plugin (deleted plugins included, as their snapshots are)."""
    try:
        resources.get_snapshot(ctx, PLUGIN, plugin_id, plugin_snapshot_id)
    except EntityDoesNotExistError:
        raise plugin_not_found(plugin_id, plugin_snapshot_id=plugin_snapshot_id) from None
    return load_plugin_snapshot_files(ctx, [plugin_snapshot_id])[0]


def _task_spec(task: StoredTask) -> TaskSpec:
    return TaskSpec(
        name=task.name,
        inputs=[ParamSpec(p.name, p.type.name, p.required) for p in task.inputs],
        outputs=[(p.name, p.type.name) for p in task.outputs],
    )


def plugin_snapshot_specs(
    ctx: ServiceContext, plugin_snapshot_ids: Sequence[int]
) -> list[PluginSpec]:
    """``PluginSpec``s (``dioptra.engine.assemble``) of plugin snapshots, in the order given.

    Type names are those of the type versions the tasks were saved with; their
    definitions come from ``task_type_definitions``.
    """
    return [
        PluginSpec(
            name=plugin.name,
            files=[
                PluginFileSpec(
                    filename=f.filename,
                    function_tasks=[_task_spec(t) for t in f.tasks if t.kind == "function"],
                    artifact_tasks=[
                        ArtifactTaskSpec(t.name, [(p.name, p.type.name) for p in t.outputs])
                        for t in f.tasks
                        if t.kind == "artifact"
                    ],
                )
                for f in plugin.files
            ],
        )
        for plugin in load_plugin_snapshot_files(ctx, plugin_snapshot_ids)
    ]


def task_type_definitions(
    ctx: ServiceContext, plugin_snapshot_ids: Sequence[int]
) -> dict[str, object]:
    """``{type name: structure}`` of the non-builtin types the snapshots' tasks use."""
    definitions: dict[str, object] = {}
    for plugin in load_plugin_snapshot_files(ctx, plugin_snapshot_ids):
        for plugin_file in plugin.files:
            for task in plugin_file.tasks:
                for param in [*task.inputs, *task.outputs]:
                    if param.type.name not in BUILTIN_TYPE_NAMES:
                        definitions.setdefault(param.type.name, param.type.structure)
    return definitions


def latest_plugin_snapshot_id(ctx: ServiceContext, plugin_id: int) -> int:
    """The current snapshot of a live plugin (404 ``plugin`` otherwise)."""
    return require_plugin(ctx, plugin_id).snapshot_id


@dataclass(frozen=True)
class ArtifactTaskRef:
    task: StoredTask
    plugin_id: int
    plugin_snapshot_id: int
    file_id: int
    file_snapshot_id: int


def artifact_task(ctx: ServiceContext, plugin_snapshot_id: int, task_id: int) -> ArtifactTaskRef:
    """An artifact task of a plugin snapshot.

    404 ``PluginTaskDoesNotExistError`` when no artifact task has this id, 404
    ``EntityRelationshipDoesNotExistError`` when its file is not in the snapshot.
    """
    file_snapshot_id = ctx.db.scalar(
        select(PluginTask.file_snapshot_id).where(
            PluginTask.id == task_id, PluginTask.kind == "artifact"
        )
    )
    if file_snapshot_id is None:
        raise PluginTaskDoesNotExistError(task_id)
    plugin = load_plugin_snapshot_files(ctx, [plugin_snapshot_id])[0]
    for plugin_file in plugin.files:
        if plugin_file.file_snapshot_id == file_snapshot_id:
            task = next(t for t in plugin_file.tasks if t.id == task_id)
            return ArtifactTaskRef(
                task=task,
                plugin_id=plugin.plugin_id,
                plugin_snapshot_id=plugin_snapshot_id,
                file_id=plugin_file.file_id,
                file_snapshot_id=file_snapshot_id,
            )
    raise EntityRelationshipDoesNotExistError(
        [PLUGIN.type_name, "plugin_task"],
        plugin_resource_snapshot_id=plugin_snapshot_id,
        plugin_task_id=task_id,
    )


def analyze_plugin_source(python_code: str) -> dict[str, object]:
    """The function and artifact tasks of plugin source, found statically (never run)."""
    try:
        return analyze_source(python_code).to_wire()
    except SignatureAnalysisError as error:
        raise InvalidPythonError(str(error)) from None


@dataclass(frozen=True)
class PluginRef:
    id: int
    name: str
    group_id: int
    group_name: str
    deleted: bool


def plugins_of_files(ctx: ServiceContext, file_ids: Iterable[int]) -> dict[int, PluginRef]:
    """The plugin (latest name) each file belongs to, for the ``plugin`` ref of a file."""
    ids = sorted(set(file_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(
        select(
            ResourceLink.child_id,
            Resource.id,
            ResourceSnapshot.name,
            Resource.group_id,
            Group.name,
            Resource.deleted,
        )
        .join(Resource, Resource.id == ResourceLink.parent_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .join(Group, Group.id == Resource.group_id)
        .where(ResourceLink.child_id.in_(ids), Resource.resource_type == PLUGIN.type_name)
    )
    return {
        file_id: PluginRef(plugin_id, name or "", group_id, group_name, deleted)
        for file_id, plugin_id, name, group_id, group_name, deleted in rows
    }
