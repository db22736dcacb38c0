"""Plugin files: the filename rule and the file operations.

A file is a resource (``plugin_file``) in its plugin's group, a child of the plugin
through a resource link; its ``filename`` is unique among the plugin's live files. Every
create, modify or delete of a file writes a new plugin snapshot (``plugins.snapshot_plugin``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, select

from dioptra.server.db.tables import Draft, Resource, ResourceLink, ResourceSnapshot
from dioptra.server.services.core import drafts, links, resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.drafts import DraftType, DraftView
from dioptra.server.services.core.errors import (
    DraftDoesNotExistError,
    EntityDoesNotExistError,
    EntityExistsError,
    ResourceNameError,
)
from dioptra.server.services.core.listing import ListQuery, Page
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.plugins import plugins
from dioptra.server.services.plugins.plugins import PLUGIN, PLUGIN_FILE
from dioptra.server.services.plugins.tasks import (
    TasksDecl,
    check_tasks,
    resolve_parameter_types,
    write_tasks,
)

# Relative POSIX path of identifier segments ending in ".py". Folders start with a
# letter; a name starting with "_" is allowed only at the top level.
FILENAME_PATTERN = re.compile(r"(?!.*/_)(?!_/)([a-zA-Z][a-zA-Z0-9_]*/)*[a-zA-Z_][a-zA-Z0-9_]*\.py")


def filename_problem(filename: str) -> str | None:
    """Why a plugin filename is refused (Dioptra's wording), or None when it is fine."""
    if FILENAME_PATTERN.fullmatch(filename):
        return None
    return (
        f"'{filename}' is not a compatible name for a Python file. A Python filename must "
        "start with a letter or underscore, followed by letters, numbers, or underscores, "
        "and ending with a lowercase '.py'. In addition, '_.py' is not a valid Python "
        "filename."
    )


@dataclass(frozen=True)
class FileContent:
    """The versioned content of a plugin file: what a create or modify writes."""

    filename: str
    contents: str
    description: str | None = None
    tasks: TasksDecl = field(default_factory=TasksDecl)


def check_file_content(content: FileContent) -> None:
    """The rules a file body must meet before anything is looked up."""
    problem = filename_problem(content.filename)
    if problem is not None:
        raise ResourceNameError(problem)
    check_tasks(content.tasks)


def file_not_found(plugin_id: int, file_id: int) -> EntityDoesNotExistError:
    return EntityDoesNotExistError(
        PLUGIN_FILE.type_name,
        PLUGIN_FILE.display_name,
        plugin_id=plugin_id,
        plugin_file_id=file_id,
    )


def _is_file_of(ctx: ServiceContext, plugin_id: int, file_id: int) -> bool:
    return (
        ctx.db.scalar(
            select(ResourceLink.child_id).where(
                ResourceLink.parent_id == plugin_id, ResourceLink.child_id == file_id
            )
        )
        is not None
    )


def require_file(
    ctx: ServiceContext, plugin_id: int, file_id: int, *, allow_deleted: bool = False
) -> SnapshotView:
    """The latest version of a file of a plugin (404 for the plugin, then for the file)."""
    plugins.require_plugin(ctx, plugin_id, allow_deleted=allow_deleted)
    if not _is_file_of(ctx, plugin_id, file_id):
        raise file_not_found(plugin_id, file_id)
    try:
        return resources.get_latest(ctx, PLUGIN_FILE, file_id, allow_deleted=allow_deleted)
    except EntityDoesNotExistError:
        raise file_not_found(plugin_id, file_id) from None


def _ensure_filename_free(
    ctx: ServiceContext, plugin_id: int, filename: str, exclude_id: int | None = None
) -> None:
    statement = (
        select(Resource.id)
        .join(ResourceLink, ResourceLink.child_id == Resource.id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(
            ResourceLink.parent_id == plugin_id,
            ~Resource.deleted,
            ResourceSnapshot.name == filename,
        )
    )
    if exclude_id is not None:
        statement = statement.where(Resource.id != exclude_id)
    existing = ctx.db.scalars(statement.limit(1)).first()
    if existing is not None:
        raise EntityExistsError(
            PLUGIN_FILE.type_name,
            PLUGIN_FILE.display_name,
            existing,
            filename=filename,
            plugin_id=plugin_id,
        )


def file_fields(content: FileContent) -> SnapshotFields:
    return SnapshotFields(
        name=content.filename,
        description=content.description,
        payload={"contents": content.contents},
    )


def create_file(ctx: ServiceContext, plugin_id: int, content: FileContent) -> SnapshotView:
    check_file_content(content)
    plugin = plugins.plugin_for_write(ctx, plugin_id)
    _ensure_filename_free(ctx, plugin_id, content.filename)
    type_snapshots = resolve_parameter_types(ctx, content.tasks)
    view = resources.create(ctx, PLUGIN_FILE, plugin.group_id, file_fields(content))
    links.add_links(ctx, plugin_id, PLUGIN.type_name, [view.resource_id], PLUGIN_FILE.type_name)
    write_tasks(ctx, view.snapshot_id, content.tasks, type_snapshots)
    plugins.snapshot_plugin(ctx, plugin_id)
    return view


def modify_file(
    ctx: ServiceContext, plugin_id: int, file_id: int, content: FileContent
) -> SnapshotView:
    check_file_content(content)
    plugins.plugin_for_write(ctx, plugin_id)
    require_file(ctx, plugin_id, file_id)
    _ensure_filename_free(ctx, plugin_id, content.filename, exclude_id=file_id)
    type_snapshots = resolve_parameter_types(ctx, content.tasks)
    view = resources.modify(ctx, PLUGIN_FILE, file_id, file_fields(content))
    write_tasks(ctx, view.snapshot_id, content.tasks, type_snapshots)
    plugins.snapshot_plugin(ctx, plugin_id)
    return view


def delete_file(ctx: ServiceContext, plugin_id: int, file_id: int) -> list[int]:
    plugins.plugin_for_write(ctx, plugin_id)
    require_file(ctx, plugin_id, file_id)
    resources.delete_resource(ctx, PLUGIN_FILE, file_id)
    plugins.snapshot_plugin(ctx, plugin_id)
    return [file_id]


def delete_all_files(ctx: ServiceContext, plugin_id: int) -> list[int]:
    """Deletes every live file; one new plugin snapshot (without files) records it."""
    plugins.plugin_for_write(ctx, plugin_id)
    file_ids = plugins.live_file_ids(ctx, plugin_id)
    if file_ids:
        plugins.mark_deleted(ctx, file_ids)
        plugins.snapshot_plugin(ctx, plugin_id)
    return file_ids


def list_files(ctx: ServiceContext, plugin_id: int, query: ListQuery) -> Page[SnapshotView]:
    plugins.require_plugin(ctx, plugin_id)
    children = select(ResourceLink.child_id).where(ResourceLink.parent_id == plugin_id)
    filters: list[ColumnElement[bool]] = [Resource.id.in_(children)]
    return resources.list_latest(ctx, PLUGIN_FILE, query, filters)


def list_file_snapshots(
    ctx: ServiceContext, plugin_id: int, file_id: int, query: ListQuery
) -> Page[SnapshotView]:
    require_file(ctx, plugin_id, file_id, allow_deleted=True)
    return resources.list_snapshots(ctx, PLUGIN_FILE, file_id, query)


def get_file_snapshot(
    ctx: ServiceContext, plugin_id: int, file_id: int, snapshot_id: int
) -> SnapshotView:
    require_file(ctx, plugin_id, file_id, allow_deleted=True)
    return resources.get_snapshot(ctx, PLUGIN_FILE, file_id, snapshot_id)


def plugin_of_file(ctx: ServiceContext, file_id: int) -> int:
    """The plugin a file belongs to (for committing a file's modification draft)."""
    plugin_id = ctx.db.scalar(
        select(ResourceLink.parent_id).where(
            ResourceLink.child_id == file_id,
            ResourceLink.link_type == f"{PLUGIN.type_name}.{PLUGIN_FILE.type_name}",
        )
    )
    if plugin_id is None:
        raise EntityDoesNotExistError(
            PLUGIN_FILE.type_name, PLUGIN_FILE.display_name, plugin_file_id=file_id
        )
    return plugin_id


# -- drafts ----------------------------------------------------------------------------
# New-file drafts hang off their plugin (``parent_resource_id``); modification drafts
# record it too, so that ``/plugins/{id}/files/drafts/`` can list both kinds.


def list_file_drafts(
    ctx: ServiceContext, plugin_id: int, draft_type: DraftType, query: ListQuery
) -> Page[DraftView]:
    plugins.require_plugin(ctx, plugin_id)
    return drafts.list_drafts(ctx, PLUGIN_FILE, draft_type, query, parent_resource_id=plugin_id)


def create_new_file_draft(
    ctx: ServiceContext, plugin_id: int, payload: dict[str, Any], content: FileContent
) -> DraftView:
    check_file_content(content)
    group_id = plugins.require_plugin(ctx, plugin_id).group_id
    return drafts.create_new_draft(
        ctx, PLUGIN_FILE, group_id, payload, file_fields(content), parent_resource_id=plugin_id
    )


def get_new_file_draft(ctx: ServiceContext, plugin_id: int, draft_id: int) -> DraftView:
    plugins.require_plugin(ctx, plugin_id)
    view = drafts.get_draft(ctx, PLUGIN_FILE, draft_id)
    if view.draft.parent_resource_id != plugin_id or view.draft.base_resource_id is not None:
        raise DraftDoesNotExistError(draft_resource_id=draft_id)
    return view


def modify_new_file_draft(
    ctx: ServiceContext,
    plugin_id: int,
    draft_id: int,
    payload: dict[str, Any],
    content: FileContent,
) -> DraftView:
    check_file_content(content)
    get_new_file_draft(ctx, plugin_id, draft_id)
    return drafts.modify_new_draft(ctx, PLUGIN_FILE, draft_id, payload, file_fields(content))


def delete_new_file_draft(ctx: ServiceContext, plugin_id: int, draft_id: int) -> int:
    get_new_file_draft(ctx, plugin_id, draft_id)
    return drafts.delete_draft(ctx, PLUGIN_FILE, draft_id)


def get_file_modification_draft(ctx: ServiceContext, plugin_id: int, file_id: int) -> DraftView:
    require_file(ctx, plugin_id, file_id)
    return drafts.get_modification_draft(ctx, PLUGIN_FILE, file_id)


def create_file_modification_draft(
    ctx: ServiceContext,
    plugin_id: int,
    file_id: int,
    payload: dict[str, Any],
    content: FileContent,
) -> DraftView:
    check_file_content(content)
    require_file(ctx, plugin_id, file_id)
    view = drafts.create_modification_draft(
        ctx, PLUGIN_FILE, file_id, payload, file_fields(content)
    )
    view.draft.parent_resource_id = plugin_id
    ctx.db.flush()
    return view


def modify_file_modification_draft(
    ctx: ServiceContext,
    plugin_id: int,
    file_id: int,
    snapshot_id: int,
    payload: dict[str, Any],
    content: FileContent,
) -> DraftView:
    check_file_content(content)
    require_file(ctx, plugin_id, file_id)
    return drafts.modify_modification_draft(
        ctx, PLUGIN_FILE, file_id, snapshot_id, payload, file_fields(content)
    )


def delete_file_modification_draft(ctx: ServiceContext, plugin_id: int, file_id: int) -> int:
    require_file(ctx, plugin_id, file_id)
    return drafts.delete_modification_draft(ctx, PLUGIN_FILE, file_id)


def commit_file_draft(ctx: ServiceContext, draft: Draft, content: FileContent) -> int:
    """Creates the file (new draft) or a new version of it; returns the file id."""
    if draft.base_resource_id is None:
        if draft.parent_resource_id is None:
            raise DraftDoesNotExistError(draft_resource_id=draft.id)
        view = create_file(ctx, draft.parent_resource_id, content)
    else:
        drafts.check_commit_base(ctx, draft)
        plugin_id = plugin_of_file(ctx, draft.base_resource_id)
        view = modify_file(ctx, plugin_id, draft.base_resource_id, content)
    drafts.discard(ctx, draft)
    return view.resource_id
