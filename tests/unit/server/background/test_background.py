"""Repeated server work: runs on its interval, survives a failing call, stops with the block."""

from __future__ import annotations

import asyncio

import pytest

from dioptra.server.services.background.running import running_every


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
