"""Fixtures shared by the entrypoint tests."""

from __future__ import annotations

from typing import Any

import pytest
from entrypoint_testing import training_plugin
from fastapi.testclient import TestClient


@pytest.fixture
def training(alice: TestClient) -> dict[str, Any]:
    """The training plugin (see ``entrypoint_testing``), created by alice."""
    return training_plugin(alice)
