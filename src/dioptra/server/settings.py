"""Server configuration: one pydantic-settings object read from ``DIOPTRA_*`` variables."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILENAME = "secret_key"


def default_data_dir() -> Path:
    """The per-user data folder of the platform (XDG on Linux, the OS convention elsewhere)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "dioptra"


class Settings(BaseSettings):
    """Everything the server can be told. Unset paths derive from ``data_dir``."""

    model_config = SettingsConfigDict(env_prefix="DIOPTRA_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    artifacts_url: str = ""
    host: str = "127.0.0.1"
    port: int = 5000
    secret_key: str = ""
    max_page_size: int = 1000
    max_upload_bytes: int = 100 * 1024 * 1024
    session_cookie_name: str = "session"
    session_cookie_secure: bool = False
    session_max_age_days: int = 14
    # Origins (scheme://host[:port]) besides the server's own that may send state-changing
    # requests, e.g. the Vite dev server of the UI.
    allowed_origins: list[str] = Field(default_factory=list)
    # argon2id cost; lower it only where speed matters more than safety (tests).
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    password_parallelism: int = 4
    # Run the Alembic migrations when the app starts (``dioptra serve`` always does).
    migrate_on_start: bool = True
    # Jobs: a started job whose worker is silent this long is failed; the check runs every
    # ``job_watchdog_interval_seconds`` (0 turns it off).
    worker_heartbeat_grace_seconds: float = 30.0
    job_watchdog_interval_seconds: float = 5.0
    max_artifact_upload_bytes: int = 10 * 1024**3
    # Artifacts registered without a sha256 get one from a background pass this often
    # (0 turns it off).
    artifact_digest_interval_seconds: float = 1.0
    # Resource import: besides public github.com/gitlab.com HTTPS repositories, take any
    # URL git can fetch (file://, ssh, a private server). Off by default.
    import_allow_any_git: bool = False
    # Resource import: the most an uploaded archive may unpack to, all members together;
    # extraction stops (400) as soon as it would pass it (a small zip can hold GiBs).
    import_max_expanded_bytes: int = Field(default=200 * 1024**2, gt=0)

    @model_validator(mode="after")
    def _derive_paths(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'dioptra.db'}"
        if not self.artifacts_url:
            self.artifacts_url = str(self.data_dir / "artifacts")
        return self

    def ensure_data_dir(self) -> None:
        """Creates the data folder (only needed when something is stored in it)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def resolved_secret_key(self) -> str:
        """The configured secret key, or one generated once and kept in the data dir."""
        if self.secret_key:
            return self.secret_key
        self.ensure_data_dir()
        key_file = self.data_dir / SECRET_KEY_FILENAME
        if not key_file.exists():
            # O_EXCL so two processes starting together cannot both write a different key.
            try:
                fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
        self.secret_key = key_file.read_text().strip()
        return self.secret_key
