"""Starting job processes fast: forked from a warm fork server.

The fork server is a small process started once that has already imported the engine,
the client, httpx, PyYAML (and numpy when installed); each job process is a fresh fork
of it, so a job starts in milliseconds, not after seconds of imports. Forking from the
fork server rather than from the worker itself is safe however many threads the worker
runs.
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
from typing import Any, Final

from dioptra.worker.process import JobSpec, job_process_main

logger = logging.getLogger("dioptra.worker")

PRELOAD_MODULES: Final[tuple[str, ...]] = (
    "dioptra.worker.preload",
    "dioptra.worker.process",
    "dioptra.worker.inputs",
    "dioptra.worker.outputs",
    "dioptra.engine",
    "dioptra.client",
    "dioptra.storage",
    "dioptra.sdk.utilities.auth_client",
    "httpx",
    "yaml",
)
# Imported in the fork server when installed (a missing one is skipped); set
# DIOPTRA_WORKER_PRELOAD=mod1,mod2 to choose others (e.g. torch).
DEFAULT_EXTRA_PRELOAD: Final[tuple[str, ...]] = ("numpy",)
ENV_EXTRA_PRELOAD: Final[str] = "DIOPTRA_WORKER_PRELOAD"
# multiprocessing's bookkeeping of child processes is not thread-safe: with the fork
# server, a child's exit code is a few bytes read once from its sentinel pipe, and every
# ``Process.start()`` polls all other children (``multiprocessing.process._cleanup``). Two
# threads polling one child at once both read that pipe: the loser sees end of file and
# multiprocessing makes up exit code 255 (or polls a sentinel another thread just closed).
# So every start, poll and close of a process goes through this one lock.
_PROCESS_LOCK = threading.Lock()
# The job processes this process started and has not closed yet.
_RUNNING: set[ForkedProcess] = set()
_RUNNING_LOCK = threading.Lock()


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def preload_modules() -> list[str]:
    extra = os.environ.get(ENV_EXTRA_PRELOAD)
    chosen = DEFAULT_EXTRA_PRELOAD if extra is None else tuple(filter(None, extra.split(",")))
    return [*PRELOAD_MODULES, *(name.strip() for name in chosen)]


def warm_up() -> None:
    """Start the fork server now, so the first job does not pay for it."""
    context = _context()
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    context.set_forkserver_preload(preload_modules())
    forkserver.ensure_running()


class ForkedProcess:
    """A process forked from the fork server, safe to watch from any thread."""

    def __init__(self, process: BaseProcess) -> None:
        self.process = process

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
        with _PROCESS_LOCK, contextlib.suppress(ValueError):  # still running: leave it
            self.process.close()


class JobProcess(ForkedProcess):
    """A running job process and the read ends of its three output pipes."""

    def __init__(
        self, process: BaseProcess, stdout: Connection, stderr: Connection, records: Connection
    ) -> None:
        super().__init__(process)
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
    return ForkedProcess(_start(target, args, name))


def _start(target: Callable[..., object], args: tuple[Any, ...], name: str) -> BaseProcess:
    warm_up()
    process: BaseProcess = _context().Process(  # type: ignore[attr-defined]
        target=target, args=args, name=name
    )
    with _PROCESS_LOCK, _main_module_not_reimported():
        process.start()
        # Out of multiprocessing's list of children, so that a Process.start() elsewhere
        # in this process (outside our lock) never polls ours.
        _multiprocessing_children().discard(process)
    return process


def _multiprocessing_children() -> set[BaseProcess]:
    children: set[BaseProcess] = getattr(multiprocessing.process, "_children", set())
    return children


def start_job_process(spec: JobSpec) -> JobProcess:
    pipes = [_context().Pipe(duplex=False) for _ in range(3)]
    process = _start(
        job_process_main,
        (spec, *(writer for _reader, writer in pipes)),
        f"dioptra-job-{spec.job_id}",
    )
    for _reader, writer in pipes:
        writer.close()  # the job process holds its own copies
    (out, _), (err, _), (rec, _) = pipes
    job_process = JobProcess(process, out, err, rec)
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
