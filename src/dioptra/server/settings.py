"""Server configuration: one pydantic-settings object read from ``DIOPTRA_*`` variables."""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILENAME = "secret_key"
# Bind addresses meaning "every interface": not a name any client uses.
WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::", ""})
# The data folder and its secrets are the server's alone (job processes are kept out
# by confinement; other users of the machine by these modes).
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(path: Path, mode: int) -> None:
    """Give ``path`` ``mode`` (where we may: a folder of someone else's stays as it is)."""
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)


def default_data_dir() -> Path:
    """The per-user data folder of the platform (XDG on Linux, the OS convention elsewhere)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "dioptra"


def mlflow_file_store(tracking_uri: str | None) -> Path | None:
    """The folder of the MLflow file store a tracking URI names (``file:///path`` or a
    plain path); None for a tracking server (``http://...``), a database, or nothing."""
    if not tracking_uri:
        return None
    parts = urlsplit(tracking_uri)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        return Path(url2pathname(parts.path)).absolute()
    if parts.scheme and len(parts.scheme) > 1:  # a URL; one letter is a Windows drive
        return None
    return Path(tracking_uri).expanduser().absolute()


def _default_external_roots() -> list[Path]:
    """The MLflow file store that `MLFLOW_TRACKING_URI` names, if any."""
    found = mlflow_file_store(os.environ.get("MLFLOW_TRACKING_URI"))
    return [found] if found is not None else []


class Settings(BaseSettings):
    """Everything the server can be told. Unset paths derive from ``data_dir``.

    Served to other machines (``--host 0.0.0.0``), the server answers only the host names
    in ``allowed_hosts`` besides loopback: list the names and addresses that browsers and
    remote workers use to reach it."""

    model_config = SettingsConfigDict(env_prefix="DIOPTRA_", extra="ignore")

    # Each description is the setting's documentation (docs/reference/configuration.md is
    # generated from them).
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="The folder of the server's data: the SQLite database, the artifact store, "
        "job working folders and the generated secret key, unless other settings put them "
        "elsewhere. Kept private to the server's user.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of the database, e.g. "
        "`postgresql+psycopg://dioptra@db.example/dioptra`. Empty: SQLite in `data_dir` "
        "(`dioptra.db`).",
    )
    artifacts_url: str = Field(
        default="",
        description="Where artifacts are stored: a folder, or an fsspec URL such as "
        "`s3://bucket/prefix` (S3-compatible storage). Empty: `artifacts/` in `data_dir`.",
    )
    host: str = Field(
        default="127.0.0.1",
        description="The interface the server listens on. `0.0.0.0` serves other machines "
        "(then list their names in `allowed_hosts`).",
    )
    port: int = Field(default=5000, description="The port the server listens on.")
    secret_key: str = Field(
        default="",
        description="The key that signs session cookies. Empty: one is generated once and kept "
        "in `data_dir` (`secret_key`); several servers behind one name must share one.",
    )
    max_page_size: int = Field(
        default=1000, description="The most items one page of a list may ask for."
    )
    max_upload_bytes: int = Field(
        default=100 * 1024 * 1024,
        description="The largest request body the API takes, except artifact uploads.",
    )
    session_cookie_name: str = Field(
        default="session", description="The name of the web UI's session cookie."
    )
    session_cookie_secure: bool = Field(
        default=False,
        description="Send the session cookie over HTTPS only: turn on when the server is "
        "reached through TLS (a reverse proxy).",
    )
    session_max_age_days: int = Field(
        default=14, description="How long a web UI sign-in lasts, in days."
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Origins (`scheme://host[:port]`) besides the server's own that may send "
        "state-changing requests, e.g. the Vite dev server of the UI.",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names (the Host header without its port) the server answers besides "
        "its own bound address, `localhost`, `127.0.0.1` and `::1`; any other Host is refused "
        "(400). That stops DNS rebinding, where a web page whose name resolves to this machine "
        "would drive the API with the visitor's access. A team deployment lists every name and "
        "address its users and remote workers reach it by, e.g. "
        '`DIOPTRA_ALLOWED_HOSTS=\'["dioptra.lab.example", "10.0.0.5"]\'`; `"*"` accepts '
        "any Host (only behind a proxy that checks it).",
    )
    max_header_count: int = Field(
        default=100,
        description="The most header fields a request may have (431 beyond). `dioptra up` and "
        "`dioptra serve` also bound the whole request head while it is read.",
    )
    max_header_bytes: int = Field(
        default=64 * 1024, description="The most bytes of header fields a request may have."
    )
    password_min_length: int = Field(
        default=8,
        description="The least length of a new password, at registration and on every change "
        "(the API bounds every password at 1024 characters, which bounds hashing work).",
    )
    registration_open: bool = Field(
        default=True,
        description="Whether anyone may create an account (`POST /users/`). Off, every new "
        "account is refused (403), the first one too; an administrator creates accounts on "
        "the server machine with `dioptra user create --data-dir ...`.",
    )
    password_time_cost: int = Field(
        default=3,
        description="argon2id time cost of password hashes; lower it only where speed matters "
        "more than safety (tests).",
    )
    password_memory_kib: int = Field(
        default=65536, description="argon2id memory cost of password hashes, in KiB."
    )
    password_parallelism: int = Field(
        default=4, description="argon2id parallelism of password hashes."
    )
    password_hash_concurrency: int = Field(
        default=0,
        ge=0,
        description="Password hashes running at once (0: one per CPU; each takes "
        "`password_memory_kib`).",
    )
    password_hash_max_waiting: int = Field(
        default=64,
        ge=0,
        description="How many more password checks may wait for a turn before a login is "
        "refused with 503 and Retry-After (each waiting request holds a worker thread).",
    )
    password_failures_per_account: int = Field(
        default=10,
        ge=1,
        description="Password guessing: after this many failed checks (login, password change, "
        "account deletion) for one account within the window, checks for it are refused with "
        "429 and Retry-After until old failures leave the window. Counted per server process.",
    )
    password_failures_per_client: int = Field(
        default=50,
        ge=1,
        description="The same limit per client address (behind a reverse proxy, the proxy's "
        "address: everyone then shares it).",
    )
    password_failure_window_seconds: float = Field(
        default=900.0, gt=0, description="The window failed password checks are counted in."
    )
    migrate_on_start: bool = Field(
        default=True,
        description="Run the database migrations when the app starts (`dioptra up` and "
        "`dioptra serve` always do).",
    )
    worker_heartbeat_grace_seconds: float = Field(
        default=30.0,
        description="A started job whose worker has been silent this long is failed.",
    )
    job_watchdog_interval_seconds: float = Field(
        default=5.0,
        description="How often silent workers' jobs are looked for (0 turns the check off).",
    )
    max_artifact_upload_bytes: int = Field(
        default=10 * 1024**3, description="The largest artifact file a job may upload."
    )
    artifact_digest_interval_seconds: float = Field(
        default=1.0,
        description="Artifacts registered without a sha256 get one from a background pass "
        "this often (0 turns it off).",
    )
    import_allow_any_git: bool = Field(
        default=False,
        description="Resource import: besides public github.com and gitlab.com HTTPS "
        "repositories, take any URL git can fetch (`file://`, ssh, a private server).",
    )
    import_max_expanded_bytes: int = Field(
        default=200 * 1024**2,
        gt=0,
        description="Resource import: the most an uploaded archive may unpack to, all members "
        "together; extraction stops (400) as soon as it would pass it.",
    )
    artifact_external_roots: list[Path] = Field(
        default_factory=_default_external_roots,
        description="Folders outside the artifact store whose files may be registered by "
        "`file://` URI (as Dioptra 1.2's jobs register what they logged to MLflow): only a "
        "file of the registering job's own MLflow run (`<run id>/artifacts/` in its path) and "
        "never in the data folder. `[]` allows none.",
    )

    @model_validator(mode="after")
    def _derive_paths(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'dioptra.db'}"
        if not self.artifacts_url:
            self.artifacts_url = str(self.data_dir / "artifacts")
        return self

    def accepted_hosts(self) -> frozenset[str]:
        """Host names the server answers to (lowercase, IPv6 without brackets)."""
        own = {"localhost", "127.0.0.1", "::1"}
        if self.host not in WILDCARD_ADDRESSES:
            own.add(self.host)
        return frozenset(h.lower().strip("[]") for h in (*own, *self.allowed_hosts))

    def ensure_data_dir(self) -> None:
        """Creates the data folder (only needed when something is stored in it), or
        makes an existing one private again."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        make_private(self.data_dir, PRIVATE_FOLDER_MODE)

    def resolved_secret_key(self) -> str:
        """The configured secret key, or one generated once and kept in the data dir."""
        if self.secret_key:
            return self.secret_key
        self.ensure_data_dir()
        key_file = self.data_dir / SECRET_KEY_FILENAME
        if not key_file.exists():
            # O_EXCL so two processes starting together cannot both write a different key.
            try:
                fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
        make_private(key_file, PRIVATE_FILE_MODE)
        self.secret_key = key_file.read_text().strip()
        return self.secret_key
