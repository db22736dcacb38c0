"""Signed session tokens carried by the browser cookie.

A token names the user and the secret key of their stored session (``user_sessions``);
the signature spares a database lookup for forged or expired tokens, the stored session
lets the server end it (logout, password change, account deletion).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

# v1 tokens carried the user's alternative_id instead of a session key.
_VERSION = "v2"


@dataclass(frozen=True)
class SessionClaims:
    user_id: int
    session_key: str
    issued_at: int


class SessionSigner:
    def __init__(self, secret_key: str, max_age_seconds: int) -> None:
        self._key = hashlib.sha256(("dioptra-session:" + secret_key).encode()).digest()
        self._max_age = max_age_seconds

    def _signature(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def issue(self, user_id: int, session_key: str, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        body = f"{_VERSION}.{user_id}.{session_key}.{issued}"
        return f"{body}.{self._signature(body)}"

    def read(self, token: str, now: float | None = None) -> SessionClaims | None:
        """The claims of a genuine, unexpired token; None for anything else."""
        body, _, signature = token.rpartition(".")
        if not body or not hmac.compare_digest(signature, self._signature(body)):
            return None
        parts = body.split(".")
        if len(parts) != 4 or parts[0] != _VERSION:
            return None
        try:
            user_id, issued = int(parts[1]), int(parts[3])
        except ValueError:
            return None
        current = time.time() if now is None else now
        if current - issued > self._max_age:
            return None
        return SessionClaims(user_id, parts[2], issued)
