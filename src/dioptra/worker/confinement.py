"""Confining job processes: plugin code must not reach the server's secrets.

A job process runs a researcher's plugin code with the worker's user id. Before any of
that code is imported, the job process confines itself with Landlock (Linux):

- it reads everywhere except the *private* folders: the server's data folder (database,
  secret key, artifact store, bundle cache, other jobs' folders) and whatever else the
  worker names; datasets, models and the Python environment elsewhere stay readable;
- it writes only in its own folder (its ``TMPDIR`` is there too), the temporary folder
  (less the private folders), ``/dev/shm`` and the harmless devices;
- it also reads its plugin folders (in the bundle cache) and writes its own folder in a
  local artifact store (``jobs/<job id>``);
- settings add paths: ``DIOPTRA_JOB_EXTRA_READ_PATHS``, ``DIOPTRA_JOB_EXTRA_WRITE_PATHS``
  (separated like ``PATH``); ``DIOPTRA_JOB_CONFINEMENT=false`` turns all of it off.

Landlock only allows: "everywhere except X" is a rule for every sibling of each folder
along the path down to X. The network and signals stay as they are (a job reaches the
API over the network). Where the kernel has no Landlock, jobs run unconfined and the
worker says so when it starts (``warn_if_unconfined``).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from dioptra.worker import landlock

logger = logging.getLogger("dioptra.worker")

# Devices any program may write to.
WRITABLE_DEVICES: Final[tuple[str, ...]] = (
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/random",
    "/dev/urandom",
    "/dev/tty",
    "/dev/pts",
    "/dev/shm",
)


class ConfinementError(RuntimeError):
    """The job process could not confine itself (it does not run plugin code then)."""


class ConfinementSettings(BaseSettings):
    """``DIOPTRA_JOB_*``: how job processes are confined (local runners and workers)."""

    model_config = SettingsConfigDict(env_prefix="DIOPTRA_", extra="ignore")

    # Each description is the setting's documentation (docs/reference/configuration.md).
    job_confinement: bool = Field(
        default=True,
        description="Confine job processes with Landlock (Linux 5.13+): plugin code cannot "
        "read the private folders (the server's data folder: database, secret key, artifact "
        "store, other jobs' folders) and writes only in its own folder and the temporary "
        "folder. `false` turns it off.",
    )
    job_extra_read_paths: str = Field(
        default="",
        description="Folders (separated like `PATH`) jobs may also read, even inside a "
        "private folder.",
    )
    job_extra_write_paths: str = Field(
        default="",
        description="Folders (separated like `PATH`) jobs may also read and write, even "
        "inside a private folder.",
    )

    def confinement(self, private: Iterable[str | Path | None]) -> Confinement | None:
        """The confinement of this worker's jobs (None: turned off)."""
        if not self.job_confinement:
            return None
        return Confinement(
            private=tuple(_resolved(path) for path in private if path),
            extra_read=_split(self.job_extra_read_paths),
            extra_write=_split(self.job_extra_write_paths),
        )


@dataclass(frozen=True)
class Confinement:
    """What a worker's job processes must not reach, and what they may reach anyway
    (part of the pickled ``JobSpec``)."""

    private: tuple[str, ...]
    extra_read: tuple[str, ...] = ()
    extra_write: tuple[str, ...] = ()


def unconfined_reason(enabled: bool) -> str | None:
    """Why job processes run unconfined here (None: they are confined), for start-up."""
    if not enabled:
        why = "DIOPTRA_JOB_CONFINEMENT is false"
    elif not sys.platform.startswith("linux"):
        why = f"Landlock is Linux only, this is {sys.platform}"
    elif landlock.abi_version() < 1:
        why = "this Linux kernel offers no Landlock (it needs 5.13+ with lsm=landlock)"
    else:
        return None
    return (
        f"job processes are not confined ({why}): plugin code can read all that this "
        "process can, the data folder and its secrets included"
    )


def warn_if_unconfined(confinement: Confinement | None) -> None:
    reason = unconfined_reason(confinement is not None)
    if reason is not None:
        logger.warning("%s", reason)


def confine(
    confinement: Confinement,
    job_folder: Path,
    *,
    code: Iterable[Path] = (),
    store_folder: Path | None = None,
) -> bool:
    """Confine this process for good (it must run a single thread); False where the
    kernel cannot. ``code``: the job's plugin folders; ``store_folder``: the job's own
    folder in a local artifact store."""
    abi = landlock.abi_version()
    if abi < 1:
        return False
    _wait_for_one_thread()
    private = list(confinement.private)
    ruleset = landlock.Ruleset(abi)
    try:
        read, write = landlock.READ, landlock.READ | landlock.WRITE
        ruleset.allow_all(outside("/", private), read)
        ruleset.allow_all(_python_paths(private), read)
        ruleset.allow_all(map(str, code), read)
        ruleset.allow_all(confinement.extra_read, read)
        ruleset.allow_all(outside(_resolved(tempfile.gettempdir()), private), write)
        ruleset.allow_all(WRITABLE_DEVICES, write)
        ruleset.allow_all(confinement.extra_write, write)
        ruleset.allow(str(job_folder), write)
        if store_folder is not None:
            ruleset.allow(str(store_folder), write)
        ruleset.restrict_self()
    finally:
        ruleset.close()
    return True


def _wait_for_one_thread(timeout: float = 2.0) -> None:
    """Landlock confines the calling thread only: others would stay free. Threads that
    were joined may still be ending in the kernel for a moment."""
    deadline = time.monotonic() + timeout
    while (threads := len(os.listdir("/proc/self/task"))) > 1:
        if time.monotonic() > deadline:
            raise ConfinementError(f"the job process runs {threads} threads, it must run one")
        time.sleep(0.001)


def outside(root: str, private: list[str]) -> Iterator[str]:
    """Paths whose trees together make up ``root``'s tree less the ``private`` folders
    (all resolved): ``root`` itself when it holds none of them, else, recursively, its
    entries. A symbolic link is kept only when it leads nowhere near a private folder."""
    if any(_within(root, folder) for folder in private):
        return
    if not any(_within(folder, root) for folder in private):
        yield root
        return
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        if not entry.is_symlink():
            yield from outside(entry.path, private)
            continue
        target = os.path.realpath(entry.path)
        if not any(_within(target, f) or _within(f, target) for f in private):
            yield entry.path


def _python_paths(private: list[str]) -> Iterator[str]:
    """The Python environment, even inside a private folder (unless it is one, or holds
    one); other ``sys.path`` entries only outside the private folders."""
    environment = {_resolved(p) for p in (sys.prefix, sys.exec_prefix, sys.base_prefix)}
    for path in environment | {_resolved(entry or ".") for entry in sys.path}:
        if any(_within(folder, path) for folder in private):
            continue
        if path in environment or not any(_within(path, folder) for folder in private):
            yield path


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _resolved(path: str | Path) -> str:
    return os.path.realpath(os.path.expanduser(path))


def _split(paths: str) -> tuple[str, ...]:
    return tuple(_resolved(path) for path in paths.split(os.pathsep) if path.strip())
