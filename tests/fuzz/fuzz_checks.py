"""The custom schemathesis check: every 4xx answers in one of the server's error shapes."""

from __future__ import annotations

import json
from typing import Any

ERROR_BODY_KEYS = {"error", "message", "detail", "originating_path"}


def error_shape_problem(status: int, body: Any) -> str | None:
    """Why ``body`` is not a proper error body for ``status`` (None when it is).

    Accepted: Dioptra's error body; the request-validation body ``{"errors": {...}}``
    (with "message" for bad query values); ``{"message": ...}`` for undecodable JSON (400).
    """
    if not isinstance(body, dict):
        return f"the body is not a JSON object: {body!r:.200}"
    if set(body) == ERROR_BODY_KEYS:
        checks = [
            isinstance(body["error"], str) and body["error"] != "",
            isinstance(body["message"], str) and body["message"] != "",
            isinstance(body["detail"], dict),
            isinstance(body["originating_path"], str),
        ]
        return None if all(checks) else f"malformed error body: {body!r:.300}"
    if "errors" in body and set(body) <= {"errors", "message"}:
        if status == 400 and isinstance(body["errors"], dict) and body["errors"]:
            return None
        return f"malformed validation body ({status}): {body!r:.300}"
    if set(body) == {"message"} and status == 400 and isinstance(body["message"], str):
        return None
    return f"not an error body ({status}): {body!r:.300}"


def dioptra_error_body(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis check (``(ctx, response, case)``): 4xx -> an error body."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = json.loads(response.content)
    except ValueError as error:
        raise AssertionError(
            f"{response.status_code} without a JSON error body: {response.content[:200]!r}"
        ) from error
    problem = error_shape_problem(response.status_code, body)
    if problem is not None:
        raise AssertionError(problem)
    return True
