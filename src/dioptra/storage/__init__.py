"""Artifact storage: streamed, hashed, atomic files and folders on a local disk or S3.

Imports nothing else of `dioptra`, so workers and the server share it.
"""

from dioptra.storage.errors import (
    ArchiveError,
    ArchiveTooLargeError,
    LocalSourceError,
    ObjectExistsError,
    ObjectNotFoundError,
    StorageError,
    StorageKeyError,
    UnsafeArchiveError,
)
from dioptra.storage.extract import extract_archive
from dioptra.storage.keys import join_key, validate_key
from dioptra.storage.models import FileEntry, ObjectInfo, StoredFile, StoredObject
from dioptra.storage.store import ArchiveFormat, ArtifactStore, is_local_store_url

__all__ = [
    "ArchiveError",
    "ArchiveFormat",
    "ArchiveTooLargeError",
    "ArtifactStore",
    "FileEntry",
    "LocalSourceError",
    "ObjectExistsError",
    "ObjectInfo",
    "ObjectNotFoundError",
    "StorageError",
    "StorageKeyError",
    "StoredFile",
    "StoredObject",
    "UnsafeArchiveError",
    "extract_archive",
    "is_local_store_url",
    "join_key",
    "validate_key",
]
