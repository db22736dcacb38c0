"""Starting job processes fast: forked from a warm fork server.

The fork server is a small process started once that has already imported the engine,
the client, httpx, PyYAML (and numpy when installed), and what the worker's jobs import
(``fork_server.py``); each job process is a fresh fork of it, so a job starts in
milliseconds, not after seconds of imports. Forking from the fork server rather than
from the worker itself is safe however many threads the worker runs.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from dioptra.worker import fork_server
from dioptra.worker.fork_server import PROCESS_LOCK as _PROCESS_LOCK
from dioptra.worker.import_learning import LearnedPreloads
from dioptra.worker.process import JobSpec, job_process_main

logger = logging.getLogger("dioptra.worker")

# The job processes this process started and has not closed yet.
_RUNNING: set[ForkedProcess] = set()
_RUNNING_LOCK = threading.Lock()


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def warm_up(learned: LearnedPreloads | None = None) -> None:
    """Start the fork server now, so the first job does not pay for it.

    ``learned``: where this worker learns what its jobs import, to preload it once they
    have needed it (None: it does not learn).
    """
    if _context().get_start_method() == "forkserver":
        fork_server.start(learned)


class ForkedProcess:
    """A process forked from the fork server, safe to watch from any thread."""

    def __init__(self, process: BaseProcess, server_pid: int | None) -> None:
        self.process = process
        self.server_pid = server_pid  # the fork server it was forked from
        self._closed = False

    @property
    def pid(self) -> int:
        assert self.process.pid is not None
        return self.process.pid

    @property
    def sentinel(self) -> int:
        return self.process.sentinel

    @property
    def exitcode(self) -> int | None:
        with _PROCESS_LOCK:
            return self.process.exitcode

    def wait(self, timeout: float | None = None) -> int | None:
        """Its exit code once it has ended, None if still running after ``timeout`` s."""
        # Waiting needs no lock (it reads nothing); only the read of the exit code does.
        multiprocessing.connection.wait([self.sentinel], timeout)
        return self.exitcode

    def kill(self) -> None:
        """Kill the process and everything it started (its process group)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with _PROCESS_LOCK, contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()

    def close(self) -> None:
        with _RUNNING_LOCK:
            _RUNNING.discard(self)
        self.wait(timeout=5)
        with _PROCESS_LOCK:
            if self._closed:
                return
            try:
                self.process.close()
            except ValueError:  # still running: leave it (and its fork server)
                return
            self._closed = True
            fork_server.process_closed(self.server_pid)


class JobProcess(ForkedProcess):
    """A running job process and the read ends of its three output pipes."""

    def __init__(
        self,
        process: BaseProcess,
        server_pid: int | None,
        stdout: Connection,
        stderr: Connection,
        records: Connection,
    ) -> None:
        super().__init__(process, server_pid)
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    def close(self) -> None:
        for connection in (self.stdout, self.stderr, self.records):
            connection.close()
        super().close()


@contextmanager
def _main_module_not_reimported() -> Iterator[None]:
    """Keep multiprocessing from importing the parent's main script in each job process.

    For a parent started as a script (pytest, a user's script) multiprocessing re-runs
    that script's imports in every child, which costs hundreds of milliseconds and can
    have side effects; a main module whose spec is named ``__main__`` is skipped.
    Called with ``_PROCESS_LOCK`` held (it changes the main module for every thread).
    """
    main = sys.modules["__main__"]
    saved = main.__dict__.get("__spec__")
    main.__spec__ = ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = saved


def start_process(
    target: Callable[..., object], args: tuple[Any, ...], *, name: str
) -> ForkedProcess:
    """Fork ``target(*args)`` from the fork server (safe from many threads at once)."""
    return ForkedProcess(*_start(target, args, name))


def _start(
    target: Callable[..., object], args: tuple[Any, ...], name: str
) -> tuple[BaseProcess, int | None]:
    """The started process, and the pid of the fork server it was forked from."""
    context = _context()
    process: BaseProcess = context.Process(  # type: ignore[attr-defined]
        target=target, args=args, name=name
    )
    with _PROCESS_LOCK, _main_module_not_reimported():
        forked_by = None
        if context.get_start_method() == "forkserver":
            forked_by = fork_server.ensure_running()
        process.start()
        fork_server.process_started(forked_by)
        # Out of multiprocessing's list of children, so that a Process.start() elsewhere
        # in this process (outside our lock) never polls ours.
        _multiprocessing_children().discard(process)
    return process, forked_by


def _multiprocessing_children() -> set[BaseProcess]:
    children: set[BaseProcess] = getattr(multiprocessing.process, "_children", set())
    return children


def start_job_process(spec: JobSpec) -> JobProcess:
    pipes = [_context().Pipe(duplex=False) for _ in range(3)]
    process, forked_by = _start(
        job_process_main,
        (spec, *(writer for _reader, writer in pipes)),
        f"dioptra-job-{spec.job_id}",
    )
    for _reader, writer in pipes:
        writer.close()  # the job process holds its own copies
    (out, _), (err, _), (rec, _) = pipes
    job_process = JobProcess(process, forked_by, out, err, rec)
    with _RUNNING_LOCK:
        _RUNNING.add(job_process)
    return job_process


def kill_running_jobs() -> int:
    """Kill every job process this process is running (when a worker shuts down)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for job_process in running:
        job_process.kill()
    return len(running)
