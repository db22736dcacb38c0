"""Job confinement without a server: the Landlock rules, the hard-link check of artifact
outputs, and a heartbeat that survives any failure."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

from dioptra.engine import SavedArtifact
from dioptra.worker import landlock
from dioptra.worker.confinement import (
    Confinement,
    ConfinementSettings,
    confine,
    outside,
    unconfined_reason,
)
from dioptra.worker.errors import JobFailure
from dioptra.worker.heartbeat import Heartbeat
from dioptra.worker.outputs import refuse_links_outside

needs_landlock = pytest.mark.skipif(
    landlock.abi_version() < 1, reason="this kernel offers no Landlock"
)


def in_confined_child(
    confinement: Confinement, job_folder: Path, probe: Callable[[], str], code: Sequence[Path] = ()
) -> str:
    """Run ``probe`` in a forked, confined child and return what it says (or its error)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            confine(confinement, job_folder, code=code)
            said = probe()
        except BaseException as error:
            said = f"{type(error).__name__}: {error}"
        os.write(write_end, said.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        said = answer.read().decode()
    os.waitpid(pid, 0)
    return said


@pytest.fixture
def server_like(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A data folder with a secret and a job folder inside, and a dataset elsewhere."""
    data = tmp_path / "data"
    job = data / "jobs" / "7"
    job.mkdir(parents=True)
    (data / "secret_key").write_text("secret")
    (data / "jobs" / "other.txt").write_text("another job's file")
    dataset = tmp_path / "datasets" / "iris.csv"
    dataset.parent.mkdir()
    dataset.write_text("a,b\n1,2\n")
    return data, job, dataset


def _read(path: Path) -> Callable[[], str]:
    return lambda: path.read_text()


def _write(path: Path) -> Callable[[], str]:
    def probe() -> str:
        path.write_text("x")
        return "written"

    return probe


@needs_landlock
def test_a_confined_process_reads_datasets_but_not_the_data_folder(
    server_like: tuple[Path, Path, Path],
) -> None:
    data, job, dataset = server_like
    confinement = Confinement(private=(os.path.realpath(data),))
    assert in_confined_child(confinement, job, _read(dataset)) == "a,b\n1,2\n"
    assert in_confined_child(confinement, job, _read(data / "secret_key")).startswith(
        "PermissionError"
    )
    assert in_confined_child(confinement, job, _read(data / "jobs" / "other.txt")).startswith(
        "PermissionError"
    )
    assert in_confined_child(confinement, job, _read(Path(sys.executable))) != ""
    assert (data / "secret_key").read_text() == "secret"  # unconfined here


@needs_landlock
def test_a_confined_process_writes_only_in_its_folder_and_temp(
    server_like: tuple[Path, Path, Path],
) -> None:
    data, job, _ = server_like
    confinement = Confinement(private=(os.path.realpath(data),))
    assert in_confined_child(confinement, job, _write(job / "out.txt")) == "written"
    assert in_confined_child(confinement, job, _write(data / "planted")).startswith(
        "PermissionError"
    )
    assert in_confined_child(confinement, job, _write(Path.home() / ".dioptra-probe")).startswith(
        "PermissionError"
    )
    assert not (data / "planted").exists()
    assert not (Path.home() / ".dioptra-probe").exists()


@needs_landlock
def test_settings_add_paths_a_job_may_write(server_like: tuple[Path, Path, Path]) -> None:
    data, job, _ = server_like
    confinement = Confinement(private=(os.path.realpath(data),), extra_write=(str(data / "jobs"),))
    assert in_confined_child(confinement, job, _write(data / "jobs" / "shared")) == "written"


@needs_landlock
def test_a_confined_process_cannot_link_the_secret_key_into_its_folder(
    server_like: tuple[Path, Path, Path],
) -> None:
    data, job, _ = server_like
    confinement = Confinement(private=(os.path.realpath(data),))

    def link() -> str:
        os.link(data / "secret_key", job / "key")
        return "linked"

    assert "Error" in in_confined_child(confinement, job, link)
    assert not (job / "key").exists()


@needs_landlock
def test_of_the_bundle_cache_only_the_jobs_own_plugin_folders_are_readable(
    server_like: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, job, _ = server_like
    mine, other = data / "worker-cache" / "mine", data / "worker-cache" / "other"
    for folder in (mine, other):
        folder.mkdir(parents=True)
        (folder / "tasks.py").write_text("x = 1")
    monkeypatch.syspath_prepend(str(other))  # on sys.path, but not the job's
    confinement = Confinement(private=(os.path.realpath(data),))
    said = in_confined_child(confinement, job, _read(mine / "tasks.py"), code=[mine])
    assert said == "x = 1"
    said = in_confined_child(confinement, job, _read(other / "tasks.py"), code=[mine])
    assert said.startswith("PermissionError")


def test_everywhere_but_a_private_folder_is_each_sibling_along_its_path(tmp_path: Path) -> None:
    for folder in ("a/b/private/inner", "a/b/public", "a/other", "c"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "a" / "b" / "note.txt").write_text("x")
    (tmp_path / "into").symlink_to(tmp_path / "a" / "b" / "private")
    (tmp_path / "above").symlink_to(tmp_path / "a")
    (tmp_path / "beside").symlink_to(tmp_path / "c")
    private = [str(tmp_path / "a" / "b" / "private")]
    allowed = sorted(
        Path(path).relative_to(tmp_path).as_posix() for path in outside(str(tmp_path), private)
    )
    # Links that lead into the private folder, or above it, are left out.
    assert allowed == ["a/b/note.txt", "a/b/public", "a/other", "beside", "c"]


def _saved(path: Path) -> SavedArtifact:
    return SavedArtifact("out", "Task", path, path.is_dir())


def test_an_output_linked_to_a_file_outside_the_job_folder_is_refused(tmp_path: Path) -> None:
    job = tmp_path / "job"
    job.mkdir()
    secret = tmp_path / "secret_key"
    secret.write_text("secret")
    secret.chmod(0o600)
    os.link(secret, job / "out")
    with pytest.raises(JobFailure, match="out is a hard link to a file outside the job's folder"):
        refuse_links_outside(_saved(job / "out"), job)
    (job / "folder").mkdir()
    os.link(secret, job / "folder" / "inner")
    with pytest.raises(JobFailure, match="inner is a hard link"):
        refuse_links_outside(_saved(job / "folder"), job)
    assert secret.stat().st_mode & 0o777 == 0o600


def test_outputs_linked_only_inside_the_job_folder_are_stored(tmp_path: Path) -> None:
    job = tmp_path / "job"
    (job / "folder").mkdir(parents=True)
    (job / "folder" / "a.txt").write_text("a")
    os.link(job / "folder" / "a.txt", job / "folder" / "same.txt")
    (job / "plain.txt").write_text("plain")
    refuse_links_outside(_saved(job / "folder"), job)
    refuse_links_outside(_saved(job / "plain.txt"), job)


class _FlakyEndpoint:
    """A worker endpoint whose heartbeats fail the way a busy SQLite database does."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.beats = 0

    def heartbeat(self, worker_id: str, queues: Sequence[str], jobs: Iterable[int]) -> list[int]:
        self.beats += 1
        if self.beats <= self.failures:
            raise RuntimeError("(sqlite3.OperationalError) database is locked")
        return []


def test_the_heartbeat_thread_carries_on_after_any_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "dioptra.worker")
    endpoint = _FlakyEndpoint(failures=3)
    beat = Heartbeat(endpoint, "w1", ["*"], interval=0.01)  # type: ignore[arg-type]
    beat.start()
    try:
        deadline = time.monotonic() + 10
        while endpoint.beats < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert endpoint.beats >= 6
        assert beat.threaded
        assert any(t.name == "heartbeat-w1" for t in threading.enumerate())
    finally:
        beat.stop()
    failures = [r for r in caplog.records if "heartbeat of worker w1 failed" in r.getMessage()]
    assert len(failures) == 1  # said once, with its traceback
    assert failures[0].exc_info is not None
    assert "heartbeat of worker w1 is back" in caplog.text


def test_settings_name_the_paths_and_can_turn_confinement_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DIOPTRA_JOB_EXTRA_READ_PATHS", f"{tmp_path / 'models'}:{tmp_path / 'data'}")
    confinement = ConfinementSettings().confinement([tmp_path / "private", None])
    assert confinement is not None
    assert confinement.private == (str(tmp_path / "private"),)
    assert confinement.extra_read == (str(tmp_path / "models"), str(tmp_path / "data"))
    assert confinement.extra_write == ()
    monkeypatch.setenv("DIOPTRA_JOB_CONFINEMENT", "false")
    assert ConfinementSettings().confinement([tmp_path]) is None
    assert "DIOPTRA_JOB_CONFINEMENT is false" in str(unconfined_reason(False))


@needs_landlock
def test_nothing_is_said_at_start_up_where_jobs_are_confined() -> None:
    assert unconfined_reason(True) is None
