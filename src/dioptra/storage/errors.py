"""Exceptions raised by the artifact store and the archive helpers."""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every error the artifact store raises on purpose."""


class StorageKeyError(StorageError, ValueError):
    """A key is malformed or would resolve outside the store's root."""

    def __init__(self, key: object, reason: str) -> None:
        super().__init__(f"invalid storage key {key!r}: {reason}")
        self.key = key
        self.reason = reason


class ObjectNotFoundError(StorageError):
    """Nothing is stored under the key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no stored object under key {key!r}")
        self.key = key


class ObjectExistsError(StorageError):
    """A write would replace an existing object and overwriting was not asked for."""

    def __init__(self, key: str) -> None:
        super().__init__(f"an object is already stored under key {key!r}")
        self.key = key


class LocalSourceError(StorageError):
    """A local file or folder handed to the store is missing or cannot be uploaded safely."""


class ArchiveError(StorageError):
    """An archive cannot be read (corrupt, truncated or of an unknown format)."""


class UnsafeArchiveError(ArchiveError):
    """An archive holds a member that would escape its destination or exceed a limit."""


class ArchiveTooLargeError(UnsafeArchiveError):
    """An archive unpacks to more bytes than allowed (found before or while writing)."""
