"""The PostgreSQL dispatcher: procrastinate, on the server's own database, delivers job
ids to ``dioptra worker`` processes on any machine.

``submit`` defers the task ``dioptra.run_job`` on the procrastinate queue named like
the Dioptra queue. The job row stays the source of truth: the queue only delivers ids,
and exactly-once comes from the claim (a second delivery finds the job taken). Queues
are group resources, so the procrastinate queue ``gpu`` carries the jobs of every
group's queue ``gpu``: a worker whose account may not run a job hands its delivery back
(``dioptra.worker.queue_worker``), and ``tidy`` removes the waiting
deliveries of jobs no longer queued, which such a worker cannot tell from others. A
queueing lock per job keeps one waiting delivery per job, so re-deferring every
``queued`` job at start-up (jobs submitted while the queue was unreachable) is safe.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Final

import procrastinate
import psycopg
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, String, and_, column, delete, exists, select, table
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from dioptra.job_states import QUEUED
from dioptra.server.db.tables import Job, Resource

logger = logging.getLogger("dioptra.dispatch")

# The task the workers define (dioptra.worker.queue_worker.RUN_JOB_TASK): deferred by
# name, so the server never imports worker code.
RUN_JOB_TASK: Final[str] = "dioptra.run_job"
# pg_advisory_xact_lock key: one server at a time sets the queue's tables up.
_SCHEMA_LOCK: Final[int] = 0x44494F50  # "DIOP"


def psycopg_conninfo(database_url: str) -> str:
    """A libpq URI from a SQLAlchemy URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", database_url)


def ensure_queue_schema(conninfo: str) -> bool:
    """Create procrastinate's tables unless they exist; True when it created them."""
    with psycopg.connect(conninfo) as connection:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        found = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if found and found[0] is not None:
            return False
        connection.execute(SchemaManager.get_schema())
    logger.info("created the job queue tables (procrastinate) in the database")
    return True


class PostgresDispatcher:
    by_queue_name = True

    def __init__(self, database_url: str, writer_engine: Engine) -> None:
        self.conninfo = psycopg_conninfo(database_url)
        self.engine = writer_engine
        self.app = procrastinate.App(
            connector=procrastinate.SyncPsycopgConnector(conninfo=self.conninfo)
        )

    def start(self) -> None:
        ensure_queue_schema(self.conninfo)
        self.app.open()
        for job_id, queue_name in self._queued_jobs():
            self.submit(job_id, queue_name)

    def submit(self, job_id: int, queue_name: str) -> None:
        deferrer = self.app.configure_task(
            RUN_JOB_TASK, queue=queue_name, queueing_lock=f"dioptra-job-{job_id}"
        )
        with contextlib.suppress(AlreadyEnqueued):  # a delivery is already waiting
            deferrer.defer(job_id=job_id)

    def stop(self) -> None:
        self.app.close()

    def tidy(self) -> int:
        """Deletes the waiting deliveries of jobs that are no longer queued (cancelled,
        deleted, claimed through another delivery); returns how many. A worker whose
        account cannot see a job hands its delivery back (to it the job is just not
        found), so without this one would travel forever."""
        waiting = table(
            "procrastinate_jobs", column("task_name"), column("status"), column("args", JSONB)
        )
        queued = (
            select(Job.resource_id)
            .join(Resource, Resource.id == Job.resource_id)
            .where(
                Job.resource_id == waiting.c.args["job_id"].as_integer(),
                Job.status == QUEUED,
                Resource.deleted.is_(False),
            )
        )
        with Session(bind=self.engine) as db:
            result = db.execute(
                delete(waiting).where(
                    and_(
                        waiting.c.task_name == RUN_JOB_TASK,
                        waiting.c.status.cast(String) == "todo",  # an enum of its own
                        ~exists(queued),
                    )
                )
            )
            db.commit()
        withdrawn = int(getattr(result, "rowcount", 0) or 0)
        if withdrawn:
            logger.info("withdrew %d deliveries of jobs no longer queued", withdrawn)
        return withdrawn

    def _queued_jobs(self) -> list[tuple[int, str]]:
        with Session(bind=self.engine) as db:
            rows = db.execute(
                select(Job.resource_id, Job.queue_name)
                .join(Resource, Resource.id == Job.resource_id)
                .where(
                    Job.status == QUEUED,
                    Job.queue_name.is_not(None),
                    Resource.deleted.is_(False),
                )
                .order_by(Job.resource_id)
            ).all()
        return [(int(job_id), str(queue_name)) for job_id, queue_name in rows]
