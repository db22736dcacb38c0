"""The launcher: processes forked from the fork server, started and watched from many
threads at once (as the runner threads of ``dioptra up`` do)."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

from dioptra.worker.launcher import start_process

EXIT_CODE = 3
THREADS = 8
LAUNCHES_PER_THREAD = 25


def _launch_and_wait(count: int) -> list[int | None]:
    codes: list[int | None] = []
    for index in range(count):
        process = start_process(os._exit, (EXIT_CODE,), name=f"launcher-test-{index}")
        try:
            codes.append(process.wait(timeout=30))
        finally:
            process.close()
    return codes


def test_concurrent_launches_each_report_their_own_exit_code() -> None:
    # Every start polled every other child, from its own thread: two threads reading one
    # child's exit code at once made one of them see 255 (or None) instead of 3.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(_launch_and_wait, [LAUNCHES_PER_THREAD] * THREADS))
    codes = [code for per_thread in results for code in per_thread]
    assert len(codes) == THREADS * LAUNCHES_PER_THREAD
    assert {code for code in codes if code != EXIT_CODE} == set()


def test_a_killed_process_reports_the_signal_once_waited_for() -> None:
    process = start_process(time.sleep, (60,), name="launcher-test-sleep")
    try:
        assert process.wait(timeout=0.1) is None
        process.kill()
        assert process.wait(timeout=30) == -signal.SIGKILL
        assert process.exitcode == -signal.SIGKILL
    finally:
        process.close()
