"""One heartbeat per worker process: "I am alive, I serve these queues, I run these jobs".

The server answers with the jobs to cancel. Supervisors of running jobs register here
and ask whether their job was cancelled. The beat runs either in its own thread
(``start``) or inline from a single-threaded supervisor loop (``beat_if_due``).

A failed beat never stops the beating: whatever went wrong (the server is restarting,
the local database is locked, a bug), it is logged once and the next beat, one interval
later, tries again; a heartbeat that stopped for good would fail every job still running
once the server's grace period is over.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Final

from dioptra.client import DioptraClientError
from dioptra.worker.api import WorkerConfigurationError, WorkerEndpoint

logger = logging.getLogger("dioptra.worker")

DEFAULT_HEARTBEAT_SECONDS: Final[float] = 1.0


class Heartbeat:
    def __init__(
        self,
        api: WorkerEndpoint,
        worker_id: str,
        queues: Sequence[str],
        interval: float = DEFAULT_HEARTBEAT_SECONDS,
    ) -> None:
        self.api = api
        self.worker_id = worker_id
        self.queues = list(queues)
        self.interval = interval
        self._lock = threading.Lock()
        self._beating = threading.Lock()
        self._jobs: set[int] = set()
        self._cancelled: set[int] = set()
        self._last_beat = 0.0
        self._failures = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def track(self, job_id: int) -> None:
        with self._lock:
            self._jobs.add(job_id)

    def untrack(self, job_id: int) -> None:
        with self._lock:
            self._jobs.discard(job_id)
            self._cancelled.discard(job_id)

    def cancel_requested(self, job_id: int) -> bool:
        with self._lock:
            return job_id in self._cancelled

    def running_jobs(self) -> set[int]:
        with self._lock:
            return set(self._jobs)

    def beat(self) -> None:
        """Send one heartbeat now (unless another thread is sending one)."""
        if not self._beating.acquire(blocking=False):
            return
        try:
            jobs = self.running_jobs()
            self._last_beat = time.monotonic()
            try:
                cancel = self.api.heartbeat(self.worker_id, self.queues, jobs)
            except (DioptraClientError, WorkerConfigurationError) as error:
                # The server may be restarting; the next beat tries again. Say so once.
                self._failures += 1
                if self._failures == 1:
                    logger.warning("heartbeat of worker %s failed: %s", self.worker_id, error)
                return
            except Exception:
                self._failures += 1
                if self._failures == 1:
                    logger.exception("heartbeat of worker %s failed", self.worker_id)
                return
            if self._failures:
                logger.info("heartbeat of worker %s is back", self.worker_id)
            self._failures = 0
            with self._lock:
                self._cancelled.update(job for job in cancel if job in self._jobs)
        finally:
            self._beating.release()

    def beat_if_due(self) -> None:
        if time.monotonic() - self._last_beat >= self.interval:
            self.beat()

    def seconds_to_next_beat(self) -> float:
        return max(0.0, self._last_beat + self.interval - time.monotonic())

    def start(self) -> None:
        """Beat in a background thread until ``stop``."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat-{self.worker_id}", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.beat()
            self._stop.wait(self.seconds_to_next_beat() or self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def threaded(self) -> bool:
        return self._thread is not None
