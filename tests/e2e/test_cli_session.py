"""A whole CLI session against a real `dioptra up`: account, token, import, run, download.

Everything goes through the installed `dioptra` command, as a user would type it; the
only thing checked outside the CLI is the downloaded .npy file itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from cli_server import CLEAN_ENV, PASSWORD, REPO, TEST_ENV, CliSession, Server, table_rows

pytestmark = pytest.mark.slow


def test_a_user_imports_the_tutorial_runs_a_job_and_downloads_its_array(
    dioptra: CliSession, tmp_path: Path
) -> None:
    created = dioptra(
        "user", "create", "ada", "--email", "ada@example.org", "--password-stdin",
        "--data-dir", str(dioptra.server.data_dir),
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert "Created user ada" in created.stderr

    token = dioptra("--username", "ada", "--password", PASSWORD, "token", "create", "e2e")
    assert re.fullmatch(r"\S{20,}\n", token.stdout), token.stdout
    dioptra.env["DIOPTRA_API_TOKEN"] = token.stdout.strip()

    imported = dioptra("import", "examples/tutorial")
    imported_names = {row[1] for row in table_rows(imported.stdout)}
    assert {"sample_and_save_artifact", "rescale_and_graph_array", "NumpyArray"} <= imported_names

    dioptra("queues", "create", "tutorial")
    run = dioptra(
        "run", "tutorial", "sample_and_save_artifact", "-p", "sample_size=64", "-p", "seed=3",
        "--queue", "tutorial", "--create-experiment",
        timeout=300,
    )  # fmt: skip
    job_id = re.search(r"Job (\d+) submitted", run.stderr)
    assert job_id is not None, run.stderr
    assert f"Job {job_id[1]} finished" in run.stdout
    assert "transformed: size=64" in run.stdout  # print_stats' line, from the job's log

    artifacts = table_rows(dioptra("artifacts", "list", "--job", job_id[1]).stdout)
    assert len(artifacts) == 1, artifacts
    artifact_id = artifacts[0][0]

    out = tmp_path / "downloads"
    downloaded = dioptra("artifacts", "download", artifact_id, "-o", str(out))
    assert f"Saved artifact {artifact_id}" in downloaded.stderr
    (saved,) = out.iterdir()
    array = np.load(saved, allow_pickle=False)
    assert array.shape == (64,)
    assert np.all(np.abs(array) <= 1.0)  # tanh, the default transform
    assert array.std() > 0


def test_errors_are_one_line_with_the_servers_message(dioptra: CliSession) -> None:
    result = dioptra("jobs", "show", "999999", expect=1)

    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ")


def published_client_python() -> str:
    """Python of a cached venv holding the published dioptra-platform 1.2.2 client (built
    from PyPI on first use by the compat suite's builder), plus numpy for the script."""
    sys.path.insert(0, str(REPO / "tests" / "compat"))
    try:
        from compat_venv import build_client_venv, cache_root
    finally:
        sys.path.pop(0)
    return str(build_client_venv(cache_root(), extras=("numpy",)))


@pytest.mark.parametrize(
    ("client", "user"),
    [("ours", "grace"), ("published", "hedy")],
    ids=["our-client", "published-client"],
)
def test_the_tutorial_script_runs_end_to_end(
    server: Server, tmp_path: Path, client: str, user: str
) -> None:
    python = sys.executable if client == "ours" else published_client_python()
    out = tmp_path / "out"
    result = subprocess.run(
        [python, str(REPO / "examples" / "tutorial" / "tutorial.py"), "--api", server.url,
         "--username", user, "--password", PASSWORD, "--output-dir", str(out),
         "--sample-size", "200", "--job-timeout", "120"],
        cwd=tmp_path,  # not the repository: the published client must not see our package
        env={**CLEAN_ENV, **TEST_ENV},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert np.load(out / "transformed_array.npy").shape == (200,)
    assert (out / "rescaled_plot.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "== Done" in result.stdout
