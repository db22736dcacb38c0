"""The fork server job processes are forked from, and its replacement by one that
preloads more.

multiprocessing runs one fork server per process. It imports ``PRELOAD_MODULES`` and,
through ``dioptra.worker.preload``, the modules the worker asks for: configured
(``DIOPTRA_WORKER_PRELOAD``) and learned from its jobs (``import_learning``). When the
learned list changes, a new fork server (a *candidate*) starts next to the running one;
jobs keep forking from the running one until the candidate has imported everything, so
no job waits for it; then it takes over. A fork server that was replaced stays up until
the last process it forked has ended (a job process dies with its fork server, and
reports its exit code through it), then stops.

A worker that learns keeps a single fork server for all the queues it serves, preloading
the list learned for that set of queues: the local runners of ``dioptra up`` serve every
queue, a ``dioptra worker`` the queues it was given.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, Final

from dioptra.worker.import_learning import (
    ENV_FORK_SERVER_PRELOAD,
    LearnedPreloads,
    PreloadSettings,
    read_import_report,
)

logger = logging.getLogger("dioptra.worker")

PRELOAD_MODULES: Final[tuple[str, ...]] = (
    "dioptra.worker.process",
    "dioptra.worker.inputs",
    "dioptra.worker.outputs",
    "dioptra.engine",
    "dioptra.client",
    "dioptra.storage",
    "dioptra.sdk.utilities.auth_client",
    "httpx",
    "yaml",
    # Last: it imports the requested modules, then says the fork server is ready.
    "dioptra.worker.preload",
)
# How long a candidate may take to import everything before it is given up.
CANDIDATE_SECONDS: Final[float] = 600.0
# multiprocessing's bookkeeping of child processes is not thread-safe: with the fork
# server, a child's exit code is a few bytes read once from its sentinel pipe, and every
# ``Process.start()`` polls all other children (``multiprocessing.process._cleanup``). Two
# threads polling one child at once both read that pipe: the loser sees end of file and
# multiprocessing makes up exit code 255 (or polls a sentinel another thread just closed).
# So every start, poll and close of a process, and every change of fork server, goes
# through this one lock.
PROCESS_LOCK = threading.Lock()


def uses_fork_server() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()


@dataclass
class _Candidate:
    """A fork server still importing, to replace the running one once ready."""

    learned: tuple[str, ...]
    server: Any  # its own multiprocessing ForkServer
    ready_file: Path
    settled: threading.Event = field(default_factory=threading.Event)


@dataclass
class _State:
    configured: tuple[str, ...] | None = None  # DIOPTRA_WORKER_PRELOAD, read once
    store: LearnedPreloads | None = None  # None: this worker does not learn
    learned: tuple[str, ...] | None = None  # what the running fork server was asked for
    candidate: _Candidate | None = None
    refused: set[str] = field(default_factory=set)  # could not be preloaded: not again
    warned: set[str] = field(default_factory=set)
    # fork server pid -> what multiprocessing knew of it, once replaced; stopped when the
    # last of its processes is closed.
    retired: dict[int, dict[str, Any]] = field(default_factory=dict)
    live: Counter[int] = field(default_factory=Counter)  # fork server pid -> open processes


_STATE = _State()  # guarded by PROCESS_LOCK


def _server() -> Any:
    return forkserver._forkserver


def start(store: LearnedPreloads | None) -> None:
    """Start the fork server, with the configured modules only (an idle worker holds
    nothing it learned); ``store``: where this worker learns (None: it does not)."""
    with PROCESS_LOCK:
        _STATE.store = store
        _STATE.refused.clear()
        _want(())


def ensure_running() -> int | None:
    """The pid of the fork server the next process forks from, started if need be.
    Called with ``PROCESS_LOCK`` held."""
    if _STATE.learned is None:
        _want(())
    _server().ensure_running()
    pid: int | None = _server()._forkserver_pid
    return pid


def process_started(server_pid: int | None) -> None:
    """Called with ``PROCESS_LOCK`` held."""
    if server_pid is not None:
        _STATE.live[server_pid] += 1


def process_closed(server_pid: int | None) -> None:
    """One process of ours forked by ``server_pid`` is gone (``PROCESS_LOCK`` held)."""
    if server_pid is None:
        return
    _STATE.live[server_pid] -= 1
    if _STATE.live[server_pid] <= 0:
        del _STATE.live[server_pid]
        state = _STATE.retired.pop(server_pid, None)
        if state is not None:
            _stop(state)


def learn_from_job(report: Path) -> None:
    """After a job: learn what it imported, so that later jobs fork with it imported.
    Modules the fork server could not preload are dropped, with a warning."""
    found = read_import_report(report)
    if found is None:
        return
    with PROCESS_LOCK:
        for name, why in found.not_preloaded.items():
            if name not in _STATE.warned:
                _STATE.warned.add(name)
                logger.warning("the fork server could not preload %s (%s)", name, why)
        store = _STATE.store
        if store is None:
            return
        _STATE.refused |= found.not_preloaded.keys() - set(_configured())
        if _STATE.refused & set(store.modules()):
            store.forget(_STATE.refused)
        new = [name for name in found.imported if name not in _STATE.refused]
        modules = store.learn(new) if new else store.modules()
        wanted = _STATE.candidate.learned if _STATE.candidate else _STATE.learned
        if new or wanted:  # nothing learned is loaded before a job needed something
            _want(tuple(name for name in modules if name not in _STATE.refused))


def settled(timeout: float) -> bool:
    """Wait until no new fork server is being prepared (False: one still is)."""
    with PROCESS_LOCK:
        candidate = _STATE.candidate
    return candidate is None or candidate.settled.wait(timeout)


def _configured() -> tuple[str, ...]:
    if _STATE.configured is None:
        _STATE.configured = PreloadSettings().configured()
    return _STATE.configured


def _want(learned: tuple[str, ...]) -> None:
    """Make the fork server import ``learned`` too: at once if none runs, else through
    a candidate. Called with ``PROCESS_LOCK`` held."""
    if not uses_fork_server():
        return
    candidate = _STATE.candidate
    if candidate is not None:
        if candidate.learned == learned:
            return
        _drop_candidate(candidate)
    if learned == _STATE.learned:
        return
    server = _server()
    if server._forkserver_pid is None:
        _request(learned, None)
        _STATE.learned = learned
        server.set_forkserver_preload(list(PRELOAD_MODULES))
        server.ensure_running()
        return
    ready_file = Path(multiprocessing.util.get_temp_dir()) / f"ready-{uuid.uuid4().hex}"
    _request(learned, ready_file)
    new_server = forkserver.ForkServer()
    new_server.set_forkserver_preload(list(PRELOAD_MODULES))
    new_server.ensure_running()
    _request(_STATE.learned or (), None)  # what the running one imports, if it must restart
    candidate = _Candidate(learned, new_server, ready_file)
    _STATE.candidate = candidate
    threading.Thread(
        target=_take_over_when_ready, args=(candidate,), name="dioptra-fork-server", daemon=True
    ).start()


def _request(learned: tuple[str, ...], ready_file: Path | None) -> None:
    """What a fork server started from now on imports (``dioptra.worker.preload`` reads
    it; multiprocessing also starts one again after it died, with the same)."""
    request: dict[str, Any] = {"configured": _configured(), "learned": learned}
    if ready_file is not None:
        request["ready"] = str(ready_file)
    os.environ[ENV_FORK_SERVER_PRELOAD] = json.dumps(request)


def _take_over_when_ready(candidate: _Candidate) -> None:
    """Watch a candidate until it is ready (it takes over), dies or takes too long."""
    pid = candidate.server._forkserver_pid
    deadline = time.monotonic() + CANDIDATE_SECONDS
    while True:
        time.sleep(0.02)
        with PROCESS_LOCK:  # a candidate is dropped, reaped and killed under the lock only
            if _STATE.candidate is not candidate:
                return  # replaced by another one meanwhile
            if candidate.ready_file.exists():
                _take_over(candidate)
                return
            try:
                ended, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                ended, status = pid, 0
            if ended:
                _give_up(candidate, f"its fork server died ({os.waitstatus_to_exitcode(status)})")
                return
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)  # not reaped yet: still ours to kill
                _give_up(candidate, f"its fork server was not ready in {CANDIDATE_SECONDS:.0f} s")
                return


def _take_over(candidate: _Candidate) -> None:
    _retire(_detach(_server()))
    for key, value in _detach(candidate.server).items():
        setattr(_server(), key, value)
    _server().set_forkserver_preload(list(PRELOAD_MODULES))
    _STATE.learned = candidate.learned
    _request(candidate.learned, None)
    _settle(candidate)


def _give_up(candidate: _Candidate, why: str) -> None:
    added = set(candidate.learned) - set(_STATE.learned or ())
    logger.warning(
        "preloading %s failed: %s; jobs import them themselves",
        ", ".join(sorted(added)) or "nothing new",
        why,
    )
    _STATE.refused |= added
    _stop(_detach(candidate.server))
    _request(_STATE.learned or (), None)
    _settle(candidate)


def _settle(candidate: _Candidate) -> None:
    """It is no longer the candidate: tell those waiting (last, once all is done)."""
    _STATE.candidate = None
    candidate.settled.set()
    with contextlib.suppress(OSError):
        candidate.ready_file.unlink()


def _drop_candidate(candidate: _Candidate) -> None:
    _settle(candidate)
    _stop(_detach(candidate.server), kill=True)


def _detach(server: Any) -> dict[str, Any]:
    """Take a multiprocessing ForkServer's process away from it: what it knew of it."""
    with server._lock:
        state = {
            key: value for key, value in vars(server).items() if key.startswith("_forkserver_")
        }
        for key in state:
            setattr(server, key, None)
    return state


def _retire(state: dict[str, Any]) -> None:
    pid = state.get("_forkserver_pid")
    if pid is None:
        return
    if _STATE.live[pid]:
        _STATE.retired[pid] = state
    else:
        _stop(state)


def _stop(state: dict[str, Any], *, kill: bool = False) -> None:
    """Stop a fork server: it exits once its "a client is alive" pipe is closed; ``kill``
    (a candidate, which forked nothing yet): at once, whatever it is importing."""
    pid = state.get("_forkserver_pid")
    if pid is None:
        return
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError, TypeError):
        os.close(state["_forkserver_alive_fd"])
    address = state.get("_forkserver_address")
    if address and not multiprocessing.util.is_abstract_socket_namespace(address):
        with contextlib.suppress(OSError):
            os.unlink(address)
    threading.Thread(target=_reap, args=(pid,), name="dioptra-reaper", daemon=True).start()


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
