"""Entrypoints: a task graph with typed parameters, bound to plugins and queues.

Every save (create, PUT, plugin attach/detach, draft commit) validates the resulting
version with the engine and refuses an invalid one (``document``). An artifact task
that no bound artifact plugin registers is only a warning (as Dioptra 1.2.2 saves it);
the saved view carries it (``SAVE_WARNINGS``) and job submission refuses the version. The parts:
``version`` (content, payload, body checks), ``plugins`` (plugin
bindings per version), ``document`` (engine document and validation),
``config`` (swaps, config, dynamic globals), ``queues``.

Stable API for the jobs service:
``assemble_document``, ``entrypoint_snapshot_for_job``, ``snapshot_swap_choices``,
``used_parameter_names``, ``check_artifact_tasks_registered``, ``queue_ids``
(``queues``), ``EntrypointVersion``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy import select

from dioptra.engine.swaps import graph_reference_roots, list_swaps, render_swaps
from dioptra.server.db.tables import Resource
from dioptra.server.services.core import resources
from dioptra.server.services.core.bounded_cache import BoundedCache
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    EntityDeletedError,
    EntityDoesNotExistError,
    EntityRelationshipDoesNotExistError,
)
from dioptra.server.services.core.kinds import DeletedAccess
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.entrypoints import queues as entrypoint_queues
from dioptra.server.services.entrypoints.config import (
    GraphGlobals,
    SwapChoice,
    check_choices,
    function_task_files,
    graph_globals,
    render_config,
    swap_choices,
)
from dioptra.server.services.entrypoints.document import (
    DocumentSource,
    EntrypointDocument,
    LintResult,
    build_document,
    lint_report,
    validate_source,
)
from dioptra.server.services.entrypoints.errors import ArtifactTaskNotRegisteredError
from dioptra.server.services.entrypoints.plugins import (
    Bindings,
    BoundPlugin,
    Role,
    attach_latest,
    bound_plugins,
    choose_exact,
    latest_snapshots,
    load_bindings,
    without_plugin,
    write_bindings,
)
from dioptra.server.services.entrypoints.version import (
    ENTRYPOINT,
    EntrypointContent,
    check_content,
    content_from_payload,
    resolve_artifact_types,
)
from dioptra.server.services.plugins.parameter_types import group_type_definitions


@dataclass(frozen=True)
class EntrypointVersion:
    """One snapshot of an entrypoint with its content and plugin bindings."""

    resource_id: int
    snapshot_id: int
    snapshot_created_on: dt.datetime
    group_id: int
    deleted: bool
    content: EntrypointContent
    bindings: Bindings

    @property
    def source(self) -> DocumentSource:
        return DocumentSource(self.group_id, self.content, self.bindings)


def _version(view: SnapshotView, bindings: Bindings) -> EntrypointVersion:
    return EntrypointVersion(
        resource_id=view.resource_id,
        snapshot_id=view.snapshot_id,
        snapshot_created_on=view.snapshot_created_on,
        group_id=view.group_id,
        deleted=view.deleted,
        content=content_from_payload(view.name, view.description, view.payload),
        bindings=bindings,
    )


def load_version(ctx: ServiceContext, snapshot_id: int) -> EntrypointVersion:
    """Any visible entrypoint snapshot by its id (deleted entrypoints included)."""
    view = resources.get_snapshot_by_id(ctx, snapshot_id)
    if view.resource_type != ENTRYPOINT.type_name:
        raise EntityDoesNotExistError("resource", "Resource", snapshot_id=snapshot_id)
    return _version(view, load_bindings(ctx, [snapshot_id])[snapshot_id])


def versions_of(ctx: ServiceContext, views: Sequence[SnapshotView]) -> list[EntrypointVersion]:
    """Versions for views already loaded (one query for all bindings)."""
    bindings = load_bindings(ctx, [view.snapshot_id for view in views])
    return [_version(view, bindings[view.snapshot_id]) for view in views]


def _live_snapshot(
    ctx: ServiceContext, entrypoint_id: int, snapshot_id: int, *, strict: bool = False
) -> EntrypointVersion:
    """A snapshot of an entrypoint, for the routes under ``/snapshots/{s}``: 404 when
    unknown or not of this entrypoint, 423 when the entrypoint is deleted (as 1.2). Not
    ``strict``, a job's worker may still read it: a job queued before the deletion
    still needs its config and bundles."""
    version = load_version(ctx, snapshot_id)
    if version.resource_id != entrypoint_id:
        raise EntityDoesNotExistError("resource", "Resource", snapshot_id=snapshot_id)
    acting_for_job = ctx.actor is not None and ctx.actor.job_id is not None
    if version.deleted and (strict or not acting_for_job):
        raise EntityDeletedError(
            ENTRYPOINT.type_name, ENTRYPOINT.display_name, entrypoint_id, snapshot_id=snapshot_id
        )
    return version


def _latest_for_read(ctx: ServiceContext, entrypoint_id: int) -> EntrypointVersion:
    """The latest version, 423 when the entrypoint is deleted (plugin sub-routes)."""
    view = resources.get_latest(ctx, ENTRYPOINT, entrypoint_id, allow_deleted=True)
    if view.deleted:
        raise EntityDeletedError(ENTRYPOINT.type_name, ENTRYPOINT.display_name, entrypoint_id)
    return versions_of(ctx, [view])[0]


@contextmanager
def dry_run(ctx: ServiceContext, enabled: bool) -> Iterator[None]:
    """``validateOnly``: everything inside runs (all checks, writes, reads of the
    result) and is then rolled back."""
    if not enabled:
        yield
        return
    savepoint = ctx.db.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()


# -- saving ------------------------------------------------------------------------------


def _prepare(ctx: ServiceContext, content: EntrypointContent) -> EntrypointContent:
    resources.check_fields(ENTRYPOINT, SnapshotFields(content.name, content.description))
    check_content(content)
    return content


def _fields(content: EntrypointContent) -> SnapshotFields:
    return SnapshotFields(content.name, content.description, content.payload())


# A saved view's ``extras`` holds the save's warnings under this key (list of
# ``{path, message}``): findings that do not stop a save but will stop a job.
SAVE_WARNINGS = "save_warnings"


def _validated(ctx: ServiceContext, source: DocumentSource) -> list[dict[str, str]]:
    """Refuses an invalid version; the warnings of a valid one."""
    report = validate_source(ctx, source)
    report.raise_if_invalid()
    return report.warning_entries()


def _with_warnings(view: SnapshotView, warnings: list[dict[str, str]]) -> SnapshotView:
    return replace(view, extras={**view.extras, SAVE_WARNINGS: warnings})


def _save_version(
    ctx: ServiceContext, entrypoint_id: int, content: EntrypointContent, bindings: Bindings
) -> SnapshotView:
    """Validates, then writes a new snapshot of an existing entrypoint."""
    resource = resources.load_for_write(ctx, ENTRYPOINT, entrypoint_id)
    warnings = _validated(ctx, DocumentSource(resource.group_id, content, bindings))
    view = resources.modify(ctx, ENTRYPOINT, entrypoint_id, _fields(content))
    write_bindings(ctx, view.snapshot_id, bindings)
    return _with_warnings(view, warnings)


def create(
    ctx: ServiceContext,
    group_id: int,
    content: EntrypointContent,
    *,
    plugin_ids: Sequence[int] = (),
    artifact_plugin_ids: Sequence[int] = (),
    queue_ids: Sequence[int] = (),
) -> SnapshotView:
    """A new entrypoint bound to the latest snapshot of each plugin named."""
    content = _prepare(ctx, content)
    ctx.require_writable_group(group_id)
    content = resolve_artifact_types(ctx, content)
    queues = entrypoint_queues.check_queues(ctx, queue_ids, allow_deleted=True)
    bindings = Bindings(
        tuple(latest_snapshots(ctx, plugin_ids)), tuple(latest_snapshots(ctx, artifact_plugin_ids))
    )
    warnings = _validated(ctx, DocumentSource(group_id, content, bindings))
    view = resources.create(ctx, ENTRYPOINT, group_id, _fields(content))
    write_bindings(ctx, view.snapshot_id, bindings)
    entrypoint_queues.link(ctx, view.resource_id, queues)
    return _with_warnings(view, warnings)


def modify(
    ctx: ServiceContext,
    entrypoint_id: int,
    content: EntrypointContent,
    *,
    queue_ids: Sequence[int] = (),
    plugin_snapshot_ids: Sequence[int] | None = None,
    artifact_plugin_snapshot_ids: Sequence[int] | None = None,
) -> SnapshotView:
    """A new snapshot with this content; queues are replaced. Bindings are the exact
    snapshot ids given (each bound now or latest); None keeps the role's bindings
    (draft commits)."""
    content = _prepare(ctx, content)
    resources.load_for_write(ctx, ENTRYPOINT, entrypoint_id)
    content = resolve_artifact_types(ctx, content)
    queues = entrypoint_queues.check_queues(ctx, queue_ids, allow_deleted=False)
    current = _latest_bindings(ctx, entrypoint_id)
    bindings = current
    for role, requested in (
        (Role.TASK, plugin_snapshot_ids),
        (Role.ARTIFACT, artifact_plugin_snapshot_ids),
    ):
        if requested is not None:
            bindings = bindings.with_role(
                role, choose_exact(ctx, role, current.of(role), requested)
            )
    view = _save_version(ctx, entrypoint_id, content, bindings)
    entrypoint_queues.replace(ctx, entrypoint_id, queues)
    return view


def _latest_bindings(ctx: ServiceContext, entrypoint_id: int) -> Bindings:
    snapshot_id = ctx.db.scalar(
        select(Resource.latest_snapshot_id).where(Resource.id == entrypoint_id)
    )
    assert snapshot_id is not None
    return load_bindings(ctx, [snapshot_id])[snapshot_id]


def lint(
    ctx: ServiceContext,
    group_id: int,
    content: EntrypointContent,
    *,
    plugin_ids: Sequence[int] = (),
    artifact_plugin_ids: Sequence[int] = (),
    exclude_id: int | None = None,
) -> LintResult:
    """``(valid, issues)`` of a would-be entrypoint; stores nothing. Name rules, unknown
    plugins and types still raise, and so does a name clash of a valid entrypoint."""
    content = _prepare(ctx, content)
    ctx.require_readable_group(group_id)
    content = resolve_artifact_types(ctx, content)
    bindings = Bindings(
        tuple(latest_snapshots(ctx, plugin_ids)), tuple(latest_snapshots(ctx, artifact_plugin_ids))
    )
    report = lint_report(ctx, DocumentSource(group_id, content, bindings))
    return _name_checked(ctx, report, group_id, content.name, exclude_id)


def lint_existing(
    ctx: ServiceContext, entrypoint_id: int, content: EntrypointContent
) -> LintResult:
    """Lint of new content for an entrypoint, with its current plugin bindings."""
    current = _latest_for_read(ctx, entrypoint_id)
    content = _prepare(ctx, content)
    content = resolve_artifact_types(ctx, content)
    report = lint_report(ctx, DocumentSource(current.group_id, content, current.bindings))
    return _name_checked(ctx, report, current.group_id, content.name, entrypoint_id)


def _name_checked(
    ctx: ServiceContext,
    report: LintResult,
    group_id: int,
    name: str,
    exclude_id: int | None,
) -> LintResult:
    """As in Dioptra 1.2, a lint with issues reports them even when the name is taken;
    only an otherwise valid entrypoint meets the save-time clash (409)."""
    if report.valid:
        resources._ensure_name_free(ctx, ENTRYPOINT, group_id, name, exclude_id=exclude_id)
    return report


# -- plugin bindings ---------------------------------------------------------------------


def plugins_of(version: EntrypointVersion, role: Role, ctx: ServiceContext) -> list[BoundPlugin]:
    ids = version.bindings.of(role)
    found = bound_plugins(ctx, ids)
    return [found[snapshot_id] for snapshot_id in ids if snapshot_id in found]


def get_plugins(ctx: ServiceContext, entrypoint_id: int, role: Role) -> list[BoundPlugin]:
    return plugins_of(_latest_for_read(ctx, entrypoint_id), role, ctx)


def _not_attached(entrypoint_id: int, role: Role, plugin_id: int) -> Exception:
    key = "plugin_id" if role is Role.TASK else "artifact_plugin_id"
    return EntityRelationshipDoesNotExistError(
        [ENTRYPOINT.type_name, "plugin"], entrypoint_id=entrypoint_id, **{key: plugin_id}
    )


def get_plugin(ctx: ServiceContext, entrypoint_id: int, role: Role, plugin_id: int) -> BoundPlugin:
    for plugin in get_plugins(ctx, entrypoint_id, role):
        if plugin.plugin_id == plugin_id:
            return plugin
    raise _not_attached(entrypoint_id, role, plugin_id)


def append_plugins(
    ctx: ServiceContext, entrypoint_id: int, role: Role, plugin_ids: Sequence[int]
) -> list[BoundPlugin]:
    """A new version with the named plugins bound at their latest snapshot ("sync")."""
    current = _latest_for_write(ctx, entrypoint_id)
    chosen = attach_latest(ctx, current.bindings.of(role), plugin_ids)
    bindings = current.bindings.with_role(role, chosen)
    view = _save_version(ctx, entrypoint_id, current.content, bindings)
    return plugins_of(versions_of(ctx, [view])[0], role, ctx)


def remove_plugin(ctx: ServiceContext, entrypoint_id: int, role: Role, plugin_id: int) -> list[int]:
    """A new version without the plugin (validated: the graph may need it)."""
    current = _latest_for_write(ctx, entrypoint_id)
    kept = without_plugin(ctx, current.bindings.of(role), plugin_id)
    if kept is None:
        raise _not_attached(entrypoint_id, role, plugin_id)
    _save_version(ctx, entrypoint_id, current.content, current.bindings.with_role(role, kept))
    return [plugin_id]


def _latest_for_write(ctx: ServiceContext, entrypoint_id: int) -> EntrypointVersion:
    resources.load_for_write(ctx, ENTRYPOINT, entrypoint_id, deleted_access=DeletedAccess.LOCKED)
    return _latest_for_read(ctx, entrypoint_id)


# -- documents, swaps, globals (also for the jobs service) -------------------------------


# Built documents of entrypoint snapshots (a job's submission, its config and swaps each
# need one; building takes ~10 ms of queries and validation). A snapshot's content and
# plugin snapshots never change, the group's parameter types can: they are in the key,
# with the snapshot's creation time, so that a snapshot id that names something else
# (in another database, or one emptied and begun again) is never taken for it.
# Callers only read the documents (rendering copies them).
_DOCUMENTS: BoundedCache[tuple[object, ...], EntrypointDocument] = BoundedCache(capacity=256)


def snapshot_document(ctx: ServiceContext, version: EntrypointVersion) -> EntrypointDocument:
    extra_types = group_type_definitions(ctx, version.group_id)
    key = (
        version.snapshot_id,
        version.snapshot_created_on,
        json.dumps(extra_types, sort_keys=True, default=str),
    )
    built = _DOCUMENTS.get(key)
    if built is None:
        ctx.costly_work_ahead()
        built = build_document(ctx, version.source, extra_types)
        _DOCUMENTS.remember(key, built)
    return built


def assemble_document(
    ctx: ServiceContext,
    entrypoint_snapshot_id: int,
    *,
    swaps: Mapping[str, str] | None = None,
    partial: bool = False,
    sections: Collection[str] | None = None,
    filter_parameters: bool = True,
) -> dict[str, object]:
    """The config document of an entrypoint snapshot rendered with ``swaps`` (a job's
    config, the worker's input). No deleted check: jobs keep their snapshot.

    Raises ``EntrypointSwapsRenderError`` (choices that do not fit) and
    ``EntrypointValidationError`` (``rendered_validation_errors``), both 400.
    """
    version = load_version(ctx, entrypoint_snapshot_id)
    return render_config(
        snapshot_document(ctx, version),
        swaps or {},
        partial=partial,
        sections=sections,
        filter_parameters=filter_parameters,
    )


def check_artifact_tasks_registered(ctx: ServiceContext, version: EntrypointVersion) -> None:
    """A job needs every artifact task its artifact graph names (saves only warn)."""
    missing = snapshot_document(ctx, version).unregistered_artifact_tasks
    if missing:
        raise ArtifactTaskNotRegisteredError(version.content.name, missing)


def entrypoint_snapshot_for_job(
    ctx: ServiceContext, entrypoint_id: int, snapshot_id: int | None = None
) -> EntrypointVersion:
    """The version a job runs: the given snapshot or the latest. 404 when unknown (or
    the snapshot is of another entrypoint), 423 when the entrypoint is deleted."""
    if snapshot_id is None:
        view = resources.get_latest(ctx, ENTRYPOINT, entrypoint_id, allow_deleted=True)
        snapshot_id = view.snapshot_id
    return _live_snapshot(ctx, entrypoint_id, snapshot_id, strict=True)


# The swaps of a snapshot: its graph and the files of its plugin snapshots, none of
# which change (each job's submission checks its swaps against them).
_SWAP_CHOICES: BoundedCache[tuple[int, dt.datetime], tuple[SwapChoice, ...]] = BoundedCache(
    capacity=256
)


def snapshot_swap_choices(ctx: ServiceContext, version: EntrypointVersion) -> list[SwapChoice]:
    """Every (swap, alias) of a version with its task and the task's file snapshot."""
    key = (version.snapshot_id, version.snapshot_created_on)
    choices = _SWAP_CHOICES.get(key)
    if choices is None:
        ctx.costly_work_ahead()
        document = snapshot_document(ctx, version).document
        choices = tuple(swap_choices(document, function_task_files(ctx, version.bindings)))
        _SWAP_CHOICES.remember(key, choices)
    return list(choices)


def used_parameter_names(
    ctx: ServiceContext, version: EntrypointVersion, swaps: Mapping[str, str]
) -> list[str]:
    """The declared parameters the graph rendered with ``swaps`` refers to (declaration
    order). ``swaps`` must choose every swap (``EntrypointSwapsRenderError``)."""
    document = snapshot_document(ctx, version).document
    check_choices(list_swaps(document), swaps, require_all=True)
    used = graph_reference_roots(render_swaps(document, swaps))
    return [p.name for p in version.content.parameters if p.name in used]


def get_config(
    ctx: ServiceContext,
    entrypoint_id: int,
    snapshot_id: int,
    *,
    swaps: Mapping[str, str],
    partial: bool,
    sections: Collection[str] | None,
) -> dict[str, object]:
    version = _live_snapshot(ctx, entrypoint_id, snapshot_id)
    return render_config(snapshot_document(ctx, version), swaps, partial=partial, sections=sections)


def get_swaps(ctx: ServiceContext, entrypoint_id: int, snapshot_id: int) -> list[SwapChoice]:
    return snapshot_swap_choices(ctx, _live_snapshot(ctx, entrypoint_id, snapshot_id))


def get_graph_globals(
    ctx: ServiceContext, entrypoint_id: int, snapshot_id: int, swaps: Mapping[str, str]
) -> GraphGlobals:
    version = _live_snapshot(ctx, entrypoint_id, snapshot_id)
    names = [p.name for p in plugins_of(version, Role.TASK, ctx)]
    return graph_globals(snapshot_document(ctx, version), version.content, names, swaps)


def get_snapshot_plugins(
    ctx: ServiceContext, entrypoint_id: int, snapshot_id: int, role: Role
) -> list[BoundPlugin]:
    return plugins_of(_live_snapshot(ctx, entrypoint_id, snapshot_id), role, ctx)
