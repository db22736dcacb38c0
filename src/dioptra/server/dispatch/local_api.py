"""The worker endpoint of the local dispatcher: claims, heartbeats and reports made
in-process.

Local runners have no credentials of their own: a job is claimed on behalf of the user
who submitted it (with access to the job's group only), the way the server's watchdog
acts, and the job's token it gets is all the runner uses afterwards: its log records
and final status go straight to the services, authenticated by that token exactly as
the REST routes do (a token of an ended job is refused), which saves a request and its
transaction per batch. The job process itself still talks to the server over REST only.
Heartbeats are attributed to the installation's first user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from dioptra.client import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServerError,
    StatusCodeError,
    UnauthorizedError,
)
from dioptra.job_states import STARTED
from dioptra.server.db.engine import reading_bind
from dioptra.server.db.tables import Resource, ResourceSnapshot, User
from dioptra.server.services.accounts import auth
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.errors import DioptraError, EntityDoesNotExistError, LockError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import inputs as job_inputs
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs import runtime as job_runtime
from dioptra.server.services.jobs.errors import JobNotQueuedError, JobNotRunningError
from dioptra.server.services.jobs.jobs import DEFAULT_TIMEOUT, acting_for_group
from dioptra.server.services.workers import workers
from dioptra.worker.api import (
    Claim,
    JobNotClaimableError,
    JobReporter,
    connect,
    with_retry,
)

T = TypeVar("T")

logger = logging.getLogger("dioptra.dispatch")


class LocalWorkerApi:
    def __init__(self, writer_engine: Engine, api_url: str) -> None:
        self.engine = writer_engine
        # On SQLite a writer's transaction holds the database's one write lock from its
        # first statement: what only reads goes in a transaction of its own.
        self.reader = reading_bind(writer_engine)
        self.api_url = api_url

    def claim(self, job_id: int, worker_id: str) -> Claim:
        with Session(bind=self.engine, expire_on_commit=False) as db:
            owner = _submitter(db, job_id)  # one indexed read: it may share the transaction
            if owner is None:
                raise JobNotClaimableError(f"job {job_id} does not exist")
            ctx = acting_for_group(ServiceContext(db=db), *owner)
            try:
                claim = job_runtime.claim_job(ctx, job_id, worker_id, with_inputs=False)
                db.commit()
            except (JobNotQueuedError, EntityDoesNotExistError) as error:
                db.rollback()
                raise JobNotClaimableError(f"job {job_id} cannot be claimed: {error}") from None
        try:
            with Session(bind=self.reader) as db:
                inputs = job_inputs.worker_inputs(
                    acting_for_group(ServiceContext(db=db), *owner), claim.view
                )
        except DBAPIError:  # the job is ours now: its process fetches them over REST
            logger.warning("job %s: config and values not read with the claim", job_id)
            inputs = job_inputs.NO_INPUTS
        job = _worker_view(claim.view, claim.entrypoint_id)
        if job is None:  # not the payload expected: read the job as the API shows it
            with connect(self.api_url, claim.token) as client:
                job = with_retry(
                    lambda: client.jobs.get_by_id(job_id), what=f"reading job {job_id}"
                )
        return Claim(
            job=job,
            experiment_id=claim.experiment_id,
            token=claim.token,
            config=inputs.config,
            parameters=inputs.parameters,
        )

    def heartbeat(self, worker_id: str, queues: Sequence[str], jobs: Iterable[int]) -> list[int]:
        with Session(bind=self.engine, expire_on_commit=False) as db:
            user = db.execute(
                select(User.id, User.username).where(
                    User.id == select(func.min(User.id)).scalar_subquery()
                )
            ).first()
            if user is None:
                return []  # no users yet, so no jobs either
            ctx = ServiceContext(db=db, actor=Actor(user_id=user.id, username=user.username))
            try:
                stop = workers.heartbeat(ctx, worker_id, list(queues), list(jobs))
                db.commit()
            except DioptraError as error:
                db.rollback()
                logger.warning("local heartbeat refused: %s", error)
                return []
        return stop

    def job_reporter(self, api_url: str, job_id: int, token: str) -> JobReporter:
        return LocalJobReporter(self.engine, job_id, token)

    def close(self) -> None:
        return None


class LocalJobReporter:
    """A runner's log records and final status for one job, in-process, as the job's
    token: what ``PUT /jobs/{id}/status`` and ``POST /jobs/{id}/log`` do, minus HTTP.

    Errors come out as the REST client would raise them (refused token: 401, the job
    ended already: 409, database trouble: 5xx), so the supervisor handles both alike and
    retries what it would retry over REST."""

    def __init__(self, writer_engine: Engine, job_id: int, token: str) -> None:
        self.engine = writer_engine
        self.job_id = job_id
        self._token = token

    def set_status(
        self, status: str, message: str | None = None, logs: Sequence[Mapping[str, str]] = ()
    ) -> None:
        records = _log_records(logs)
        with_retry(
            lambda: self._as_job(
                lambda ctx: job_runtime.report_status(ctx, self.job_id, status, message, records)
            ),
            what=f"status report of job {self.job_id}",
        )

    def post_logs(self, records: Sequence[Mapping[str, str]], retry_for: float = 10.0) -> None:
        batch = _log_records(records)
        with_retry(
            lambda: self._as_job(lambda ctx: job_logs.append_logs(ctx, self.job_id, batch)),
            what=f"logs of job {self.job_id}",
            retry_for=retry_for,
        )

    def close(self) -> None:
        return None

    def _as_job(self, work: Callable[[ServiceContext], T]) -> T:
        """``work`` in one transaction, acting as the job's token."""
        with Session(bind=self.engine, expire_on_commit=False) as db:
            try:
                actor = auth.actor_from_token(db, self._token)
                if actor is None:
                    raise UnauthorizedError(401, {"message": "the job's token is not valid"})
                result = work(ServiceContext(db=db, actor=actor))
                db.commit()
                return result
            except DioptraError as error:
                db.rollback()
                raise _as_client_error(error) from error
            except DBAPIError as error:  # over REST: a 5xx, which the caller retries
                db.rollback()
                raise ServerError(500, {"message": f"database error: {error}"}) from error


def _as_client_error(error: DioptraError) -> StatusCodeError:
    """The error the REST client raises when the route refuses the same way."""
    kind: tuple[type[StatusCodeError], int] = (StatusCodeError, 400)
    if isinstance(error, JobNotRunningError | JobNotQueuedError):
        kind = (ConflictError, 409)
    elif isinstance(error, LockError):
        kind = (ForbiddenError, 403)
    elif isinstance(error, EntityDoesNotExistError):
        kind = (NotFoundError, 404)
    cls, status = kind
    return cls(status, {"error": type(error).__name__, "message": error.message})


def _log_records(records: Sequence[Mapping[str, str]]) -> list[job_logs.LogRecord]:
    """Records as the supervisor sends them (``LogRecord.to_wire``)."""
    return [job_logs.LogRecord(r["severity"], r["loggerName"], r["message"]) for r in records]


def _worker_view(view: SnapshotView, entrypoint_id: int | None) -> dict[str, Any] | None:
    """The fields of the job's JSON that a worker reads (saves a round trip per job)."""
    payload = view.payload
    snapshot_id = payload.get("entrypointSnapshotId")
    if entrypoint_id is None or snapshot_id is None:
        return None
    return {
        "id": view.resource_id,
        "group": {"id": view.group_id, "name": view.group_name},
        "entrypoint": {"id": entrypoint_id, "snapshotId": int(snapshot_id)},
        "timeout": payload.get("timeout") or DEFAULT_TIMEOUT,
        "swaps": payload.get("swaps") or [],
        "status": STARTED,
    }


def _submitter(db: Session, job_id: int) -> tuple[int, int] | None:
    """(group id, id of the user who created the job), None for an unknown job."""
    first_snapshot = (
        select(func.min(ResourceSnapshot.id))
        .where(ResourceSnapshot.resource_id == job_id)
        .scalar_subquery()
    )
    row = db.execute(
        select(Resource.group_id, ResourceSnapshot.user_id)
        .join(ResourceSnapshot, ResourceSnapshot.resource_id == Resource.id)
        .where(Resource.id == job_id, ResourceSnapshot.id == first_snapshot)
    ).first()
    return None if row is None else (int(row.group_id), int(row.user_id))
