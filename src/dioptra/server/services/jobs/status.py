"""The job status machine, in one table.

Dioptra's statuses and transitions, plus ours: a job can be ``cancelled`` before it ends
and a started job can end in ``timeout``. ``reset`` is a request, not a status: it sends
any job back to ``queued``.
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

#: from status -> the statuses it may move to (``reset`` is allowed from anywhere).
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    QUEUED: frozenset({STARTED, DEFERRED, CANCELLED}),
    STARTED: frozenset({FINISHED, FAILED, CANCELLED, TIMEOUT}),
    DEFERRED: frozenset({STARTED, CANCELLED}),
    FINISHED: frozenset(),
    FAILED: frozenset(),
    CANCELLED: frozenset(),
    TIMEOUT: frozenset(),
}

#: A job in one of these has ended: its token dies and it can only be reset.
TERMINAL: Final[frozenset[str]] = frozenset({FINISHED, FAILED, CANCELLED, TIMEOUT})


def is_allowed(current: str, requested: str) -> bool:
    """Whether a job in ``current`` may be moved as ``requested`` asks."""
    if requested == RESET:
        return True
    return requested in TRANSITIONS.get(current, frozenset())


def resulting_status(requested: str) -> str:
    """The status a request leaves the job in (``reset`` stores ``queued``)."""
    return QUEUED if requested == RESET else requested
