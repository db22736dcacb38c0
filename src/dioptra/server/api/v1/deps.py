"""Per-request plumbing: one transaction per request and the authenticated actor.

The transaction commits when the route returns and rolls back when anything raises, so a
failed request leaves the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dioptra.server.db.engine import writer_bind
from dioptra.server.services import auth as auth_service
from dioptra.server.services.context import Actor, ServiceContext
from dioptra.server.services.errors import NoCurrentUserError
from dioptra.server.services.passwords import Passwords
from dioptra.server.services.sessions import SessionSigner
from dioptra.server.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class AppState:
    """What the app holds for its lifetime (``app.state.dioptra``)."""

    settings: Settings
    engine: Engine
    writer_engine: Engine
    signer: SessionSigner
    passwords: Passwords


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.dioptra
    return state


def _actor(request: Request, db: Session, state: AppState) -> Actor | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return auth_service.actor_from_token(db, credentials.strip())
    cookie = request.cookies.get(state.settings.session_cookie_name)
    if cookie:
        claims = state.signer.read(cookie)
        if claims is not None:
            return auth_service.actor_from_session(db, claims.user_id, claims.alternative_id)
    return None


def _context(request: Request, *, login_required: bool) -> Iterator[ServiceContext]:
    state = app_state(request)
    bind = state.engine if request.method in SAFE_METHODS else state.writer_engine
    db = Session(bind=bind, expire_on_commit=False, autoflush=True)
    try:
        actor = _actor(request, db, state)
        if login_required and actor is None:
            raise NoCurrentUserError()
        yield ServiceContext(db=db, actor=actor, passwords=state.passwords)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()


def logged_in_context(request: Request) -> Iterator[ServiceContext]:
    yield from _context(request, login_required=True)


def public_context(request: Request) -> Iterator[ServiceContext]:
    yield from _context(request, login_required=False)


# scope="function": commit (or roll back) before the response is sent, so a commit failure
# becomes the response instead of a silently lost write.
Ctx = Annotated[ServiceContext, Depends(logged_in_context, scope="function")]
PublicCtx = Annotated[ServiceContext, Depends(public_context, scope="function")]
State = Annotated[AppState, Depends(app_state)]


def make_app_state(settings: Settings, engine: Engine) -> AppState:
    return AppState(
        settings=settings,
        engine=engine,
        writer_engine=writer_bind(engine),
        signer=SessionSigner(
            settings.resolved_secret_key(), settings.session_max_age_days * 24 * 3600
        ),
        passwords=Passwords(
            time_cost=settings.password_time_cost,
            memory_kib=settings.password_memory_kib,
            parallelism=settings.password_parallelism,
        ),
    )
