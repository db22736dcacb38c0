"""Dioptra 1.2.2's published Python client against our server, over real HTTP.

The client is installed once into ``~/.cache/dioptra-compat-venv/<version>`` (about a
minute, needs the package index) and reused afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

CLIENT_VERSION = "1.2.2"
CACHE_ROOT = Path.home() / ".cache" / "dioptra-compat-venv"
SCRIPT = Path(__file__).with_name("original_client_script.py")


def _venv_python(root: Path) -> Path:
    return root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@pytest.fixture(scope="session")
def original_client_python() -> Path:
    """A venv with ``dioptra-platform==1.2.2``, built once (atomically) and cached."""
    target = CACHE_ROOT / CLIENT_VERSION
    if _venv_python(target).exists():
        return _venv_python(target)
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    staging = CACHE_ROOT / f".{CLIENT_VERSION}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    venv.create(staging, with_pip=True)
    install = subprocess.run(
        [
            str(_venv_python(staging)),
            "-m",
            "pip",
            "install",
            "-q",
            f"dioptra-platform=={CLIENT_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if install.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        pytest.skip(f"cannot install dioptra-platform=={CLIENT_VERSION}: {install.stderr[-500:]}")
    try:
        staging.rename(target)
    except OSError:  # another session finished first; use theirs
        shutil.rmtree(staging, ignore_errors=True)
    return _venv_python(target)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server_address(tmp_path: Path) -> Iterator[str]:
    """Our server under uvicorn on a free loopback port, with a fresh data dir."""
    port = _free_port()
    env = {
        **os.environ,
        "DIOPTRA_DATA_DIR": str(tmp_path / "data"),
        "DIOPTRA_PASSWORD_TIME_COST": "1",
        "DIOPTRA_PASSWORD_MEMORY_KIB": "1024",
        "DIOPTRA_PASSWORD_PARALLELISM": "1",
    }
    env.pop("DIOPTRA_DATABASE_URL", None)
    log = (tmp_path / "server.log").open("w")
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
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited: {(tmp_path / 'server.log').read_text()}")
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


def test_original_client_drives_queues_tags_drafts(
    original_client_python: Path, server_address: str
) -> None:
    result = subprocess.run(
        [str(original_client_python), str(SCRIPT), server_address],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
