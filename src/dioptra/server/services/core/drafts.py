"""Drafts: a user's unsaved edits of a new resource or of an existing one.

A draft's payload is the request body the family would get on create (without the
group) or on modify; committing replays it through the family's own create/modify.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, func, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Draft as Draft  # the API renders these rows
from dioptra.server.db.tables import Group, Resource, ResourceSnapshot, User
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    DraftAlreadyExistsError,
    DraftDoesNotExistError,
    DraftResourceModificationsCommitError,
    DraftSnapshotIdInvalidError,
    EntityDoesNotExistError,
    InvalidDraftBaseResourceSnapshotError,
)
from dioptra.server.services.core.kinds import DeletedAccess, ResourceKind
from dioptra.server.services.core.listing import ListQuery, Page, paginate
from dioptra.server.services.core.resources import SnapshotFields, check_fields, load_for_write


class DraftType(Enum):
    ALL = "all"
    EXISTING = "existing"
    NEW = "new"


@dataclass(frozen=True)
class DraftView:
    draft: Draft
    group_name: str
    username: str
    # Other users' drafts of the same resource; shown for single modification drafts.
    num_other_drafts: int | None = None


def _view_select() -> Any:
    return (
        select(Draft, Group.name, User.username)
        .join(Group, Group.id == Draft.group_id)
        .join(User, User.id == Draft.user_id)
    )


def _own(ctx: ServiceContext, kind: ResourceKind) -> list[ColumnElement[bool]]:
    return [Draft.user_id == ctx.user.user_id, Draft.resource_type == kind.type_name]


def _one(ctx: ServiceContext, conditions: list[ColumnElement[bool]], **lookup: Any) -> DraftView:
    row = ctx.db.execute(_view_select().where(*conditions)).first()
    if row is None:
        raise DraftDoesNotExistError(**lookup)
    return DraftView(*row)


def list_drafts(
    ctx: ServiceContext,
    kind: ResourceKind,
    draft_type: DraftType,
    query: ListQuery,
    parent_resource_id: int | None = None,
) -> Page[DraftView]:
    conditions = _own(ctx, kind)
    if query.group_id is not None:
        ctx.require_readable_group(query.group_id)
        conditions.append(Draft.group_id == query.group_id)
    if draft_type is DraftType.EXISTING:
        conditions.append(Draft.base_resource_id.is_not(None))
    elif draft_type is DraftType.NEW:
        conditions.append(Draft.base_resource_id.is_(None))
    if parent_resource_id is not None:
        conditions.append(Draft.parent_resource_id == parent_resource_id)
    statement = _view_select().where(*conditions).order_by(Draft.id)
    count = select(func.count()).select_from(Draft).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([DraftView(*row) for row in rows], total)


def get_draft(ctx: ServiceContext, kind: ResourceKind, draft_id: int) -> DraftView:
    return _one(ctx, [*_own(ctx, kind), Draft.id == draft_id], draft_resource_id=draft_id)


def create_new_draft(
    ctx: ServiceContext,
    kind: ResourceKind,
    group_id: int,
    payload: dict[str, Any],
    fields: SnapshotFields,
    parent_resource_id: int | None = None,
) -> DraftView:
    check_fields(kind, fields)
    ctx.require_writable_group(group_id)
    now = utcnow()
    draft = Draft(
        group_id=group_id,
        user_id=ctx.user.user_id,
        resource_type=kind.type_name,
        parent_resource_id=parent_resource_id,
        payload=payload,
        created_on=now,
        last_modified_on=now,
    )
    ctx.db.add(draft)
    ctx.db.flush()
    return get_draft(ctx, kind, draft.id)


def modify_new_draft(
    ctx: ServiceContext,
    kind: ResourceKind,
    draft_id: int,
    payload: dict[str, Any],
    fields: SnapshotFields,
) -> DraftView:
    check_fields(kind, fields)
    draft = get_draft(ctx, kind, draft_id).draft
    draft.payload = payload
    draft.last_modified_on = utcnow()
    ctx.db.flush()
    return get_draft(ctx, kind, draft_id)


def delete_draft(ctx: ServiceContext, kind: ResourceKind, draft_id: int) -> int:
    draft = get_draft(ctx, kind, draft_id).draft
    ctx.db.delete(draft)
    return draft_id


# -- drafts of an existing resource ----------------------------------------------------


def _count_other_drafts(ctx: ServiceContext, resource_id: int) -> int:
    return int(
        ctx.db.scalar(
            select(func.count())
            .select_from(Draft)
            .where(Draft.base_resource_id == resource_id, Draft.user_id != ctx.user.user_id)
        )
        or 0
    )


def get_modification_draft(ctx: ServiceContext, kind: ResourceKind, resource_id: int) -> DraftView:
    view = _one(
        ctx, [*_own(ctx, kind), Draft.base_resource_id == resource_id], resource_id=resource_id
    )
    return DraftView(
        view.draft, view.group_name, view.username, _count_other_drafts(ctx, resource_id)
    )


def create_modification_draft(
    ctx: ServiceContext,
    kind: ResourceKind,
    resource_id: int,
    payload: dict[str, Any],
    fields: SnapshotFields,
) -> DraftView:
    """At most one per user and resource; based on the resource's latest snapshot."""
    check_fields(kind, fields)
    resource = load_for_write(ctx, kind, resource_id, deleted_access=DeletedAccess.LOCKED)
    existing = ctx.db.scalars(
        select(Draft.id).where(*_own(ctx, kind), Draft.base_resource_id == resource_id)
    ).first()
    if existing is not None:
        raise DraftAlreadyExistsError(kind.type_name, resource_id)
    now = utcnow()
    draft = Draft(
        group_id=resource.group_id,
        user_id=ctx.user.user_id,
        resource_type=kind.type_name,
        base_resource_id=resource_id,
        base_snapshot_id=resource.latest_snapshot_id,
        payload=payload,
        created_on=now,
        last_modified_on=now,
    )
    ctx.db.add(draft)
    ctx.db.flush()
    return get_modification_draft(ctx, kind, resource_id)


def modify_modification_draft(
    ctx: ServiceContext,
    kind: ResourceKind,
    resource_id: int,
    snapshot_id: int,
    payload: dict[str, Any],
    fields: SnapshotFields,
) -> DraftView:
    """Replaces the draft's content and moves its base forward to ``snapshot_id``."""
    check_fields(kind, fields)
    draft = get_modification_draft(ctx, kind, resource_id).draft
    snapshot_resource = ctx.db.scalar(
        select(ResourceSnapshot.resource_id).where(ResourceSnapshot.id == snapshot_id)
    )
    if snapshot_resource is None:
        raise EntityDoesNotExistError("resource", "Resource", resource_snapshot_id=snapshot_id)
    base = draft.base_snapshot_id or 0
    if snapshot_id < base:  # checked before ownership, as Dioptra does
        raise InvalidDraftBaseResourceSnapshotError(base, snapshot_id)
    if snapshot_resource != resource_id:
        raise DraftSnapshotIdInvalidError(resource_id, snapshot_id)
    draft.base_snapshot_id = snapshot_id
    draft.payload = payload
    draft.last_modified_on = utcnow()
    ctx.db.flush()
    return get_modification_draft(ctx, kind, resource_id)


def delete_modification_draft(ctx: ServiceContext, kind: ResourceKind, resource_id: int) -> int:
    draft = get_modification_draft(ctx, kind, resource_id).draft
    ctx.db.delete(draft)
    return draft.id


# -- committing ------------------------------------------------------------------------


def get_own_draft(ctx: ServiceContext, draft_id: int) -> Draft:
    """Any draft of the current user, whatever its type (for ``draftCommit``)."""
    draft = ctx.db.get(Draft, draft_id)
    if draft is None or draft.user_id != ctx.user.user_id:
        raise DraftDoesNotExistError(draft_resource_id=draft_id)
    return draft


def check_commit_base(ctx: ServiceContext, draft: Draft) -> None:
    """A modification draft commits only onto the snapshot it was based on."""
    if draft.base_resource_id is None:
        return
    current = ctx.db.scalar(
        select(Resource.latest_snapshot_id).where(Resource.id == draft.base_resource_id)
    )
    if current is not None and current != draft.base_snapshot_id:
        raise DraftResourceModificationsCommitError(
            draft.resource_type,
            draft.base_resource_id,
            draft.payload,
            draft.base_snapshot_id or 0,
            current,
        )


def discard(ctx: ServiceContext, draft: Draft) -> None:
    ctx.db.delete(draft)
    ctx.db.flush()
