"""``run_job``: claim a job, run it in a job process, watch it, report how it ended.

The supervisor stays responsive while the job runs: it forwards the job's output as
log records, heartbeats, and kills the job process when the job is cancelled or runs
past its timeout. Everything it says about the job after the claim uses the job's token.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import shutil
import signal
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from dioptra.client import ConflictError, DioptraClientError, UnauthorizedError
from dioptra.job_states import CANCELLED, FAILED, FINISHED, TIMEOUT
from dioptra.worker.api import (
    Claim,
    JobNotAllowedError,
    JobNotClaimableError,
    JobReporter,
    WorkerApi,
    WorkerCredentials,
    WorkerEndpoint,
)
from dioptra.worker.confinement import Confinement
from dioptra.worker.fork_server import learn_from_job
from dioptra.worker.heartbeat import Heartbeat
from dioptra.worker.launcher import JobProcess, start_job_process
from dioptra.worker.layout import JobLayout
from dioptra.worker.logs import LineSplitter, LogForwarder, StderrClassifier, parse_record_line
from dioptra.worker.process import JobSpec
from dioptra.worker.timeouts import DEFAULT_JOB_TIMEOUT, parse_timeout

logger = logging.getLogger("dioptra.worker")

NOT_CLAIMED: Final = "not_claimed"
# The worker's account may not run the job: the job is still there for a worker that may.
NOT_ALLOWED: Final = "not_allowed"
READ_CHUNK: Final[int] = 64 * 1024
# After the job process ends, how long to wait for output still in the pipes (a process
# it started may hold them open).
DRAIN_SECONDS: Final[float] = 1.0


@dataclass(frozen=True)
class JobOutcome:
    """How a job ended on this worker (``not_claimed``: someone else had it;
    ``not_allowed``: this worker's account may not run it)."""

    job_id: int
    status: str
    message: str | None = None
    reported: bool = False


def run_job(
    api_url: str,
    job_id: int,
    claim_token_or_credentials: str | WorkerCredentials | WorkerEndpoint,
    *,
    worker_id: str,
    store_url: str | None = None,
    timeout: float | str | None = None,
    heartbeat: Heartbeat | None = None,
    queues: Sequence[str] = ("*",),
    work_root: str | Path | None = None,
    storage_options: dict[str, Any] | None = None,
    keep_working_dir: bool = False,
    cache_dir: str | Path | None = None,
    confinement: Confinement | None = None,
) -> JobOutcome:
    """Run one job to its end and report it.

    Args:
        api_url: The server's web address (``http://host:port``).
        job_id: The job to run; it must be ``queued``.
        claim_token_or_credentials: How to claim the job: the worker's own API token, its
            credentials, or an endpoint that claims (the local dispatcher's, in-process).
        worker_id: How this worker names itself to the server.
        store_url: The artifact store, when this worker may write there itself.
        timeout: Overrides the job's own timeout (seconds, or ``"30s"``-style).
        heartbeat: The worker process's heartbeat, when it runs several jobs; without
            one, the supervisor heartbeats for this job itself.
        queues: The queues this worker serves (for its own heartbeat).
        work_root: Where job working directories are made (default: the temp folder).
        storage_options: For an S3 ``store_url``: s3fs options (endpoint, keys).
        keep_working_dir: Leave the working directory behind (for debugging).
        cache_dir: Where plugin bundles are kept between jobs (snapshots never change, so
            each is downloaded once); it must not outlive the server's database. None:
            each job downloads its own.
        confinement: What the job process must not reach (None: it runs unconfined).
    """
    if isinstance(claim_token_or_credentials, str | WorkerCredentials):
        worker_api: WorkerEndpoint = WorkerApi(api_url, claim_token_or_credentials)
        own_api = True
    else:
        worker_api, own_api = claim_token_or_credentials, False
    began = time.perf_counter()
    try:
        claim = worker_api.claim(job_id, worker_id)
    except (JobNotClaimableError, JobNotAllowedError) as error:
        logger.info("%s", error)
        if own_api:
            worker_api.close()
        refused = NOT_ALLOWED if isinstance(error, JobNotAllowedError) else NOT_CLAIMED
        return JobOutcome(job_id, refused, str(error))
    logger.info("job %s claimed by worker %s", job_id, worker_id)
    beat = heartbeat or Heartbeat(worker_api, worker_id, queues)
    beat.track(job_id)
    try:
        return _supervise_claimed(
            api_url,
            claim,
            worker_api.job_reporter(api_url, claim.job_id, claim.token),
            beat,
            timeout=timeout,
            store_url=store_url,
            work_root=work_root,
            storage_options=storage_options or {},
            keep_working_dir=keep_working_dir,
            cache_dir=cache_dir,
            confinement=confinement,
            began=began,
        )
    finally:
        beat.untrack(job_id)
        if own_api:
            worker_api.close()


def _supervise_claimed(
    api_url: str,
    claim: Claim,
    job_api: JobReporter,
    beat: Heartbeat,
    *,
    timeout: float | str | None,
    store_url: str | None,
    work_root: str | Path | None,
    storage_options: dict[str, Any],
    keep_working_dir: bool,
    cache_dir: str | Path | None,
    confinement: Confinement | None,
    began: float,
) -> JobOutcome:
    job_id = claim.job_id
    claimed = time.perf_counter()
    working_dir = Path(tempfile.mkdtemp(prefix=f"dioptra-job-{job_id}-", dir=work_root))
    try:
        timeout_text = timeout if timeout is not None else claim.job.get("timeout")
        try:
            limit = parse_timeout(timeout_text or DEFAULT_JOB_TIMEOUT)
        except ValueError as error:
            return _report(job_api, job_id, FAILED, str(error), LogForwarder(job_api))
        spec = JobSpec(
            api_url=api_url,
            job=claim.job,
            experiment_id=claim.experiment_id,
            token=claim.token,
            working_dir=str(working_dir),
            store_url=store_url,
            storage_options=storage_options,
            cache_dir=None if cache_dir is None else str(cache_dir),
            config=claim.config,
            parameters=claim.parameters,
            confinement=confinement,
        )
        watch = _JobWatch(job_api, beat, job_id, limit, str(timeout_text or DEFAULT_JOB_TIMEOUT))
        try:
            process = start_job_process(spec)
        except Exception as error:  # the fork server is gone, no memory, ...
            logger.exception("job %s: cannot start its process", job_id)
            reason = f"the worker could not start the job: {type(error).__name__}: {error}"
            return _report(job_api, job_id, FAILED, reason, watch.forwarder)
        forked = time.perf_counter()
        try:
            status, message, logged = watch.run(process, JobLayout(working_dir))
        finally:
            process.close()
        ended = time.perf_counter()
        outcome = _report(job_api, job_id, status, message, watch.forwarder, logged=logged)
        learn_from_job(JobLayout(working_dir).imports)  # once reported: the job waits not
        logger.debug(
            "job %s timings (ms): claim %.0f, fork %.0f, run %.0f, report %.0f",
            job_id,
            (claimed - began) * 1000,
            (forked - claimed) * 1000,
            (ended - forked) * 1000,
            (time.perf_counter() - ended) * 1000,
        )
        return outcome
    finally:
        job_api.close()
        if not keep_working_dir:
            shutil.rmtree(working_dir, ignore_errors=True)


def _report(
    job_api: JobReporter,
    job_id: int,
    status: str,
    message: str | None,
    forwarder: LogForwarder,
    *,
    logged: bool = False,
) -> JobOutcome:
    """Logs, then the status (the job token dies with the status change): the last
    batch of logs goes with the status, in one request.

    ``logged``: the job process wrote the message (and its details) to the log already.
    """
    if status != FINISHED and message and not logged:
        forwarder.add_text("ERROR" if status == FAILED else "WARNING", "dioptra.worker", message)
    final = forwarder.final_batch(retry_for=30.0)
    try:
        job_api.set_status(status, message, [record.to_wire() for record in final])
        forwarder.mark_sent(len(final))
    except (UnauthorizedError, ConflictError) as error:
        # The server ended the job already (cancelled it, or its watchdog failed it).
        logger.info("job %s: status %s not recorded: %s", job_id, status, error.message)
        forwarder.flush()  # the logs may still be taken on their own
        return JobOutcome(job_id, status, message, reported=False)
    except DioptraClientError as error:
        logger.error("job %s: cannot report status %s: %s", job_id, status, error)
        return JobOutcome(job_id, status, message, reported=False)
    logger.info("job %s %s%s", job_id, status, f": {message}" if message else "")
    return JobOutcome(job_id, status, message, reported=True)


class _JobWatch:
    """The supervisor's loop over one job process."""

    def __init__(
        self,
        job_api: JobReporter,
        beat: Heartbeat,
        job_id: int,
        limit: float | None,
        limit_text: str,
    ) -> None:
        self.beat = beat
        self.job_id = job_id
        self.limit = limit
        self.limit_text = limit_text
        self.forwarder = LogForwarder(job_api)
        self.stderr_kind = StderrClassifier()

    def run(self, process: JobProcess, layout: JobLayout) -> tuple[str, str | None, bool]:
        """How the job ended: status, message, and whether the job process logged it."""
        started = time.monotonic()
        deadline = None if self.limit is None else started + self.limit
        streams = {
            process.stdout.fileno(): ("stdout", LineSplitter()),
            process.stderr.fileno(): ("stderr", LineSplitter()),
            process.records.fileno(): ("records", LineSplitter()),
        }
        selector = selectors.DefaultSelector()
        for fd in streams:
            selector.register(fd, selectors.EVENT_READ)
        selector.register(process.sentinel, selectors.EVENT_READ)
        ended_by: str | None = None
        try:
            while True:
                exited = False
                for key, _ in selector.select(self._wait(deadline)):
                    if key.fd == process.sentinel:
                        exited = True
                    elif not self._read(key.fd, streams):
                        selector.unregister(key.fd)
                if exited:
                    break
                if not self.beat.threaded:
                    self.beat.beat_if_due()
                if self.beat.cancel_requested(self.job_id):
                    ended_by = CANCELLED
                elif deadline is not None and time.monotonic() >= deadline:
                    ended_by = TIMEOUT
                if ended_by is not None:
                    process.kill()
                    process.wait(timeout=10)
                    break
                self.forwarder.flush_if_due()
            self._drain(selector, streams, process.sentinel)
        finally:
            selector.close()
        return self._verdict(process, layout, ended_by)

    def _wait(self, deadline: float | None) -> float:
        waits = [1.0]
        if not self.beat.threaded:
            waits.append(self.beat.seconds_to_next_beat())
        due = self.forwarder.seconds_to_flush()
        if due is not None:
            waits.append(due)
        if deadline is not None:
            waits.append(deadline - time.monotonic())
        return max(0.0, min(waits))

    def _read(self, fd: int, streams: dict[int, tuple[str, LineSplitter]]) -> bool:
        """Forward what is readable on ``fd``; False at end of file."""
        kind, splitter = streams[fd]
        try:
            data = os.read(fd, READ_CHUNK)
        except OSError:
            data = b""
        lines = splitter.feed(data) if data else splitter.finish()
        for line in lines:
            self._forward(kind, line)
        return bool(data)

    def _forward(self, kind: str, line: str) -> None:
        if kind == "records":
            self.forwarder.add(parse_record_line(line))
        elif kind == "stdout":
            self.forwarder.add_text("INFO", "stdout", line)
        else:
            self.forwarder.add_text(self.stderr_kind.severity(line), "stderr", line)

    def _drain(
        self,
        selector: selectors.BaseSelector,
        streams: dict[int, tuple[str, LineSplitter]],
        sentinel: int,
    ) -> None:
        with contextlib.suppress(KeyError):
            selector.unregister(sentinel)
        deadline = time.monotonic() + DRAIN_SECONDS
        while selector.get_map() and time.monotonic() < deadline:
            for key, _ in selector.select(max(0.0, deadline - time.monotonic())):
                if not self._read(key.fd, streams):
                    selector.unregister(key.fd)
        for key in list((selector.get_map() or {}).values()):
            kind, splitter = streams[key.fd]
            for line in splitter.finish():
                self._forward(kind, line)

    def _verdict(
        self, process: JobProcess, layout: JobLayout, ended_by: str | None
    ) -> tuple[str, str | None, bool]:
        if ended_by == CANCELLED:
            return CANCELLED, "the job was cancelled", False
        if ended_by == TIMEOUT:
            message = f"the job ran past its timeout ({self.limit_text}) and was stopped"
            return TIMEOUT, message, False
        code = process.exitcode
        result = _read_result(layout)
        if code == 0 and result.get("status") == FINISHED:
            return FINISHED, None, False
        if result.get("status") == FAILED:
            return FAILED, str(result.get("message") or "the job failed"), True
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            return FAILED, f"the job process was killed by signal {name}", False
        message = f"the job process exited with code {code} without reporting a result"
        return FAILED, message, False


def _read_result(layout: JobLayout) -> dict[str, Any]:
    try:
        data = json.loads(layout.result.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
