"""An authenticated API client for plugin code running inside a job.

Same call as Dioptra's: `get_authenticated_worker_client(log)`. The worker puts the API
address in `DIOPTRA_API` and a token scoped to the job in `DIOPTRA_API_TOKEN`; when no
token is set (e.g. a worker configured the original way) the client logs in with
`DIOPTRA_WORKER_USERNAME` / `DIOPTRA_WORKER_PASSWORD`.
"""

from __future__ import annotations

import os
from typing import Any, Final, Literal, Protocol

from dioptra.client import (
    DioptraClient,
    connect_json_dioptra_client,
    connect_response_dioptra_client,
)
from dioptra.client.responses import DioptraResponse

ENV_DIOPTRA_API: Final[str] = "DIOPTRA_API"
ENV_DIOPTRA_API_TOKEN: Final[str] = "DIOPTRA_API_TOKEN"
ENV_DIOPTRA_WORKER_USERNAME: Final[str] = "DIOPTRA_WORKER_USERNAME"
ENV_DIOPTRA_WORKER_PASSWORD: Final[str] = "DIOPTRA_WORKER_PASSWORD"


class ErrorLogger(Protocol):
    """Anything with an `error(message)` method: a logging or a structlog logger."""

    def error(self, msg: str, /) -> Any: ...


def get_authenticated_worker_client(
    log: ErrorLogger,
    client_type: Literal["json", "response"] = "response",
) -> DioptraClient[DioptraResponse] | DioptraClient[dict[str, Any]]:
    """A client for the API this job runs against, already authenticated.

    Args:
        log: Where to report a missing setting before raising.
        client_type: "response" for response objects, "json" for parsed JSON.

    Raises:
        ValueError: If `DIOPTRA_API` is unset, or no token is set and the worker
            username or password is unset. The message names the variable.
        dioptra.client.UnauthorizedError: If the login is refused.
    """
    address = _required_env(ENV_DIOPTRA_API, log)
    token = os.getenv(ENV_DIOPTRA_API_TOKEN) or None
    if token is None:
        username = _required_env(ENV_DIOPTRA_WORKER_USERNAME, log)
        password = _required_env(ENV_DIOPTRA_WORKER_PASSWORD, log)

    if client_type == "json":
        json_client = connect_json_dioptra_client(address, token=token)
        if token is None:
            json_client.auth.login(username=username, password=password)  # raises if refused
        return json_client

    response_client = connect_response_dioptra_client(address, token=token)
    if token is None:
        # A refused login would otherwise surface later as puzzling 401s.
        response_client.auth.login(username=username, password=password).raise_for_status()
    return response_client


def _required_env(name: str, log: ErrorLogger) -> str:
    value = os.getenv(name)
    if not value:
        message = f"{name} environment variable is not set"
        log.error(message)
        raise ValueError(message)
    return value
