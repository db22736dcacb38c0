"""Password checks: limited per account and per client, and run outside any transaction.

Only failed checks count, in a sliding window: after ``per_account`` failures for one
account, or ``per_client`` failures from one client address, every password check for it
is refused (429, ``Retry-After``) until the oldest failure leaves the window, even with
the right password, so guessing learns nothing. A success clears the account's count.
The price: anyone can keep an account locked by failing for it; the lock lasts no longer
than the window after the last failures, and the refusals are logged.

The counts live in this process: with several server processes each keeps its own, so
the effective limits multiply by their number (a shared store would be needed to keep
them exact). Behind a reverse proxy every request has the proxy's address, so the
per-client limit then counts everyone together.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from dioptra.server.db.tables import User
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import TooManyPasswordAttemptsError

LOGGER = logging.getLogger(__name__)


class PasswordAttempts:
    """Recent failed password checks by account and by client (thread-safe)."""

    def __init__(
        self,
        per_account: int,
        per_client: int,
        window_seconds: float,
        *,
        max_tracked: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limits = {"account": per_account, "client": per_client}
        self._window = window_seconds
        # Least recently failed first; beyond max_tracked keys the oldest are forgotten,
        # which bounds the memory a flood of made-up usernames can take.
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._max_tracked = max_tracked
        self._clock = clock
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self._window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def refuse_if_blocked(self, account: str, client: str) -> None:
        """Raises ``TooManyPasswordAttemptsError`` while either limit is reached."""
        with self._lock:
            now = self._clock()
            waits = []
            for key in (("account", account), ("client", client)):
                times = self._recent(key, now)
                if len(times) >= self._limits[key[0]]:
                    # Free again once enough failures leave the window.
                    waits.append(times[-self._limits[key[0]]] + self._window - now)
        if waits:
            retry_after = max(1, math.ceil(max(waits)))
            LOGGER.warning(
                "refused a password check for account %r from %s: too many failures "
                "(retry after %d s)",
                account,
                client,
                retry_after,
            )
            raise TooManyPasswordAttemptsError(retry_after)

    def failed(self, account: str, client: str) -> None:
        with self._lock:
            now = self._clock()
            for key in (("account", account), ("client", client)):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times
                self._failures.move_to_end(key)
            while len(self._failures) > self._max_tracked:
                self._failures.popitem(last=False)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(("account", account), None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


def check_password(
    ctx: ServiceContext, account: str, password_hash: str | None, password: str
) -> bool:
    """Whether ``password`` matches ``password_hash`` (None: no such account; the check
    then takes as long and fails). Refuses while the account or the client is blocked.

    Ends the request's transaction first (it must not have written anything): the hash
    runs holding no database lock or connection, and the next query opens a new one.
    """
    attempts = ctx.password_attempts
    if attempts is not None:
        attempts.refuse_if_blocked(account, ctx.client)
    ctx.end_reads()
    hasher = ctx.password_hasher
    if password_hash is None:
        hasher.burn_time(password)
        matches = False
    else:
        matches = hasher.verify(password_hash, password)
    if attempts is not None:
        if matches:
            attempts.succeeded(account)
        else:
            attempts.failed(account, ctx.client)
    return matches


def user_if_unchanged(ctx: ServiceContext, user_id: int, checked_hash: str) -> User | None:
    """The user, loaded by the transaction that will write, if their password is still the
    one ``check_password`` checked outside any transaction (a concurrent change wins)."""
    user = ctx.db.get(User, user_id)
    if user is None or user.deleted or user.password_hash != checked_hash:
        return None
    return user
