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
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Final

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
_MAIN_LOCK = threading.Lock()
# The job processes this process started and has not closed yet.
_RUNNING: set[JobProcess] = set()
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


class JobProcess:
    """A running job process and the read ends of its three output pipes."""

    def __init__(
        self, process: BaseProcess, stdout: Connection, stderr: Connection, records: Connection
    ) -> None:
        self.process = process
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    @property
    def pid(self) -> int:
        assert self.process.pid is not None
        return self.process.pid

    @property
    def sentinel(self) -> int:
        return self.process.sentinel

    @property
    def exitcode(self) -> int | None:
        return self.process.exitcode

    def kill(self) -> None:
        """Kill the job process and everything it started (its process group)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()

    def close(self) -> None:
        with _RUNNING_LOCK:
            _RUNNING.discard(self)
        for connection in (self.stdout, self.stderr, self.records):
            connection.close()
        self.process.join(timeout=5)
        with contextlib.suppress(ValueError):  # still running: leave it to the OS
            self.process.close()


@contextmanager
def _main_module_not_reimported() -> Iterator[None]:
    """Keep multiprocessing from importing the parent's main script in each job process.

    For a parent started as a script (pytest, a user's script) multiprocessing re-runs
    that script's imports in every child, which costs hundreds of milliseconds and can
    have side effects; a main module whose spec is named ``__main__`` is skipped.
    """
    main = sys.modules["__main__"]
    with _MAIN_LOCK:
        saved = main.__dict__.get("__spec__")
        main.__spec__ = ModuleSpec("__main__", None)
        try:
            yield
        finally:
            main.__spec__ = saved


def start_job_process(spec: JobSpec) -> JobProcess:
    warm_up()
    context = _context()
    pipes = [context.Pipe(duplex=False) for _ in range(3)]
    process = context.Process(  # type: ignore[attr-defined]
        target=job_process_main,
        args=(spec, *(writer for _reader, writer in pipes)),
        name=f"dioptra-job-{spec.job_id}",
    )
    with _main_module_not_reimported():
        process.start()
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
