"""Fixtures of the compatibility suite: the venv of Dioptra 1.2.2's published client
(see ``compat_venv``) and our server under uvicorn on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from compat_venv import CLIENT_VERSION, ClientVenvError, build_client_venv, cache_root


@pytest.fixture(scope="session")
def original_client_python() -> Path:
    """The Python of a venv holding Dioptra 1.2.2's client (built once, then cached)."""
    try:
        return build_client_venv(cache_root())
    except ClientVenvError as error:
        pytest.fail(
            f"cannot build the venv of dioptra-platform=={CLIENT_VERSION}'s client in "
            f"{cache_root()}: {error}\n(skip this suite with -m 'not slow')",
            pytrace=False,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_env(data_dir: Path, mlflow_store: Path) -> dict[str, str]:
    """A fresh SQLite data dir, cheap password hashing, no job dispatching (no worker
    runs: jobs stay queued unless a scenario plays the worker), and the MLflow file store
    the scenarios log to, whose runs' files may be registered by URI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIOPTRA_")}
    env.update(
        MLFLOW_TRACKING_URI=mlflow_store.as_uri(),
        DIOPTRA_DATA_DIR=str(data_dir),
        DIOPTRA_DISPATCH="none",
        DIOPTRA_PASSWORD_TIME_COST="1",
        DIOPTRA_PASSWORD_MEMORY_KIB="1024",
        DIOPTRA_PASSWORD_PARALLELISM="1",
    )
    return env


@pytest.fixture(scope="session")
def mlflow_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MLflow file store (``MLFLOW_TRACKING_URI``) of the server and the scenarios."""
    return tmp_path_factory.mktemp("mlruns")


@pytest.fixture(scope="session")
def server_address(tmp_path_factory: pytest.TempPathFactory, mlflow_store: Path) -> Iterator[str]:
    """Our server under uvicorn on a free loopback port, with a fresh data dir. One for
    the session: the scenarios use names of their own, as they must on a shared server."""
    tmp_path = tmp_path_factory.mktemp("server")
    port = _free_port()
    log_path = tmp_path / "server.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "dioptra.server.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=_server_env(tmp_path / "data", mlflow_store),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited: {log_path.read_text()}")
            try:
                if httpx.get(f"{address}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not answer /health within 60 s")
            time.sleep(0.1)  # polling a subprocess; there is nothing to wait on instead
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
