"""The local dispatcher: ``dioptra up`` runs every job itself.

``runners`` runner threads take job ids from one in-memory queue (every Dioptra queue
shares it) and run each job with ``dioptra.worker.run_job``: the job itself runs in a
fresh process forked from the worker's warm fork server, while the runner thread only
supervises it over REST. One heartbeat, for every queue ("*"), covers all runners.

On start it also picks up jobs still ``queued`` in the database (submitted while the
server was down); ``started`` jobs whose runner died with the server are left to the
server's watchdog.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dioptra.job_states import QUEUED
from dioptra.server.db.tables import Job, Resource
from dioptra.server.dispatch.local_api import LocalWorkerApi
from dioptra.worker import Heartbeat, run_job, warm_up
from dioptra.worker.confinement import Confinement, warn_if_unconfined
from dioptra.worker.import_learning import LearnedPreloads
from dioptra.worker.launcher import kill_running_jobs

logger = logging.getLogger("dioptra.dispatch")

ANY_QUEUE = "*"
_STOP = -1


class LocalDispatcher:
    by_queue_name = False  # it serves every queue, as the server itself

    def __init__(
        self,
        writer_engine: Engine,
        *,
        api_url: str,
        store_url: str | None,
        runners: int = 2,
        work_root: str | Path | None = None,
        cache_dir: str | Path | None = None,
        heartbeat_seconds: float = 1.0,
        confinement: Confinement | None = None,
        learned_preloads: LearnedPreloads | None = None,
    ) -> None:
        self.engine = writer_engine
        self.api_url = api_url
        self.store_url = store_url
        self.runners = runners
        self.work_root = work_root
        self.cache_dir = cache_dir
        self.confinement = confinement
        self.learned_preloads = learned_preloads
        self.worker_id = f"local-{socket.gethostname()}-{os.getpid()}"
        self.endpoint = LocalWorkerApi(writer_engine, api_url)
        self.heartbeat = Heartbeat(self.endpoint, self.worker_id, [ANY_QUEUE], heartbeat_seconds)
        self._inbox: queue.Queue[int] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._pending: set[int] = set()
        self._lock = threading.Lock()

    def submit(self, job_id: int, queue_name: str) -> None:
        with self._lock:
            if job_id in self._pending:
                return
            self._pending.add(job_id)
        self._inbox.put(job_id)

    def start(self) -> None:
        """Warm the fork server, start the heartbeat and the runners, pick up the backlog."""
        if self._threads:
            return
        if self.work_root is not None:
            Path(self.work_root).mkdir(parents=True, exist_ok=True, mode=0o700)
        warn_if_unconfined(self.confinement)
        warm_up(self.learned_preloads)
        self.heartbeat.start()
        for index in range(self.runners):
            thread = threading.Thread(
                target=self._serve, name=f"dioptra-runner-{index}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        for job_id in self.queued_jobs():
            self.submit(job_id, "")
        logger.info("local dispatcher: %d runners, worker id %s", self.runners, self.worker_id)

    def queued_jobs(self) -> list[int]:
        with Session(bind=self.engine) as db:
            return list(
                db.scalars(
                    select(Job.resource_id)
                    .join(Resource, Resource.id == Job.resource_id)
                    .where(Job.status == QUEUED, Resource.deleted.is_(False))
                    .order_by(Job.resource_id)
                )
            )

    def stop(self) -> None:
        """Stop taking jobs and kill the running ones (their jobs stay ``started`` until
        the watchdog of the next server fails them)."""
        for _ in self._threads:
            self._inbox.put(_STOP)
        self.heartbeat.stop()
        killed = kill_running_jobs()
        if killed:
            logger.warning("local dispatcher stopped with %d job(s) running", killed)
        self._threads.clear()

    def tidy(self) -> None:
        """Nothing to drop: a runner's claim of a job no longer queued just fails."""

    def _serve(self) -> None:
        while True:
            job_id = self._inbox.get()
            if job_id == _STOP:
                return
            with self._lock:
                self._pending.discard(job_id)
            try:
                run_job(
                    self.api_url,
                    job_id,
                    self.endpoint,
                    worker_id=self.worker_id,
                    store_url=self.store_url,
                    heartbeat=self.heartbeat,
                    work_root=self.work_root,
                    cache_dir=self.cache_dir,
                    confinement=self.confinement,
                )
            except Exception:  # a runner must survive any one job
                logger.exception("local runner: job %s", job_id)
