"""HTTP sessions: one `httpx.Client` per client, holding cookies and credentials.

A session sends every request of one client. The two concrete sessions differ only
in what they hand back: the response object, or its JSON (raising on non-2xx).
"""

from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Final, Generic, TypeVar, cast
from urllib.parse import quote, urlsplit

import httpx

from .__version__ import __version__
from .errors import (
    APIConnectionError,
    DioptraClientError,
    IllegalArgumentError,
    JSONDecodeError,
)
from .files import DioptraFile
from .responses import DioptraResponse, to_status_error

LOGGER = logging.getLogger(__name__)

API_ROOT: Final[str] = "api/v1"
ENV_DIOPTRA_API: Final[str] = "DIOPTRA_API"
ENV_DIOPTRA_API_TOKEN: Final[str] = "DIOPTRA_API_TOKEN"
# Generous read time: bundles, imports and big listings can take a while to build.
DEFAULT_TIMEOUT: Final[httpx.Timeout] = httpx.Timeout(300.0, connect=15.0)
# Event streams stay open while a job runs; only the connection attempt may time out.
STREAM_TIMEOUT: Final[httpx.Timeout] = httpx.Timeout(None, connect=15.0)
_METHODS: Final[frozenset[str]] = frozenset({"get", "patch", "post", "put", "delete"})

T = TypeVar("T")
FilesArgument = Mapping[str, DioptraFile | list[DioptraFile]]


def build_api_address(address: str | None) -> str:
    """The API root (`<web root>/api/v1`) for a web address, or for `$DIOPTRA_API`."""
    if address is None:
        address = os.getenv(ENV_DIOPTRA_API)
        if address is None:
            raise ValueError(
                f"The {ENV_DIOPTRA_API} environment variable must be set if the "
                "address is not provided (and no `dioptra up` runs on this machine)."
            )
    scheme = urlsplit(address).scheme
    if scheme not in ("http", "https"):
        raise ValueError(
            f"Invalid Dioptra address (reason: must start with http:// or https://): {address!r}"
        )
    return f"{address.rstrip('/')}/{API_ROOT}"


def encode_params(params: Mapping[str, Any] | None) -> httpx.QueryParams:
    """Query parameters as the original client sent them.

    None values are dropped, booleans become "True"/"False" (what `requests` sends and
    the original server parses) and lists repeat their key.
    """
    encoded: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in (params or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        # str(True) == "True", which is what `requests` sends.
        encoded.extend((key, str(item)) for item in values if item is not None)
    return httpx.QueryParams(encoded)


def is_2xx(status_code: int) -> bool:
    return 200 <= status_code < 300


def response_json(response: DioptraResponse) -> Any:
    """The JSON body of a 2xx response; raises the typed error for any other status."""
    if not is_2xx(response.status_code):
        LOGGER.debug(
            "HTTP error: status_code=%s method=%s url=%s text=%s",
            response.status_code,
            response.request.method,
            response.request.url,
            response.text,
        )
        raise to_status_error(response.raw)
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError as err:
        raise JSONDecodeError(
            f"Failed to parse HTTP response data as JSON: {response.request.method} "
            f"{response.request.url}"
        ) from err


class DioptraSession(ABC, Generic[T]):
    """Sends the requests of one client over one `httpx.Client`.

    Args:
        address: The API root URL (ending in `/api/v1`).
        token: A personal or job-scoped API token, sent as a bearer token.
        transport: An httpx transport to use instead of the network (tests).
        timeout: Per-request timeout in seconds, or an `httpx.Timeout`.
    """

    DOWNLOAD_CHUNK_SIZE: ClassVar[int] = 64 * 1024

    def __init__(
        self,
        address: str,
        *,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    ) -> None:
        self._url = address.rstrip("/")
        self._token = token
        self._transport = transport
        self._timeout = timeout
        self._client: httpx.Client | None = None

    @property
    def url(self) -> str:
        """The API root URL."""
        return self._url

    @property
    def cookies(self) -> httpx.Cookies:
        """The cookies the session holds (the login session lives here)."""
        return self._http().cookies

    def connect(self) -> None:
        """Open the HTTP client (requests do this on demand)."""
        self._http()

    def close(self) -> None:
        """Close the HTTP client; a later request opens a fresh one without cookies."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            headers = {"User-Agent": f"dioptra-client/{__version__}"}
            if self._token:
                headers["Authorization"] = f"Bearer {self._token}"
            self._client = httpx.Client(
                headers=headers,
                follow_redirects=True,  # collection routes answer 308 to a slash form
                timeout=self._timeout,
                transport=self._transport,
            )
        return self._client

    @staticmethod
    def build_url(base: str, *parts: str | int) -> str:
        """Join path segments onto a URL, percent-encoding each segment."""
        segments = [quote(str(part), safe=":@") for part in parts]
        return "/".join([base.rstrip("/"), *segments]) if segments else base

    def make_request(
        self,
        method_name: str,
        url: str,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
        data: Mapping[str, Any] | None = None,
        files: FilesArgument | None = None,
    ) -> DioptraResponse:
        """Send one request and return its response, whatever its status."""
        if method_name not in _METHODS:
            raise DioptraClientError(
                f"Unsupported method requested (reason: must be one of {sorted(_METHODS)}): "
                f"{method_name}."
            )
        if (data or files) and method_name != "post":
            raise IllegalArgumentError("Multipart data and files are only sent with POST.")
        if json_ is not None and (data or files):
            raise IllegalArgumentError("A request cannot carry both JSON and multipart data.")

        kwargs: dict[str, Any] = {"params": encode_params(params)}
        if json_ is not None:
            kwargs["json"] = json_
        if data or files:
            # Plain fields travel as filename-less parts so the body is always
            # multipart/form-data (as the original sent it), even with no files.
            fields = [(key, (None, str(value))) for key, value in (data or {}).items()]
            kwargs["files"] = fields + to_multipart_files(files)

        LOGGER.debug("Request: method=%s url=%s", method_name.upper(), url)
        try:
            response = self._http().request(method_name.upper(), url, **kwargs)
        except httpx.RequestError as err:
            raise APIConnectionError(
                f"Connection failed (reason: {err}): {method_name.upper()} {url}"
            ) from err
        LOGGER.debug("Response: status_code=%s url=%s", response.status_code, url)
        return DioptraResponse(response)

    def request_json(
        self,
        method_name: str,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
    ) -> Any:
        """Send a request and return its JSON, whatever this session's mode."""
        url = self.build_url(endpoint, *parts)
        return response_json(self.make_request(method_name, url, params=params, json_=json_))

    def get(self, endpoint: str, *parts: str | int, params: Mapping[str, Any] | None = None) -> T:
        return self._finish(self.make_request("get", self.build_url(endpoint, *parts), params))

    def patch(
        self,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
    ) -> T:
        url = self.build_url(endpoint, *parts)
        return self._finish(self.make_request("patch", url, params, json_=json_))

    def post(
        self,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
        data: Mapping[str, Any] | None = None,
        files: FilesArgument | None = None,
    ) -> T:
        url = self.build_url(endpoint, *parts)
        return self._finish(
            self.make_request("post", url, params, json_=json_, data=data, files=files)
        )

    def put(
        self,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
    ) -> T:
        url = self.build_url(endpoint, *parts)
        return self._finish(self.make_request("put", url, params, json_=json_))

    def delete(
        self,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        json_: Any = None,
    ) -> T:
        url = self.build_url(endpoint, *parts)
        return self._finish(self.make_request("delete", url, params, json_=json_))

    @contextmanager
    def stream(
        self,
        endpoint: str,
        *parts: str | int,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = STREAM_TIMEOUT,
    ) -> Iterator[httpx.Response]:
        """Open a streamed GET; raises the typed error if the status is not 2xx."""
        url = self.build_url(endpoint, *parts)
        try:
            with self._http().stream(
                "GET", url, params=encode_params(params), headers=headers, timeout=timeout
            ) as response:
                if not is_2xx(response.status_code):
                    response.read()
                    raise to_status_error(response)
                yield response
        except httpx.RequestError as err:
            raise APIConnectionError(f"Connection failed (reason: {err}): GET {url}") from err

    def download(
        self,
        endpoint: str,
        *parts: str | int,
        output_path: Path,
        params: Mapping[str, Any] | None = None,
    ) -> Path:
        """Save a GET response body to `output_path` and return that path.

        The body is written to a temporary name beside the target and renamed at the
        end, so a failed download never leaves a truncated file under the final name.
        """
        output_path = Path(output_path)
        if output_path.is_dir():
            raise DioptraClientError(
                f"Invalid output filepath (reason: path is a directory): {output_path}"
            )
        try:
            output_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DioptraClientError(
                f"Output directory creation failed (reason: {err.strerror}): {output_path.parent}"
            ) from err

        partial_path = output_path.with_name(f".{output_path.name}.part")
        with self.stream(endpoint, *parts, params=params, timeout=self._timeout) as response:
            try:
                with partial_path.open("wb") as partial:
                    for chunk in response.iter_bytes(self.DOWNLOAD_CHUNK_SIZE):
                        partial.write(chunk)
                partial_path.replace(output_path)
            finally:
                partial_path.unlink(missing_ok=True)
        return output_path

    @abstractmethod
    def _finish(self, response: DioptraResponse) -> T:
        """Turn a response into what this session's client methods return."""


class DioptraResponseSession(DioptraSession[DioptraResponse]):
    """Returns response objects, whatever their status; the caller checks them."""

    def _finish(self, response: DioptraResponse) -> DioptraResponse:
        return response


class DioptraJsonSession(DioptraSession[dict[str, Any]]):
    """Returns parsed JSON and raises a `StatusCodeError` subclass on non-2xx."""

    def _finish(self, response: DioptraResponse) -> dict[str, Any]:
        # Some endpoints answer with a list; the annotation follows the original client.
        return cast(dict[str, Any], response_json(response))


def to_multipart_files(files: FilesArgument | None) -> list[tuple[str, Any]]:
    """Flatten `{"field": file or [files]}` into httpx's repeated-field list."""
    parts: list[tuple[str, Any]] = []
    for field, value in (files or {}).items():
        group = [value] if isinstance(value, DioptraFile) else value
        if not isinstance(group, list):
            raise IllegalArgumentError(
                "Illegal type for files (reason: must be a DioptraFile or a list of "
                f"DioptraFile): {type(value)}."
            )
        for file_ in group:
            if not isinstance(file_, DioptraFile):
                raise IllegalArgumentError(
                    "Illegal type for files (reason: a list can only contain the "
                    f"DioptraFile type): {type(file_)}."
                )
            parts.append((field, (file_.filename, file_.stream, file_.content_type)))
    return parts
