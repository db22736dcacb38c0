"""Error responses: domain errors -> status + Dioptra's error body; request validation ->
Dioptra's ``{"errors": {field: [message]}}``."""

from __future__ import annotations

import http
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from dioptra.server.api.v1.core.wire import JsonResponse
from dioptra.server.services.core import errors as domain
from dioptra.server.services.jobs import errors as job_errors
from dioptra.server.services.plugins import errors as plugin_errors
from dioptra.server.services.resource_import import errors as import_errors

LOGGER = logging.getLogger(__name__)

# Every domain error class with a status other than 400, in one table (the lookup walks
# each error's MRO, so order does not matter).
_STATUS_OF: dict[type[BaseException], http.HTTPStatus] = {
    domain.DioptraError: http.HTTPStatus.BAD_REQUEST,
    domain.EntityDoesNotExistError: http.HTTPStatus.NOT_FOUND,
    domain.EntityRelationshipDoesNotExistError: http.HTTPStatus.NOT_FOUND,
    domain.DraftDoesNotExistError: http.HTTPStatus.NOT_FOUND,
    domain.EntityExistsError: http.HTTPStatus.CONFLICT,
    domain.EntityDeletedError: http.HTTPStatus.LOCKED,
    domain.LockError: http.HTTPStatus.FORBIDDEN,
    domain.UserPasswordChangeError: http.HTTPStatus.FORBIDDEN,
    domain.OriginNotAllowedError: http.HTTPStatus.FORBIDDEN,
    domain.RegistrationClosedError: http.HTTPStatus.FORBIDDEN,
    domain.NoCurrentUserError: http.HTTPStatus.UNAUTHORIZED,
    domain.UserAuthenticationError: http.HTTPStatus.UNAUTHORIZED,
    domain.UserPasswordError: http.HTTPStatus.UNAUTHORIZED,
    domain.GroupOwnerError: http.HTTPStatus.FORBIDDEN,
    domain.TooManyPasswordAttemptsError: http.HTTPStatus.TOO_MANY_REQUESTS,
    domain.PasswordChecksBusyError: http.HTTPStatus.SERVICE_UNAVAILABLE,
    plugin_errors.PluginTaskDoesNotExistError: http.HTTPStatus.NOT_FOUND,
    job_errors.JobNotQueuedError: http.HTTPStatus.CONFLICT,
    job_errors.JobNotRunningError: http.HTTPStatus.CONFLICT,
    job_errors.ArtifactStoreError: http.HTTPStatus.SERVICE_UNAVAILABLE,
    job_errors.ArtifactStoreFullError: http.HTTPStatus.INSUFFICIENT_STORAGE,
    import_errors.GitError: http.HTTPStatus.BAD_REQUEST,
    import_errors.UnexpectedImportError: http.HTTPStatus.INTERNAL_SERVER_ERROR,
}


def status_of(error: BaseException) -> http.HTTPStatus:
    for cls in type(error).__mro__:
        if cls in _STATUS_OF:
            return _STATUS_OF[cls]
    return http.HTTPStatus.BAD_REQUEST


def originating_path(request: Request) -> str:
    """Path and query as Flask's ``request.full_path`` printed them (always with "?")."""
    query = request.url.query
    return f"{request.url.path}?{query}"


def error_body(
    request: Request,
    name: str,
    status: http.HTTPStatus,
    message: str,
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "error": name,
        "message": f"{status.phrase} - {message}",
        "detail": detail or {},
        "originating_path": originating_path(request),
    }


def error_response(
    request: Request,
    name: str,
    status: http.HTTPStatus,
    message: str,
    detail: dict[str, Any] | None = None,
) -> JsonResponse:
    return JsonResponse(
        error_body(request, name, status, message, detail), status_code=status.value
    )


class FieldErrors(Exception):
    """Request data rejected before reaching a service: ``{"errors": {...}}`` (400)."""

    def __init__(self, errors: dict[str, Any], *, from_query: bool = False) -> None:
        super().__init__(errors)
        self.errors = errors
        self.from_query = from_query


# pydantic error type -> the message marshmallow gives for it.
_MESSAGES = {
    "missing": "Missing data for required field.",
    "extra_forbidden": "Unknown field.",
    "int_type": "Not a valid integer.",
    "int_parsing": "Not a valid integer.",
    "int_from_float": "Not a valid integer.",
    "string_type": "Not a valid string.",
    "bool_type": "Not a valid boolean.",
    "bool_parsing": "Not a valid boolean.",
    "float_type": "Not a valid number.",
    "float_parsing": "Not a valid number.",
    "list_type": "Not a valid list.",
    "dict_type": "Not a valid mapping type.",
    "model_type": "Invalid input type.",
    "model_attributes_type": "Invalid input type.",
}
_PARSING_TYPES = {"int_parsing", "bool_parsing", "float_parsing", "int_type", "bool_type"}


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "greater_than_equal":
        return f"Must be greater than or equal to {context.get('ge')}."
    if kind == "less_than_equal":
        return f"Must be <= {context.get('le')}"
    if kind == "string_too_short":
        return f"Shorter than minimum length {context.get('min_length')}."
    if kind == "string_too_long":
        return f"Longer than maximum length {context.get('max_length')}."
    if kind in {"enum", "literal_error"}:
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"Must be one of: {expected}."
    return str(error.get("msg", "Invalid value."))


def field_errors(errors: Sequence[Any], skip: int = 0) -> dict[str, Any]:
    """Nests pydantic errors by location: ``{"ids": {"0": ["Not a valid integer."]}}``."""
    result: dict[str, Any] = {}
    for error in errors:
        location = [str(part) for part in error["loc"][skip:]] or ["_schema"]
        node = result
        for part in location[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # a message list already sits here
                child = node[part] = {"_schema": child}
            node = child
        node.setdefault(location[-1], []).append(_message(error))
    return result


def _validation_response(request: Request, exc: RequestValidationError) -> JsonResponse:
    errors = list(exc.errors())
    for error in errors:
        if error["type"] == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "invalid JSON")
            return JsonResponse(
                {"message": f"Failed to decode JSON object: {reason}"}, status_code=400
            )
    body: dict[str, Any] = {}
    query_errors = [e for e in errors if e["loc"] and e["loc"][0] == "query"]
    other_errors = [e for e in errors if not (e["loc"] and e["loc"][0] == "query")]
    body["errors"] = {**field_errors(other_errors, skip=1), **field_errors(query_errors, skip=1)}
    if any(e["type"] in _PARSING_TYPES for e in query_errors):
        body["message"] = "Input payload validation failed"
    return JsonResponse(body, status_code=400)


# Seconds a client is told to wait before retrying while the database is unreachable.
DATABASE_RETRY_AFTER_SECONDS = 5


def database_unreachable(error: DBAPIError) -> bool:
    """True when the database connection was lost (a restart, a network failure) or none
    could be made: the request may succeed later, unlike a failing statement."""
    connecting = isinstance(error, OperationalError) and error.statement is None
    return error.connection_invalidated or connecting


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(domain.DioptraError)
    async def _domain(request: Request, exc: domain.DioptraError) -> Response:
        status = status_of(exc)
        response = error_response(request, type(exc).__name__, status, exc.message, exc.detail)
        if isinstance(exc, domain.RetryLaterError):
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
        return response

    @app.exception_handler(RequestValidationError)
    async def _request_validation(request: Request, exc: RequestValidationError) -> Response:
        return _validation_response(request, exc)

    @app.exception_handler(ValidationError)
    async def _stored_validation(request: Request, exc: ValidationError) -> Response:
        # Raised when a stored draft no longer validates as a request body.
        return JsonResponse({"errors": field_errors(exc.errors())}, status_code=400)

    @app.exception_handler(FieldErrors)
    async def _field_errors(request: Request, exc: FieldErrors) -> Response:
        body: dict[str, Any] = {"errors": exc.errors}
        return JsonResponse(body, status_code=400)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> Response:
        # The services check first; this only fires when a concurrent request won a race.
        LOGGER.info("integrity error: %s", exc.orig)
        return error_response(
            request,
            "EntityExistsError",
            http.HTTPStatus.CONFLICT,
            "The request conflicts with a concurrent change; retry it.",
        )

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> Response:
        if not database_unreachable(exc):
            raise exc  # a failing statement: a bug, answered and logged as any other
        # The pool drops dead connections and reconnects on a later request: no restart.
        LOGGER.warning(
            "database unreachable on %s %s: %s", request.method, request.url.path, exc.orig
        )
        response = error_response(
            request,
            "DatabaseUnavailableError",
            http.HTTPStatus.SERVICE_UNAVAILABLE,
            "The database is unreachable; retry the request shortly.",
        )
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        status = http.HTTPStatus(exc.status_code)
        detail = exc.detail if isinstance(exc.detail, str) else ""
        message = status.description if detail in ("", status.phrase) else detail
        return error_response(request, status.phrase.replace(" ", ""), status, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        LOGGER.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(
            request,
            "InternalServerError",
            http.HTTPStatus.INTERNAL_SERVER_ERROR,
            "The server failed to handle the request; the error has been logged.",
        )


def install_search_error(app: FastAPI) -> None:
    """422 for an unparsable search (the error class comes from ``services.search``)."""
    from dioptra.server.services.core.search import SearchParseError

    @app.exception_handler(SearchParseError)
    async def _search(request: Request, exc: SearchParseError) -> Response:
        query = getattr(exc, "query", exc.args[0] if exc.args else "")
        reason = getattr(exc, "reason", exc.args[1] if len(exc.args) > 1 else str(exc))
        return error_response(
            request,
            "SearchParseError",
            http.HTTPStatus.UNPROCESSABLE_ENTITY,
            "The provided search query could not be parsed.",
            {"query": query, "reason": reason},
        )
