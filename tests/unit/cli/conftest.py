"""Fixtures of the CLI tests (the harness itself is in cli_harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_harness import Cli, FakeServer, make_cli


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def cli(server: FakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(server, monkeypatch, tmp_path)
