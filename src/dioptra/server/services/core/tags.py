"""Tags: group-scoped labels attached to resources (not versioned)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, false, func, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Group, Resource, ResourceTag, Tag, User
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError, EntityExistsError
from dioptra.server.services.core.kinds import KINDS, ResourceKind, SearchField, like
from dioptra.server.services.core.listing import (
    ListQuery,
    Page,
    paginate,
    search_condition,
    sort_clauses,
)
from dioptra.server.services.core.names import RESOURCE_NAME_PATTERN, check_name
from dioptra.server.services.core.resources import TagRef, get_latest, load_tags

TAG_SEARCH_FIELDS: Mapping[str, SearchField] = {"name": like(Tag.name)}
TAG_SORT_FIELDS = {
    "name": Tag.name,
    "createdOn": Tag.created_on,
    "lastModifiedOn": Tag.last_modified_on,
}


@dataclass(frozen=True)
class TagView:
    tag: Tag
    group_name: str
    username: str


def _visible(ctx: ServiceContext) -> ColumnElement[bool]:
    groups = ctx.user.readable_groups
    return Tag.group_id.in_(groups) if groups else false()


def _not_found(tag_id: int) -> EntityDoesNotExistError:
    return EntityDoesNotExistError("tag", "Tag", tag_id=tag_id)


def get_tag(ctx: ServiceContext, tag_id: int) -> TagView:
    row = ctx.db.execute(
        select(Tag, Group.name, User.username)
        .join(Group, Group.id == Tag.group_id)
        .join(User, User.id == Tag.user_id)
        .where(Tag.id == tag_id, _visible(ctx))
    ).first()
    if row is None:
        raise _not_found(tag_id)
    return TagView(*row)


def list_tags(ctx: ServiceContext, query: ListQuery) -> Page[TagView]:
    conditions = [_visible(ctx)]
    if query.group_id is not None:
        ctx.require_readable_group(query.group_id)
        conditions.append(Tag.group_id == query.group_id)
    searched = search_condition(query.search, TAG_SEARCH_FIELDS)
    if searched is not None:
        conditions.append(searched)
    order = sort_clauses(query.sort_by, query.descending, TAG_SORT_FIELDS, "tag", Tag.id)
    statement = (
        select(Tag, Group.name, User.username)
        .join(Group, Group.id == Tag.group_id)
        .join(User, User.id == Tag.user_id)
        .where(*conditions)
        .order_by(*order)
    )
    count = select(func.count()).select_from(Tag).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([TagView(*row) for row in rows], total)


def _ensure_name_free(
    ctx: ServiceContext, group_id: int, name: str, exclude_id: int | None = None
) -> None:
    statement = select(Tag.id).where(Tag.group_id == group_id, Tag.name == name)
    if exclude_id is not None:
        statement = statement.where(Tag.id != exclude_id)
    existing = ctx.db.scalars(statement.limit(1)).first()
    if existing is not None:
        raise EntityExistsError("tag", "Tag", existing, name=name, group_id=group_id)


def create_tag(ctx: ServiceContext, group_id: int, name: str) -> TagView:
    check_name("Tag", name, RESOURCE_NAME_PATTERN)
    ctx.require_writable_group(group_id)
    _ensure_name_free(ctx, group_id, name)
    now = utcnow()
    tag = Tag(
        group_id=group_id,
        user_id=ctx.user.user_id,
        name=name,
        created_on=now,
        last_modified_on=now,
    )
    ctx.db.add(tag)
    ctx.db.flush()
    return get_tag(ctx, tag.id)


def rename_tag(ctx: ServiceContext, tag_id: int, name: str) -> TagView:
    check_name("Tag", name, RESOURCE_NAME_PATTERN)
    tag = get_tag(ctx, tag_id).tag
    ctx.require_writable_group(tag.group_id)
    _ensure_name_free(ctx, tag.group_id, name, exclude_id=tag_id)
    tag.name = name
    tag.last_modified_on = utcnow()
    ctx.db.flush()
    return get_tag(ctx, tag_id)


def delete_tag(ctx: ServiceContext, tag_id: int) -> None:
    tag = get_tag(ctx, tag_id).tag
    ctx.require_writable_group(tag.group_id)
    ctx.db.execute(delete(ResourceTag).where(ResourceTag.tag_id == tag_id))
    ctx.db.delete(tag)


def tagged_resources(
    ctx: ServiceContext, tag_id: int, resource_type: str | None, query: ListQuery
) -> Page[tuple[str, int]]:
    """(resource type, id) of the live resources carrying a tag, oldest first."""
    get_tag(ctx, tag_id)
    groups = ctx.user.readable_groups
    conditions: list[ColumnElement[bool]] = [
        ResourceTag.tag_id == tag_id,
        ~Resource.deleted,
        Resource.group_id.in_(groups) if groups else false(),
    ]
    if resource_type is not None:
        # Any text may come in (1.2 answers an empty page for unknown types); only known
        # type names reach SQL, where PostgreSQL would refuse e.g. a NUL character.
        known = resource_type in KINDS
        conditions.append(Resource.resource_type == resource_type if known else false())
    statement = (
        select(Resource.resource_type, Resource.id)
        .join(ResourceTag, ResourceTag.resource_id == Resource.id)
        .where(*conditions)
        .order_by(Resource.id)
    )
    count = (
        select(func.count())
        .select_from(Resource)
        .join(ResourceTag, ResourceTag.resource_id == Resource.id)
        .where(*conditions)
    )
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([(row[0], row[1]) for row in rows], total)


# -- tags of one resource (the /R/{id}/tags sub-routes) --------------------------------


def _resource_for_tags(ctx: ServiceContext, kind: ResourceKind, resource_id: int) -> int:
    """Tags of a deleted resource are out of reach (404), as in 1.2."""
    view = get_latest(ctx, kind, resource_id, allow_deleted=False)
    return view.group_id


def _visible_tags(ctx: ServiceContext, tag_ids: Sequence[int]) -> list[int]:
    wanted = list(dict.fromkeys(tag_ids))
    found = set(ctx.db.scalars(select(Tag.id).where(Tag.id.in_(wanted), _visible(ctx))))
    for tag_id in wanted:
        if tag_id not in found:
            raise _not_found(tag_id)
    return wanted


def resource_tags(ctx: ServiceContext, kind: ResourceKind, resource_id: int) -> list[TagRef]:
    _resource_for_tags(ctx, kind, resource_id)
    return load_tags(ctx, [resource_id]).get(resource_id, [])


def append_tags(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, tag_ids: Sequence[int]
) -> list[TagRef]:
    group_id = _resource_for_tags(ctx, kind, resource_id)
    ctx.require_writable_group(group_id)
    wanted = _visible_tags(ctx, tag_ids)
    present = set(
        ctx.db.scalars(select(ResourceTag.tag_id).where(ResourceTag.resource_id == resource_id))
    )
    for tag_id in wanted:
        if tag_id not in present:
            ctx.db.add(ResourceTag(resource_id=resource_id, tag_id=tag_id))
    ctx.db.flush()
    return load_tags(ctx, [resource_id]).get(resource_id, [])


def replace_tags(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, tag_ids: Sequence[int]
) -> list[TagRef]:
    group_id = _resource_for_tags(ctx, kind, resource_id)
    ctx.require_writable_group(group_id)
    wanted = _visible_tags(ctx, tag_ids)
    ctx.db.execute(delete(ResourceTag).where(ResourceTag.resource_id == resource_id))
    for tag_id in wanted:
        ctx.db.add(ResourceTag(resource_id=resource_id, tag_id=tag_id))
    ctx.db.flush()
    return load_tags(ctx, [resource_id]).get(resource_id, [])


def remove_tags(
    ctx: ServiceContext, kind: ResourceKind, resource_id: int, tag_id: int | None = None
) -> list[int]:
    """Removes one tag (404 if not attached) or all; returns the removed tag ids."""
    group_id = _resource_for_tags(ctx, kind, resource_id)
    ctx.require_writable_group(group_id)
    statement = select(ResourceTag.tag_id).where(ResourceTag.resource_id == resource_id)
    if tag_id is not None:
        statement = statement.where(ResourceTag.tag_id == tag_id)
    removed = sorted(ctx.db.scalars(statement))
    if tag_id is not None and not removed:
        raise EntityDoesNotExistError("tag", "Tag", resource_id=resource_id, tag_id=tag_id)
    if removed:
        ctx.db.execute(
            delete(ResourceTag).where(
                ResourceTag.resource_id == resource_id, ResourceTag.tag_id.in_(removed)
            )
        )
    return removed
