"""`DioptraClient` and the two functions that connect one."""

from __future__ import annotations

import os
from typing import Any, Generic, TypeVar

import httpx

from .artifacts import ArtifactsCollectionClient
from .auth import AuthCollectionClient
from .entrypoints import EntrypointsCollectionClient
from .experiments import ExperimentsCollectionClient
from .groups import GroupsCollectionClient
from .jobs import JobsCollectionClient
from .local import local_server_address, saved_token
from .models import ModelsCollectionClient
from .plugin_parameter_types import PluginParameterTypesCollectionClient
from .plugins import PluginsCollectionClient
from .queues import QueuesCollectionClient
from .responses import DioptraResponse
from .sessions import (
    DEFAULT_TIMEOUT,
    ENV_DIOPTRA_API,
    ENV_DIOPTRA_API_TOKEN,
    DioptraJsonSession,
    DioptraResponseSession,
    DioptraSession,
    build_api_address,
)
from .tags import TagsCollectionClient
from .users import UsersCollectionClient
from .workflows import WorkflowsCollectionClient

T = TypeVar("T")


class DioptraClient(Generic[T]):
    """The Dioptra API, one attribute per collection (`client.queues`, ...).

    `T` is what methods return: parsed JSON, or response objects.
    """

    def __init__(self, session: DioptraSession[T]) -> None:
        self._session = session
        self._users = UsersCollectionClient[T](session)
        self._auth = AuthCollectionClient[T](session)
        self._queues = QueuesCollectionClient[T](session)
        self._tags = TagsCollectionClient[T](session)
        self._groups = GroupsCollectionClient[T](session)
        self._plugins = PluginsCollectionClient[T](session)
        self._plugin_parameter_types = PluginParameterTypesCollectionClient[T](session)
        self._experiments = ExperimentsCollectionClient[T](session)
        self._jobs = JobsCollectionClient[T](session)
        self._entrypoints = EntrypointsCollectionClient[T](session)
        self._models = ModelsCollectionClient[T](session)
        self._artifacts = ArtifactsCollectionClient[T](session)
        self._workflows = WorkflowsCollectionClient[T](session)

    @property
    def session(self) -> DioptraSession[T]:
        """The HTTP session (its `cookies` hold the login)."""
        return self._session

    @property
    def users(self) -> UsersCollectionClient[T]:
        return self._users

    @property
    def auth(self) -> AuthCollectionClient[T]:
        return self._auth

    @property
    def queues(self) -> QueuesCollectionClient[T]:
        return self._queues

    @property
    def tags(self) -> TagsCollectionClient[T]:
        return self._tags

    @property
    def groups(self) -> GroupsCollectionClient[T]:
        return self._groups

    @property
    def plugins(self) -> PluginsCollectionClient[T]:
        return self._plugins

    @property
    def plugin_parameter_types(self) -> PluginParameterTypesCollectionClient[T]:
        return self._plugin_parameter_types

    @property
    def experiments(self) -> ExperimentsCollectionClient[T]:
        return self._experiments

    @property
    def jobs(self) -> JobsCollectionClient[T]:
        return self._jobs

    @property
    def entrypoints(self) -> EntrypointsCollectionClient[T]:
        return self._entrypoints

    @property
    def models(self) -> ModelsCollectionClient[T]:
        return self._models

    @property
    def artifacts(self) -> ArtifactsCollectionClient[T]:
        return self._artifacts

    @property
    def workflows(self) -> WorkflowsCollectionClient[T]:
        return self._workflows

    def close(self) -> None:
        """Close the connection; the login cookie is forgotten."""
        self._session.close()

    def __enter__(self) -> DioptraClient[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def connect_response_dioptra_client(
    address: str | None = None,
    *,
    token: str | None = None,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> DioptraClient[DioptraResponse]:
    """Connect a client whose methods return response objects, whatever the status.

    Args:
        address: The web address of Dioptra (what the browser opens), without
            `/api/v1`; when None, `$DIOPTRA_API`, else the `dioptra up` running on
            this machine (see `dioptra.client.local`).
        token: An API token sent as `Authorization: Bearer`; when None,
            `$DIOPTRA_API_TOKEN`, else (only when `address` is None too) the token
            `dioptra login` saved for the server. Without one, log in with
            `client.auth.login`.
        timeout: Seconds each request may take (None: no limit).
        transport: An httpx transport to send requests through instead of the
            network (e.g. `httpx.MockTransport` in tests).

    Raises:
        ValueError: If no address is given, `$DIOPTRA_API` is not set and no
            `dioptra up` runs here, or the address is not an http(s) URL.
    """
    address, token = _address_and_token(address, token)
    return DioptraClient[DioptraResponse](
        DioptraResponseSession(
            build_api_address(address),
            token=token,
            timeout=timeout,
            transport=transport,
        )
    )


def connect_json_dioptra_client(
    address: str | None = None,
    *,
    token: str | None = None,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> DioptraClient[dict[str, Any]]:
    """Connect a client whose methods return parsed JSON and raise on errors.

    Non-2xx answers raise a `StatusCodeError` subclass (e.g. `NotFoundError`) that
    carries the server's error body. Arguments are as for
    `connect_response_dioptra_client`.
    """
    address, token = _address_and_token(address, token)
    return DioptraClient[dict[str, Any]](
        DioptraJsonSession(
            build_api_address(address),
            token=token,
            timeout=timeout,
            transport=transport,
        )
    )


def _address_and_token(address: str | None, token: str | None) -> tuple[str | None, str | None]:
    """The address given, else `$DIOPTRA_API`, else the `dioptra up` running here; the
    token given, else `$DIOPTRA_API_TOKEN`, else, when the caller gave no address either,
    the one `dioptra login` saved for the server found. (A caller that names the server,
    as workers and jobs do, may log in as someone else: no saved token is slipped in.)"""
    if token is None:
        token = os.getenv(ENV_DIOPTRA_API_TOKEN) or None
    if address is not None:
        return address, token
    found = os.getenv(ENV_DIOPTRA_API) or local_server_address()
    if token is None and found is not None:
        token = saved_token(found)
    return found, token
