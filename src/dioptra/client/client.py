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
from .models import ModelsCollectionClient
from .plugin_parameter_types import PluginParameterTypesCollectionClient
from .plugins import PluginsCollectionClient
from .queues import QueuesCollectionClient
from .responses import DioptraResponse
from .sessions import (
    DEFAULT_TIMEOUT,
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
            `/api/v1`; `$DIOPTRA_API` when None.
        token: An API token sent as `Authorization: Bearer`; `$DIOPTRA_API_TOKEN`
            when None. Without one, log in with `client.auth.login`.
        timeout: Seconds each request may take (None: no limit).
        transport: An httpx transport to send requests through instead of the
            network (e.g. `httpx.MockTransport` in tests).

    Raises:
        ValueError: If no address is given and `$DIOPTRA_API` is not set, or the
            address is not an http(s) URL.
    """
    return DioptraClient[DioptraResponse](
        DioptraResponseSession(
            build_api_address(address),
            token=_token_or_env(token),
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
    return DioptraClient[dict[str, Any]](
        DioptraJsonSession(
            build_api_address(address),
            token=_token_or_env(token),
            timeout=timeout,
            transport=transport,
        )
    )


def _token_or_env(token: str | None) -> str | None:
    return token if token is not None else (os.getenv(ENV_DIOPTRA_API_TOKEN) or None)
