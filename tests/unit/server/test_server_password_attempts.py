"""The sliding window of failed password checks, and the bound on hashes at once."""

from __future__ import annotations

import pytest

from dioptra.server.services.accounts.attempts import PasswordAttempts
from dioptra.server.services.accounts.passwords import Passwords
from dioptra.server.services.core.errors import (
    PasswordChecksBusyError,
    TooManyPasswordAttemptsError,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _attempts(clock: Clock, per_account: int = 3, per_client: int = 5) -> PasswordAttempts:
    return PasswordAttempts(per_account, per_client, window_seconds=60, clock=clock)


def _retry_after(attempts: PasswordAttempts, account: str, client: str) -> int:
    with pytest.raises(TooManyPasswordAttemptsError) as refused:
        attempts.refuse_if_blocked(account, client)
    return refused.value.retry_after_seconds


def test_failures_leave_the_window_one_by_one() -> None:
    clock = Clock()
    attempts = _attempts(clock)
    for _ in range(3):
        attempts.refuse_if_blocked("carol", "a")
        attempts.failed("carol", "a")
        clock.now += 10

    # Failures at 1000, 1010, 1020; the first leaves the window at 1060.
    assert _retry_after(attempts, "carol", "b") == 30
    clock.now = 1059.5
    assert _retry_after(attempts, "carol", "b") == 1
    clock.now = 1060
    attempts.refuse_if_blocked("carol", "b")
    attempts.failed("carol", "b")
    assert _retry_after(attempts, "carol", "b") == 10  # the next one leaves at 1070


def test_a_client_is_limited_across_accounts() -> None:
    clock = Clock()
    attempts = _attempts(clock)
    for index in range(5):
        attempts.failed(f"user{index}", "a")

    assert _retry_after(attempts, "someone", "a") == 60
    attempts.refuse_if_blocked("someone", "b")


def test_a_success_clears_the_account_but_not_the_client() -> None:
    clock = Clock()
    attempts = _attempts(clock, per_account=2, per_client=3)
    attempts.failed("carol", "a")
    attempts.failed("carol", "a")
    attempts.succeeded("carol")

    attempts.refuse_if_blocked("carol", "b")
    attempts.failed("dave", "a")
    assert _retry_after(attempts, "carol", "a") == 60


def test_the_oldest_keys_are_forgotten_beyond_the_bound() -> None:
    clock = Clock()
    attempts = PasswordAttempts(1, 100, 60, max_tracked=4, clock=clock)
    attempts.failed("first", "a")
    attempts.failed("second", "b")
    attempts.failed("third", "c")  # 6 keys: first's and a's are dropped

    attempts.refuse_if_blocked("first", "z")
    _retry_after(attempts, "third", "z")


def test_hashes_beyond_the_running_and_waiting_bound_are_refused() -> None:
    passwords = Passwords(1, 1024, 1, concurrency=1, max_waiting=0)
    with passwords._turn(), pytest.raises(PasswordChecksBusyError):
        passwords.hash("pw")
    assert passwords.verify(passwords.hash("pw"), "pw")
