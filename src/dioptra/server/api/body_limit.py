"""Request body size limits (``max_upload_bytes``), answered with Dioptra's error body.

A declared ``Content-Length`` over the limit is refused before anything is read; a body
without one is counted as it streams and refused once it passes the limit. Routes that
stream large bodies under limits of their own (artifact uploads, resource imports) get
theirs by path.
"""

from __future__ import annotations

import http
import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dioptra.server.api.v1.core.errors import error_response

TOO_LARGE = http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE
# A path pattern and its limit in bytes (None: the route enforces its own).
PathLimit = tuple[re.Pattern[str], int | None]


def too_large_message(limit: int) -> str:
    return f"The request body is larger than the limit of {limit} bytes."


class RequestBodyTooLarge(HTTPException):
    """Raised while the body streams in; the HTTP error handler renders the body."""

    def __init__(self, limit: int) -> None:
        super().__init__(TOO_LARGE.value, too_large_message(limit))


def _declared_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class BodyLimitMiddleware:
    def __init__(
        self, app: ASGIApp, default_limit: int, path_limits: Sequence[PathLimit] = ()
    ) -> None:
        self.app = app
        self.default_limit = default_limit
        self.path_limits = list(path_limits)

    def limit_for(self, path: str) -> int | None:
        for pattern, limit in self.path_limits:
            if pattern.fullmatch(path):
                return limit
        return self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            response = error_response(
                Request(scope),
                TOO_LARGE.phrase.replace(" ", ""),
                TOO_LARGE,
                too_large_message(limit),
            )
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestBodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)
