"""One-pass size and sha256 accounting for streamed data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import BinaryIO

from dioptra.storage.models import StoredFile

DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024


class DigestCounter:
    """Counts bytes and hashes them as they stream past."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.size = 0

    def update(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self.size += len(chunk)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def digest_stream(stream: BinaryIO, chunk_size: int = DEFAULT_CHUNK_SIZE) -> tuple[int, str]:
    """(size, sha256) of everything left in `stream`, read into one reused buffer."""
    digest = hashlib.sha256()
    size = 0
    buffer = bytearray(chunk_size)
    view = memoryview(buffer)
    while read := stream.readinto(buffer):  # type: ignore[attr-defined]
        digest.update(view[:read])
        size += read
    return size, digest.hexdigest()


def manifest_digest(files: Iterable[StoredFile]) -> str:
    """sha256 of a directory's `sha256sum`-style manifest (see `StoredObject`)."""
    digest = hashlib.sha256()
    for stored in sorted(files, key=lambda f: f.relative_path):
        digest.update(f"{stored.sha256}  {stored.relative_path}\n".encode())
    return digest.hexdigest()
