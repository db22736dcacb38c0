"""Building the app under test: settings for a throwaway data folder, a migrated and
seeded database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from fastapi import FastAPI
from fuzz_seed import Seeded, seed

from dioptra.server.api.v1.resource_import import form as import_form
from dioptra.server.app import create_app
from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.services.resource_import.errors import GitError
from dioptra.server.settings import Settings


def _offline_fetch(*args: Any, **kwargs: Any) -> NoReturn:
    raise GitError("git fetch failed: could not resolve host (offline)")


def fuzz_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": f"sqlite:///{data_dir / 'dioptra.db'}",
        "secret_key": "fuzz-secret",
        # The in-process test client's host name, and the seed's short password.
        "allowed_hosts": ["testserver"],
        "password_min_length": 1,
        # Cheap hashing: the fuzzer registers and logs in many times.
        "password_time_cost": 1,
        "password_memory_kib": 1024,
        "password_parallelism": 1,
        # A small limit so oversized bodies are cheap to send.
        "max_upload_bytes": 64 * 1024,
        "job_watchdog_interval_seconds": 0,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@contextmanager
def seeded_app(settings: Settings) -> Iterator[tuple[FastAPI, Seeded]]:
    """The real app on a fresh migrated database, seeded. Jobs are never dispatched."""
    with pytest.MonkeyPatch.context() as patch:
        # A bare app dispatches nothing unless DIOPTRA_DISPATCH says so. (Deleting, not
        # setting "none": this context lives as long as a session fixture, and other test
        # modules start servers that inherit the environment.)
        patch.delenv("DIOPTRA_DISPATCH", raising=False)
        # Tests never reach the network: a git import fails as it would offline.
        patch.setattr(import_form, "fetch_repository", _offline_fetch)
        engine = create_db_engine(settings.database_url)
        upgrade_database(engine)
        try:
            app = create_app(settings, engine=engine)
            yield app, seed(app)
        finally:
            engine.dispose()
