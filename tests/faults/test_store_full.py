"""The local artifact store on a full file system: the job fails with a status naming
the cause, no artifact is registered for it, nothing partial stays in the store, and the
next job that fits is stored."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_project import artifacts_of_job, deploy_faults, files_under
from server_harness import ServerProcess
from tutorial_checks import finished

pytestmark = pytest.mark.slow

STORE_BYTES = 1024 * 1024


@pytest.fixture
def small_file_system(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (the job's working folder stays elsewhere: the store copies)."""
    mount_point = tmp_path / "store"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={STORE_BYTES}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (root is needed): {mounted.stderr}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_artifact_store_fails_the_job_cleanly(
    tmp_path: Path, small_file_system: Path
) -> None:
    env = {"DIOPTRA_ARTIFACTS_URL": str(small_file_system), "DIOPTRA_RUNNERS": "1"}
    server = ServerProcess(tmp_path / "data", env=env)
    server.start()
    try:
        deployment = deploy_faults(server)
        job_id = deployment.submit("big_file", {"size": 4 * STORE_BYTES})
        job = deployment.session.wait(job_id, 120)

        assert job["status"] == "failed", job
        assert "cannot store artifact output 'data'" in job["statusMessage"], job
        assert "No space left on device" in job["statusMessage"], job
        assert artifacts_of_job(deployment, job_id) == []
        assert files_under(small_file_system) == []

        # Room is left for what fits: the store works on.
        fits = finished(deployment, deployment.submit("big_file", {"size": 1000}))
        assert len(fits["artifacts"]) == 1
        assert [Path(f).name for f in files_under(small_file_system)] == ["data.bin"]
    finally:
        server.stop()
