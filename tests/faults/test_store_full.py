"""The local artifact store on a full file system: the job fails with a status naming
the cause, no artifact is registered for it, nothing partial stays in the store, and the
next job that fits is stored. A real full tmpfs where one can be mounted (root), and the
same fault injected into the store's writes everywhere."""

from __future__ import annotations

import errno
import os
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


@pytest.mark.parametrize("is_dir", [False, True], ids=["file", "folder"])
def test_a_store_write_failing_for_space_fails_the_output_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, is_dir: bool
) -> None:
    """The same fault where no tmpfs can be mounted: the store's writes fail with ENOSPC
    after their first chunk (the store copies, as across file systems)."""
    from dioptra.engine import SavedArtifact
    from dioptra.storage import ArtifactStore, local_backend
    from dioptra.worker.errors import JobFailure
    from dioptra.worker.outputs import StoreUploader, save_outputs

    def no_link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    written = local_backend._PlainFile.write

    def fill_up(self: local_backend._PlainFile, chunk: bytes) -> None:
        if self.path.exists() and self.path.stat().st_size > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        written(self, chunk)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(local_backend._PlainFile, "write", fill_up)
    output = tmp_path / "work" / "data"
    big = output / "big.bin" if is_dir else output
    big.parent.mkdir(parents=True)
    big.write_bytes(os.urandom(3 * 1024 * 1024))  # three of the store's 1 MiB chunks
    store = ArtifactStore(tmp_path / "store", chunk_size=1024 * 1024)
    job = {"id": 7, "group": {"id": 1}}
    saved = SavedArtifact(name="data", task_name="T", path=output, is_dir=is_dir)

    with pytest.raises(JobFailure) as failure:
        # The registration (the only use of the API) is never reached.
        save_outputs(None, job, [saved], {}, StoreUploader(store), tmp_path / "work")  # type: ignore[arg-type]
    assert str(failure.value) == (
        "cannot store artifact output 'data': [Errno 28] No space left on device"
    )
    assert files_under(tmp_path / "store") == []
