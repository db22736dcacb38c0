"""The application factory."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import Engine

from dioptra import __version__
from dioptra.engine.limits import DOCUMENT_LIMITS
from dioptra.server.api.body_limit import BodyLimitMiddleware, PathLimit
from dioptra.server.api.docs_site import install_docs_site
from dioptra.server.api.origin import OriginCheckMiddleware
from dioptra.server.api.request_head import RequestHeadMiddleware
from dioptra.server.api.trailing_slash import TrailingSlashMiddleware
from dioptra.server.api.ui import install_ui
from dioptra.server.api.v1 import api_route_paths, install_api, route_paths
from dioptra.server.api.v1.core import health
from dioptra.server.api.v1.core.deps import (
    check_transactional,
    install_routes,
    make_app_state,
)
from dioptra.server.api.v1.core.errors import install_error_handlers, install_search_error
from dioptra.server.api.v1.core.openapi_doc import install_openapi
from dioptra.server.api.v1.jobs.outputs import app_artifact_store
from dioptra.server.api.v1.jobs.token_scope import check_job_token
from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.dispatch import open_dispatcher
from dioptra.server.services.background.artifact_digests import digests_running
from dioptra.server.services.background.running import running_every
from dioptra.server.services.background.watchdog import watchdog_running
from dioptra.server.services.jobs.jobs import NoDispatcher
from dioptra.server.settings import Settings

# An entrypoint body holds two graphs of at most the engine's document size, each up to
# twice as long once escaped in JSON, and a little more: a larger one is refused before
# it is parsed.
ENTRYPOINT_BODY_LIMIT = 8 * DOCUMENT_LIMITS.max_bytes


API_DESCRIPTION = (
    "REST API v1, wire-compatible with Dioptra 1.2.\n\n"
    "Every path also answers with its trailing slash added or removed, with no redirect: "
    "`/api/v1/plugins` is `/api/v1/plugins/`, and `/api/v1/plugins/{id}/files/` is "
    "`/api/v1/plugins/{id}/files`. This document lists each path once, in the form Dioptra "
    "declares it."
)


def body_limits(settings: Settings) -> list[PathLimit]:
    """Routes that stream big bodies: artifact bytes have their own setting; an import
    form is checked part by part against the import limits as it streams. Entrypoint
    bodies have a smaller limit (their graphs are bounded)."""
    return [
        (
            re.compile(r"/api/v1/entrypoints.*"),
            min(ENTRYPOINT_BODY_LIMIT, settings.max_upload_bytes),
        ),
        (re.compile(r"/api/v1/jobs/[0-9]+/artifactUploads"), settings.max_artifact_upload_bytes),
        (re.compile(r"/api/v1/workflows/resourceImport"), None),
    ]


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Builds the app. The database is migrated on start unless ``migrate_on_start`` is off;
    pass ``engine`` to share one between apps (tests)."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or create_db_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.migrate_on_start:
            upgrade_database(engine)
        # Password checks wait in the worker thread of their request for a turn to hash
        # (``Passwords``); they get threads of their own on top of the usual ones, so a
        # burst of logins leaves every other request as many as before.
        threads = to_thread.current_default_thread_limiter()
        threads.total_tokens += app.state.dioptra.passwords.max_admitted
        # DIOPTRA_DISPATCH picks who runs queued jobs; the job routes call its submit().
        dispatcher = open_dispatcher(settings, app.state.dioptra.writer_engine)
        if dispatcher is not None:
            app.state.dispatcher = dispatcher
        grace = dt.timedelta(seconds=settings.worker_heartbeat_grace_seconds)
        async with (
            watchdog_running(
                engine,
                settings.job_watchdog_interval_seconds,
                grace,
                watch_queued=dispatcher is not None and dispatcher.by_queue_name,
            ),
            running_every(
                settings.job_watchdog_interval_seconds if dispatcher is not None else 0,
                dispatcher.tidy if dispatcher is not None else (lambda: None),
                name="dispatch tidy",
                first_after=None,
            ),
            digests_running(
                engine,
                partial(app_artifact_store, app),
                settings.artifact_digest_interval_seconds,
            ),
        ):
            yield
        if dispatcher is not None:
            dispatcher.stop()
        if owns_engine:
            engine.dispose()

    app = FastAPI(
        title="Dioptra",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        # /api/docs is served by install_ui, with Swagger UI's files from the UI build (no CDN).
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # No redirects: TrailingSlashMiddleware routes the other form of each path.
        redirect_slashes=False,
    )
    app.state.dioptra = make_app_state(settings, engine, actor_checks=[check_job_token])
    # Hands submitted jobs to workers; the dispatch module replaces this default.
    app.state.dispatcher = NoDispatcher()
    install_error_handlers(app)
    install_search_error(app)
    install_routes(app, [health.router])
    install_api(app)
    install_openapi(app)
    install_docs_site(app)
    # Last: the UI answers the GETs outside /api/ that no route matched, and /api/docs.
    install_ui(app)
    app.add_middleware(OriginCheckMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=settings.max_upload_bytes,
        path_limits=body_limits(settings),
    )
    if settings.allowed_origins:
        # A UI served from another origin (e.g. the Vite dev server) reads with cookies.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    # Before the body limits and the routes, which then see the declared form of a path.
    app.add_middleware(
        TrailingSlashMiddleware,
        route_paths=[*route_paths([health.router]), *api_route_paths()],
    )
    # Outermost: a head this server must not answer is refused before anything reads it.
    app.add_middleware(
        RequestHeadMiddleware,
        accepted_hosts=settings.accepted_hosts(),
        max_count=settings.max_header_count,
        max_bytes=settings.max_header_bytes,
    )
    check_transactional(app)
    return app


def http_server_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn options of `dioptra up` and `dioptra serve`. The h11 parser bounds a
    request's head while reading it (httptools would buffer any size); the bound leaves
    room for the request line, so the app answers moderate excess with its clear 431."""
    return {
        "host": settings.host,
        "port": settings.port,
        "http": "h11",
        "h11_max_incomplete_event_size": 2 * settings.max_header_bytes,
    }
