"""The REST calls a worker makes, over ``dioptra.client``.

Two identities: the worker's own (a user API token, or a username and password) claims
jobs and heartbeats; everything about one job after its claim uses the job's token.
Calls that must land (status, logs, artifact registration) retry through connection
failures and 5xx answers for a while, so a server restart does not lose a job's end.
"""

from __future__ import annotations

import functools
import logging
import os
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol, TypeVar

import httpx

from dioptra.client import (
    APIConnectionError,
    ConflictError,
    DioptraClient,
    ForbiddenError,
    NotFoundError,
    ServerError,
    UnauthorizedError,
    connect_json_dioptra_client,
)
from dioptra.client.responses import to_status_error

logger = logging.getLogger("dioptra.worker")

T = TypeVar("T")

ENV_API: Final[str] = "DIOPTRA_API"
ENV_API_TOKEN: Final[str] = "DIOPTRA_API_TOKEN"
ENV_USERNAME: Final[str] = "DIOPTRA_WORKER_USERNAME"
ENV_PASSWORD: Final[str] = "DIOPTRA_WORKER_PASSWORD"
# Long enough to ride out a server restart, short enough that a worker gives up on a
# server that is gone for good.
DEFAULT_RETRY_SECONDS: Final[float] = 60.0
REQUEST_TIMEOUT: Final = httpx.Timeout(120.0, connect=10.0)
UPLOAD_CHUNK: Final[int] = 1024 * 1024


class WorkerConfigurationError(ValueError):
    """The worker was not told enough to reach the API (address or credentials)."""


class JobNotClaimableError(Exception):
    """Another worker got the job first, or it was cancelled or deleted meanwhile."""


class JobNotAllowedError(Exception):
    """The worker's account may not run the job: it cannot see the job, or cannot write
    to its group (queues are group resources, so another group's queue may share the
    name this worker serves). A worker with access may still take it."""


@dataclass(frozen=True)
class WorkerCredentials:
    """How a worker authenticates its own calls: a user API token, or a login."""

    token: str | None = None
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_env(cls, token: str | None = None) -> WorkerCredentials:
        """``token``, else ``DIOPTRA_API_TOKEN``, else the worker username and password."""
        token = token or os.environ.get(ENV_API_TOKEN) or None
        if token:
            return cls(token=token)
        username = os.environ.get(ENV_USERNAME)
        password = os.environ.get(ENV_PASSWORD)
        if not username or not password:
            raise WorkerConfigurationError(
                "the worker has no credentials: pass --token (or set DIOPTRA_API_TOKEN) or "
                f"set {ENV_USERNAME} and {ENV_PASSWORD}"
            )
        return cls(username=username, password=password)

    def describe(self) -> str:
        return "an API token" if self.token else f"user {self.username!r}"


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """One TLS context per process: building one costs ~20 ms, which a worker would
    otherwise pay for every client of every job (job processes inherit it)."""
    return httpx.create_ssl_context()


def transport() -> httpx.HTTPTransport:
    return httpx.HTTPTransport(verify=shared_ssl_context())


def connect(api_url: str, token: str | None = None) -> DioptraClient[dict[str, Any]]:
    return connect_json_dioptra_client(
        api_url, token=token, timeout=REQUEST_TIMEOUT, transport=transport()
    )


def with_retry(
    call: Callable[[], T],
    *,
    what: str,
    retry_for: float = DEFAULT_RETRY_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``call()``, retried on connection failures and 5xx answers until ``retry_for``
    seconds have passed (then the last error is raised)."""
    deadline = time.monotonic() + retry_for
    pause = 0.1
    while True:
        try:
            return call()
        except (APIConnectionError, ServerError) as error:
            if time.monotonic() + pause > deadline:
                raise
            logger.debug("%s failed (%s); retrying in %.1f s", what, error, pause)
            sleep(pause)
            pause = min(pause * 2, 2.0)


@dataclass(frozen=True)
class Claim:
    """What claiming a job hands the worker: the job, its experiment and its token, and
    (when the server sends them) the job's config and parameter values, which the job
    process then need not fetch."""

    job: dict[str, Any]
    experiment_id: int | None
    token: str
    config: dict[str, Any] | None = None
    parameters: dict[str, Any] | None = None

    @property
    def job_id(self) -> int:
        return int(self.job["id"])


class JobReporter(Protocol):
    """What a supervisor says about the job it runs, with the job's token: its log
    records and its final status. ``JobApi`` says it over REST; the local dispatcher
    in-process."""

    def set_status(
        self, status: str, message: str | None = None, logs: Sequence[Mapping[str, str]] = ()
    ) -> None: ...

    def post_logs(self, records: Sequence[Mapping[str, str]], retry_for: float = 10.0) -> None: ...

    def close(self) -> None: ...


class WorkerEndpoint(Protocol):
    """What a worker asks of the server for itself (not for one job): jobs to run and
    liveness, and how to report on a job it claimed. ``WorkerApi`` does it over REST;
    the local dispatcher in-process."""

    def claim(self, job_id: int, worker_id: str) -> Claim:
        """Move the job from queued to started for this worker (``JobNotClaimableError``
        if it is not queued)."""

    def heartbeat(self, worker_id: str, queues: Sequence[str], jobs: Iterable[int]) -> list[int]:
        """Report liveness and running jobs; returns the jobs to stop."""

    def job_reporter(self, api_url: str, job_id: int, token: str) -> JobReporter:
        """How the supervisor reports on a claimed job (with the job's token)."""

    def close(self) -> None: ...


class WorkerApi:
    """Calls made with the worker's own credentials: claiming jobs and heartbeats."""

    def __init__(self, api_url: str, credentials: WorkerCredentials | str) -> None:
        if isinstance(credentials, str):
            credentials = WorkerCredentials(token=credentials)
        self.api_url = api_url
        self.credentials = credentials
        self._client: DioptraClient[dict[str, Any]] | None = None
        # Job threads and the heartbeat thread share one client: log in once.
        self._lock = threading.Lock()

    def _session_client(self) -> DioptraClient[dict[str, Any]]:
        with self._lock:
            return self._open_client()

    def _open_client(self) -> DioptraClient[dict[str, Any]]:
        if self._client is None:
            client = connect(self.api_url, self.credentials.token)
            if not self.credentials.token:
                try:
                    with_retry(
                        lambda: client.auth.login(
                            str(self.credentials.username), str(self.credentials.password)
                        ),
                        what="worker login",
                    )
                except UnauthorizedError as error:
                    raise WorkerConfigurationError(
                        f"the API refused the worker login of {self.credentials.describe()}: "
                        f"{error.message}"
                    ) from None
            self._client = client
        return self._client

    def _post(self, *parts: str | int, body: Any, what: str, retry_for: float) -> Any:
        def call() -> Any:
            client = self._session_client()
            return client.session.request_json("post", client.session.url, *parts, json_=body)

        try:
            return with_retry(call, what=what, retry_for=retry_for)
        except UnauthorizedError as error:
            # A login session can expire: log in again once, then give up.
            self.close()
            if self.credentials.token:
                raise WorkerConfigurationError(
                    f"the API refused the worker's token: {error.message}"
                ) from None
            return with_retry(call, what=what, retry_for=retry_for)

    def claim(self, job_id: int, worker_id: str) -> Claim:
        """Atomically move the job from queued to started for this worker."""
        try:
            answer = self._post(
                "jobs",
                job_id,
                "claim",
                body={"worker": worker_id},
                what=f"claim of job {job_id}",
                retry_for=DEFAULT_RETRY_SECONDS,
            )
        except ConflictError as error:
            raise JobNotClaimableError(f"job {job_id} cannot be claimed: {error.message}") from None
        except (ForbiddenError, NotFoundError) as error:
            raise JobNotAllowedError(
                f"this worker's account may not run job {job_id}: {error.message}"
            ) from None
        experiment = answer.get("experimentId")
        return Claim(
            job=answer["job"],
            experiment_id=None if experiment is None else int(experiment),
            token=answer["token"],
            config=answer.get("config"),
            parameters=answer.get("parameters"),
        )

    def heartbeat(self, worker_id: str, queues: Sequence[str], jobs: Iterable[int]) -> list[int]:
        """Report liveness and running jobs; the answer lists jobs to cancel."""
        answer = self._post(
            "workers",
            "heartbeat",
            body={"worker": worker_id, "queues": list(queues), "jobs": sorted(jobs)},
            what="heartbeat",
            retry_for=0.0,  # the next beat comes soon anyway
        )
        return [int(job_id) for job_id in (answer or {}).get("cancel", [])]

    def job_reporter(self, api_url: str, job_id: int, token: str) -> JobReporter:
        return JobApi(api_url, job_id, token)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class JobApi:
    """Calls about one job, made with that job's token (valid while the job runs)."""

    def __init__(self, api_url: str, job_id: int, token: str) -> None:
        self.api_url = api_url
        self.job_id = job_id
        self._token = token

    @functools.cached_property
    def client(self) -> DioptraClient[dict[str, Any]]:
        """Made on first use: most job processes never call the API."""
        return connect(self.api_url, self._token)

    @property
    def _base(self) -> str:
        return self.client.session.url

    def set_status(
        self,
        status: str,
        message: str | None = None,
        logs: Sequence[Mapping[str, str]] = (),
    ) -> None:
        """``logs``: the last records, appended in the same transaction (ours)."""
        body: dict[str, Any] = {"status": status}
        if message:
            body["message"] = message
        if logs:
            body["logs"] = [dict(record) for record in logs]
        with_retry(
            lambda: self.client.session.request_json(
                "put", self._base, "jobs", self.job_id, "status", json_=body
            ),
            what=f"status report of job {self.job_id}",
        )

    def post_logs(self, records: Sequence[Mapping[str, str]], retry_for: float = 10.0) -> None:
        with_retry(
            lambda: self.client.jobs.append_logs_by_id(self.job_id, [dict(r) for r in records]),
            what=f"logs of job {self.job_id}",
            retry_for=retry_for,
        )

    def upload_artifact(self, name: str, filename: str, stream: BinaryIO, *, is_dir: bool) -> str:
        """Stream a file (or a tar of a directory) to the server's artifact store."""
        url = f"{self._base}/jobs/{self.job_id}/artifactUploads"
        params = {"name": name, "filename": filename, "isDir": str(is_dir).lower()}

        def chunks() -> Iterable[bytes]:
            while chunk := stream.read(UPLOAD_CHUNK):
                yield chunk

        headers = {
            "Authorization": f"Bearer {self._token}",
            "Content-Type": "application/octet-stream",
        }
        try:
            with httpx.Client(timeout=REQUEST_TIMEOUT, transport=transport()) as http:
                response = http.post(url, params=params, content=chunks(), headers=headers)
        except httpx.RequestError as error:
            raise APIConnectionError(f"artifact upload failed: {error}") from error
        if response.status_code >= 400:
            raise to_status_error(response)
        return str(response.json()["artifactUri"])

    def register_artifact(
        self,
        *,
        group_id: int,
        uri: str,
        description: str,
        plugin_snapshot_id: int | None,
        task_id: int | None,
    ) -> dict[str, Any]:
        return with_retry(
            lambda: self.client.artifacts.create(
                group_id,
                self.job_id,
                uri,
                plugin_snapshot_id=plugin_snapshot_id,
                task_id=task_id,
                description=description,
            ),
            what=f"registration of artifact {uri}",
        )

    def download_to(self, path: Path, *parts: str | int, params: Mapping[str, Any]) -> Path:
        """GET ``parts`` (below the API root) into ``path``."""
        return self.client.session.download(self._base, *parts, output_path=path, params=params)

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.close()
