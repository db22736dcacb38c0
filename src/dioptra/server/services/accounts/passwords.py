"""Password hashing with argon2id, a bounded number at a time."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dioptra.server.services.core.errors import PasswordChecksBusyError

LOGGER = logging.getLogger(__name__)


class Passwords:
    """Hashes and checks passwords. The cost is configurable (tests use a cheap one).

    Each hash takes ``memory_kib`` of memory and a CPU for a while, so at most
    ``concurrency`` run at once (default: one per CPU) and at most ``max_waiting`` more
    wait for their turn, each in its request's worker thread (the app adds
    ``max_admitted`` threads for them); a check beyond that is refused at once
    (``PasswordChecksBusyError``), so a burst of logins exhausts neither memory nor the
    threads that serve other requests. Callers hash outside any database transaction
    (``ServiceContext.end_reads``).
    """

    def __init__(
        self,
        time_cost: int = 3,
        memory_kib: int = 65536,
        parallelism: int = 4,
        *,
        concurrency: int = 0,
        max_waiting: int = 24,
    ) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism
        )
        running = concurrency or os.cpu_count() or 1
        self._running = threading.BoundedSemaphore(running)
        self.max_admitted = running + max_waiting
        self._admitted = threading.BoundedSemaphore(self.max_admitted)
        # Checked against when the user does not exist, so both failures take as long.
        self._dummy_hash = self._hasher.hash("not a real password")

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if not self._admitted.acquire(blocking=False):
            LOGGER.warning("refused a password check: too many are running or waiting")
            raise PasswordChecksBusyError()
        try:
            with self._running:
                yield
        finally:
            self._admitted.release()

    def hash(self, password: str) -> str:
        with self._turn():
            return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        with self._turn():
            try:
                return self._hasher.verify(password_hash, password)
            except (VerificationError, InvalidHashError):
                return False

    def burn_time(self, password: str) -> None:
        """Spends the time of one verification (for unknown usernames)."""
        self.verify(self._dummy_hash, password)
