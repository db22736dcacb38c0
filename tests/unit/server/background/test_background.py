"""Repeated server work: runs on its interval, survives a failing call, stops with the block."""

from __future__ import annotations

import asyncio

import pytest

from dioptra.server.services.background.running import (
    MAX_BACKOFF_SECONDS,
    next_wait,
    running_every,
)


def test_work_repeats_after_a_failure_and_stops_with_the_block(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("first call fails")

    async def scenario() -> int:
        async with running_every(0.01, work, name="test work", first_after=0):
            while len(calls) < 3:
                await asyncio.sleep(0.005)
        stopped_at = len(calls)
        await asyncio.sleep(0.05)
        return stopped_at

    stopped_at = asyncio.run(asyncio.wait_for(scenario(), timeout=10))
    assert len(calls) == stopped_at  # nothing ran after the block
    assert "test work failed; it will run again" in caplog.text


def test_a_non_positive_interval_runs_nothing() -> None:
    calls: list[str] = []

    async def scenario() -> None:
        async with running_every(0, lambda: calls.append("ran"), name="off", first_after=0):
            await asyncio.sleep(0.02)

    asyncio.run(scenario())
    assert calls == []


def test_calls_that_keep_failing_wait_longer_each_time_up_to_a_ceiling() -> None:
    assert next_wait(1.0, 0) == 1.0
    assert [next_wait(1.0, failures) for failures in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert next_wait(1.0, 50) == MAX_BACKOFF_SECONDS
    assert next_wait(600.0, 3) == 600.0  # a long interval is never shortened
