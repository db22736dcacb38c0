"""/groups: the groups a user belongs to, creating groups and managing members."""

from typing import Annotated, Any

from fastapi import Query
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.fields import Name
from dioptra.server.api.v1.core.paging import SearchParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.wire import (
    GroupRefOut,
    OutModel,
    StatusOut,
    UserRefOut,
    WireModel,
    group_ref,
    ok,
    status_success,
    timestamp,
    user_ref,
)
from dioptra.server.services.accounts import groups as group_service

router = api_router(tags=["groups"])


class GroupCreateBody(WireModel):
    name: Name


class MemberBody(WireModel):
    user: int
    read: bool = True
    write: bool = False
    share_read: bool = False
    share_write: bool = False
    admin: bool = False


class PermissionsOut(OutModel):
    read: bool
    write: bool
    share_read: bool
    share_write: bool
    owner: bool
    admin: bool


class MemberOut(OutModel):
    user: UserRefOut
    group: GroupRefOut
    permissions: PermissionsOut


class GroupOut(OutModel):
    name: str
    id: int
    user: UserRefOut | None
    members: list[MemberOut]
    created_on: str
    last_modified_on: str


def render_member(member: group_service.MemberView) -> dict[str, Any]:
    p = member.permissions
    return {
        "user": user_ref(member.user_id, member.username),
        "group": group_ref(member.group_id, member.group_name),
        "permissions": {
            "read": p.read,
            "write": p.write,
            "shareRead": p.share_read,
            "shareWrite": p.share_write,
            "owner": p.owner,
            "admin": p.admin,
        },
    }


def render_group(view: group_service.GroupView) -> dict[str, Any]:
    group = view.group
    creator = (
        user_ref(group.creator_id, view.creator_username or "")
        if group.creator_id is not None
        else None
    )
    return {
        "name": group.name,
        "id": group.id,
        "user": creator,
        "members": [render_member(member) for member in view.members],
        "createdOn": timestamp(group.created_on),
        "lastModifiedOn": timestamp(group.last_modified_on),
    }


@router.get("/groups/", response_model=page_model(GroupOut), summary="List my groups")
def list_groups(ctx: Ctx, state: State, params: Annotated[SearchParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = group_service.list_groups(ctx, query)
    return ok(envelope("groups", query, page, render_group))


@router.post("/groups/", response_model=GroupOut, summary="Create a group (you manage it)")
def create_group(ctx: Ctx, body: GroupCreateBody) -> Response:
    return ok(render_group(group_service.create_group(ctx, body.name)))


@router.get("/groups/{id:int}", response_model=GroupOut, summary="Get a group")
def get_group(ctx: Ctx, id: int) -> Response:
    return ok(render_group(group_service.get_group(ctx, id)))


@router.get("/groups/{id:int}/members", response_model=list[MemberOut], summary="Members")
def list_members(ctx: Ctx, id: int) -> Response:
    return ok([render_member(member) for member in group_service.list_members(ctx, id)])


@router.post(
    "/groups/{id:int}/members",
    response_model=MemberOut,
    summary="Add a member or change their permissions (group admins)",
)
def set_member(ctx: Ctx, id: int, body: MemberBody) -> Response:
    permissions = group_service.Permissions(
        read=body.read,
        write=body.write,
        share_read=body.share_read,
        share_write=body.share_write,
        admin=body.admin,
    )
    return ok(render_member(group_service.set_member(ctx, id, body.user, permissions)))


@router.delete(
    "/groups/{id:int}/members/{userId:int}",
    response_model=StatusOut,
    summary="Remove a member (group admins)",
)
def remove_member(ctx: Ctx, id: int, userId: int) -> Response:
    group_service.remove_member(ctx, id, userId)
    return ok(status_success([userId]))
