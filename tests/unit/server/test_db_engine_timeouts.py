"""A PostgreSQL server that takes the connection but never answers fails the connect
after the engine's timeout, as an error the API answers 503, instead of hanging."""

from __future__ import annotations

import socket
import time

import pytest
import sqlalchemy as sa

from dioptra.server.db import engine as engine_module


def test_a_silent_postgres_fails_the_connect_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.setattr(engine_module, "POSTGRES_CONNECT_TIMEOUT_SECONDS", 2)  # libpq's least
    with socket.socket() as silent:  # the kernel completes the handshake; nobody answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        engine = engine_module.create_db_engine(f"postgresql+psycopg://u@127.0.0.1:{port}/d")
        started = time.monotonic()
        with pytest.raises(sa.exc.OperationalError) as failure:
            engine.connect()
        assert time.monotonic() - started < 10
        assert failure.value.statement is None  # a failed connect: the API's 503
        engine.dispose()
