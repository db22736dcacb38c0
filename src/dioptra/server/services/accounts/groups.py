"""Groups and their members. A user sees only the groups they belong to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, func, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Group, GroupMember, User
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    EntityDoesNotExistError,
    EntityExistsError,
    GroupNeedsAManagerError,
    GroupOwnerError,
    GroupPermissionError,
)
from dioptra.server.services.core.kinds import SearchField, like
from dioptra.server.services.core.listing import ListQuery, Page, paginate, search_condition
from dioptra.server.services.core.names import RESOURCE_NAME_PATTERN, check_name

GROUP_SEARCH_FIELDS: Mapping[str, SearchField] = {"name": like(Group.name)}


@dataclass(frozen=True)
class Permissions:
    read: bool = True
    write: bool = False
    share_read: bool = False
    share_write: bool = False
    owner: bool = False
    admin: bool = False


@dataclass(frozen=True)
class MemberView:
    user_id: int
    username: str
    group_id: int
    group_name: str
    permissions: Permissions


@dataclass(frozen=True)
class GroupView:
    group: Group
    creator_username: str | None
    members: list[MemberView]


def _visible(ctx: ServiceContext) -> ColumnElement[bool]:
    groups = ctx.user.readable_groups
    return Group.id.in_(groups) if groups else false()


def _members(ctx: ServiceContext, groups: list[Group]) -> dict[int, list[MemberView]]:
    names = {group.id: group.name for group in groups}
    rows = ctx.db.execute(
        select(GroupMember, User.username)
        .join(User, User.id == GroupMember.user_id)
        .where(GroupMember.group_id.in_(list(names)))
        .order_by(GroupMember.group_id, GroupMember.user_id)
    ).all()
    members: dict[int, list[MemberView]] = defaultdict(list)
    for member, username in rows:
        members[member.group_id].append(_member_view(member, username, names[member.group_id]))
    return members


def _member_view(member: GroupMember, username: str, group_name: str) -> MemberView:
    return MemberView(
        user_id=member.user_id,
        username=username,
        group_id=member.group_id,
        group_name=group_name,
        permissions=Permissions(
            read=member.read,
            write=member.write,
            share_read=member.share_read,
            share_write=member.share_write,
            owner=member.owner,
            admin=member.admin,
        ),
    )


def _views(ctx: ServiceContext, groups: list[Group]) -> list[GroupView]:
    if not groups:
        return []
    members = _members(ctx, groups)
    creator_ids = {group.creator_id for group in groups if group.creator_id is not None}
    creators = dict(
        ctx.db.execute(select(User.id, User.username).where(User.id.in_(creator_ids))).all()
    )
    return [
        GroupView(group, creators.get(group.creator_id or 0), members.get(group.id, []))
        for group in groups
    ]


def list_groups(ctx: ServiceContext, query: ListQuery) -> Page[GroupView]:
    conditions = [_visible(ctx)]
    searched = search_condition(query.search, GROUP_SEARCH_FIELDS)
    if searched is not None:
        conditions.append(searched)
    statement = select(Group).where(*conditions).order_by(Group.id)
    count = select(func.count()).select_from(Group).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page(_views(ctx, [row[0] for row in rows]), total)


def _load(ctx: ServiceContext, group_id: int) -> Group:
    group = ctx.db.get(Group, group_id)
    if group is None or group_id not in ctx.user.readable_groups:
        raise EntityDoesNotExistError("group", "Group", group_id=group_id)
    return group


def get_group(ctx: ServiceContext, group_id: int) -> GroupView:
    return _views(ctx, [_load(ctx, group_id)])[0]


def create_group(ctx: ServiceContext, name: str) -> GroupView:
    """A new group owned and managed by its creator."""
    check_name("Group", name, RESOURCE_NAME_PATTERN)
    existing = ctx.db.scalars(select(Group.id).where(Group.name == name)).first()
    if existing is not None:
        raise EntityExistsError("group", "Group", existing, name=name)
    now = utcnow()
    group = Group(name=name, creator_id=ctx.user.user_id, created_on=now, last_modified_on=now)
    ctx.db.add(group)
    ctx.db.flush()
    ctx.db.add(
        GroupMember(
            group_id=group.id,
            user_id=ctx.user.user_id,
            read=True,
            write=True,
            share_read=True,
            share_write=True,
            owner=True,
            admin=True,
        )
    )
    ctx.db.flush()
    return GroupView(group, ctx.user.username, _members(ctx, [group]).get(group.id, []))


def list_members(ctx: ServiceContext, group_id: int) -> list[MemberView]:
    group = _load(ctx, group_id)
    return _members(ctx, [group]).get(group_id, [])


def _require_admin(ctx: ServiceContext, group_id: int) -> Group:
    group = _load(ctx, group_id)
    if group_id not in ctx.user.admin_groups:
        raise GroupPermissionError(
            f"User {ctx.user.user_id} is not an administrator of group {group_id}."
        )
    return group


def set_member(
    ctx: ServiceContext, group_id: int, user_id: int, permissions: Permissions
) -> MemberView:
    """Adds a user to a group, or changes their permissions (group admins only). The
    owner keeps read, write and admin: nobody, the owner included, takes them away."""
    group = _require_admin(ctx, group_id)
    user = ctx.db.get(User, user_id)
    if user is None or user.deleted:
        raise EntityDoesNotExistError("user", "User", user_id=user_id)
    member = ctx.db.get(GroupMember, (group_id, user_id))
    if member is None:
        # Ownership stays with the creator; it is not handed out through this call.
        member = GroupMember(group_id=group_id, user_id=user_id, owner=False)
        ctx.db.add(member)
    elif member.owner and not (permissions.read and permissions.write and permissions.admin):
        raise GroupOwnerError(user_id, group_id)
    elif member.admin and not permissions.admin:
        _ensure_other_admin(ctx, group_id, user_id)
    member.read = permissions.read
    member.write = permissions.write
    member.share_read = permissions.share_read
    member.share_write = permissions.share_write
    member.admin = permissions.admin
    group.last_modified_on = utcnow()
    ctx.db.flush()
    return _member_view(member, user.username, group.name)


def _ensure_other_admin(ctx: ServiceContext, group_id: int, user_id: int) -> None:
    others = ctx.db.scalar(
        select(func.count())
        .select_from(GroupMember)
        .where(
            GroupMember.group_id == group_id,
            GroupMember.admin,
            GroupMember.user_id != user_id,
        )
    )
    if not others:
        raise GroupNeedsAManagerError(user_id, group_id)


def remove_member(ctx: ServiceContext, group_id: int, user_id: int) -> None:
    group = _require_admin(ctx, group_id)
    member = ctx.db.get(GroupMember, (group_id, user_id))
    if member is None:
        raise EntityDoesNotExistError("user", "User", user_id=user_id, group_id=group_id)
    if member.owner:
        raise GroupOwnerError(user_id, group_id)
    if member.admin:
        _ensure_other_admin(ctx, group_id, user_id)
    ctx.db.delete(member)
    group.last_modified_on = utcnow()
