"""Cross-site request protection for cookie sessions.

A browser always sends ``Origin`` on cross-site state-changing requests; a state-changing
request whose Origin is neither the server's own nor an allowed one is refused (403).
Requests without Origin (scripts, the Python client) pass. The server's own origin comes
from the Host, which ``request_head`` has already checked is one of the server's names.
"""

from __future__ import annotations

import http
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _normalise(origin: str) -> tuple[str, str, int] | None:
    parts = urlsplit(origin.strip().lower())
    if not parts.scheme or not parts.hostname:
        return None
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError:
        return None
    return parts.scheme, parts.hostname, port


class OriginCheckMiddleware:
    def __init__(self, app: ASGIApp, allowed_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {n for n in (_normalise(o) for o in allowed_origins) if n is not None}

    def _own_origin(self, scope: Scope) -> tuple[str, str, int] | None:
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        return _normalise(f"{scope.get('scheme', 'http')}://{host}") if host else None

    def _permitted(self, origin: str, scope: Scope) -> bool:
        normalised = _normalise(origin)
        if normalised is None:  # "null" (sandboxed pages, file://) is never trusted
            return False
        return normalised in self.allowed or normalised == self._own_origin(scope)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in STATE_CHANGING:
            origin = next(
                (v.decode("latin-1") for k, v in scope.get("headers") or [] if k == b"origin"),
                None,
            )
            if origin is not None and not self._permitted(origin, scope):
                await self._refuse(scope, send, origin)
                return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Send, origin: str) -> None:
        status = http.HTTPStatus.FORBIDDEN
        query = scope.get("query_string", b"").decode("latin-1")
        body = json.dumps(
            {
                "error": "OriginNotAllowedError",
                "message": f"{status.phrase} - Requests from origin {origin} may not change "
                "anything here.",
                "detail": {"origin": origin},
                "originating_path": f"{scope.get('path', '')}?{query}",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status.value,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
