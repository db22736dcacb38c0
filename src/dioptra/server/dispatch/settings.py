"""How queued jobs reach workers: ``DIOPTRA_DISPATCH`` and the local runners.

Kept beside the dispatchers, read from the same ``DIOPTRA_*`` environment as the
server's settings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DispatchSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIOPTRA_", extra="ignore")

    # local: the server runs every job itself (`dioptra up` chooses this unless told
    # otherwise); postgres: procrastinate on the server's PostgreSQL database delivers jobs
    # to `dioptra worker` processes on any machine; none: jobs wait for a worker that
    # claims them by id (the default of a bare app, e.g. in API tests).
    dispatch: Literal["none", "local", "postgres"] = "none"
    # How many jobs the local dispatcher runs at once (all queues together).
    runners: int = Field(default=2, ge=1, le=256)
    # Where local runners reach the API; default: the server's own host and port.
    local_api_url: str = ""
    # Where local runners make job working directories (default: <data dir>/jobs).
    work_dir: str = ""
    # Seconds between heartbeats of the local runners.
    heartbeat_seconds: float = Field(default=1.0, gt=0)
