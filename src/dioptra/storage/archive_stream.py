"""Streaming tar.gz and zip writers: archives leave as a generator of byte chunks.

Neither format is built in memory or on disk first. The tar stream is assembled by hand
(headers from `tarfile.TarInfo.tobuf`, data blocks, padding) and gzip-compressed with
zlib as it goes, because `tarfile` itself copies a whole member in one call. Zip uses
`zipfile` writing to an unseekable sink, which makes it emit data descriptors instead of
seeking back; the sink is drained after every chunk written.
"""

from __future__ import annotations

import tarfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from dioptra.storage.errors import StorageError

TAR_BLOCK = tarfile.BLOCKSIZE
TAR_RECORD = tarfile.RECORDSIZE
GZIP_WBITS = 31  # zlib's window bits for a gzip header and trailer
COMPRESS_LEVEL = 6  # a good speed/size balance; level 9 is much slower on big arrays


@dataclass(frozen=True)
class ArchiveMember:
    """One entry to archive. `open` returns the file's bytes; None for folders."""

    name: str
    size: int
    is_dir: bool
    open: Callable[[], BinaryIO] | None = None


def _member_chunks(member: ArchiveMember, chunk_size: int) -> Iterator[bytes]:
    """Exactly `member.size` bytes of the member, in chunks; fails if the file shrank."""
    assert member.open is not None
    remaining = member.size
    with member.open() as stream:
        while remaining > 0:
            chunk = stream.read(min(chunk_size, remaining))
            if not chunk:
                raise StorageError(
                    f"{member.name!r} ended {remaining} bytes early while being archived"
                )
            remaining -= len(chunk)
            yield chunk


def _tar_header(member: ArchiveMember, mtime: float) -> bytes:
    info = tarfile.TarInfo(member.name + ("/" if member.is_dir else ""))
    info.mtime = int(mtime)
    if member.is_dir:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
    else:
        info.size = member.size
        info.mode = 0o644
    return info.tobuf(format=tarfile.PAX_FORMAT, encoding="utf-8", errors="strict")


def _tar_stream(members: Iterable[ArchiveMember], chunk_size: int, mtime: float) -> Iterator[bytes]:
    """An uncompressed tar stream, member by member."""
    written = 0
    for member in members:
        header = _tar_header(member, mtime)
        written += len(header)
        yield header
        if member.is_dir:
            continue
        for chunk in _member_chunks(member, chunk_size):
            written += len(chunk)
            yield chunk
        padding = -member.size % TAR_BLOCK
        if padding:
            written += padding
            yield b"\0" * padding
    end = 2 * TAR_BLOCK
    end += -(written + end) % TAR_RECORD  # tar's end-of-archive, padded to a whole record
    yield b"\0" * end


def iter_tar_gz(
    members: Iterable[ArchiveMember], *, chunk_size: int, mtime: float | None = None
) -> Iterator[bytes]:
    """Stream `members` as a gzip-compressed tar archive."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    stamp = time.time() if mtime is None else mtime
    for piece in _tar_stream(members, chunk_size, stamp):
        compressed = compressor.compress(piece)
        if compressed:
            yield compressed
    yield compressor.flush()


class _DrainableSink:
    """A write-only, unseekable file object whose contents are taken out as they come."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._pieces.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the pieces are held until drained."""

    def drain(self) -> bytes:
        data = b"".join(self._pieces)
        self._pieces.clear()
        return data


def iter_zip(
    members: Iterable[ArchiveMember], *, chunk_size: int, mtime: float | None = None
) -> Iterator[bytes]:
    """Stream `members` as a deflate-compressed zip archive (zip64 where needed)."""
    sink = _DrainableSink()
    stamp = time.localtime(time.time() if mtime is None else mtime)
    date_time = (max(stamp.tm_year, 1980), *stamp[1:6])
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:  # type: ignore[call-overload]
        for member in members:
            info = zipfile.ZipInfo(member.name + ("/" if member.is_dir else ""), date_time)
            if member.is_dir:
                info.external_attr = (0o40755 << 16) | 0x10  # unix folder mode + MS-DOS flag
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.file_size = member.size  # lets zipfile choose zip64 up front
                with archive.open(info, mode="w") as entry:
                    for chunk in _member_chunks(member, chunk_size):
                        entry.write(chunk)
                        data = sink.drain()
                        if data:
                            yield data
            data = sink.drain()
            if data:
                yield data
    yield sink.drain()
