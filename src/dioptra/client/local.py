"""What this machine's user has saved for Dioptra, in their config folder: the tokens
`dioptra login` saved (one per server, `credentials.json`) and where a running
`dioptra up` listens (`server.json`, written while it runs).

The client reads both when it is given no address or token (nor `$DIOPTRA_API`,
`$DIOPTRA_API_TOKEN`), so a script on the machine of a `dioptra up` needs no setting.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final

ENV_CONFIG_DIR: Final = "DIOPTRA_CONFIG_DIR"
CREDENTIALS_FILENAME: Final = "credentials.json"
LOCAL_SERVER_FILENAME: Final = "server.json"


def config_dir() -> Path:
    """`$DIOPTRA_CONFIG_DIR`, else the OS's per-user config folder for `dioptra`."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    import click  # the CLI's own choice of folder, so both agree

    return Path(click.get_app_dir("dioptra"))


def credentials_path() -> Path:
    return config_dir() / CREDENTIALS_FILENAME


def server_key(address: str) -> str:
    """Addresses that differ only by a trailing slash are the same server."""
    return address.rstrip("/")


def saved_logins() -> dict[str, Any]:
    """Server address -> its saved login (`{username, token, tokenId}`); empty when the
    file is missing, unreadable or damaged."""
    content = _read_json(credentials_path())
    servers = content.get("servers") if isinstance(content, dict) else None
    return dict(servers) if isinstance(servers, dict) else {}


def saved_token(address: str) -> str | None:
    """The token `dioptra login` saved for the server at `address` (its web address)."""
    entry = saved_logins().get(server_key(address))
    token = entry.get("token") if isinstance(entry, dict) else None
    return token if isinstance(token, str) and token else None


# -- the running `dioptra up` ------------------------------------------------------------


def local_server_path() -> Path:
    return config_dir() / LOCAL_SERVER_FILENAME


def record_local_server(address: str, pid: int) -> Path:
    """Notes that process `pid` serves Dioptra at `address` (done by `dioptra up`)."""
    path = local_server_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(json.dumps({"address": server_key(address), "pid": pid}))
    partial.replace(path)
    return path


def forget_local_server(pid: int) -> None:
    """Removes the record if process `pid` wrote it (another `up` may have since)."""
    path = local_server_path()
    record = _read_json(path)
    if isinstance(record, dict) and record.get("pid") == pid:
        path.unlink(missing_ok=True)


def local_server_address() -> str | None:
    """The web address of the `dioptra up` running on this machine, if one is (a record
    left by a process that has died is ignored)."""
    record = _read_json(local_server_path())
    if not isinstance(record, dict):
        return None
    address, pid = record.get("address"), record.get("pid")
    if not isinstance(address, str) or not isinstance(pid, int) or not _alive(pid):
        return None
    return address


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there; trust the record
        return True
    try:
        os.kill(pid, 0)  # signal 0: only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, but is another user's
        return True
    except OSError:
        return False
    return True


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None
