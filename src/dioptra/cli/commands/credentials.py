"""The saved login: one personal API token per server, in the user's config folder.

`dioptra login` writes it, every later command reads it, `dioptra logout` removes it.
The file is readable by its owner only (mode 0600): it holds secrets.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dioptra.client.local import credentials_path, saved_logins, server_key


@dataclass(frozen=True)
class SavedLogin:
    """A token saved for one server address."""

    api: str
    username: str
    token: str
    token_id: int | None


def load_login(api: str) -> SavedLogin | None:
    """The login saved for `api`, or None (also when the file is unreadable or damaged)."""
    entry = saved_logins().get(server_key(api))
    if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
        return None
    token_id = entry.get("tokenId")
    return SavedLogin(
        api=server_key(api),
        username=str(entry.get("username", "")),
        token=entry["token"],
        token_id=token_id if isinstance(token_id, int) else None,
    )


def save_login(login: SavedLogin) -> Path:
    """Saves (or replaces) the login of one server; returns the file written."""
    logins = saved_logins()
    logins[server_key(login.api)] = {
        "username": login.username,
        "token": login.token,
        "tokenId": login.token_id,
    }
    return _write_all(logins)


def forget_login(api: str) -> bool:
    """Removes the login of one server; whether there was one."""
    logins = saved_logins()
    if logins.pop(server_key(api), None) is None:
        return False
    _write_all(logins)
    return True


def _write_all(logins: dict[str, Any]) -> Path:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    # Created 0600 from the start, so the secret is never readable by others, not even
    # for a moment; then renamed over the old file in one step.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"servers": logins}, handle, indent=2)
    os.chmod(partial, 0o600)  # O_CREAT's mode does not apply to an existing file
    partial.replace(path)
    return path
