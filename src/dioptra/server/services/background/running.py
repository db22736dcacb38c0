"""Work the server repeats while it runs (the job watchdog, artifact digests)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

LOGGER = logging.getLogger(__name__)


@asynccontextmanager
async def running_every(
    interval_seconds: float, work: Callable[[], object], *, name: str, first_after: float | None
) -> AsyncIterator[None]:
    """Calls ``work`` (in a thread, off the event loop) every ``interval_seconds`` while
    the block runs, the first time after ``first_after`` seconds (default: one
    interval). A non-positive interval runs nothing; a failed call is logged and the
    next one still runs."""
    if interval_seconds <= 0:
        yield
        return

    async def loop() -> None:
        await asyncio.sleep(interval_seconds if first_after is None else first_after)
        while True:
            try:
                await asyncio.to_thread(work)
            except Exception:
                LOGGER.exception("%s failed; it will run again", name)
            await asyncio.sleep(interval_seconds)

    task = asyncio.create_task(loop(), name=f"dioptra-{name}")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
