"""/auth: cookie login and logout (the Dioptra client's way in)."""

import datetime as dt
from typing import Annotated

from fastapi import Query
from pydantic import Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, PublicCtx, State, api_router
from dioptra.server.api.v1.core.fields import Name, Password
from dioptra.server.api.v1.core.wire import OutModel, WireModel, ok
from dioptra.server.services.accounts import auth as auth_service

router = api_router(tags=["auth"])


class LoginBody(WireModel):
    # Bounded only: any other name simply matches no account (401).
    username: Name
    password: Password = Field(min_length=1)


class LoginOut(OutModel):
    username: str
    status: str


class LogoutOut(OutModel):
    username: str
    everywhere: bool
    status: str


@router.post(
    "/auth/login",
    response_model=LoginOut,
    summary="Log in (sets the session cookie)",
    description="After repeated wrong passwords for an account or from a client, logins "
    "for it are refused for a while (429 with Retry-After), even with the right password.",
)
def login(ctx: PublicCtx, state: State, body: LoginBody) -> Response:
    user = auth_service.authenticate(ctx, body.username, body.password)
    settings = state.settings
    lifetime = dt.timedelta(days=settings.session_max_age_days)
    session_key = auth_service.start_session(ctx, user, lifetime)
    response = ok({"username": user.username, "status": "Login successful"})
    response.set_cookie(
        settings.session_cookie_name,
        state.signer.issue(user.id, session_key),
        httponly=True,
        samesite="lax",
        secure=settings.session_cookie_secure,
        path="/",
    )
    return response


@router.post(
    "/auth/logout",
    response_model=LogoutOut,
    summary="Log out",
    description="Ends this session on the server. With everywhere=true, ends every session "
    "of the user and revokes their personal API tokens.",
)
def logout(
    ctx: Ctx,
    state: State,
    everywhere: Annotated[bool, Query(description="End every session of the user.")] = False,
) -> Response:
    user = auth_service.logout(ctx, everywhere)
    response = ok(
        {"username": user.username, "everywhere": everywhere, "status": "Logout successful"}
    )
    response.delete_cookie(
        state.settings.session_cookie_name, path="/", httponly=True, samesite="lax"
    )
    return response
