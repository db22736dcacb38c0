"""What the end-to-end CLI tests share: a real `dioptra up` and the installed `dioptra`
command run as a user would type it (the fixtures are in conftest.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
DIOPTRA = str(Path(sys.executable).with_name("dioptra"))
PASSWORD = "Tutorial-pass-1!"
# Cheap password hashing (tests, not production) and a headless matplotlib.
TEST_ENV = {
    "DIOPTRA_PASSWORD_TIME_COST": "1",
    "DIOPTRA_PASSWORD_MEMORY_KIB": "8192",
    "DIOPTRA_PASSWORD_PARALLELISM": "1",
    "MPLBACKEND": "Agg",
    "COLUMNS": "200",  # tables on one line each, so they can be read back
    "NO_COLOR": "1",
}
# The environment without DIOPTRA_* settings another test module may have left set.
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("DIOPTRA_")}


@dataclass
class Server:
    url: str
    data_dir: Path
    log: Path
    config_dir: Path  # the config folder of its user, where `up` records where it listens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_health(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"`dioptra up` exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"`dioptra up` did not answer within 90 s:\n{log.read_text()}")


@dataclass
class CliSession:
    env: dict[str, str]
    server: Server

    def __call__(
        self, *args: str, input: str | None = None, timeout: float = 60, expect: int = 0
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [DIOPTRA, *args],
            cwd=REPO,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == expect, (
            f"dioptra {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n"
            f"server log:\n{self.server.log.read_text(errors='replace')[-3000:]}"
        )
        return result


def table_rows(text: str) -> list[list[str]]:
    """The body rows of rich tables in `text`, as lists of stripped cells (a row whose
    first cell is empty continues a wrapped cell, and is left out)."""
    rows = [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in text.splitlines()
        if line.strip().startswith("│")
    ]
    return [row for row in rows if row[0]]


@contextmanager
def running_server(root: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`dioptra up` on a free port with its data under `root`, stopped on exit; `env` adds
    to (or overrides) its environment."""
    data_dir, log = root / "data", root / "server.log"
    port = free_port()
    args = [DIOPTRA, "up", "--no-browser", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("wb") as sink:
        # Its own config folder: the record of where it listens stays out of the user's.
        server_env = {
            **CLEAN_ENV,
            **TEST_ENV,
            "DIOPTRA_CONFIG_DIR": str(root / "config"),
            **(env or {}),
        }
        process = subprocess.Popen(
            args, cwd=REPO, env=server_env, stdout=sink, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process, log)
        yield Server(url, data_dir, log, root / "config")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def session_for(server: Server, config_dir: Path) -> CliSession:
    """A CLI session against `server` with its own saved-login directory."""
    env = {
        **CLEAN_ENV,
        **TEST_ENV,
        "DIOPTRA_API": server.url,
        "DIOPTRA_CONFIG_DIR": str(config_dir),
    }
    return CliSession(env=env, server=server)
