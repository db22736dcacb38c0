"""Response objects returned by the response-mode client.

They wrap `httpx.Response` with the `requests.Response` attributes notebooks written
for the original client use (`ok`, `url` as text, `raise_for_status()`, ...).
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from .errors import StatusCodeError, status_error_class


class DioptraRequestProtocol(Protocol):
    """The request behind a response."""

    @property
    def method(self) -> str: ...

    @property
    def url(self) -> str: ...


class DioptraResponseProtocol(Protocol):
    """What every response object returned by the client provides."""

    @property
    def request(self) -> DioptraRequestProtocol: ...

    @property
    def status_code(self) -> int: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


class DioptraRequest:
    """The method and URL of the request that produced a response."""

    def __init__(self, request: httpx.Request) -> None:
        self._request = request

    @property
    def method(self) -> str:
        return self._request.method

    @property
    def url(self) -> str:
        return str(self._request.url)

    @property
    def headers(self) -> httpx.Headers:
        return self._request.headers

    def __repr__(self) -> str:
        return f"<Request [{self.method}]>"


class DioptraResponse:
    """A finished HTTP response, shaped like `requests.Response`."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def raw(self) -> httpx.Response:
        """The underlying httpx response."""
        return self._response

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def ok(self) -> bool:
        """True unless the status is 4xx or 5xx (as in requests)."""
        return self._response.status_code < 400

    @property
    def reason(self) -> str:
        return self._response.reason_phrase

    @property
    def text(self) -> str:
        return self._response.text

    @property
    def content(self) -> bytes:
        return self._response.content

    @property
    def headers(self) -> httpx.Headers:
        """Response headers; lookups ignore case."""
        return self._response.headers

    @property
    def url(self) -> str:
        """The final URL, after any redirects."""
        return str(self._response.url)

    @property
    def request(self) -> DioptraRequest:
        return DioptraRequest(self._response.request)

    @property
    def history(self) -> list[DioptraResponse]:
        """The redirect responses that led here, oldest first."""
        return [DioptraResponse(earlier) for earlier in self._response.history]

    @property
    def encoding(self) -> str | None:
        return self._response.encoding

    @property
    def cookies(self) -> httpx.Cookies:
        return self._response.cookies

    def json(self, **kwargs: Any) -> Any:
        """The body parsed as JSON (raises `ValueError` if it is not JSON)."""
        return self._response.json(**kwargs)

    def raise_for_status(self) -> None:
        """Raise the matching `StatusCodeError` subclass for a 4xx or 5xx status."""
        if not self.ok:
            raise to_status_error(self._response)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


def to_status_error(response: httpx.Response) -> StatusCodeError:
    """Build the typed error for a non-2xx response (its body must be read)."""
    error_class = status_error_class(response.status_code)
    return error_class(
        response.status_code,
        response.text,
        method=response.request.method,
        url=str(response.request.url),
    )
