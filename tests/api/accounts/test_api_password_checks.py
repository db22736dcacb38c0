"""Password checks: they hold no database connection while hashing, run a bounded number
at a time, and wrong passwords are limited per account and per client address."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error, login, register
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dioptra.server.services.accounts.passwords import Passwords

ACCOUNT_LIMIT = 10  # the default settings
CLIENT_LIMIT = 50


def _login(client: TestClient, username: str, password: str = "pw") -> Any:
    return client.post(f"{API}/auth/login", json={"username": username, "password": password})


class _Probe(Passwords):
    """Cheap hashing that notes how many pooled connections were in use meanwhile and
    takes a little while, as a real hash does."""

    def __init__(self, engine: sa.Engine) -> None:
        super().__init__(time_cost=1, memory_kib=1024, parallelism=1)
        self.engine = engine
        self.connections_in_use: list[int] = []

    def _note(self) -> None:
        pool = self.engine.pool
        self.connections_in_use.append(pool.checkedout())  # type: ignore[attr-defined]
        time.sleep(0.02)

    def hash(self, password: str) -> str:
        self._note()
        return super().hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        self._note()
        return super().verify(password_hash, password)


@pytest.fixture
def probe(app: FastAPI, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Probe]:
    probe = _Probe(engine)
    monkeypatch.setattr(app.state.dioptra, "passwords", probe)
    yield probe


def test_no_database_connection_is_held_while_hashing(
    alice: TestClient, anon: TestClient, probe: _Probe
) -> None:
    register(anon, "carol")
    login(anon, "carol")
    assert _login(anon, "carol", "wrong").status_code == 401
    changed = anon.post(
        f"{API}/users/current/password",
        json={"oldPassword": "pw", "newPassword": "pw2", "confirmNewPassword": "pw2"},
    )
    assert changed.status_code == 200, changed.text
    login(anon, "carol", "pw2")
    closed = anon.request("DELETE", f"{API}/users/current", json={"password": "pw2"})
    assert closed.status_code == 200, closed.text

    # register, login, wrong login, change (old, new-vs-old, new), login, delete
    assert probe.connections_in_use == [0] * 8


def test_parallel_logins_and_writes_all_succeed(
    new_client: Callable[..., TestClient], alice: TestClient, probe: _Probe
) -> None:
    clients = [new_client() for _ in range(20)]
    for index, client in enumerate(clients):
        register(client, f"user{index}")
    statuses: list[int] = []

    def log_in(index: int) -> None:
        statuses.append(_login(clients[index], f"user{index}").status_code)

    def write(index: int) -> None:
        created = alice.post(f"{API}/queues/", json={"group": 1, "name": f"queue{index}"})
        statuses.append(created.status_code)

    threads = [threading.Thread(target=log_in, args=(i,)) for i in range(20)]
    threads += [threading.Thread(target=write, args=(i,)) for i in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 25
    assert all(c.get(f"{API}/users/current").status_code == 200 for c in clients)


def test_too_many_waiting_password_checks_are_refused_for_now(
    anon: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(anon, "carol")
    busy = Passwords(time_cost=1, memory_kib=1024, parallelism=1, concurrency=1, max_waiting=0)
    monkeypatch.setattr(app.state.dioptra, "passwords", busy)

    with busy._turn():  # another check is running and none may wait
        response = _login(anon, "carol")

    assert_error(response, 503, "PasswordChecksBusyError", {"retry_after_seconds": 1})
    assert response.headers["retry-after"] == "1"
    assert _login(anon, "carol").status_code == 200


def _assert_refused(response: Any) -> int:
    body = assert_error(response, 429, "TooManyPasswordAttemptsError")
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= 900
    assert body["detail"] == {"retry_after_seconds": retry_after}
    assert body["message"].startswith("Too Many Requests - Too many failed password attempts")
    assert "set-cookie" not in response.headers
    return retry_after


def test_wrong_passwords_lock_the_account_for_a_while(
    new_client: Callable[..., TestClient], caplog: pytest.LogCaptureFixture
) -> None:
    guesser = new_client("10.0.0.1")
    register(guesser, "carol")
    register(guesser, "dave")
    for _ in range(ACCOUNT_LIMIT):
        assert _login(guesser, "carol", "guess").status_code == 401

    # Even the right password is refused now, from any address: guessing learns nothing.
    _assert_refused(_login(guesser, "carol"))
    _assert_refused(_login(new_client("10.0.0.2"), "carol"))
    assert "refused a password check for account 'carol' from 10.0.0.1" in caplog.text
    # Other accounts are not locked.
    login(guesser, "dave")


def test_a_client_guessing_many_accounts_is_refused(
    new_client: Callable[..., TestClient],
) -> None:
    guesser = new_client("10.0.0.1")
    register(guesser, "carol")
    for index in range(CLIENT_LIMIT):
        assert _login(guesser, f"nobody{index}", "guess").status_code == 401

    _assert_refused(_login(guesser, "carol"))
    login(new_client("10.0.0.2"), "carol")


def test_only_failures_count_and_a_success_clears_the_account(
    anon: TestClient,
) -> None:
    register(anon, "carol")
    for _ in range(ACCOUNT_LIMIT + 5):
        login(anon, "carol")
    for _ in range(2):
        for _ in range(ACCOUNT_LIMIT - 1):
            assert _login(anon, "carol", "guess").status_code == 401
        login(anon, "carol")


def test_wrong_current_passwords_count_too(alice: TestClient) -> None:
    wrong = {"oldPassword": "guess", "newPassword": "new", "confirmNewPassword": "new"}
    for _ in range(ACCOUNT_LIMIT):
        refused = alice.post(f"{API}/users/current/password", json=wrong)
        assert_error(refused, 403, "UserPasswordChangeError")

    _assert_refused(alice.post(f"{API}/users/current/password", json=wrong))
    _assert_refused(alice.request("DELETE", f"{API}/users/current", json={"password": "pw"}))
    _assert_refused(_login(alice, "alice"))
