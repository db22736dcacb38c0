"""Starting job processes fast: forked from a warm fork server.

The fork server is a small process started once that has already imported the engine,
the client, httpx, PyYAML (and numpy when installed); each job process is a fresh fork
of it, so a job starts in milliseconds, not after seconds of imports. Forking from the
fork server rather than from the worker itself is safe however many threads the worker
runs.

It also imports what the worker's jobs import (``import_learning``): once a job has
imported something new, the worker replaces its fork server by one that imports that
too, for the next jobs. The fork server a running job came from stays up until that job
ends (the job dies with it, and reports its exit through it).
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import multiprocessing.util
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Final

from dioptra.worker.import_learning import (
    ENV_FORK_SERVER_PRELOAD,
    LearnedPreloads,
    PreloadSettings,
    read_import_report,
)
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


@dataclass
class _Preloads:
    """What the fork server imports besides ``PRELOAD_MODULES`` (``dioptra.worker.preload``
    imports it, module by module), and the fork servers replaced while jobs still ran."""

    configured: tuple[str, ...] | None = None  # DIOPTRA_WORKER_PRELOAD, read once
    learned: LearnedPreloads | None = None  # None: this worker does not learn
    active: tuple[str, ...] = ()  # learned modules the next fork server imports
    refused: set[str] = field(default_factory=set)  # could not be preloaded: not again
    warned: set[str] = field(default_factory=set)
    # fork server pid -> what multiprocessing knew of it; the last of its processes gone,
    # it is stopped.
    retired: dict[int, dict[str, Any]] = field(default_factory=dict)
    live: Counter[int] = field(default_factory=Counter)  # fork server pid -> open processes
    requested: str | None = None  # what the running fork server was asked to import


_PRELOADS = _Preloads()  # guarded by _PROCESS_LOCK


def warm_up(learned: LearnedPreloads | None = None) -> None:
    """Start the fork server now, so the first job does not pay for it.

    ``learned``: where this worker keeps what its jobs import, so that it preloads it
    once they have needed it (None: it does not learn). The fork server starts with the
    configured modules only: an idle worker holds nothing it learned.
    """
    with _PROCESS_LOCK:
        if learned is not _PRELOADS.learned:
            _PRELOADS.learned, _PRELOADS.active = learned, ()
        _fork_server_running()


def learn_from_job(report: Path) -> None:
    """After a job: learn what it imported; from now on jobs fork from a fork server that
    has imported it (running jobs keep theirs). Modules the fork server could not
    preload are dropped, with a warning."""
    found = read_import_report(report)
    if found is None:
        return
    with _PROCESS_LOCK:
        for name, why in found.not_preloaded.items():
            if name not in _PRELOADS.warned:
                _PRELOADS.warned.add(name)
                logger.warning("the fork server could not preload %s (%s)", name, why)
        learned = _PRELOADS.learned
        if learned is None:
            return
        _PRELOADS.refused |= found.not_preloaded.keys() - set(_configured())
        if _PRELOADS.refused & set(learned.modules()):
            learned.forget(_PRELOADS.refused)
        new = [name for name in found.imported if name not in _PRELOADS.refused]
        modules = learned.learn(new) if new else learned.modules()
        if new or _PRELOADS.active:  # an idle-started worker waits for a job's needs
            _PRELOADS.active = tuple(m for m in modules if m not in _PRELOADS.refused)
        _fork_server_running()


def _configured() -> tuple[str, ...]:
    if _PRELOADS.configured is None:
        _PRELOADS.configured = PreloadSettings().configured()
    return _PRELOADS.configured


def _fork_server_running() -> None:
    """Start the fork server if needed, replacing one that imports other modules than
    those now wanted. Called with ``_PROCESS_LOCK`` held."""
    context = _context()
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    requested = json.dumps({"configured": _configured(), "learned": _PRELOADS.active})
    if requested != _PRELOADS.requested:
        server: Any = forkserver._forkserver
        if server._forkserver_pid is not None:
            _retire(server)
        # The fork server reads it when it starts (dioptra.worker.preload), now or when
        # multiprocessing starts it again after it died.
        os.environ[ENV_FORK_SERVER_PRELOAD] = _PRELOADS.requested = requested
        context.set_forkserver_preload(list(PRELOAD_MODULES))
    forkserver.ensure_running()


def _retire(server: Any) -> None:
    """Detach the running fork server from multiprocessing, so that the next process
    starts a new one; it stays up while processes of ours it forked are open."""
    with server._lock:
        state = {
            key: value for key, value in vars(server).items() if key.startswith("_forkserver_")
        }
        for key in state:
            setattr(server, key, None)
    pid = state.get("_forkserver_pid")
    if pid is None:
        return
    if _PRELOADS.live[pid]:
        _PRELOADS.retired[pid] = state
    else:
        _stop(state)


def _stop(state: dict[str, Any]) -> None:
    """Stop a retired fork server: it exits once its "a client is alive" pipe closes."""
    with contextlib.suppress(OSError):
        os.close(state["_forkserver_alive_fd"])
    address = state.get("_forkserver_address")
    if address and not multiprocessing.util.is_abstract_socket_namespace(address):
        with contextlib.suppress(OSError):
            os.unlink(address)
    threading.Thread(
        target=_reap,
        args=(state["_forkserver_pid"],),
        name="dioptra-fork-server-reaper",
        daemon=True,
    ).start()


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _process_closed(server_pid: int | None) -> None:
    """One process of ours from ``server_pid`` is gone. Called with ``_PROCESS_LOCK`` held."""
    if server_pid is None:
        return
    _PRELOADS.live[server_pid] -= 1
    if _PRELOADS.live[server_pid] <= 0:
        del _PRELOADS.live[server_pid]
        state = _PRELOADS.retired.pop(server_pid, None)
        if state is not None:
            _stop(state)


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
            _process_closed(self.server_pid)


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
    """The started process and the pid of the fork server it came from."""
    process: BaseProcess = _context().Process(  # type: ignore[attr-defined]
        target=target, args=args, name=name
    )
    with _PROCESS_LOCK, _main_module_not_reimported():
        _fork_server_running()
        try:
            process.start()
        except (OSError, EOFError):  # the fork server died: perhaps of what it learned
            if not _PRELOADS.active:
                raise
            logger.warning(
                "the fork server that preloads %s failed; jobs import them themselves",
                ", ".join(_PRELOADS.active),
            )
            _PRELOADS.refused.update(_PRELOADS.active)
            _PRELOADS.active = ()
            _fork_server_running()
            process.start()
        server_pid = _server_pid()
        if server_pid is not None:
            _PRELOADS.live[server_pid] += 1
        # Out of multiprocessing's list of children, so that a Process.start() elsewhere
        # in this process (outside our lock) never polls ours.
        _multiprocessing_children().discard(process)
    return process, server_pid


def _server_pid() -> int | None:
    if _context().get_start_method() != "forkserver":
        return None
    from multiprocessing import forkserver

    pid: int | None = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    return pid


def _multiprocessing_children() -> set[BaseProcess]:
    children: set[BaseProcess] = getattr(multiprocessing.process, "_children", set())
    return children


def start_job_process(spec: JobSpec) -> JobProcess:
    pipes = [_context().Pipe(duplex=False) for _ in range(3)]
    process, server_pid = _start(
        job_process_main,
        (spec, *(writer for _reader, writer in pipes)),
        f"dioptra-job-{spec.job_id}",
    )
    for _reader, writer in pipes:
        writer.close()  # the job process holds its own copies
    (out, _), (err, _), (rec, _) = pipes
    job_process = JobProcess(process, server_pid, out, err, rec)
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
