"""The worker endpoint of the local dispatcher: claims and heartbeats made in-process.

Local runners have no credentials of their own: a job is claimed on behalf of the user
who submitted it (with access to the job's group only), the way the server's watchdog
acts, and the job's token it gets is all the runner uses afterwards, over REST.
Heartbeats are attributed to the installation's first user.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dioptra.job_states import STARTED
from dioptra.server.db.tables import Resource, ResourceSnapshot, User
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.errors import DioptraError, EntityDoesNotExistError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs import runtime as job_runtime
from dioptra.server.services.jobs.errors import JobNotQueuedError
from dioptra.server.services.jobs.jobs import DEFAULT_TIMEOUT, acting_for_group
from dioptra.server.services.workers import workers
from dioptra.worker.api import Claim, JobNotClaimableError, connect, with_retry

logger = logging.getLogger("dioptra.dispatch")


class LocalWorkerApi:
    def __init__(self, writer_engine: Engine, api_url: str) -> None:
        self.engine = writer_engine
        self.api_url = api_url

    def claim(self, job_id: int, worker_id: str) -> Claim:
        with Session(bind=self.engine, expire_on_commit=False) as db:
            owner = _submitter(db, job_id)
            if owner is None:
                raise JobNotClaimableError(f"job {job_id} does not exist")
            ctx = acting_for_group(ServiceContext(db=db), *owner)
            try:
                claim = job_runtime.claim_job(ctx, job_id, worker_id)
                entrypoint_id = jobs.job_row(ctx, job_id).entrypoint_id
                db.commit()
            except (JobNotQueuedError, EntityDoesNotExistError) as error:
                db.rollback()
                raise JobNotClaimableError(f"job {job_id} cannot be claimed: {error}") from None
        job = _worker_view(claim.view, entrypoint_id)
        if job is None:  # not the payload expected: read the job as the API shows it
            with connect(self.api_url, claim.token) as client:
                job = with_retry(
                    lambda: client.jobs.get_by_id(job_id), what=f"reading job {job_id}"
                )
        return Claim(
            job=job,
            experiment_id=claim.experiment_id,
            token=claim.token,
            config=claim.config,
            parameters=claim.parameters,
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

    def close(self) -> None:
        return None


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
