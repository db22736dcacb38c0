"""Hard links instead of copies: files handed over to a local store, and stored files
linked out of it (`put_file`/`put_directory`/`get_to_path` with `link=True`)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

import pytest

from dioptra.storage import ArtifactStore, FileEntry, StorageError
from dioptra.storage import store as store_module
from dioptra.storage.hashing import digest_stream

MIB = 1 << 20


class Boom(RuntimeError):
    pass


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def stored_path(store: ArtifactStore, key: str) -> Path:
    return Path(store.url) / key


def temp_names(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".dioptra-tmp-")]


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    source = tmp_path / "out" / "array.npy"
    source.parent.mkdir()
    source.write_bytes(b"\x93NUMPY" + os.urandom(3 * MIB + 5))
    return source


@pytest.fixture
def no_links(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """os.link fails as it does across file systems; the attempts are recorded."""
    attempts: list[tuple[str, str]] = []

    def cross_device(source: str, target: str, *args: object, **kwargs: object) -> None:
        attempts.append((os.fspath(source), os.fspath(target)))
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    return attempts


# -- storing a handed-over file ----------------------------------------------------------


def test_linked_put_records_size_and_sha256_on_both_backends(
    store: ArtifactStore, payload: Path
) -> None:
    data = payload.read_bytes()
    stored = store.put_file("jobs/1/out/array.npy", payload, link=True)
    assert (stored.key, stored.is_dir, stored.size, stored.sha256) == (
        "jobs/1/out/array.npy",
        False,
        len(data),
        sha256(data),
    )
    assert stored.uri == store.uri_for("jobs/1/out/array.npy")
    with store.open_read("jobs/1/out/array.npy") as stream:
        assert stream.read() == data
    assert payload.read_bytes() == data  # the caller's name still reads the same bytes


def test_local_linked_put_shares_the_file_and_makes_it_read_only(
    local_store: ArtifactStore, payload: Path
) -> None:
    local_store.put_file("jobs/1/array.npy", payload, link=True)
    target = stored_path(local_store, "jobs/1/array.npy")
    assert target.stat().st_ino == payload.stat().st_ino  # no second copy was written
    assert target.stat().st_nlink == 2
    assert mode(target) == mode(payload) == 0o444
    assert temp_names(target.parent) == []


def test_plain_put_still_copies(local_store: ArtifactStore, payload: Path) -> None:
    before = mode(payload)
    local_store.put_file("jobs/1/array.npy", payload)
    target = stored_path(local_store, "jobs/1/array.npy")
    assert target.stat().st_ino != payload.stat().st_ino
    assert mode(payload) == before


def test_linked_put_failing_midway_leaves_nothing_under_the_key(
    local_store: ArtifactStore, payload: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visible_while_hashing: list[bool] = []

    def failing_digest(stream: BinaryIO, chunk_size: int) -> tuple[int, str]:
        stream.read(MIB)
        visible_while_hashing.append(local_store.exists("jobs/1/array.npy"))
        raise Boom("killed while hashing")

    local_store.put_bytes("jobs/1/keep.txt", b"neighbour")
    monkeypatch.setattr(store_module, "digest_stream", failing_digest)
    with pytest.raises(Boom):
        local_store.put_file("jobs/1/array.npy", payload, link=True)
    assert visible_while_hashing == [False]
    assert not local_store.exists("jobs/1/array.npy")
    assert local_store.list_files("jobs/1") == [FileEntry("keep.txt", 9, False)]
    assert temp_names(stored_path(local_store, "jobs/1")) == []
    assert payload.stat().st_nlink == 1  # the caller's file is left as it was, unlinked


def test_linked_put_failing_midway_prunes_the_folders_it_made(
    local_store: ArtifactStore, payload: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_digest(stream: BinaryIO, chunk_size: int) -> tuple[int, str]:
        raise Boom()

    monkeypatch.setattr(store_module, "digest_stream", failing_digest)
    with pytest.raises(Boom):
        local_store.put_file("jobs/9/out/array.npy", payload, link=True)
    assert os.listdir(local_store.url) == []


def test_failed_linked_overwrite_keeps_the_old_object(
    local_store: ArtifactStore, payload: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local_store.put_bytes("jobs/1/array.npy", b"old contents")

    def failing_fsync(descriptor: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(StorageError, match="cannot flush"):
        local_store.put_file("jobs/1/array.npy", payload, link=True, overwrite=True)
    assert stored_path(local_store, "jobs/1/array.npy").read_bytes() == b"old contents"
    assert temp_names(stored_path(local_store, "jobs/1")) == []


def test_linked_put_refuses_an_existing_key_without_overwrite(
    local_store: ArtifactStore, payload: Path
) -> None:
    local_store.put_bytes("jobs/1/array.npy", b"old")
    with pytest.raises(StorageError, match="already stored"):
        local_store.put_file("jobs/1/array.npy", payload, link=True)
    assert stored_path(local_store, "jobs/1/array.npy").read_bytes() == b"old"
    assert payload.stat().st_nlink == 1


def test_storing_the_same_linked_file_again_leaves_no_temp_name(
    local_store: ArtifactStore, payload: Path
) -> None:
    first = local_store.put_file("jobs/1/array.npy", payload, link=True)
    # The source is now another name of the stored file: rename(2) would keep both names.
    again = local_store.put_file("jobs/1/array.npy", payload, link=True, overwrite=True)
    assert again.sha256 == first.sha256
    folder = stored_path(local_store, "jobs/1")
    assert os.listdir(folder) == ["array.npy"]


def test_exdev_falls_back_to_a_copy(
    local_store: ArtifactStore, payload: Path, no_links: list[tuple[str, str]]
) -> None:
    data = payload.read_bytes()
    before = mode(payload)
    stored = local_store.put_file("jobs/1/array.npy", payload, link=True)
    assert len(no_links) == 1  # a link was tried first
    assert (stored.size, stored.sha256) == (len(data), sha256(data))
    target = stored_path(local_store, "jobs/1/array.npy")
    assert target.read_bytes() == data
    assert target.stat().st_ino != payload.stat().st_ino
    assert mode(payload) == before  # a copied source is not made read-only
    assert temp_names(target.parent) == []


def test_other_link_errors_are_raised(
    local_store: ArtifactStore, payload: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(source: str, target: str, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", no_space)
    with pytest.raises(OSError, match="No space"):
        local_store.put_file("jobs/1/array.npy", payload, link=True)
    assert not local_store.exists("jobs/1/array.npy")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through any mode bits")
def test_a_linked_file_cannot_be_written_through_the_callers_name(
    local_store: ArtifactStore, payload: Path
) -> None:
    local_store.put_file("jobs/1/array.npy", payload, link=True)
    with pytest.raises(PermissionError):
        payload.open("r+b")


NOBODY = 65534


def write_as_nobody(path: Path) -> bool:
    """Whether an ordinary user who owns `path` can write into it (from a shell)."""
    result = subprocess.run(
        ["sh", "-c", 'printf x 1<> "$1"', "sh", str(path)], user=NOBODY, capture_output=True
    )
    return result.returncode == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_a_linked_file_refuses_writes_of_its_owner(local_store: ArtifactStore) -> None:
    """What the read-only mode buys a worker that does not run as root (root itself
    writes through any mode bits)."""
    folder = Path(tempfile.mkdtemp(prefix="dioptra-link-test-"))
    try:
        folder.chmod(0o755)  # reachable by the other user
        linked, control = folder / "linked.bin", folder / "control.bin"
        for path in (linked, control):
            path.write_bytes(b"stored bytes")
            os.chown(path, NOBODY, NOBODY)
        local_store.put_file("jobs/1/linked.bin", linked, link=True)
        assert write_as_nobody(control)  # the check can tell: the owner writes a 0644 file
        assert not write_as_nobody(linked)
        assert stored_path(local_store, "jobs/1/linked.bin").read_bytes() == b"stored bytes"
    finally:
        shutil.rmtree(folder)


# -- storing a handed-over folder --------------------------------------------------------


def test_linked_put_directory_matches_a_copied_one(
    local_store: ArtifactStore, sample_dir: Path
) -> None:
    copied = local_store.put_directory("copied", sample_dir)
    linked = local_store.put_directory("linked", sample_dir, link=True)
    assert (linked.size, linked.sha256, linked.files) == (copied.size, copied.sha256, copied.files)
    member = sample_dir / "sub" / "deeper" / "c.bin"
    stored = stored_path(local_store, "linked/sub/deeper/c.bin")
    assert stored.stat().st_ino == member.stat().st_ino
    assert mode(stored) == 0o444
    assert stored_path(local_store, "copied/a.txt").stat().st_ino != (
        stored_path(local_store, "linked/a.txt").stat().st_ino
    )


def test_linked_put_directory_failing_midway_leaves_nothing(
    local_store: ArtifactStore, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_digest = digest_stream

    def digest_failing_on_c(stream: io.BufferedReader, chunk_size: int) -> tuple[int, str]:
        if "c.bin" in str(stream.name):  # the last file: the others are already linked
            raise Boom("disk error")
        return real_digest(stream, chunk_size)

    monkeypatch.setattr(store_module, "digest_stream", digest_failing_on_c)
    with pytest.raises(Boom):
        local_store.put_directory("dirs/out", sample_dir, link=True)
    assert os.listdir(local_store.url) == []
    assert (sample_dir / "a.txt").stat().st_nlink == 1


def test_linked_put_directory_falls_back_to_copies(
    local_store: ArtifactStore, sample_dir: Path, no_links: list[tuple[str, str]]
) -> None:
    copied = local_store.put_directory("linked", sample_dir, link=True)
    assert len(no_links) == 3  # one try per file
    assert copied.sha256 == local_store.put_directory("plain", sample_dir).sha256
    stored = stored_path(local_store, "linked/a.txt")
    assert stored.read_text() == "alpha\n"
    assert stored.stat().st_ino != (sample_dir / "a.txt").stat().st_ino


# -- linking stored files out ------------------------------------------------------------


def test_get_to_path_links_a_file_read_only(
    local_store: ArtifactStore, payload: Path, tmp_path: Path
) -> None:
    local_store.put_file("jobs/1/array.npy", payload)  # a copy: writable until linked out
    target = local_store.get_to_path("jobs/1/array.npy", tmp_path / "job" / "array.npy", link=True)
    stored = stored_path(local_store, "jobs/1/array.npy")
    assert target.read_bytes() == payload.read_bytes()
    assert target.stat().st_ino == stored.stat().st_ino
    assert mode(target) == mode(stored) == 0o444
    assert temp_names(target.parent) == []


def test_get_to_path_links_each_file_of_a_folder(
    local_store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    local_store.put_directory("dirs/sample", sample_dir)
    target = local_store.get_to_path("dirs/sample", tmp_path / "job" / "sample", link=True)
    for relative in ("a.txt", "b.json", "sub/deeper/c.bin"):
        linked, stored = target / relative, stored_path(local_store, f"dirs/sample/{relative}")
        assert linked.read_bytes() == (sample_dir / relative).read_bytes()
        assert linked.stat().st_ino == stored.stat().st_ino
        assert mode(linked) == 0o444
    (target / "cache.tmp").write_text("the folder itself stays writable")


def test_get_to_path_copies_when_no_link_can_be_made(
    local_store: ArtifactStore,
    sample_dir: Path,
    tmp_path: Path,
    no_links: list[tuple[str, str]],
) -> None:
    local_store.put_directory("dirs/sample", sample_dir)
    local_store.put_bytes("file.bin", b"bytes")
    folder = local_store.get_to_path("dirs/sample", tmp_path / "job" / "sample", link=True)
    file = local_store.get_to_path("file.bin", tmp_path / "file.bin", link=True)
    assert (folder / "sub" / "deeper" / "c.bin").read_bytes() == (
        sample_dir / "sub" / "deeper" / "c.bin"
    ).read_bytes()
    assert file.read_bytes() == b"bytes"
    assert len(no_links) == 4  # three folder members and the file, each tried first
    assert file.stat().st_ino != stored_path(local_store, "file.bin").stat().st_ino
    assert mode(stored_path(local_store, "file.bin")) != 0o444


def test_get_to_path_with_link_downloads_from_s3(
    s3_store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    s3_store.put_directory("dirs/sample", sample_dir)
    target = s3_store.get_to_path("dirs/sample", tmp_path / "job" / "sample", link=True)
    assert (target / "a.txt").read_text() == "alpha\n"


# -- helpers -----------------------------------------------------------------------------


def test_digest_stream_counts_and_hashes_across_chunks() -> None:
    data = os.urandom(2 * MIB + 3)
    assert digest_stream(io.BytesIO(data), MIB) == (len(data), sha256(data))
    assert digest_stream(io.BytesIO(b""), MIB) == (0, sha256(b""))


def test_a_local_store_imports_no_fsspec(tmp_path: Path) -> None:
    """A worker that only talks to the server needs neither fsspec nor s3fs."""
    script = (
        "import sys\n"
        "from dioptra.storage import ArtifactStore\n"
        f"ArtifactStore({str(tmp_path)!r}).put_bytes('k', b'v')\n"
        "import dioptra.worker.inputs, dioptra.worker.outputs\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fsspec', 's3fs')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- leaving the digest for later (digest=False) -----------------------------------------


@pytest.fixture
def flushes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files a local store fsyncs, by name."""
    from dioptra.storage import local_backend

    seen: list[str] = []
    real = local_backend.flush_to_disk

    def recording(path: Path) -> None:
        seen.append(Path(path).name)
        real(path)

    monkeypatch.setattr(local_backend, "flush_to_disk", recording)
    return seen


def test_an_undigested_linked_put_neither_reads_nor_flushes(
    local_store: ArtifactStore,
    payload: Path,
    monkeypatch: pytest.MonkeyPatch,
    flushes: list[str],
) -> None:
    def no_reads(stream: BinaryIO, chunk_size: int) -> tuple[int, str]:
        raise AssertionError("read for a digest")

    monkeypatch.setattr(store_module, "digest_stream", no_reads)
    data = payload.read_bytes()
    stored = local_store.put_file("jobs/1/array.npy", payload, link=True, digest=False)
    assert (stored.size, stored.sha256, stored.is_dir) == (len(data), None, False)
    assert stored_path(local_store, "jobs/1/array.npy").stat().st_ino == payload.stat().st_ino
    assert flushes == []
    assert temp_names(stored_path(local_store, "jobs/1")) == []


def test_digest_reads_and_flushes_what_was_left(
    local_store: ArtifactStore, payload: Path, flushes: list[str]
) -> None:
    data = payload.read_bytes()
    local_store.put_file("jobs/1/array.npy", payload, link=True, digest=False)
    found = local_store.digest("jobs/1/array.npy")
    assert (found.key, found.size, found.sha256, found.is_dir) == (
        "jobs/1/array.npy",
        len(data),
        sha256(data),
        False,
    )
    assert flushes == ["array.npy"]


def test_a_digested_linked_put_flushes_before_it_publishes(
    local_store: ArtifactStore, payload: Path, flushes: list[str]
) -> None:
    stored = local_store.put_file("jobs/1/array.npy", payload, link=True)
    assert stored.sha256 == sha256(payload.read_bytes())
    assert len(flushes) == 1 and flushes[0].startswith(".dioptra-tmp-")  # under its temp name


def test_an_undigested_linked_folder_digests_later_to_the_same_manifest(
    local_store: ArtifactStore, sample_dir: Path, flushes: list[str]
) -> None:
    copied = local_store.put_directory("copied", sample_dir)
    flushes.clear()
    linked = local_store.put_directory("linked", sample_dir, link=True, digest=False)
    assert (linked.size, linked.sha256, linked.files) == (copied.size, None, [])
    assert flushes == []
    found = local_store.digest("linked")
    assert (found.is_dir, found.size, found.sha256, found.files) == (
        True,
        copied.size,
        copied.sha256,
        copied.files,
    )
    assert sorted(flushes) == sorted(Path(f.relative_path).name for f in copied.files)


def test_an_undigested_put_that_must_copy_is_hashed_anyway(
    store: ArtifactStore, payload: Path, no_links: list[tuple[str, str]]
) -> None:
    """S3, or another file system: the copy reads the bytes, so the digest is free."""
    stored = store.put_file("jobs/1/array.npy", payload, link=True, digest=False)
    assert stored.sha256 == sha256(payload.read_bytes())


def test_digest_of_a_missing_key_fails(store: ArtifactStore) -> None:
    from dioptra.storage import ObjectNotFoundError

    with pytest.raises(ObjectNotFoundError):
        store.digest("jobs/404/nothing")
