"""/users: registration (public), the user list, the current user and passwords."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, PublicCtx, State, api_router
from dioptra.server.api.v1.core.errors import FieldErrors
from dioptra.server.api.v1.core.fields import Email, Password, Username
from dioptra.server.api.v1.core.paging import SearchParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.wire import (
    GroupRefOut,
    OutModel,
    StatusOut,
    WireModel,
    group_ref,
    ok,
    status_success,
    timestamp,
)
from dioptra.server.services.accounts import users as user_service
from dioptra.server.services.accounts.users import User
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import RegistrationClosedError
from dioptra.server.settings import Settings

router = api_router(tags=["users"])


class UserCreateBody(WireModel):
    username: Username
    email: Email
    password: Password
    confirm_password: Password


class UserModifyBody(WireModel):
    username: Username
    email: Email


class PasswordChangeBody(WireModel):
    old_password: Password
    new_password: Password
    confirm_new_password: Password


class UserDeleteBody(WireModel):
    password: Password


class UserOut(OutModel):
    username: str
    email: str
    id: int


class CurrentUserOut(UserOut):
    groups: list[GroupRefOut]
    created_on: str
    last_modified_on: str
    last_login_on: str | None
    password_expires_on: str


def render_user(user: User) -> dict[str, Any]:
    return {"username": user.username, "email": user.email, "id": user.id}


def render_current_user(ctx: ServiceContext, user: User) -> dict[str, Any]:
    return {
        **render_user(user),
        "groups": [group_ref(g.id, g.name) for g in user_service.groups_of(ctx, user.id)],
        "createdOn": timestamp(user.created_on),
        "lastModifiedOn": timestamp(user.last_modified_on),
        "lastLoginOn": timestamp(user.last_login_on),
        "passwordExpiresOn": timestamp(user.password_expire_on),
    }


def check_password_policy(settings: Settings, field: str, password: str) -> None:
    """The configurable least length (a body's type cannot read settings; ``Password``
    bounds the length from above)."""
    if len(password) < settings.password_min_length:
        message = f"Shorter than minimum length {settings.password_min_length}."
        raise FieldErrors({field: [message]})


@router.post("/users/", response_model=CurrentUserOut, summary="Register a new user")
def register(ctx: PublicCtx, state: State, body: UserCreateBody) -> Response:
    if not state.settings.registration_open:
        raise RegistrationClosedError()
    check_password_policy(state.settings, "password", body.password)
    user = user_service.register(
        ctx, body.username, body.email, body.password, body.confirm_password
    )
    return ok(render_current_user(ctx, user))


@router.get("/users/", response_model=page_model(UserOut), summary="List users")
def list_users(ctx: Ctx, state: State, params: Annotated[SearchParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = user_service.list_users(ctx, query)
    # Dioptra's user links carry neither a group nor a sort.
    return ok(envelope("users", replace(query, group_id=None), page, render_user))


@router.get("/users/current", response_model=CurrentUserOut, summary="The logged-in user")
def get_current(ctx: Ctx) -> Response:
    return ok(render_current_user(ctx, user_service.current_user(ctx)))


@router.put("/users/current", response_model=CurrentUserOut, summary="Change name or email")
def modify_current(ctx: Ctx, body: UserModifyBody) -> Response:
    user = user_service.modify_current(ctx, body.username, body.email)
    return ok(render_current_user(ctx, user))


@router.delete("/users/current", response_model=StatusOut, summary="Close the account")
def delete_current(ctx: Ctx, body: UserDeleteBody) -> Response:
    return ok(status_success([user_service.delete_current(ctx, body.password)]))


PASSWORD_CHANGE_EFFECTS = (
    "Ends every session of the user (they log in again with the new password) and "
    "revokes their personal API tokens."
)


def _password_changed(ctx: Ctx, state: State, user_id: int, body: PasswordChangeBody) -> Response:
    check_password_policy(state.settings, "newPassword", body.new_password)
    user_service.change_password(
        ctx, user_id, body.old_password, body.new_password, body.confirm_new_password
    )
    return ok({"status": "Password Change Success"})


@router.post(
    "/users/current/password",
    response_model=StatusOut,
    summary="Change password",
    description=PASSWORD_CHANGE_EFFECTS,
)
def change_current_password(ctx: Ctx, state: State, body: PasswordChangeBody) -> Response:
    return _password_changed(ctx, state, ctx.user.user_id, body)


@router.get("/users/{id:int}", response_model=UserOut, summary="Get a user")
def get_user(ctx: Ctx, id: int) -> Response:
    return ok(render_user(user_service.get_user(ctx, id)))


@router.post(
    "/users/{id:int}/password",
    response_model=StatusOut,
    summary="Change a password",
    description=PASSWORD_CHANGE_EFFECTS,
)
def change_password(ctx: Ctx, state: State, id: int, body: PasswordChangeBody) -> Response:
    return _password_changed(ctx, state, id, body)
