"""Building the app under test: settings for a throwaway data folder, a migrated and
seeded database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fuzz_seed import Seeded, seed

from dioptra.server.app import create_app
from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.settings import Settings


def fuzz_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": f"sqlite:///{data_dir / 'dioptra.db'}",
        "secret_key": "fuzz-secret",
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
        patch.setenv("DIOPTRA_DISPATCH", "none")
        engine = create_db_engine(settings.database_url)
        upgrade_database(engine)
        try:
            app = create_app(settings, engine=engine)
            yield app, seed(app)
        finally:
            engine.dispose()
