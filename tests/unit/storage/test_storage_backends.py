"""Behaviour particular to one backend: local temp files and symlinks, S3 uploads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dioptra.storage import (
    ArtifactStore,
    FileEntry,
    LocalSourceError,
    StorageError,
    StorageKeyError,
)

MIB = 1 << 20


class Boom(RuntimeError):
    pass


# -- local folder ------------------------------------------------------------------------


def test_local_write_uses_a_temp_name_in_the_same_folder(local_store: ArtifactStore) -> None:
    root = Path(local_store.url)
    during_write: list[list[str]] = []

    def chunks() -> Iterator[bytes]:
        yield b"first part"
        during_write.append(sorted(os.listdir(root / "jobs")))
        yield b"second part"

    local_store.put_bytes("jobs/other.txt", b"x")
    local_store.put_stream("jobs/out.txt", chunks())
    [names] = during_write
    assert "out.txt" not in names
    assert len([n for n in names if n.startswith(".dioptra-tmp-")]) == 1
    assert sorted(os.listdir(root / "jobs")) == ["other.txt", "out.txt"]
    assert (root / "jobs" / "out.txt").read_bytes() == b"first partsecond part"


def test_local_failed_write_removes_its_temp_file(local_store: ArtifactStore) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"partial"
        raise Boom()

    local_store.put_bytes("jobs/keep", b"k")
    with pytest.raises(Boom):
        local_store.put_stream("jobs/out", chunks())
    assert os.listdir(Path(local_store.url) / "jobs") == ["keep"]


def test_listing_hides_in_flight_temp_files(local_store: ArtifactStore) -> None:
    local_store.put_bytes("d/a", b"a")
    (Path(local_store.url) / "d" / ".dioptra-tmp-abc").write_bytes(b"half")
    assert local_store.list_files("d") == [FileEntry("a", 1, False)]


def test_symlink_escaping_the_root_is_refused(local_store: ArtifactStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("top secret")
    os.symlink(outside, Path(local_store.url) / "evil")
    for call in (
        lambda: local_store.open_read("evil/secret.txt"),
        lambda: local_store.exists("evil/secret.txt"),
        lambda: local_store.put_bytes("evil/planted.txt", b"x"),
        lambda: local_store.delete("evil/secret.txt"),
    ):
        with pytest.raises(StorageKeyError, match="outside the store's root"):
            call()
    assert sorted(os.listdir(outside)) == ["secret.txt"]


def test_a_link_swapped_in_after_the_check_is_refused_at_open(
    local_store: ArtifactStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dioptra.storage.local_backend import LocalBackend

    local_store.put_bytes("art/v.txt", b"v")
    (tmp_path / "secret").write_text("top secret")
    checked = LocalBackend._path

    def check_then_swap(self: LocalBackend, key: str) -> Path:
        path = checked(self, key)  # the check passes on the real file...
        path.unlink()  # ...which is then swapped for a link to outside
        path.symlink_to(tmp_path / "secret")
        return path

    monkeypatch.setattr(LocalBackend, "_path", check_then_swap)
    with pytest.raises(StorageKeyError, match="outside the store's root"):
        LocalBackend(local_store.url).open_read("art/v.txt")


def test_a_store_opened_to_read_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="not a folder"):
        ArtifactStore(tmp_path / "missing", create=False)
    assert not (tmp_path / "missing").exists()
    (tmp_path / "there").mkdir()
    there = ArtifactStore(tmp_path / "there", create=False)
    assert there.local_folder == (tmp_path / "there").resolve()


def test_symlinked_file_escaping_the_root_is_refused_in_listings(
    local_store: ArtifactStore, tmp_path: Path
) -> None:
    local_store.put_bytes("art/ok.txt", b"ok")
    (tmp_path / "secret").write_text("s")
    os.symlink(tmp_path / "secret", Path(local_store.url) / "art" / "leak")
    with pytest.raises(StorageKeyError, match="points outside"):
        local_store.list_files("art")
    with pytest.raises(StorageKeyError):
        local_store.iter_archive("art", "zip")


def test_put_directory_refuses_symlinks_leaving_the_folder(
    local_store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "passwd").write_text("root:x:0:0")
    os.symlink(tmp_path / "passwd", sample_dir / "sub" / "stolen")
    with pytest.raises(LocalSourceError, match="stolen"):
        local_store.put_directory("up", sample_dir)
    assert not local_store.exists("up")


def test_put_directory_refuses_special_files(local_store: ArtifactStore, sample_dir: Path) -> None:
    os.mkfifo(sample_dir / "pipe")
    with pytest.raises(LocalSourceError, match="special file"):
        local_store.put_directory("up", sample_dir)


def test_put_directory_follows_links_to_files_inside(
    local_store: ArtifactStore, sample_dir: Path
) -> None:
    os.symlink("a.txt", sample_dir / "alias.txt")
    stored = local_store.put_directory("up", sample_dir)
    alias = next(f for f in stored.files if f.relative_path == "alias.txt")
    assert alias.size == len("alpha\n")
    stored_alias = Path(local_store.url) / "up" / "alias.txt"
    assert not stored_alias.is_symlink()
    assert stored_alias.read_text() == "alpha\n"


def test_local_keeps_empty_folders(
    local_store: ArtifactStore, sample_dir: Path, tmp_path: Path
) -> None:
    (sample_dir / "empty").mkdir()
    local_store.put_directory("e", sample_dir)
    assert FileEntry("empty", 0, True) in local_store.list_files("e")
    assert (local_store.get_to_path("e", tmp_path / "back") / "empty").is_dir()


def test_local_key_below_a_file(local_store: ArtifactStore) -> None:
    local_store.put_bytes("f", b"a file")
    assert not local_store.exists("f/x")
    with pytest.raises(StorageError, match="a parent of it is a file"):
        local_store.put_bytes("f/x", b"x")
    with pytest.raises(StorageError, match="a parent of it is a file"):
        local_store.put_bytes("f/x/y", b"x")


def test_local_urls(tmp_path: Path) -> None:
    by_path = ArtifactStore(tmp_path / "one")
    by_url = ArtifactStore((tmp_path / "one").as_uri())
    by_path.put_bytes("k", b"v")
    assert by_url.uri_for("k") == by_path.uri_for("k") == (tmp_path / "one" / "k").as_uri()
    with by_url.open_read("k") as stream:
        assert stream.read() == b"v"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://host/path", "unsupported artifact store URL"),
        ("file://otherhost/data", "names a remote host"),
        ("s3://", "must name a bucket"),
    ],
)
def test_bad_store_urls(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        ArtifactStore(url)


def test_root_that_is_a_file_and_bad_chunk_sizes(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match=r"cannot create|not a folder"):
        ArtifactStore(tmp_path / "file")
    with pytest.raises(StorageError, match="1-8 MiB"):
        ArtifactStore(tmp_path / "ok", chunk_size=1024)


# -- S3 ----------------------------------------------------------------------------------


def test_s3_failed_write_aborts_its_multipart_upload(
    s3_store: ArtifactStore, s3_bucket: str, s3_client: Any
) -> None:
    def chunks() -> Iterator[bytes]:
        yield os.urandom(6 * MIB)  # past one 5 MiB part: the upload has started
        raise Boom()

    with pytest.raises(Boom):
        s3_store.put_stream("jobs/out.bin", chunks())
    assert s3_client.list_multipart_uploads(Bucket=s3_bucket).get("Uploads", []) == []
    assert s3_client.list_objects_v2(Bucket=s3_bucket).get("KeyCount") == 0


def test_s3_uris_name_bucket_and_prefix(s3_store: ArtifactStore, s3_bucket: str) -> None:
    stored = s3_store.put_bytes("jobs/1/a.txt", b"a")
    assert stored.uri == f"s3://{s3_bucket}/dioptra/jobs/1/a.txt"
    assert s3_store.key_for_uri(stored.uri) == "jobs/1/a.txt"


def test_s3_foreign_object_with_dot_dot_key_is_refused(
    s3_store: ArtifactStore, s3_bucket: str, s3_client: Any, tmp_path: Path
) -> None:
    s3_store.put_bytes("art/ok.txt", b"ok")
    s3_client.put_object(Bucket=s3_bucket, Key="dioptra/art/x/../../y", Body=b"!")
    with pytest.raises(StorageKeyError, match=r"'\.\.' components"):
        s3_store.get_to_path("art", tmp_path / "dl")
    assert not (tmp_path / "dl").exists()


def test_an_unreachable_s3_endpoint_is_a_storage_error() -> None:
    """botocore's connection errors come out as StorageError, naming the object."""
    pytest.importorskip("s3fs")
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = {
        "key": "testing",
        "secret": "testing",
        "endpoint_url": f"http://127.0.0.1:{port}",
        "client_kwargs": {"region_name": "us-east-1"},
        "config_kwargs": {"retries": {"max_attempts": 1}},
    }
    store = ArtifactStore("s3://bucket/dioptra", storage_options=options, chunk_size=1 << 20)
    with pytest.raises(StorageError, match=r"cannot upload to s3://bucket/dioptra/a/b\.bin"):
        store.put_bytes("a/b.bin", b"x" * 1024, overwrite=True)
    with pytest.raises(StorageError, match="cannot look up"):
        store.exists("a/b.bin")
