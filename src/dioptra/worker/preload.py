"""Imported by the fork server before any job: does once what every job would repeat.

Job processes fork from the fork server and inherit all of it: the TLS context, and the
modules httpx and the job's logging only import on first use (~40 ms per job otherwise),
what confining a job needs (the temp folder, found by writing a file, and libc), and the
modules the worker asks for: configured (``DIOPTRA_WORKER_PRELOAD``) and learned from
its jobs (``fork_server.py``). It is imported last: once it is done, so is the fork
server.
"""

import contextlib
import importlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from dioptra.worker.api import connect, shared_ssl_context
from dioptra.worker.bundle_cache import BundleCache
from dioptra.worker.capture import install_log_capture
from dioptra.worker.import_learning import (
    ENV_FORK_SERVER_PRELOAD,
    LEARNABLE_NAME,
    installed_roots,
    installed_spec,
)
from dioptra.worker.landlock import abi_version
from dioptra.worker.layout import JobLayout

# Modules asked for that this fork server did not import, and why (a job process reports
# them, so the worker stops asking). A module that is not installed is skipped silently.
NOT_PRELOADED: dict[str, str] = {}


def _import_requested(requested: dict[str, Any]) -> None:
    """Import what the worker asks for, each module on its own: one that fails, or that
    starts threads (forking a process that runs threads is unsafe), is noted, never fatal.
    A learned module must be an installed package, found in site-packages first."""
    configured = [str(name) for name in requested.get("configured", [])]
    learned = [str(name) for name in requested.get("learned", [])]
    for name in dict.fromkeys([*configured, *learned]):
        top = name.partition(".")[0]
        if name not in configured and (
            not LEARNABLE_NAME.fullmatch(name) or not installed_spec(top)
        ):
            NOT_PRELOADED[name] = "not an installed package"
            continue
        threads = threading.active_count()
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != top:  # it is installed, but something it needs is not
                NOT_PRELOADED[name] = f"{type(error).__name__}: {error}"
        except BaseException as error:  # whatever it raises, the fork server lives on
            NOT_PRELOADED[name] = f"{type(error).__name__}: {error}"
        else:
            if threading.active_count() > threads:
                NOT_PRELOADED[name] = "it starts threads when imported"


shared_ssl_context()
tempfile.gettempdir()
abi_version()
installed_roots()
# A client never used for a request: building one imports httpcore, h11 and the rest.
connect("http://127.0.0.1:9").close()
with contextlib.suppress(ImportError):
    import structlog  # noqa: F401  (plugins written for Dioptra log with it)
_requested = json.loads(os.environ.get(ENV_FORK_SERVER_PRELOAD) or "{}")
_import_requested(_requested)
if _requested.get("ready"):  # the worker waits for this before it forks jobs from here
    Path(_requested["ready"]).touch()

__all__ = ["NOT_PRELOADED", "BundleCache", "JobLayout", "install_log_capture"]
