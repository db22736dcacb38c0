"""Fixtures of the end-to-end CLI tests: one `dioptra up` per test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_server import CliSession, Server, running_server, session_for


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("cli-session")) as started:
        yield started


@pytest.fixture
def dioptra(server: Server, tmp_path: Path) -> CliSession:
    return session_for(server, tmp_path / "config")
