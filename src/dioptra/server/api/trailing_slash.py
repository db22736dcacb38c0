"""Every API path answers with and without its trailing slash, in one round trip.

Routes are declared in one form: collections as Dioptra declares them (``/queues/``,
``/plugins/{id}/files``). Dioptra answers the other form with a redirect, which its own
client (asking for ``/queues``) pays on every call; here a request for the other form is
routed to the declared one (its path is rewritten before routing), so both answer alike:
every method, the same status, body and headers. The OpenAPI document lists the
declared form and says so in its description (see ``app.API_DESCRIPTION``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.convertors import CONVERTOR_TYPES
from starlette.types import ASGIApp, Receive, Scope, Send

_PARAMETER = re.compile(r"{(\w+)(?::(\w+))?}")


def _toggled(path: str) -> str:
    return path[:-1] if path.endswith("/") else path + "/"


def _pattern(template: str) -> str:
    """The regular expression of a route template (``{id:int}`` -> ``[0-9]+``)."""
    parts, end = [], 0
    for match in _PARAMETER.finditer(template):
        parts.append(re.escape(template[end : match.start()]))
        parts.append(f"(?:{CONVERTOR_TYPES[match.group(2) or 'str'].regex})")
        end = match.end()
    parts.append(re.escape(template[end:]))
    return "".join(parts)


def other_forms(templates: Iterable[str]) -> re.Pattern[str]:
    """One expression matching every path in the form its route does not declare (a form
    that some route declares is left to that route)."""
    declared = set(templates)
    others = sorted({_toggled(t) for t in declared if t != "/"} - declared)
    return re.compile("|".join(_pattern(t) for t in others) or r"(?!)")


class TrailingSlashMiddleware:
    """Routes ``/x`` to the route declared at ``/x/`` and the reverse (see the module)."""

    def __init__(self, app: ASGIApp, route_paths: Iterable[str]) -> None:
        self.app = app
        self.other_forms = other_forms(route_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.other_forms.fullmatch(scope["path"]):
            scope = {**scope, "path": _toggled(scope["path"])}
            raw_path = scope.get("raw_path")
            if raw_path:
                scope["raw_path"] = raw_path[:-1] if raw_path.endswith(b"/") else raw_path + b"/"
        await self.app(scope, receive, send)
