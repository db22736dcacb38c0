"""ArtifactStore behaviour, run against the local folder backend and S3 (moto) alike."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dioptra.storage import (
    ArtifactStore,
    FileEntry,
    LocalSourceError,
    ObjectExistsError,
    ObjectNotFoundError,
    StorageError,
    StorageKeyError,
)
from dioptra.storage import store as store_module

MIB = 1 << 20


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_all(store: ArtifactStore, key: str) -> bytes:
    with store.open_read(key) as stream:
        return stream.read()


class Boom(RuntimeError):
    pass


# -- files -------------------------------------------------------------------------------


def test_put_bytes_records_size_sha256_and_round_trips(store: ArtifactStore) -> None:
    data = os.urandom(3 * MIB + 17)  # several chunks, not a multiple of the chunk size
    stored = store.put_bytes("jobs/1/model.bin", data)
    assert (stored.key, stored.is_dir, stored.size, stored.sha256) == (
        "jobs/1/model.bin",
        False,
        len(data),
        sha256(data),
    )
    assert stored.files == []
    assert read_all(store, "jobs/1/model.bin") == data
    assert store.info("jobs/1/model.bin").size == len(data)


def test_put_file_streams_a_local_file(store: ArtifactStore, tmp_path: Path) -> None:
    source = tmp_path / "weights.npy"
    source.write_bytes(b"\x93NUMPY" + os.urandom(MIB))
    stored = store.put_file("w/weights.npy", source)
    assert stored.sha256 == sha256(source.read_bytes())
    assert stored.uri == store.uri_for("w/weights.npy")
    assert store.key_for_uri(stored.uri) == "w/weights.npy"


def test_put_stream_and_iter_bytes_chunking(store: ArtifactStore) -> None:
    chunks = [b"a" * 1000, b"", b"b" * (2 * MIB), b"c"]
    stored = store.put_stream("s/stream.txt", iter(chunks))
    assert stored.size == 1000 + 2 * MIB + 1
    pieces = list(store.iter_bytes("s/stream.txt", chunk_size=MIB))
    assert b"".join(pieces) == b"".join(chunks)
    assert max(len(piece) for piece in pieces) <= MIB
    assert len(pieces) >= 3


def test_put_fileobj_and_empty_file(store: ArtifactStore) -> None:
    stored = store.put_fileobj("e/empty", io.BytesIO(b""))
    assert stored.size == 0
    assert stored.sha256 == sha256(b"")
    assert read_all(store, "e/empty") == b""
    assert store.list_files("e/empty") == [FileEntry("empty", 0, False)]


def test_multipart_sized_upload_round_trips(store: ArtifactStore) -> None:
    # Larger than two S3 parts (5 MiB each), so the multipart path is exercised.
    data = os.urandom(11 * MIB)
    assert store.put_bytes("big/blob", data).sha256 == sha256(data)
    assert hashlib.sha256(b"".join(store.iter_bytes("big/blob"))).hexdigest() == sha256(data)


# -- atomicity ---------------------------------------------------------------------------


def test_failed_stream_leaves_nothing_under_the_key(store: ArtifactStore) -> None:
    seen_during_write: list[bool] = []

    def failing_chunks() -> Iterator[bytes]:
        yield os.urandom(6 * MIB)  # enough to start a multipart upload on S3
        seen_during_write.append(store.exists("atomic/out.bin"))
        yield os.urandom(MIB)
        raise Boom("the job died mid-write")

    store.put_bytes("atomic/keep.txt", b"neighbour")
    with pytest.raises(Boom):
        store.put_stream("atomic/out.bin", failing_chunks())
    assert seen_during_write == [False]
    assert not store.exists("atomic/out.bin")
    assert store.list_files("atomic") == [FileEntry("keep.txt", 9, False)]


def test_failed_overwrite_keeps_the_old_object(store: ArtifactStore) -> None:
    store.put_bytes("over/file", b"old contents")

    def failing_chunks() -> Iterator[bytes]:
        yield b"new"
        raise Boom()

    with pytest.raises(Boom):
        store.put_stream("over/file", failing_chunks(), overwrite=True)
    assert read_all(store, "over/file") == b"old contents"


def test_failed_directory_upload_leaves_nothing(
    store: ArtifactStore, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read_chunks = store_module._read_chunks

    def read_chunks_failing_on_c(stream: io.BufferedReader, size: int) -> Iterator[bytes]:
        if stream.name.endswith("c.bin"):  # the last file: the others are already sent
            yield next(real_read_chunks(stream, size))
            raise Boom("disk error")
        yield from real_read_chunks(stream, size)

    monkeypatch.setattr(store_module, "_read_chunks", read_chunks_failing_on_c)
    with pytest.raises(Boom):
        store.put_directory("dirs/out", sample_dir)
    assert not store.exists("dirs/out")
    assert not store.exists("dirs")


def test_existing_key_is_refused_unless_overwrite(store: ArtifactStore, sample_dir: Path) -> None:
    store.put_bytes("k/file", b"one")
    with pytest.raises(ObjectExistsError, match="k/file"):
        store.put_bytes("k/file", b"two")
    assert store.put_bytes("k/file", b"two", overwrite=True).size == 3
    assert read_all(store, "k/file") == b"two"
    # A folder may replace a file and the other way round, when asked.
    with pytest.raises(ObjectExistsError):
        store.put_directory("k/file", sample_dir)
    assert store.put_directory("k/file", sample_dir, overwrite=True).is_dir
    assert store.info("k/file").is_dir
    store.put_bytes("k/file", b"flat again", overwrite=True)
    assert read_all(store, "k/file") == b"flat again"


def test_overwriting_a_directory_drops_stale_files(store: ArtifactStore, tmp_path: Path) -> None:
    first = tmp_path / "first"
    (first / "old").mkdir(parents=True)
    (first / "old" / "stale.txt").write_text("stale")
    (first / "same.txt").write_text("v1")
    second = tmp_path / "second"
    second.mkdir()
    (second / "same.txt").write_text("v2")
    store.put_directory("d", first)
    store.put_directory("d", second, overwrite=True)
    assert store.list_files("d") == [FileEntry("same.txt", 2, False)]
    assert read_all(store, "d/same.txt") == b"v2"


# -- directories -------------------------------------------------------------------------


def test_put_directory_hashes_every_file(store: ArtifactStore, sample_dir: Path) -> None:
    stored = store.put_directory("jobs/7/output", sample_dir)
    assert stored.is_dir
    expected = {
        "a.txt": (sample_dir / "a.txt").read_bytes(),
        "b.json": (sample_dir / "b.json").read_bytes(),
        "sub/deeper/c.bin": (sample_dir / "sub" / "deeper" / "c.bin").read_bytes(),
    }
    assert {f.relative_path: (f.size, f.sha256) for f in stored.files} == {
        path: (len(data), sha256(data)) for path, data in expected.items()
    }
    assert stored.size == sum(len(data) for data in expected.values())
    manifest = "".join(f"{sha256(expected[p])}  {p}\n" for p in sorted(expected))
    assert stored.sha256 == sha256(manifest.encode())
    assert read_all(store, "jobs/7/output/sub/deeper/c.bin") == expected["sub/deeper/c.bin"]


def test_same_files_give_the_same_directory_digest(store: ArtifactStore, sample_dir: Path) -> None:
    first = store.put_directory("one", sample_dir)
    second = store.put_directory("two", sample_dir)
    assert first.sha256 == second.sha256
    assert first.uri != second.uri


def test_list_files_of_a_directory(store: ArtifactStore, sample_dir: Path) -> None:
    store.put_directory("art", sample_dir)
    assert store.list_files("art") == [
        FileEntry("a.txt", 6, False),
        FileEntry("b.json", 8, False),
        FileEntry("sub", 0, True),
        FileEntry("sub/deeper", 0, True),
        FileEntry("sub/deeper/c.bin", 256 * 9000, False),
    ]
    assert store.list_files("art/sub/deeper/c.bin") == [FileEntry("c.bin", 256 * 9000, False)]
    info = store.info("art")
    assert info.is_dir
    assert info.size == 6 + 8 + 256 * 9000


def test_get_to_path_file_and_directory(
    store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    store.put_directory("g/out", sample_dir)
    file_target = store.get_to_path("g/out/a.txt", tmp_path / "dl" / "a.txt")
    assert file_target.read_text() == "alpha\n"
    folder = store.get_to_path("g/out", tmp_path / "dl" / "folder")
    got = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert got == ["a.txt", "b.json", "sub/deeper/c.bin"]
    original = (sample_dir / "sub/deeper/c.bin").read_bytes()
    assert (folder / "sub/deeper/c.bin").read_bytes() == original
    assert [p.name for p in (tmp_path / "dl").iterdir() if p.name.startswith(".")] == []


def test_get_to_path_refuses_a_non_empty_destination(
    store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    store.put_directory("g2", sample_dir)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    with pytest.raises(StorageError, match="not empty"):
        store.get_to_path("g2", busy)
    assert [p.name for p in busy.iterdir()] == ["mine.txt"]


def test_open_read_of_a_directory_is_a_clear_error(store: ArtifactStore, sample_dir: Path) -> None:
    store.put_directory("rd", sample_dir)
    with pytest.raises(StorageError, match="is a directory"):
        store.open_read("rd")


# -- existence, deletion, errors ---------------------------------------------------------


def test_exists_and_delete(store: ArtifactStore, sample_dir: Path) -> None:
    store.put_bytes("del/a/file", b"x")
    store.put_directory("del/b", sample_dir)
    assert store.exists("del/a/file") and store.exists("del/b") and store.exists("del")
    assert store.delete("del/b") is True
    assert not store.exists("del/b")
    assert store.delete("del/a/file") is True
    assert store.delete("del/a/file") is False
    assert not store.exists("del/a")  # no empty folders left behind, as on S3


def test_missing_keys_raise_object_not_found(store: ArtifactStore) -> None:
    for call in (
        lambda: store.open_read("no/such"),
        lambda: store.info("no/such"),
        lambda: store.list_files("no/such"),
        lambda: store.iter_bytes("no/such"),  # before any chunk is asked for
        lambda: store.iter_archive("no/such", "zip"),
    ):
        with pytest.raises(ObjectNotFoundError, match="no/such"):
            call()


@pytest.mark.parametrize("bad_key", ["../escape", "/abs/key", "a/../../b", "a\\b", "a\x00b", ""])
def test_every_operation_rejects_bad_keys(store: ArtifactStore, bad_key: str) -> None:
    for call in (
        lambda: store.put_bytes(bad_key, b"x"),
        lambda: store.open_read(bad_key),
        lambda: store.exists(bad_key),
        lambda: store.delete(bad_key),
        lambda: store.list_files(bad_key),
        lambda: store.uri_for(bad_key),
    ):
        with pytest.raises(StorageKeyError):
            call()


def test_archive_subpath_is_confined(store: ArtifactStore, sample_dir: Path) -> None:
    store.put_directory("conf", sample_dir)
    with pytest.raises(StorageKeyError):
        store.iter_archive("conf", "tar_gz", subpath="../conf")


def test_bad_local_sources_are_clear_errors(store: ArtifactStore, tmp_path: Path) -> None:
    with pytest.raises(LocalSourceError, match="does not exist"):
        store.put_file("x", tmp_path / "missing.bin")
    with pytest.raises(LocalSourceError, match="put_directory"):
        store.put_file("x", tmp_path)
    with pytest.raises(LocalSourceError, match="not a folder"):
        store.put_directory("x", tmp_path / "missing")
    assert not store.exists("x")


def test_key_for_uri_ignores_foreign_uris(store: ArtifactStore) -> None:
    assert store.key_for_uri("https://example.com/a") is None
    assert store.key_for_uri("file:///somewhere/else/a") is None
    assert store.key_for_uri("s3://other-bucket/dioptra/a") is None
