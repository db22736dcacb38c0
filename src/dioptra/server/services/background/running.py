"""Work the server repeats while it runs (the job watchdog, artifact digests)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

LOGGER = logging.getLogger(__name__)
# After failures in a row, the wait doubles each time, up to this (or the interval).
MAX_BACKOFF_SECONDS = 60.0


def next_wait(interval_seconds: float, failures: int) -> float:
    """The wait before the next call after ``failures`` failed calls in a row."""
    if failures == 0:
        return interval_seconds
    ceiling = max(interval_seconds, MAX_BACKOFF_SECONDS)
    return min(interval_seconds * 2.0 ** min(failures, 32), ceiling)


@asynccontextmanager
async def running_every(
    interval_seconds: float, work: Callable[[], object], *, name: str, first_after: float | None
) -> AsyncIterator[None]:
    """Calls ``work`` (in a thread, off the event loop) every ``interval_seconds`` while
    the block runs, the first time after ``first_after`` seconds (default: one
    interval). A non-positive interval runs nothing; a failed call is logged and the
    next ones still run, further apart while they keep failing (``next_wait``)."""
    if interval_seconds <= 0:
        yield
        return

    async def loop() -> None:
        await asyncio.sleep(interval_seconds if first_after is None else first_after)
        failures = 0
        while True:
            try:
                await asyncio.to_thread(work)
            except Exception:
                failures += 1
                wait = next_wait(interval_seconds, failures)
                LOGGER.exception("%s failed; it will run again in %.3g s", name, wait)
            else:
                failures = 0
            await asyncio.sleep(next_wait(interval_seconds, failures))

    task = asyncio.create_task(loop(), name=f"dioptra-{name}")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
