"""Engine and session factory for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long a write transaction of this process waits for its turn (``_queue_sqlite_writers``)
# before it fails as "database is locked".
SQLITE_WRITER_WAIT_SECONDS = 30.0
# Execution option naming how a SQLite transaction starts; write requests use IMMEDIATE so
# that two writers queue on the busy timeout instead of failing when upgrading a read lock.
SQLITE_BEGIN_OPTION = "dioptra_sqlite_begin"
# Set on a connection's record while its transaction holds the process's writer lock.
_HOLDS_WRITER_LOCK = "dioptra_holds_writer_lock"


# A pooled connection unused for this long is pinged before use: a restarted server or a
# network timeout may have closed it. One used more recently is handed out as it is (a
# ping on every checkout is a round trip on every request).
IDLE_PING_SECONDS = 10.0
_IDLE_SINCE = "dioptra_idle_since"


# A PostgreSQL server that takes a connection but never answers (a host gone quiet, not
# one refusing) fails the request after this long (503) instead of holding it forever.
# A connect_timeout in the database URL wins.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10


def create_db_engine(database_url: str, **kwargs: Any) -> Engine:
    """Creates the engine; SQLite gets WAL mode, foreign keys and a busy timeout;
    PostgreSQL a connect timeout."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
            connect_args = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}
            kwargs["connect_args"] = {**connect_args, **kwargs.get("connect_args", {})}
        engine = create_engine(url, **kwargs)
        ping_after_idle(engine, IDLE_PING_SECONDS)
        return engine

    if url.database and url.database != ":memory:":
        make_database_file_private(Path(url.database))
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    _queue_sqlite_writers(engine)
    return engine


def _queue_sqlite_writers(engine: Engine) -> None:
    """Write transactions of this process take turns on a lock before ``BEGIN IMMEDIATE``.

    SQLite lets one transaction write at a time, and its busy handler makes waiting writers
    sleep and retry: under load a writer can keep losing to later ones until its busy
    timeout runs out ("database is locked"). Waiting on a lock instead, writers go in turn,
    and the busy timeout is left to other processes sharing the file. A writer that waits
    longer than ``SQLITE_WRITER_WAIT_SECONDS`` gets the same "database is locked" error.
    """
    writer_lock = threading.Lock()

    def release(info: dict[str, Any]) -> None:
        if info.pop(_HOLDS_WRITER_LOCK, False):
            writer_lock.release()

    @event.listens_for(engine, "begin")
    def _begin_sqlite(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode == "IMMEDIATE":
            if not writer_lock.acquire(timeout=SQLITE_WRITER_WAIT_SECONDS):
                locked = sqlite3.OperationalError("database is locked")
                raise OperationalError("BEGIN IMMEDIATE", None, locked)
            connection.info[_HOLDS_WRITER_LOCK] = True
        try:
            connection.exec_driver_sql(f"BEGIN {mode}")
        except BaseException:
            release(connection.info)
            raise

    # The lock is given back as the transaction ends (these fire just before COMMIT or
    # ROLLBACK runs: a next writer's BEGIN IMMEDIATE waits the few ms on the busy timeout),
    # and at the latest when the pool resets the connection on its return.
    @event.listens_for(engine, "commit")
    def _committing(connection: Any) -> None:
        release(connection.info)

    @event.listens_for(engine, "rollback")
    def _rolling_back(connection: Any) -> None:
        release(connection.info)

    @event.listens_for(engine, "reset")
    def _reset(_dbapi_connection: Any, record: ConnectionPoolEntry, _state: Any) -> None:
        release(record.info)

    @event.listens_for(engine, "invalidate")
    def _invalidated(_dbapi_connection: Any, record: ConnectionPoolEntry, _error: Any) -> None:
        release(record.info)


def make_database_file_private(path: Path) -> None:
    """Create the SQLite file readable by its owner only (SQLite gives its -wal and -shm
    files the same mode), or make an existing one so again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            if file.stat().st_mode & 0o777 != 0o600:
                file.chmod(0o600)


def ping_after_idle(engine: Engine, idle_seconds: float) -> None:
    """Pings a pooled connection at checkout when it sat idle ``idle_seconds`` or more;
    a dead one is replaced, as ``pool_pre_ping`` would, before the request uses it."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)  # None: connected for this checkout
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                # The pool discards this connection and checks out another one.
                raise DisconnectionError() from error
            raise


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: responses are rendered from them.
    return sessionmaker(bind=engine, expire_on_commit=False)


# What a read-only request may run (psycopg's ping is a SELECT too).
_READ_STATEMENTS = frozenset({"SELECT", "WITH", "SHOW", "EXPLAIN"})


class WriteInReadOnlyRequestError(RuntimeError):
    """A GET (HEAD, OPTIONS) request tried to change the database."""


def _refuse_writes(
    _connection: Any, _cursor: Any, statement: str, _parameters: Any, *_: Any
) -> None:
    words = statement.split(None, 1)
    if not words or words[0].upper() not in _READ_STATEMENTS:
        raise WriteInReadOnlyRequestError(
            "a GET request may not change the database (it runs without a transaction on "
            f"PostgreSQL); refused: {statement[:80]!r}"
        )


def reader_bind(engine: Engine) -> Engine:
    """The engine to bind a session that only reads.

    PostgreSQL: autocommit, which spares a read the BEGIN and COMMIT round trips; each
    statement still reads one snapshot, as it did in the READ COMMITTED transaction it
    replaces. Statements that write are refused, so a read route that writes fails
    loudly instead of committing half its work. SQLite keeps its (in-process) deferred
    transactions.
    """
    if engine.dialect.name != "postgresql":
        return engine
    reader = engine.execution_options(isolation_level="AUTOCOMMIT")
    # Listeners on an execution_options() engine apply to it alone.
    event.listen(reader, "before_cursor_execute", _refuse_writes)
    return reader


class WriteAttemptedError(Exception):
    """A statement that would write, stopped by ``checking_bind`` before it was sent."""


# What a checking session may send besides reads: its transaction and savepoints.
_CHECKING_STATEMENTS = _READ_STATEMENTS | {"BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK"}


def _stop_at_writes(
    _connection: Any, _cursor: Any, statement: str, _parameters: Any, *_: Any
) -> None:
    words = statement.split(None, 1)
    if not words or words[0].upper() not in _CHECKING_STATEMENTS:
        raise WriteAttemptedError(statement[:80])


def checking_bind(engine: Engine) -> Engine:
    """The engine for a request's checks run before its write transaction: a plain
    transaction (deferred on SQLite, so it takes no write lock) that stops with
    ``WriteAttemptedError`` at the first statement that would write."""
    checker = engine.execution_options()
    event.listen(checker, "before_cursor_execute", _stop_at_writes)
    return checker


def reading_bind(engine: Engine) -> Engine:
    """The engine for a session that only reads, from any bind (a writer's included): a
    deferred transaction on SQLite, which takes no write lock."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{SQLITE_BEGIN_OPTION: "DEFERRED"})


def writer_bind(engine: Engine) -> Engine:
    """The engine to bind a session that will write (takes the SQLite write lock up front)."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
