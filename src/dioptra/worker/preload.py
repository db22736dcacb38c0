"""Imported by the fork server before any job: does once what every job would repeat.

Job processes fork from the fork server and inherit all of it: the TLS context, and the
modules httpx and the job's logging only import on first use (~40 ms per job otherwise),
and what confining a job needs: the temp folder (found by writing a file) and libc.
"""

import contextlib
import tempfile

from dioptra.worker.api import connect, shared_ssl_context
from dioptra.worker.bundle_cache import BundleCache
from dioptra.worker.capture import install_log_capture
from dioptra.worker.landlock import abi_version
from dioptra.worker.layout import JobLayout

shared_ssl_context()
tempfile.gettempdir()
abi_version()
# A client never used for a request: building one imports httpcore, h11 and the rest.
connect("http://127.0.0.1:9").close()
with contextlib.suppress(ImportError):
    import structlog  # noqa: F401  (plugins written for Dioptra log with it)

__all__ = ["BundleCache", "JobLayout", "install_log_capture"]
