"""Plain records the artifact store returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StoredFile:
    """One file inside a stored directory."""

    relative_path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class StoredObject:
    """What a completed write stored.

    For a directory, `size` is the total of its files and `sha256` is the digest of its
    manifest: one `"<sha256>  <relative_path>\\n"` line per file, sorted by path (the
    format of `sha256sum`), so two directories with the same files share a digest.
    `sha256` is None after a put that left the digest for later (`digest=False`).
    """

    uri: str
    key: str
    is_dir: bool
    size: int
    sha256: str | None
    files: list[StoredFile] = field(default_factory=list)


@dataclass(frozen=True)
class FileEntry:
    """One entry of a listing: a path relative to the listed key."""

    relative_path: str
    size: int
    is_dir: bool


@dataclass(frozen=True)
class ObjectInfo:
    """What is stored under a key, without reading its contents."""

    key: str
    uri: str
    is_dir: bool
    size: int
