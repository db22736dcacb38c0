"""/users/current/tokens: personal API tokens for scripts (``Authorization: Bearer``)."""

from typing import Annotated, Any

from fastapi import Query
from pydantic import Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.paging import PagingParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.wire import (
    OutModel,
    StatusOut,
    WireModel,
    ok,
    status_success,
    timestamp,
)
from dioptra.server.services.accounts import auth as auth_service
from dioptra.server.services.accounts.auth import ApiToken

router = api_router(tags=["users"])


class TokenCreateBody(WireModel):
    name: str = Field(min_length=1, max_length=200)
    expires_in_days: int | None = Field(None, ge=1, le=3650)


class TokenOut(OutModel):
    id: int
    name: str
    created_on: str
    expires_on: str | None


class NewTokenOut(TokenOut):
    token: str


def render_token(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "createdOn": timestamp(token.created_on),
        "expiresOn": timestamp(token.expires_on),
    }


@router.get("/users/current/tokens", response_model=page_model(TokenOut), summary="My tokens")
def list_tokens(ctx: Ctx, state: State, params: Annotated[PagingParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = auth_service.list_tokens(ctx, query)
    return ok(envelope("users/current/tokens", query, page, render_token))


@router.post(
    "/users/current/tokens",
    response_model=NewTokenOut,
    summary="Create a token (its secret is shown only in this response)",
)
def create_token(ctx: Ctx, body: TokenCreateBody) -> Response:
    token, plaintext = auth_service.create_token(ctx, body.name, body.expires_in_days)
    return ok({**render_token(token), "token": plaintext})


@router.delete("/users/current/tokens/{id:int}", response_model=StatusOut, summary="Revoke a token")
def revoke_token(ctx: Ctx, id: int) -> Response:
    auth_service.revoke_token(ctx, id)
    return ok(status_success([id]))
