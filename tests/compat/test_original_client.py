"""Dioptra 1.2.2's published Python client drives our server unchanged, over real HTTP.

Each scenario in ``scenarios/`` is a script run by the client venv's Python (never ours)
against our server; it asserts what the client gets back and exits non-zero with the
failing assertion when the client and the server disagree. Most also pass against
the original server, see README.md.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from compat_venv import ClientVenvError, build_client_venv

pytestmark = pytest.mark.slow

SCENARIOS = Path(__file__).with_name("scenarios")
SCENARIO_NAMES = sorted(p.stem for p in SCENARIOS.glob("[!_]*.py"))


def run_scenario(
    python: Path, name: str, address: str, cwd: Path, mlflow_store: Path
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["MLFLOW_TRACKING_URI"] = mlflow_store.as_uri()  # where a job logs, as the server has
    return subprocess.run(
        [str(python), str(SCENARIOS / f"{name}.py"), address],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_every_scenario_is_collected() -> None:
    assert {
        "users_auth",
        "queues_tags_drafts",
        "plugins",
        "entrypoints",
        "experiments_jobs",
        "resource_import",
        "import_original_project",
        "artifacts_models",
        "artifacts_by_uri",
    } <= set(SCENARIO_NAMES)


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_original_client_scenario(
    original_client_python: Path,
    server_address: str,
    mlflow_store: Path,
    scenario: str,
    tmp_path: Path,
) -> None:
    result = run_scenario(original_client_python, scenario, server_address, tmp_path, mlflow_store)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{scenario}: all checks passed" in result.stdout


def test_venv_build_fails_fast_and_clearly_without_an_index(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple",  # the discard port: nothing listens
        "PIP_RETRIES": "0",
        "PIP_NO_CACHE_DIR": "1",
        "PIP_FIND_LINKS": "",
    }
    env.pop("PIP_EXTRA_INDEX_URL", None)

    started = time.monotonic()
    with pytest.raises(ClientVenvError, match="is the package index reachable"):
        build_client_venv(tmp_path / "cache", env)

    assert time.monotonic() - started < 60  # pip gives up; nothing waits for a timeout

    assert list((tmp_path / "cache").iterdir()) == []  # no half-built venv is left behind
