"""``dioptra worker``: take jobs from procrastinate queues and run them.

The server (``DIOPTRA_DISPATCH=postgres``) defers one ``dioptra.run_job`` task per job
on the procrastinate queue named like the job's Dioptra queue; this worker pulls from
the queues it is told to serve and runs each job with ``run_job``. It needs the
database only for the queue: everything about jobs goes through the REST API.

Queues are group resources, so two groups may each have a queue ``gpu``, and both
groups' jobs travel on the procrastinate queue ``gpu``. A worker whose account may not
run a job it receives (the claim answers 403 or 404) hands the delivery back: it is
retried later, by whichever worker on that queue fetches it then, until one that may
run it claims it. The server says on the job when no live worker with access serves it.
"""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import socket
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from dioptra.worker.api import WorkerApi, WorkerCredentials
from dioptra.worker.confinement import ConfinementSettings, warn_if_unconfined
from dioptra.worker.heartbeat import Heartbeat
from dioptra.worker.import_learning import PreloadSettings
from dioptra.worker.launcher import warm_up
from dioptra.worker.supervisor import NOT_ALLOWED, run_job

logger = logging.getLogger("dioptra.worker")

RUN_JOB_TASK: Final[str] = "dioptra.run_job"
# A handed-back delivery waits a random while, up to this many seconds: soon enough for a
# worker with access that frees up, cheap for one that never comes. Random, because
# procrastinate workers poll on a fixed period: a fixed wait would make the delivery due
# just as the worker that handed it back polls again, and it would win it every time.
HAND_BACK_MAX_SECONDS: Final[float] = 10.0


class QueueNotReadyError(RuntimeError):
    """The database has no job queue tables (the server has not set them up)."""


class DeliveryHandedBackError(Exception):
    """This worker's account may not run the delivered job: deliver it again later."""


def hand_back_retry() -> Any:
    """The retry strategy of ``dioptra.run_job``: only handed-back deliveries are
    retried, for as long as the job stays queued (the server withdraws the deliveries of
    others); other failures are the job's own, and ``run_job`` reports them on the job."""
    import procrastinate

    class HandBack(procrastinate.BaseRetryStrategy):
        def get_retry_decision(
            self, *, exception: BaseException, job: Any
        ) -> procrastinate.RetryDecision | None:
            if not isinstance(exception, DeliveryHandedBackError):
                return None
            wait = random.uniform(1.0, min(HAND_BACK_MAX_SECONDS, 2.0 + job.attempts))
            return procrastinate.RetryDecision(retry_in={"milliseconds": int(wait * 1000)})

    return HandBack()


def default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def psycopg_conninfo(database_url: str) -> str:
    """A libpq URI from a SQLAlchemy URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", database_url)


@dataclass(frozen=True)
class QueueWorkerConfig:
    database_url: str
    api_url: str
    credentials: WorkerCredentials
    queues: Sequence[str]
    concurrency: int = 1
    worker_id: str = ""
    store_url: str | None = None
    work_root: Path | None = None


def run_queue_worker(config: QueueWorkerConfig) -> None:
    """Serve the queues until interrupted (Ctrl-C or SIGTERM: running jobs finish first)."""
    import procrastinate
    import psycopg

    conninfo = psycopg_conninfo(config.database_url)
    _check_queue_tables(psycopg, conninfo)
    worker_id = config.worker_id or default_worker_id()
    endpoint = WorkerApi(config.api_url, config.credentials)
    beat = Heartbeat(endpoint, worker_id, list(config.queues))
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    # Bundles are cached for this run only: ids mean nothing if the server's database is
    # replaced while the worker is down.
    cache_dir = tempfile.mkdtemp(prefix="dioptra-worker-cache-")
    # No server data folder here, but jobs still stay out of the bundle cache, the job
    # folders of others and the store, and write only in their own folder and temp.
    work_root = config.work_root or Path(tempfile.mkdtemp(prefix="dioptra-worker-jobs-"))
    confinement = ConfinementSettings().confinement([cache_dir, work_root])
    warn_if_unconfined(confinement)

    @app.task(name=RUN_JOB_TASK, retry=hand_back_retry())
    def run_dioptra_job(job_id: int) -> None:
        outcome = run_job(
            config.api_url,
            int(job_id),
            endpoint,
            worker_id=worker_id,
            store_url=config.store_url,
            heartbeat=beat,
            queues=config.queues,
            work_root=work_root,
            cache_dir=cache_dir,
            confinement=confinement,
        )
        if outcome.status == NOT_ALLOWED:
            raise DeliveryHandedBackError(outcome.message)
        logger.info("job %s: %s", job_id, outcome.status)

    preloads = PreloadSettings()
    warm_up(preloads.learned_preloads(preloads.state_dir(), config.queues))
    beat.start()
    logger.info(
        "worker %s serving %s with %d slot(s)",
        worker_id,
        ", ".join(config.queues),
        config.concurrency,
    )
    try:
        app.run_worker(
            queues=list(config.queues),
            concurrency=config.concurrency,
            name=worker_id,
            delete_jobs="always",
        )
    finally:
        beat.stop()
        endpoint.close()
        shutil.rmtree(cache_dir, ignore_errors=True)
        if config.work_root is None:
            shutil.rmtree(work_root, ignore_errors=True)


def _check_queue_tables(psycopg: Any, conninfo: str) -> None:
    try:
        with psycopg.connect(conninfo, connect_timeout=10) as connection:
            row = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
    except psycopg.Error as error:
        raise QueueNotReadyError(f"cannot reach the queue database: {error}") from None
    if not row or row[0] is None:
        raise QueueNotReadyError(
            "the database has no job queue yet: start the server with "
            "DIOPTRA_DISPATCH=postgres on this database first"
        )


def split_queue_names(values: Iterable[str]) -> list[str]:
    """``--queue a --queue b,c`` -> ``["a", "b", "c"]`` (order kept, duplicates dropped)."""
    names = [name.strip() for value in values for name in value.split(",")]
    return list(dict.fromkeys(name for name in names if name))
