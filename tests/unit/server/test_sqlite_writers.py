"""SQLite write transactions of one process take turns instead of racing the busy timeout."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from dioptra.server.db import engine as db_engine


def _writer_engine(path: Path) -> sa.Engine:
    engine = db_engine.create_db_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
    return db_engine.writer_bind(engine)


def test_writers_queue_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each write holds the lock 20 ms; 30 writers need ~600 ms in all, far past a 50 ms
    # busy timeout: racing on SQLite's busy handler, most of them would fail.
    monkeypatch.setattr(db_engine, "SQLITE_BUSY_TIMEOUT_MS", 50)
    writer = _writer_engine(tmp_path / "db.sqlite")
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with writer.begin() as connection:
                connection.execute(sa.text("INSERT INTO t VALUES (:n)"), {"n": n})
                time.sleep(0.02)
        except BaseException as error:  # collected for the assertion
            failures.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    with writer.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM t").scalar() == 30


def test_a_writer_waiting_too_long_is_told_the_database_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_engine, "SQLITE_WRITER_WAIT_SECONDS", 0.1)
    writer = _writer_engine(tmp_path / "db.sqlite")
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with writer.begin() as connection:
            connection.execute(sa.text("INSERT INTO t VALUES (1)"))
            holding.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        with (
            pytest.raises(OperationalError, match="database is locked"),
            writer.begin() as connection,
        ):
            connection.execute(sa.text("INSERT INTO t VALUES (2)"))
    finally:
        done.set()
        holder.join()
    # The lock went back with the holder's commit: the next writer gets in.
    with writer.begin() as connection:
        connection.execute(sa.text("INSERT INTO t VALUES (3)"))
    with writer.connect() as connection:
        assert connection.exec_driver_sql("SELECT n FROM t ORDER BY n").scalars().all() == [1, 3]
