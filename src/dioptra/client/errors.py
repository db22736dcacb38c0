"""Exceptions raised by the Dioptra client.

The class names match the original client's so code that catches them keeps working;
`StatusCodeError` gained one subclass per common status so callers can catch, say, a
missing resource without inspecting numbers.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any


class DioptraClientError(Exception):
    """Base class of every error the client raises."""


class FieldNameCollisionError(DioptraClientError):
    """Two field names become the same name after conversion to camelCase."""


class FieldsValidationError(DioptraClientError):
    """One or more fields passed to a client method are invalid."""


class DraftFieldsValidationError(FieldsValidationError):
    """The fields of a draft are not exactly the fields its resource type allows."""


class APIConnectionError(DioptraClientError):
    """The API could not be reached (refused, timed out, or the connection broke)."""


class JSONDecodeError(DioptraClientError):
    """A successful response did not carry the JSON the client expected."""


class IllegalArgumentError(DioptraClientError):
    """An argument has a type or value the client cannot send."""


class SubCollectionUrlError(DioptraClientError):
    """A sub-collection URL was built with the wrong number of parent ids."""


class JobWaitTimeoutError(DioptraClientError, TimeoutError):
    """`jobs.wait` gave up before the job reached a final status."""

    def __init__(self, job_id: str | int, timeout: float, last_status: str | None) -> None:
        self.job_id = job_id
        self.timeout = timeout
        self.last_status = last_status
        super().__init__(
            f"Job {job_id} did not finish within {timeout:g} s "
            f"(last status: {last_status or 'unknown'})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keeps the error picklable across worker processes despite the custom __init__.
        return (type(self), (self.job_id, self.timeout, self.last_status))


class JobEventStreamClosedError(APIConnectionError):
    """The job event stream closed before its `end` event arrived."""


class StatusCodeError(DioptraClientError):
    """The API answered with a status code outside 2xx.

    Attributes:
        status_code: The HTTP status code.
        body: The parsed JSON error body, or None when the body was not JSON.
        text: The raw response body.
        error: The `error` field of the body (the server-side exception name), if any.
        message: The `message` field of the body, else the HTTP reason phrase.
        detail: The `detail` field of the body; for request-validation failures that
            carry `errors` instead, those errors.
        method: The HTTP method of the failed request, when known.
        url: The URL of the failed request, when known.
    """

    def __init__(
        self,
        status_code: int,
        body: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        if isinstance(body, str | bytes):
            self.text = body.decode(errors="replace") if isinstance(body, bytes) else body
            self.body = _parse_json_or_none(self.text)
        else:
            self.body = body
            self.text = "" if body is None else json.dumps(body)
        fields = self.body if isinstance(self.body, dict) else {}
        self.error: str | None = _text_or_none(fields.get("error"))
        self.message: str = _text_or_none(fields.get("message")) or _reason(status_code)
        self.detail: Any = fields["detail"] if "detail" in fields else fields.get("errors")
        super().__init__(self.__str__())

    def __reduce__(self) -> tuple[Any, ...]:
        # Keeps the error picklable across worker processes despite the custom __init__.
        return (type(self), (self.status_code, self.text), self.__dict__)

    def __str__(self) -> str:
        where = f" from {self.method} {self.url}" if self.method and self.url else ""
        kind = f" [{self.error}]" if self.error else ""
        # Dioptra 1.2 puts a dict's repr in some messages ("Bad Request - {...}", for an
        # entrypoint that does not validate); the detail holds the same findings, shown once.
        phrase, _, rest = self.message.partition(" - ")
        shown = phrase if self.detail and rest.startswith(("{", "[")) else self.message
        text = f"HTTP {self.status_code}{where}{kind}: {shown}"
        if self.detail:
            text += f" (detail: {json.dumps(self.detail, default=str)})"
        return text


class BadRequestError(StatusCodeError):
    """400: the request was invalid (bad values, bad state transition, ...)."""


class UnauthorizedError(StatusCodeError):
    """401: not logged in, or bad credentials."""


class ForbiddenError(StatusCodeError):
    """403: logged in but not allowed (includes locked resources on Dioptra 1.2)."""


class NotFoundError(StatusCodeError):
    """404: the resource, snapshot or draft does not exist."""


class ConflictError(StatusCodeError):
    """409: the name is already taken; `detail["existing_id"]` names the holder."""


class ValidationError(StatusCodeError):
    """422: the request body or query did not validate (e.g. a bad search query)."""


class LockedError(StatusCodeError):
    """423: the resource is locked against this change."""


class ServerError(StatusCodeError):
    """5xx: the server failed."""


_ERRORS_BY_STATUS: dict[int, type[StatusCodeError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    423: LockedError,
}


def status_error_class(status_code: int) -> type[StatusCodeError]:
    """The most specific StatusCodeError subclass for a status code."""
    if status_code in _ERRORS_BY_STATUS:
        return _ERRORS_BY_STATUS[status_code]
    if status_code >= 500:
        return ServerError
    return StatusCodeError


def _parse_json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _reason(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Unexpected status"
