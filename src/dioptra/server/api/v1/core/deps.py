"""Per-request plumbing: one transaction per request and the authenticated actor.

Every route runs inside one transaction, committed when the route returns and rolled back
when anything raises, so a failed request leaves the database exactly as it was. Routes
are registered through ``api_router()`` whose route class wraps each endpoint: session,
authentication, the endpoint itself and the commit all run in one worker-thread hop.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Path, Request
from fastapi.routing import APIRoute
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette._utils import get_route_path
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from dioptra.server.api.v1.core.json_text import CheckedJsonRequest
from dioptra.server.api.v1.core.wire import API_PREFIX, MAX_ID
from dioptra.server.services.accounts import auth as auth_service
from dioptra.server.services.accounts.attempts import PasswordAttempts
from dioptra.server.services.accounts.passwords import Passwords
from dioptra.server.services.accounts.sessions import SessionSigner
from dioptra.server.services.core.context import (
    Actor,
    CostlyWorkRefusedError,
    ServiceContext,
    WriteAttemptedError,
    checking_bind,
    reader_bind,
    writer_bind,
)
from dioptra.server.services.core.errors import NoCurrentUserError
from dioptra.server.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_TRANSACTIONAL = "__dioptra_transactional__"
_CHECKS_FIRST = "__dioptra_checks_first__"
_WHEN_COSTLY = "when costly"


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])

# A check of the actor of each request, before its route runs (may raise a domain error).
ActorCheck = Callable[[Request, Session, Actor], None]


@dataclass
class AppState:
    """What the app holds for its lifetime (``app.state.dioptra``)."""

    settings: Settings
    engine: Engine
    writer_engine: Engine
    reader_engine: Engine
    checking_engine: Engine
    signer: SessionSigner
    passwords: Passwords
    password_attempts: PasswordAttempts
    # Run once the actor of a request is known; each may refuse it with a domain error
    # (the app registers the check that keeps a job's token to that job).
    actor_checks: tuple[ActorCheck, ...] = ()


async def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.dioptra
    return state


@dataclass
class RequestContext(ServiceContext):
    """A ``ServiceContext`` that authenticates lazily, inside the route's thread."""

    request: Request | None = None
    state: AppState | None = None
    login_required: bool = True

    def authenticate(self) -> None:
        assert self.request is not None and self.state is not None
        self.actor = _actor(self.request, self.db, self.state)
        if self.login_required and self.actor is None:
            raise NoCurrentUserError()
        if self.actor is not None:
            for check in self.state.actor_checks:
                check(self.request, self.db, self.actor)


def _actor(request: Request, db: Session, state: AppState) -> Actor | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return auth_service.actor_from_token(db, credentials.strip())
    cookie = request.cookies.get(state.settings.session_cookie_name)
    if cookie:
        claims = state.signer.read(cookie)
        if claims is not None:
            return auth_service.actor_from_session(db, claims.user_id, claims.session_key)
    return None


def _new_context(request: Request, login_required: bool) -> RequestContext:
    # No I/O here (this runs on the event loop): the session connects on first use.
    state: AppState = request.app.state.dioptra
    bind = state.reader_engine if request.method in SAFE_METHODS else state.writer_engine
    return RequestContext(
        db=Session(bind=bind, expire_on_commit=False),
        passwords=state.passwords,
        password_attempts=state.password_attempts,
        client=request.client.host if request.client else "",
        request=request,
        state=state,
        login_required=login_required,
    )


async def logged_in_context(request: Request) -> RequestContext:
    return _new_context(request, login_required=True)


async def public_context(request: Request) -> RequestContext:
    return _new_context(request, login_required=False)


Ctx = Annotated[ServiceContext, Depends(logged_in_context)]
PublicCtx = Annotated[ServiceContext, Depends(public_context)]
State = Annotated[AppState, Depends(app_state)]


def checks_first(endpoint: Endpoint) -> Endpoint:
    """Marks a write route whose checks are costly (validating an entrypoint's graph).

    On SQLite a write transaction holds the database's only write lock from its first
    statement, so work done inside it stalls every other write, logins included. Such a
    route runs first in a transaction that only reads, until its first statement that
    would write (a route that never writes answers from there); then again in its write
    transaction, where the services find what they computed in ``ctx.memo``.
    """
    setattr(endpoint, _CHECKS_FIRST, True)
    return endpoint


def checks_when_costly(endpoint: Endpoint) -> Endpoint:
    """Like ``checks_first``, for a route whose costly checks are cached once done (a
    job's submission: its entrypoint snapshot's document is built once): it runs in its
    write transaction at once, and only where a service reaches costly work there
    (``ServiceContext.costly_work_ahead``) does it back out, run its checks first and
    write again. Most requests then run once instead of twice."""
    setattr(endpoint, _CHECKS_FIRST, _WHEN_COSTLY)
    return endpoint


_WRITES_AHEAD = object()


def _run_checks(
    endpoint: Callable[..., Any], ctx: RequestContext, args: Any, kwargs: dict[str, Any]
) -> Any:
    """``endpoint``'s answer when it never writes, else ``_WRITES_AHEAD`` (see
    ``checks_first``); ``ctx`` keeps the memo of the run."""
    assert ctx.state is not None
    checking = dataclasses.replace(
        ctx, db=Session(bind=ctx.state.checking_engine, expire_on_commit=False)
    )
    arguments = {name: checking if value is ctx else value for name, value in kwargs.items()}
    try:
        checking.authenticate()
        return endpoint(*args, **arguments)
    except WriteAttemptedError:
        return _WRITES_AHEAD
    finally:
        checking.db.rollback()
        checking.db.close()


def _write(
    endpoint: Callable[..., Any], ctx: RequestContext, args: Any, kwargs: dict[str, Any]
) -> Any:
    """``endpoint`` in the request's write transaction, committed; rolled back on any
    error."""
    try:
        ctx.authenticate()
        result = endpoint(*args, **kwargs)
        ctx.db.commit()
        return result
    except BaseException:
        ctx.db.rollback()
        raise


def transactional(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Runs a (sync) endpoint as one transaction around its ``Ctx``/``PublicCtx``."""
    if getattr(endpoint, _TRANSACTIONAL, False) or inspect.iscoroutinefunction(endpoint):
        return endpoint
    check_first = getattr(endpoint, _CHECKS_FIRST, False)

    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = next((v for v in kwargs.values() if isinstance(v, RequestContext)), None)
        if ctx is None:
            return endpoint(*args, **kwargs)
        try:
            if check_first == _WHEN_COSTLY:
                ctx.refuse_costly_work = True
                try:
                    return _write(endpoint, ctx, args, kwargs)
                except CostlyWorkRefusedError:
                    ctx.refuse_costly_work = False  # rolled back: check first, as below
            if check_first:
                answer = _run_checks(endpoint, ctx, args, kwargs)
                if answer is not _WRITES_AHEAD:
                    return answer
            return _write(endpoint, ctx, args, kwargs)
        finally:
            ctx.db.close()

    setattr(run, _TRANSACTIONAL, True)
    return run


# A path id beyond the id columns' range names nothing; refusing it in validation keeps it
# away from SQL (which would fail on it) and the document states the range.
PathId = Annotated[int, Path(ge=0, le=MAX_ID)]
_INT_SEGMENT = re.compile(r"{(\w+):int}")


def bounded_path_ids(path: str, endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """``endpoint`` with its plain ``int`` parameters of ``{name:int}`` segments typed as
    ``PathId`` (the declared signature FastAPI reads; the function itself is unchanged)."""
    names = set(_INT_SEGMENT.findall(path))
    if not names:
        return endpoint
    signature = inspect.signature(endpoint, eval_str=True)
    parameters = [
        parameter.replace(annotation=PathId)
        if parameter.name in names and parameter.annotation is int
        else parameter
        for parameter in signature.parameters.values()
    ]
    if inspect.iscoroutinefunction(endpoint):

        @functools.wraps(endpoint)
        async def bounded(*args: Any, **kwargs: Any) -> Any:
            return await endpoint(*args, **kwargs)

    else:

        @functools.wraps(endpoint)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            return endpoint(*args, **kwargs)

    bounded.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return bounded


class TransactionalRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, bounded_path_ids(path, transactional(endpoint)), **kwargs)
        self.literal_start = path.split("{", 1)[0]

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        # The app tries its routes in turn: most fail on their literal start, which a
        # string comparison says; FastAPI's matching takes microseconds per route.
        if scope["type"] == "http":
            path = get_route_path(scope) if scope.get("root_path") else scope["path"]
            if not path.startswith(self.literal_start):
                return Match.NONE, {}
        return super().matches(scope)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_checked_json(request: Request) -> Response:
            return await handler(CheckedJsonRequest(request.scope, request.receive))

        return with_checked_json


def api_router(*, prefix: str = API_PREFIX, **kwargs: Any) -> APIRouter:
    """The router every family module uses: its routes run in transactions, and carry
    their full path (``/api/v1/...``), so that the app can hold them itself (see
    ``install_routes``)."""
    return APIRouter(route_class=TransactionalRoute, prefix=prefix, **kwargs)


def install_routes(app: FastAPI, routers: Iterable[APIRouter]) -> None:
    """Adds the routes of ``routers`` to the app itself. ``app.include_router`` would keep
    each router behind an inclusion that FastAPI (0.165) walks anew for every request,
    twice, at a few microseconds per route and router: 0.2-1 ms of a list request on a
    2-core machine. Routes the app holds are matched by one regular expression each.
    (Routes held so get no ``app.dependency_overrides``; nothing here uses them.)"""
    for router in routers:
        app.router.routes.extend(router.routes)


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI includes them lazily)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(list(included.routes))


def check_transactional(app: FastAPI) -> None:
    """Refuses to start if a route takes a service context outside a transaction (its
    writes would never be committed)."""
    for route in _api_routes(list(app.routes)):
        uses_context = any(
            dependency.call in (logged_in_context, public_context)
            for dependency in route.dependant.dependencies
        )
        if uses_context and not getattr(route.endpoint, _TRANSACTIONAL, False):
            raise RuntimeError(
                f"{route.path} takes a service context but was not registered with "
                "deps.api_router(); its changes would not be committed"
            )


def make_app_state(
    settings: Settings, engine: Engine, actor_checks: Sequence[ActorCheck] = ()
) -> AppState:
    return AppState(
        actor_checks=tuple(actor_checks),
        settings=settings,
        engine=engine,
        writer_engine=writer_bind(engine),
        reader_engine=reader_bind(engine),
        checking_engine=checking_bind(engine),
        signer=SessionSigner(
            settings.resolved_secret_key(), settings.session_max_age_days * 24 * 3600
        ),
        passwords=Passwords(
            time_cost=settings.password_time_cost,
            memory_kib=settings.password_memory_kib,
            parallelism=settings.password_parallelism,
            concurrency=settings.password_hash_concurrency,
            max_waiting=settings.password_hash_max_waiting,
        ),
        password_attempts=PasswordAttempts(
            per_account=settings.password_failures_per_account,
            per_client=settings.password_failures_per_client,
            window_seconds=settings.password_failure_window_seconds,
        ),
    )
