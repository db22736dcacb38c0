"""/auth: cookie login and logout (the Dioptra client's way in)."""

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


@router.post("/auth/login", response_model=LoginOut, summary="Log in (sets the session cookie)")
def login(ctx: PublicCtx, state: State, body: LoginBody) -> Response:
    user = auth_service.authenticate(ctx, body.username, body.password)
    response = ok({"username": user.username, "status": "Login successful"})
    settings = state.settings
    response.set_cookie(
        settings.session_cookie_name,
        state.signer.issue(user.id, user.alternative_id),
        httponly=True,
        samesite="lax",
        secure=settings.session_cookie_secure,
        path="/",
    )
    return response


@router.post("/auth/logout", response_model=LogoutOut, summary="Log out")
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
