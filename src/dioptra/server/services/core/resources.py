"""The generic resource machinery: snapshot-on-modify, soft delete, locks, names, access.

Every snapshotted family goes through these functions; a family adds its own rules around
them (validation of its payload, links) but never re-implements them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Integer,
    Row,
    String,
    bindparam,
    delete,
    exists,
    false,
    func,
    select,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.util import find_tables

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import (
    Draft,
    Group,
    Resource,
    ResourceLink,
    ResourceSnapshot,
    ResourceTag,
    Tag,
    User,
)
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    EntityDeletedError,
    EntityDoesNotExistError,
    EntityExistsError,
    ReadOnlyLockError,
)
from dioptra.server.services.core.kinds import DeletedAccess, ResourceKind
from dioptra.server.services.core.listing import (
    AnySelect,
    ListQuery,
    Page,
    paginate,
    search_condition,
    sort_clauses,
)
from dioptra.server.services.core.names import check_name


@dataclass(frozen=True)
class TagRef:
    id: int
    name: str
    group_id: int
    group_name: str


@dataclass(frozen=True)
class SnapshotView:
    """One version of a resource with everything its response envelope needs."""

    resource_id: int
    snapshot_id: int
    resource_type: str
    group_id: int
    group_name: str
    user_id: int
    username: str
    created_on: dt.datetime
    snapshot_created_on: dt.datetime
    last_modified_on: dt.datetime
    is_latest: bool
    deleted: bool
    readonly: bool
    name: str | None
    description: str | None
    payload: dict[str, Any]
    tags: tuple[TagRef, ...] = ()
    has_draft: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SnapshotFields:
    """The versioned content of a resource: what a create or modify writes."""

    name: str | None
    description: str | None
    payload: dict[str, Any] = field(default_factory=dict)


_Latest = aliased(ResourceSnapshot, name="latest_snapshot")

_VIEW_COLUMNS = (
    Resource.id,
    ResourceSnapshot.id,
    Resource.resource_type,
    Resource.group_id,
    Group.name,
    ResourceSnapshot.user_id,
    User.username,
    Resource.created_on,
    ResourceSnapshot.created_on,
    Resource.deleted,
    Resource.readonly,
    Resource.latest_snapshot_id,
    ResourceSnapshot.name,
    ResourceSnapshot.description,
    ResourceSnapshot.payload,
)


# The viewer whose drafts the ``hasDraft`` flag looks for, bound at execution in the
# statements built once and reused (see ``_latest_by_id`` and ``_page_statement``).
_VIEWER = bindparam("viewer_id", type_=Integer, required=True)


def _viewer_id(ctx: ServiceContext) -> int:
    return ctx.actor.user_id if ctx.actor is not None else -1


def _flag_columns(viewer_id: int | BindParameter[int]) -> tuple[Any, Any]:
    """EXISTS columns: the resource has tags (only then are they loaded), and the viewer
    has a modification draft of it. They keep a page to one query in the common case."""
    has_tags = exists(
        select(ResourceTag.resource_id).where(ResourceTag.resource_id == Resource.id)
    ).label("has_tags")
    has_draft = exists(
        select(Draft.id).where(Draft.base_resource_id == Resource.id, Draft.user_id == viewer_id)
    ).label("has_draft")
    return has_tags, has_draft


def _latest_select(viewer_id: int | BindParameter[int]) -> AnySelect:
    """Latest snapshot of each resource (lastModifiedOn = that snapshot's time)."""
    return (
        select(*_VIEW_COLUMNS, ResourceSnapshot.created_on, *_flag_columns(viewer_id))
        .select_from(Resource)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .join(Group, Group.id == Resource.group_id)
        .join(User, User.id == ResourceSnapshot.user_id)
    )


def _snapshots_select(ctx: ServiceContext) -> AnySelect:
    """Every snapshot (lastModifiedOn = the resource's latest snapshot time)."""
    return (
        select(*_VIEW_COLUMNS, _Latest.created_on, *_flag_columns(_viewer_id(ctx)))
        .select_from(ResourceSnapshot)
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .join(_Latest, _Latest.id == Resource.latest_snapshot_id)
        .join(Group, Group.id == Resource.group_id)
        .join(User, User.id == ResourceSnapshot.user_id)
    )


def _view_from_row(
    row: Row[*tuple[Any, ...]], tags: tuple[TagRef, ...], has_draft: bool
) -> SnapshotView:
    (
        resource_id,
        snapshot_id,
        resource_type,
        group_id,
        group_name,
        user_id,
        username,
        created_on,
        snapshot_created_on,
        deleted,
        readonly,
        latest_snapshot_id,
        name,
        description,
        payload,
        last_modified_on,
    ) = row[:16]
    return SnapshotView(
        resource_id=resource_id,
        snapshot_id=snapshot_id,
        resource_type=resource_type,
        group_id=group_id,
        group_name=group_name,
        user_id=user_id,
        username=username,
        created_on=created_on,
        snapshot_created_on=snapshot_created_on,
        last_modified_on=last_modified_on,
        is_latest=snapshot_id == latest_snapshot_id,
        deleted=deleted,
        readonly=readonly,
        name=name,
        description=description,
        payload=payload or {},
        tags=tags,
        has_draft=has_draft,
    )


def visible(ctx: ServiceContext) -> ColumnElement[bool]:
    """Resources of the user's groups only (others behave as if absent)."""
    groups = ctx.user.readable_groups
    return Resource.group_id.in_(groups) if groups else false()


# -- reading ---------------------------------------------------------------------------


# Built once, as every statement a list page runs (an expanding bound list of ids).
_TAGS_OF = (
    select(ResourceTag.resource_id, Tag.id, Tag.name, Tag.group_id, Group.name)
    .join(Tag, Tag.id == ResourceTag.tag_id)
    .join(Group, Group.id == Tag.group_id)
    .where(ResourceTag.resource_id.in_(bindparam("ids", expanding=True)))
    .order_by(Tag.id)
)


def load_tags(ctx: ServiceContext, resource_ids: Iterable[int]) -> dict[int, list[TagRef]]:
    ids = list(set(resource_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(_TAGS_OF, {"ids": ids}).all()
    tags: dict[int, list[TagRef]] = defaultdict(list)
    for resource_id, tag_id, name, group_id, group_name in rows:
        tags[resource_id].append(TagRef(tag_id, name, group_id, group_name))
    return tags


def _resources_with_user_drafts(ctx: ServiceContext, resource_ids: list[int]) -> set[int]:
    if not resource_ids or ctx.actor is None:
        return set()
    return set(
        ctx.db.scalars(
            select(Draft.base_resource_id).where(
                Draft.user_id == ctx.actor.user_id, Draft.base_resource_id.in_(resource_ids)
            )
        )
    )


def _views(
    ctx: ServiceContext, rows: Sequence[Row[*tuple[Any, ...]]], *, with_drafts: bool = True
) -> list[SnapshotView]:
    """Views of rows from the selects above; tags are loaded only for tagged resources."""
    tagged = [row[0] for row in rows if row.has_tags]
    tags = load_tags(ctx, tagged) if tagged else {}
    return [
        _view_from_row(row, tuple(tags.get(row[0], ())), with_drafts and bool(row.has_draft))
        for row in rows
    ]


def _not_found(kind: ResourceKind, **attributes: Any) -> EntityDoesNotExistError:
    return EntityDoesNotExistError(kind.type_name, kind.display_name, **attributes)


@functools.cache
def _latest_by_id() -> AnySelect:
    """The latest version of one resource of a type, if in one of the viewer's groups."""
    return _latest_select(_VIEWER).where(
        Resource.id == bindparam("resource_id", type_=Integer),
        Resource.resource_type == bindparam("type_name", type_=String),
        Resource.group_id.in_(bindparam("groups", expanding=True, type_=Integer)),
    )


def get_latest(
    ctx: ServiceContext,
    kind: ResourceKind,
    resource_id: int,
    *,
    allow_deleted: bool | None = None,
) -> SnapshotView:
    """The latest version of a visible resource; deleted ones only where 1.2 shows them."""
    if allow_deleted is None:
        allow_deleted = kind.deleted_visible
    groups = ctx.user.readable_groups
    row = (
        ctx.db.execute(
            _latest_by_id(),
            {
                "resource_id": resource_id,
                "type_name": kind.type_name,
                "groups": list(groups),
                "viewer_id": _viewer_id(ctx),
            },
        ).first()
        if groups
        else None
    )
    if row is None or (row.deleted and not allow_deleted):
        raise _not_found(kind, resource_id=resource_id)
    return _views(ctx, [row])[0]


def _reads_snapshot(expression: Any) -> bool:
    target = expression.expression if hasattr(expression, "expression") else expression
    tables = find_tables(target, check_columns=True)
    return ResourceSnapshot.__table__ in tables


@dataclass(frozen=True)
class _PageShape:
    """What decides the SQL of a list page; everything else is a bound value."""

    in_one_group: bool  # ?groupId=
    with_deleted: bool
    sort_by: str | None
    descending: bool


# Page statements of unsearched, unfiltered lists (nearly all of them), built once per
# kind and shape: building and hashing a statement costs more Python time than the
# database spends on the page. The kind is kept to tell kinds sharing a type name apart.
_PAGE_STATEMENTS: dict[tuple[str, _PageShape], tuple[ResourceKind, AnySelect]] = {}


def _page_statement(
    kind: ResourceKind, shape: _PageShape, filters: Sequence[ColumnElement[bool]]
) -> AnySelect:
    """The latest versions of one page, each row with the total count of the list.

    The count is a scalar subquery of the page statement: one round trip, and the total
    and the page come from one snapshot of the database. The page's ids are picked from
    ``resources`` alone (index-only), then only those rows are joined in full, so a deep
    offset skips index entries, not built rows.

    Unfiltered pages have the type and the page length in the SQL text: PostgreSQL then
    plans the prepared statement once per kind and page length, knowing it fetches a
    page (with the length a parameter it estimates 10% of the table and re-plans every
    request: 0.5 ms, the cost of the page itself). Filtered pages keep custom plans,
    made for the filter's values.
    """
    inline = not filters
    conditions: list[ColumnElement[bool]] = [
        Resource.resource_type
        == bindparam(None, kind.type_name, type_=String, literal_execute=inline),
        Resource.group_id.in_(bindparam("groups", expanding=True, type_=Integer)),
        *filters,
    ]
    if shape.in_one_group:
        conditions.append(Resource.group_id == bindparam("group_id", type_=Integer))
    if not shape.with_deleted:
        conditions.append(~Resource.deleted)
    sort_fields = dict(kind.sort_fields)
    if kind.unique_names and sort_fields.get("name") is ResourceSnapshot.name:
        # The resource row carries a copy of the latest name: sorting needs no join.
        sort_fields["name"] = Resource.unique_name
    order = sort_clauses(shape.sort_by, shape.descending, sort_fields, "resource", Resource.id)
    # Filters and sorts may read the snapshot; without them the page and the count come
    # from the resources table alone (index-only scans).
    needs_snapshot = bool(filters) or (
        shape.sort_by is not None and _reads_snapshot(sort_fields[shape.sort_by])
    )
    ids = select(Resource.id).select_from(Resource)
    count = select(func.count()).select_from(Resource)
    if needs_snapshot:
        on_latest = ResourceSnapshot.id == Resource.latest_snapshot_id
        ids = ids.join(ResourceSnapshot, on_latest)
        count = count.join(ResourceSnapshot, on_latest)
    page_ids = (
        ids.where(*conditions)
        .order_by(*order)
        .limit(bindparam("page_length", type_=Integer, literal_execute=inline))
        .offset(bindparam("page_index", type_=BigInteger))
    )
    return (
        _latest_select(_VIEWER)
        .add_columns(count.where(*conditions).scalar_subquery().label("total"))
        .where(Resource.id.in_(page_ids.scalar_subquery()))
        .order_by(*order)
    )


def _cached_page_statement(kind: ResourceKind, shape: _PageShape) -> AnySelect:
    cached = _PAGE_STATEMENTS.get((kind.type_name, shape))
    if cached is not None and cached[0] is kind:
        return cached[1]
    statement = _page_statement(kind, shape, ())
    _PAGE_STATEMENTS[(kind.type_name, shape)] = (kind, statement)
    return statement


def list_latest(
    ctx: ServiceContext,
    kind: ResourceKind,
    query: ListQuery,
    extra_filters: Sequence[ColumnElement[bool]] = (),
) -> Page[SnapshotView]:
    """A page of the latest versions, filtered, searched and sorted as the query asks."""
    if query.group_id is not None:
        ctx.require_readable_group(query.group_id)
    filters = list(extra_filters)
    searched = search_condition(query.search, kind.search_fields)
    if searched is not None:
        filters.append(searched)
    shape = _PageShape(
        in_one_group=query.group_id is not None,
        with_deleted=query.show_deleted and kind.deleted_visible,
        sort_by=query.sort_by,
        descending=query.descending,
    )
    statement = (
        _page_statement(kind, shape, filters) if filters else _cached_page_statement(kind, shape)
    )
    groups = ctx.user.readable_groups
    if not groups:
        return Page([], 0)
    parameters = {
        "groups": list(groups),
        "group_id": query.group_id,
        "viewer_id": _viewer_id(ctx),
        "page_length": query.page_length,
        "page_index": query.index,
    }
    rows = ctx.db.execute(statement, parameters).all()
    if rows:
        return Page(_views(ctx, rows), rows[0].total)
    # Past the end (or nothing at all): the count alone.
    total_column = statement.selected_columns.total
    total = ctx.db.execute(select(total_column), parameters).scalar_one()
    return Page([], total)


def list_snapshots(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, query: ListQuery
) -> Page[SnapshotView]:
    """All versions of a resource, oldest first (works for deleted resources, as in 1.2)."""
    get_latest(ctx, kind, resource_id, allow_deleted=True)
    conditions: list[ColumnElement[bool]] = [ResourceSnapshot.resource_id == resource_id]
    searched = search_condition(query.search, kind.search_fields)
    if searched is not None:
        conditions.append(searched)
    statement = _snapshots_select(ctx).where(*conditions).order_by(ResourceSnapshot.id)
    count = (
        select(func.count())
        .select_from(ResourceSnapshot)
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .where(*conditions)
    )
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page(_views(ctx, rows, with_drafts=False), total)


def get_snapshot(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, snapshot_id: int
) -> SnapshotView:
    get_latest(ctx, kind, resource_id, allow_deleted=True)
    row = ctx.db.execute(
        _snapshots_select(ctx).where(
            ResourceSnapshot.id == snapshot_id, ResourceSnapshot.resource_id == resource_id
        )
    ).first()
    if row is None:
        raise _not_found(kind, snapshot_id=snapshot_id)
    return _views(ctx, [row], with_drafts=False)[0]


def get_snapshot_by_id(ctx: ServiceContext, snapshot_id: int) -> SnapshotView:
    """Any visible snapshot by its id alone (for drafts and links that store only it)."""
    row = ctx.db.execute(
        _snapshots_select(ctx).where(ResourceSnapshot.id == snapshot_id, visible(ctx))
    ).first()
    if row is None:
        raise EntityDoesNotExistError("resource", "Resource", resource_snapshot_id=snapshot_id)
    return _views(ctx, [row], with_drafts=False)[0]


# -- writing ---------------------------------------------------------------------------


def _ensure_name_free(
    ctx: ServiceContext,
    kind: ResourceKind,
    group_id: int,
    name: str | None,
    exclude_id: int | None = None,
) -> None:
    if not kind.unique_names or name is None:
        return
    statement = select(Resource.id).where(
        Resource.resource_type == kind.type_name,
        Resource.group_id == group_id,
        ~Resource.deleted,
        Resource.unique_name == name,
    )
    if exclude_id is not None:
        statement = statement.where(Resource.id != exclude_id)
    existing = ctx.db.scalars(statement.limit(1)).first()
    if existing is not None:
        raise EntityExistsError(
            kind.type_name, kind.display_name, existing, name=name, group_id=group_id
        )


def check_fields(kind: ResourceKind, fields: SnapshotFields) -> None:
    """The checks a body gets before anything is looked up (also used for drafts)."""
    if kind.name_pattern is not None and fields.name is not None:
        check_name(kind.display_name, fields.name, kind.name_pattern)


def create(
    ctx: ServiceContext,
    kind: ResourceKind,
    group_id: int,
    fields: SnapshotFields,
    *,
    readonly: bool = False,
) -> SnapshotView:
    """Creates a resource and its first snapshot in the given group."""
    check_fields(kind, fields)
    ctx.require_writable_group(group_id)
    _ensure_name_free(ctx, kind, group_id, fields.name)
    now = utcnow()
    resource = Resource(
        resource_type=kind.type_name,
        group_id=group_id,
        created_on=now,
        deleted=False,
        readonly=readonly,
        unique_name=fields.name if kind.unique_names else None,
    )
    ctx.db.add(resource)
    ctx.db.flush()
    _add_snapshot(ctx, kind, resource, fields, now)
    return get_latest(ctx, kind, resource.id, allow_deleted=True)


def _add_snapshot(
    ctx: ServiceContext,
    kind: ResourceKind,
    resource: Resource,
    fields: SnapshotFields,
    now: dt.datetime,
) -> ResourceSnapshot:
    snapshot = ResourceSnapshot(
        resource_id=resource.id,
        resource_type=kind.type_name,
        user_id=ctx.user.user_id,
        created_on=now,
        name=fields.name,
        description=fields.description,
        payload=fields.payload,
    )
    ctx.db.add(snapshot)
    ctx.db.flush()
    resource.latest_snapshot_id = snapshot.id
    if kind.unique_names:
        resource.unique_name = fields.name
    return snapshot


def load_for_write(
    ctx: ServiceContext,
    kind: ResourceKind,
    resource_id: int,
    *,
    deleted_access: DeletedAccess | None = None,
) -> Resource:
    """The resource row, locked, after the 404 / 423 / 403 checks of a modification."""
    resource = ctx.db.scalars(
        select(Resource)
        .where(Resource.id == resource_id, Resource.resource_type == kind.type_name, visible(ctx))
        .with_for_update()
    ).first()
    if resource is None:
        raise _not_found(kind, resource_id=resource_id)
    if resource.deleted:
        if (deleted_access or kind.modify_deleted) is DeletedAccess.LOCKED:
            raise EntityDeletedError(
                kind.type_name, kind.display_name, resource_id, resource_id=resource_id
            )
        raise _not_found(kind, resource_id=resource_id)
    if resource.readonly:
        raise ReadOnlyLockError(kind.display_name, resource_id=resource_id)
    ctx.require_writable_group(resource.group_id)
    return resource


def modify(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, fields: SnapshotFields
) -> SnapshotView:
    """Snapshot-on-modify: writes a new version, never edits an old one."""
    check_fields(kind, fields)
    resource = load_for_write(ctx, kind, resource_id)
    _ensure_name_free(ctx, kind, resource.group_id, fields.name, exclude_id=resource_id)
    _add_snapshot(ctx, kind, resource, fields, utcnow())
    return get_latest(ctx, kind, resource_id, allow_deleted=True)


def delete_resource(ctx: ServiceContext, kind: ResourceKind, resource_id: int) -> None:
    """Soft delete. Snapshots stay (jobs refer to them); the name becomes free."""
    resource = ctx.db.scalars(
        select(Resource)
        .where(Resource.id == resource_id, Resource.resource_type == kind.type_name, visible(ctx))
        .with_for_update()
    ).first()
    if resource is None:
        raise EntityDoesNotExistError("resource", "Resource", resource_id=resource_id)
    if resource.deleted:
        if kind.deleted_visible:
            return  # 1.2 answers a second DELETE with success
        raise _not_found(kind, resource_id=resource_id)
    if resource.readonly:
        raise ReadOnlyLockError(kind.display_name, resource_id=resource_id)
    ctx.require_writable_group(resource.group_id)
    resource.deleted = True
    if kind.unlink_parents_on_delete:
        ctx.db.execute(delete(ResourceLink).where(ResourceLink.child_id == resource_id))
