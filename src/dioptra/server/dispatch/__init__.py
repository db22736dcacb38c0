"""Handing queued jobs to workers: ``local`` (``dioptra up`` runs them) or ``postgres``
(procrastinate delivers them to ``dioptra worker`` processes).

``create_dispatcher`` builds the one the settings choose; the app starts it on start-up,
sets it as ``app.state.dispatcher`` (the job routes call its ``submit`` after each
commit) and stops it on shutdown.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from dioptra.server.dispatch.settings import DispatchSettings
from dioptra.server.settings import WILDCARD_ADDRESSES, Settings
from dioptra.worker.confinement import ConfinementSettings
from dioptra.worker.import_learning import PreloadSettings


class Dispatcher(Protocol):
    # Workers take jobs by queue name, whatever group the queue belongs to, so one may
    # receive a job its account may not run (the watchdog then says on waiting jobs
    # whether a live worker with access serves them).
    by_queue_name: bool

    def start(self) -> None: ...

    def submit(self, job_id: int, queue_name: str) -> None: ...

    def stop(self) -> None: ...

    def tidy(self) -> object:
        """Drops what the queue holds for jobs no longer queued (run every few seconds)."""
        ...


def bundle_cache_dir(settings: Settings) -> Path:
    """Plugin bundles of local runners: in the data folder, one cache per database (ids
    mean nothing in another database)."""
    database = hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]
    return settings.data_dir / "worker-cache" / database


def local_work_dir(settings: Settings, dispatch: DispatchSettings) -> Path:
    """Where local runners make job folders: by default in the data folder, out of reach
    of other jobs (and on the artifact store's file system, so outputs are linked)."""
    return Path(dispatch.work_dir) if dispatch.work_dir else settings.data_dir / "jobs"


def local_api_url(settings: Settings, dispatch: DispatchSettings) -> str:
    """How runners inside the server reach its API (a wildcard bind means loopback)."""
    if dispatch.local_api_url:
        return dispatch.local_api_url.rstrip("/")
    host = settings.host if settings.host not in WILDCARD_ADDRESSES else "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}"


def open_dispatcher(settings: Settings, writer_engine: Engine) -> Dispatcher | None:
    """The dispatcher ``DIOPTRA_DISPATCH`` chooses, started; None for ``none``."""
    dispatcher = create_dispatcher(settings, writer_engine)
    if dispatcher is not None:
        dispatcher.start()
    return dispatcher


def create_dispatcher(
    settings: Settings, writer_engine: Engine, dispatch: DispatchSettings | None = None
) -> Dispatcher | None:
    dispatch = dispatch or DispatchSettings()
    if dispatch.dispatch == "none":
        return None
    if dispatch.dispatch == "postgres":
        from dioptra.server.dispatch.postgres import PostgresDispatcher

        if not settings.database_url.startswith("postgres"):
            raise ValueError(
                "DIOPTRA_DISPATCH=postgres needs a PostgreSQL database "
                f"(DIOPTRA_DATABASE_URL is {settings.database_url.split(':', 1)[0]}:...)"
            )
        return PostgresDispatcher(settings.database_url, writer_engine)

    from dioptra.server.dispatch.local import ANY_QUEUE, LocalDispatcher

    work_dir = local_work_dir(settings, dispatch)
    cache_dir = bundle_cache_dir(settings)
    # The job process adds a local artifact store itself.
    confinement = ConfinementSettings().confinement([settings.data_dir, work_dir, cache_dir])
    # The runners serve every queue: one fork server, one list of what their jobs import.
    preloads = PreloadSettings().learned_preloads(settings.data_dir / "worker", [ANY_QUEUE])
    return LocalDispatcher(
        writer_engine,
        api_url=local_api_url(settings, dispatch),
        store_url=settings.artifacts_url,
        runners=dispatch.runners,
        work_root=work_dir,
        cache_dir=cache_dir,
        heartbeat_seconds=dispatch.heartbeat_seconds,
        confinement=confinement,
        learned_preloads=preloads,
    )


__all__ = [
    "DispatchSettings",
    "Dispatcher",
    "create_dispatcher",
    "local_api_url",
    "open_dispatcher",
]
