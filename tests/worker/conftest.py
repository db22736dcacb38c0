"""Fixtures for the end-to-end worker tests: real servers, projects registered over REST."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from deployment import Deployment, deploy
from server_harness import ServerProcess


@pytest.fixture(scope="module")
def local_deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """``dioptra up`` on SQLite with two local runners."""
    root = tmp_path_factory.mktemp("local")
    server = ServerProcess(root / "data", env={"DIOPTRA_RUNNERS": "2"})
    server.start()
    try:
        yield deploy(server)
    finally:
        server.stop()
