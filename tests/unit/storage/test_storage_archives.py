"""Streaming tar.gz / zip downloads of stored folders, on both backends."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

from dioptra.storage import ArtifactStore, StorageError, extract_archive

MIB = 1 << 20


def tar_contents(data: bytes) -> dict[str, bytes | None]:
    """Member name -> bytes (None for folders), read in stream mode ("r|gz"), the strictest:
    it accepts a single gzip member only."""
    contents: dict[str, bytes | None] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r|gz") as archive:
        for member in archive:
            stream = archive.extractfile(member) if member.isfile() else None
            contents[member.name] = None if stream is None else stream.read()
    return contents


def zip_contents(data: bytes) -> dict[str, bytes | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every CRC checks out
        return {
            info.filename.rstrip("/"): (None if info.is_dir() else archive.read(info))
            for info in archive.infolist()
        }


READERS = {"tar_gz": tar_contents, "zip": zip_contents}


@pytest.fixture
def stored_sample(store: ArtifactStore, sample_dir: Path) -> dict[str, bytes]:
    store.put_directory("jobs/3/result", sample_dir)
    return {
        str(path.relative_to(sample_dir)): path.read_bytes()
        for path in sample_dir.rglob("*")
        if path.is_file()
    }


@pytest.mark.parametrize("fmt", ["tar_gz", "zip"])
def test_archive_round_trips_under_the_folder_name(
    store: ArtifactStore, stored_sample: dict[str, bytes], fmt: str
) -> None:
    data = b"".join(store.iter_archive("jobs/3/result", fmt))  # type: ignore[arg-type]
    contents = READERS[fmt](data)
    files = {name: body for name, body in contents.items() if body is not None}
    assert files == {f"result/{name}": body for name, body in stored_sample.items()}
    folders = {name for name, body in contents.items() if body is None}
    assert folders == {"result", "result/sub", "result/sub/deeper"}


@pytest.mark.parametrize("fmt", ["tar_gz", "zip"])
def test_archive_of_a_subpath_with_no_top_folder(
    store: ArtifactStore, stored_sample: dict[str, bytes], fmt: str
) -> None:
    data = b"".join(store.iter_archive("jobs/3/result", fmt, subpath="sub", root_name=""))  # type: ignore[arg-type]
    contents = READERS[fmt](data)
    assert contents["deeper/c.bin"] == stored_sample["sub/deeper/c.bin"]
    assert set(contents) == {"deeper", "deeper/c.bin"}


@pytest.mark.parametrize("fmt", ["tar_gz", "zip"])
def test_archive_of_a_single_file(
    store: ArtifactStore, stored_sample: dict[str, bytes], fmt: str
) -> None:
    data = b"".join(store.iter_archive("jobs/3/result", fmt, subpath="a.txt"))  # type: ignore[arg-type]
    assert READERS[fmt](data) == {"a.txt": stored_sample["a.txt"]}


@pytest.mark.parametrize("fmt", ["tar_gz", "zip"])
def test_archive_streams_in_bounded_chunks(store: ArtifactStore, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    payload = os.urandom(6 * MIB)  # incompressible: compressed size is about the input size
    (folder / "noise.bin").write_bytes(payload)
    store.put_directory("big", folder)
    chunks = list(store.iter_archive("big", fmt))  # type: ignore[arg-type]
    assert len(chunks) >= 5
    assert max(len(chunk) for chunk in chunks) <= 2 * store.chunk_size
    body = READERS[fmt](b"".join(chunks))["big/noise.bin"]
    assert body is not None
    assert hashlib.sha256(body).digest() == hashlib.sha256(payload).digest()


@pytest.mark.parametrize("fmt", ["tar_gz", "zip"])
def test_archive_extracts_with_the_safe_extractor(
    store: ArtifactStore, stored_sample: dict[str, bytes], tmp_path: Path, fmt: str
) -> None:
    archive = tmp_path / f"download.{fmt}"
    with archive.open("wb") as sink:
        for chunk in store.iter_archive("jobs/3/result", fmt):  # type: ignore[arg-type]
            sink.write(chunk)
    names = extract_archive(archive, tmp_path / "out", max_total_bytes=10 * MIB, max_members=20)
    assert names == sorted(f"result/{name}" for name in stored_sample)
    for name, body in stored_sample.items():
        assert (tmp_path / "out" / "result" / name).read_bytes() == body


def test_incompressible_members_are_stored_and_the_rest_deflated(
    store: ArtifactStore, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    text = b"".join(b"epoch %d loss %f\n" % (i, 1 / (i + 1)) for i in range(100_000))
    noise = os.urandom(3 * MIB)
    (folder / "a_log.txt").write_bytes(text)
    (folder / "b_weights.bin").write_bytes(noise)
    (folder / "c_log.txt").write_bytes(text)
    store.put_directory("mixed", folder)

    tar_gz = b"".join(store.iter_archive("mixed", "tar_gz", root_name=""))
    decompressor = zlib.decompressobj(31)
    decompressor.decompress(tar_gz)
    assert decompressor.eof and decompressor.unused_data == b""  # one plain gzip member
    assert len(tar_gz) < len(noise) + len(text)  # the text was compressed
    assert tar_contents(tar_gz) == {"a_log.txt": text, "b_weights.bin": noise, "c_log.txt": text}

    data = b"".join(store.iter_archive("mixed", "zip", root_name=""))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.read("b_weights.bin") == noise
        assert archive.read("c_log.txt") == text
    assert types == {
        "a_log.txt": zipfile.ZIP_DEFLATED,
        "b_weights.bin": zipfile.ZIP_STORED,
        "c_log.txt": zipfile.ZIP_DEFLATED,
    }


def test_unknown_archive_format_is_a_clear_error(
    store: ArtifactStore, stored_sample: dict[str, bytes]
) -> None:
    with pytest.raises(StorageError, match="unknown archive format 'rar'"):
        store.iter_archive("jobs/3/result", "rar")  # type: ignore[arg-type]
