"""Learning what a worker's jobs import, so that its fork server imports it once for all.

A task that imports matplotlib pays ~2 s in every job process unless the fork server,
which job processes are forked from, has imported it already. What it imports is
configured (``DIOPTRA_WORKER_PRELOAD``) and learned:

- job side: from the moment it runs plugin code, the job process notes each module
  that plugin code imports itself (``record_imports``; not what those modules import in
  turn); when the job ends it keeps the installed ones and writes them, with any module
  its fork server failed to preload, to ``.dioptra/imports.json``
  (``write_import_report``; nothing is written when there is nothing to say);
- worker side: the worker reads that report (``read_import_report``), adds the modules
  to a short list kept per set of queues it serves (``LearnedPreloads``) and replaces its
  fork server by one that imports the list (``fork_server.learn_from_job``).

Only installed packages are learned (found in site-packages): never a plugin module
(plugins change between snapshots), nothing from a job's folder. The report comes from a
process that ran plugin code, so the worker trusts none of it: names are checked here,
and the fork server imports a module only when it is found in site-packages first
(``dioptra.worker.preload``); one that fails there is dropped.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import logging
import os
import re
import site
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger("dioptra.worker")

# Where the worker tells its fork server what to import (set by fork_server.py; job
# processes drop it with the worker's other DIOPTRA_* variables).
ENV_FORK_SERVER_PRELOAD: Final[str] = "DIOPTRA_FORK_SERVER_PRELOAD"
# A learnable name: public packages and modules, a few levels deep (no ``__main__``,
# no private module whose import could do anything but define things).
LEARNABLE_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,3}")
MAX_REPORTED: Final[int] = 64
_IMPORT_MACHINERY: Final[tuple[str, ...]] = (
    "<frozen importlib",
    os.path.dirname(importlib.__file__) + os.sep,
)


class PreloadSettings(BaseSettings):
    """``DIOPTRA_WORKER_PRELOAD*``: what worker fork servers import before forking jobs
    (the local runners of ``dioptra up`` and ``dioptra worker``)."""

    model_config = SettingsConfigDict(env_prefix="DIOPTRA_", extra="ignore")

    worker_preload: str = Field(
        default="numpy",
        description="Modules, comma-separated, that a worker imports once before forking "
        "job processes, so that jobs start with them imported (e.g. `numpy,torch`); one "
        "that is not installed is skipped. Empty: none.",
    )
    worker_preload_learned_max: int = Field(
        default=0,
        ge=0,
        le=256,
        description="How many modules a worker learns to preload from its jobs, per set of "
        "queues it serves: the installed modules that plugin code imported (e.g. "
        "`matplotlib.pyplot`); once the list is full it learns nothing more (so that its "
        "fork server is not replaced again and again). A worker preloads them once a job has "
        "imported something new since it started, never while idle. 0 (the default): learn "
        "nothing. Opt in per worker (16 is a good size) where you trust what its jobs import: "
        "the fork server imports learned modules unconfined, with the worker's own "
        "permissions, so a module that writes at import time (ART creates `~/.art/config.json`) "
        "writes where jobs cannot, and may leave files a confined job then cannot read (a "
        "HOME inside the data folder).",
    )
    worker_state_dir: str = Field(
        default="",
        description="Where `dioptra worker` keeps what it learned between runs. Default: "
        "`dioptra/worker` in the per-user state folder (`~/.local/state` on Linux). The "
        "local runners of `dioptra up` keep it in the data folder.",
    )

    def configured(self) -> tuple[str, ...]:
        names = (name.strip() for name in self.worker_preload.split(","))
        return tuple(dict.fromkeys(name for name in names if name))

    def learned_preloads(self, folder: Path, queues: Sequence[str]) -> LearnedPreloads | None:
        """Where a worker serving ``queues`` learns (None: it does not)."""
        limit = self.worker_preload_learned_max
        return LearnedPreloads(folder, queues, limit) if limit else None

    def state_dir(self) -> Path:
        if self.worker_state_dir:
            return Path(self.worker_state_dir).expanduser()
        if sys.platform.startswith("linux"):
            base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
            return base / "dioptra" / "worker"
        return Path.home() / ".dioptra" / "worker"


@functools.cache
def installed_roots() -> tuple[str, ...]:
    """The site-packages folders of this Python (resolved)."""
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    return tuple(os.path.realpath(folder) + os.sep for folder in folders)


def is_installed_location(path: str | None) -> bool:
    return bool(path) and os.path.realpath(str(path)).startswith(installed_roots())


def installed_spec(name: str) -> ModuleSpec | None:
    """The spec of top-level module ``name`` on ``sys.path`` when it is an installed
    one (found in site-packages before anywhere else); imports nothing."""
    spec = PathFinder.find_spec(name)
    if spec is None:
        return None
    locations = [spec.origin, *(spec.submodule_search_locations or [])]
    return spec if all(is_installed_location(p) for p in locations if p) else None


def without_parents(names: Iterable[str]) -> list[str]:
    """``["matplotlib", "matplotlib.pyplot"]`` -> ``["matplotlib.pyplot"]`` (importing a
    module imports its packages), order kept, duplicates dropped."""
    unique = list(dict.fromkeys(names))
    return [name for name in unique if not any(n.startswith(name + ".") for n in unique)]


# -- job side --------------------------------------------------------------------------


class _ImportRecorder:
    """A ``sys.meta_path`` entry that finds nothing: it notes each module that code from
    the job's plugin folders imports itself (its own imports go through the import
    machinery, whose frames are skipped)."""

    def __init__(self, code_folders: Iterable[Path | str]) -> None:
        self.code_prefixes = tuple(str(folder).rstrip(os.sep) + os.sep for folder in code_folders)
        self.names: list[str] = []

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(_IMPORT_MACHINERY):
            frame = frame.f_back  # type: ignore[assignment]
        if frame is not None and frame.f_code.co_filename.startswith(self.code_prefixes):
            self.names.append(fullname)

    def installed_imports(self) -> list[str]:
        """What plugin code imported, less what failed or is not an installed package."""
        found = [
            name
            for name in dict.fromkeys(self.names)
            if LEARNABLE_NAME.fullmatch(name) and _installed(sys.modules.get(name))
        ]
        return without_parents(found)[:MAX_REPORTED]


def _installed(module: ModuleType | None) -> bool:
    if module is None:
        return False
    spec = getattr(module, "__spec__", None)
    locations = [getattr(spec, "origin", None), *(getattr(module, "__path__", None) or [])]
    return any(locations) and all(is_installed_location(p) for p in locations if p)


_recorder: _ImportRecorder | None = None


def record_imports(code_folders: Iterable[Path | str]) -> None:
    """In the job process, before plugin code is imported: note what it imports."""
    global _recorder
    _recorder = _ImportRecorder(code_folders)
    sys.meta_path.insert(0, _recorder)


def write_import_report(path: Path) -> None:
    """In the job process, when the job ends: what the worker may learn from it."""
    try:
        imported = _recorder.installed_imports() if _recorder is not None else []
        preload = sys.modules.get("dioptra.worker.preload")
        not_preloaded: dict[str, str] = dict(getattr(preload, "NOT_PRELOADED", {}))
        if imported or not_preloaded:
            path.write_text(json.dumps({"imported": imported, "notPreloaded": not_preloaded}))
    except Exception:  # learning only saves time: it never fails a job
        logger.debug("no import report", exc_info=True)


# -- worker side -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[str, ...] = ()
    not_preloaded: dict[str, str] = field(default_factory=dict)


def read_import_report(path: Path) -> ImportReport | None:
    """A job's report (None: none, or not one); only well-formed names are kept."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    imported = data.get("imported")
    failed = data.get("notPreloaded")
    names = [n for n in imported if _learnable(n)] if isinstance(imported, list) else []
    not_preloaded = (
        {n: str(why)[:300] for n, why in failed.items() if _learnable(n)}
        if isinstance(failed, dict)
        else {}
    )
    return ImportReport(
        tuple(names[:MAX_REPORTED]), dict(list(not_preloaded.items())[:MAX_REPORTED])
    )


def _learnable(name: object) -> bool:
    return isinstance(name, str) and bool(LEARNABLE_NAME.fullmatch(name))


class LearnedPreloads:
    """What the jobs of a worker's queues imported: a short list in a JSON file of its
    state folder, one file per Python environment and set of queues served.

    At most ``limit`` names: once full, it takes no more (a worker whose jobs import ever
    other modules would replace its fork server after every job); every change is written atomically
    (a temporary file renamed over it), so a crash never leaves half a file. Two workers
    serving the same queues on one machine share the file: the last write wins, which
    costs at most a module learned again.
    """

    def __init__(self, folder: Path, queues: Sequence[str], limit: int) -> None:
        key = json.dumps([sys.prefix, sorted(set(queues))])
        self.path = folder / f"preloads-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
        self.queues = sorted(set(queues))
        self.limit = limit
        self._modules: list[str] | None = None

    def modules(self) -> list[str]:
        if self._modules is None:
            self._modules = self._read()
        return list(self._modules)

    def learn(self, names: Iterable[str]) -> list[str]:
        """Add ``names``; the list as it is now."""
        return self._update(without_parents([*self.modules(), *names]))

    def forget(self, names: Iterable[str]) -> list[str]:
        dropped = set(names)
        return self._update([name for name in self.modules() if name not in dropped])

    def _update(self, modules: list[str]) -> list[str]:
        modules = modules[: self.limit]
        if modules != self.modules():
            try:
                self._write(modules)
            except OSError as error:  # learning is an optimisation: keep it in memory
                logger.warning("cannot save the learned preloads in %s: %s", self.path, error)
        self._modules = modules
        return list(modules)

    def _read(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return []
        names = data.get("modules") if isinstance(data, dict) else None
        if not isinstance(names, list):
            return []
        learnable = [name for name in names if _learnable(name)]
        return learnable[: self.limit]

    def _write(self, modules: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = json.dumps({"queues": self.queues, "python": sys.prefix, "modules": modules})
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".preloads-")
        try:
            with os.fdopen(handle, "w") as file:
                file.write(body)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
