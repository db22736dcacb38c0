"""Checks on a request's head, before anything else reads the request.

* The Host must be one the server answers to (``Settings.accepted_hosts``): a page whose
  name an attacker points at 127.0.0.1 (DNS rebinding) sends its own name as Host, so it
  cannot reach the API of someone running Dioptra on their machine (400).
* At most ``max_header_count`` header fields and ``max_header_bytes`` of them (431). The
  HTTP server bounds the head while it reads it (``app.http_server_options``); this
  answers with Dioptra's error body whatever server runs the app.

A request without Host (HTTP/1.0; never a browser's) passes.
"""

from __future__ import annotations

import http
from collections.abc import Set
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from dioptra.server.api.v1.core.errors import error_response

ANY_HOST = "*"


def host_name(host_header: str) -> str | None:
    """``name[:port]`` -> the name, lowercase, IPv6 without brackets; None if malformed."""
    try:
        parts = urlsplit(f"//{host_header.strip()}")
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return None
    return parts.hostname


class RequestHeadMiddleware:
    def __init__(
        self, app: ASGIApp, accepted_hosts: Set[str], max_count: int, max_bytes: int
    ) -> None:
        self.app = app
        self.accepted_hosts = accepted_hosts
        self.max_count = max_count
        self.max_bytes = max_bytes

    def _problem(
        self, headers: list[tuple[bytes, bytes]]
    ) -> tuple[http.HTTPStatus, str, str] | None:
        """(status, error name, message) of the first rule the head breaks, else None."""
        if len(headers) > self.max_count:
            return (
                http.HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "RequestHeaderFieldsTooLarge",
                f"The request has {len(headers)} header fields; the limit is {self.max_count}.",
            )
        if sum(len(name) + len(value) for name, value in headers) > self.max_bytes:
            return (
                http.HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "RequestHeaderFieldsTooLarge",
                f"The request's header fields are larger than the limit of {self.max_bytes} bytes.",
            )
        host = next((v.decode("latin-1") for k, v in headers if k == b"host"), None)
        if host is None or ANY_HOST in self.accepted_hosts:
            return None
        if host_name(host) not in self.accepted_hosts:
            return (
                http.HTTPStatus.BAD_REQUEST,
                "HostNotAllowedError",
                f"This server does not answer to the host {host!r}; its operator can add the "
                "name to DIOPTRA_ALLOWED_HOSTS.",
            )
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = self._problem(scope.get("headers") or [])
            if problem is not None:
                status, name, message = problem
                response = error_response(Request(scope), name, status, message)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
