"""The names of a job's statuses, written once for the server, the worker, the
dispatchers, the client and the CLI.

Dependency-free on purpose: a worker imports it without the server's extras. Which
status may follow which is the server's rule, in ``server/services/jobs/lifecycle.py``.
``reset`` is a request, not a status: it sends any job back to ``queued``.
"""

from __future__ import annotations

from typing import Final

QUEUED: Final = "queued"
STARTED: Final = "started"
DEFERRED: Final = "deferred"
FINISHED: Final = "finished"
FAILED: Final = "failed"
CANCELLED: Final = "cancelled"
TIMEOUT: Final = "timeout"
RESET: Final = "reset"

STATUSES: Final[tuple[str, ...]] = (
    QUEUED,
    STARTED,
    DEFERRED,
    FINISHED,
    FAILED,
    CANCELLED,
    TIMEOUT,
)
# What a status report may ask for (the statuses plus Dioptra's "reset").
REQUESTABLE: Final[tuple[str, ...]] = (*STATUSES, RESET)

#: A job in one of these has ended: its token dies and it can only be reset.
TERMINAL: Final[frozenset[str]] = frozenset({FINISHED, FAILED, CANCELLED, TIMEOUT})
