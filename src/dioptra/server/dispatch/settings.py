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

    # Each description is the setting's documentation (docs/reference/configuration.md).
    dispatch: Literal["none", "local", "postgres"] = Field(
        default="none",
        description="How jobs reach workers. `local`: the server runs every job itself "
        "(`dioptra up` chooses this unless told otherwise); `postgres`: procrastinate on the "
        "server's PostgreSQL database delivers jobs to `dioptra worker` processes on any "
        "machine; `none`: jobs wait for a worker that claims them by id (the default of a "
        "bare app, e.g. in API tests).",
    )
    runners: int = Field(
        default=2,
        ge=1,
        le=256,
        description="How many jobs the local dispatcher runs at once, all queues together.",
    )
    local_api_url: str = Field(
        default="",
        description="Where local runners reach the API. Empty: the server's own host and port.",
    )
    work_dir: str = Field(
        default="",
        description="Where local runners make job working folders. Empty: `jobs/` in the data "
        "folder.",
    )
    heartbeat_seconds: float = Field(
        default=1.0, gt=0, description="Seconds between heartbeats of the local runners."
    )
