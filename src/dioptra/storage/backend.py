"""The small interface each storage backend (local folder, S3) implements.

The store validates keys, streams, hashes and archives; a backend only maps keys to its
own paths and knows how to make a write appear atomically under its final name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from dioptra.storage.models import FileEntry, ObjectInfo


class StagedFile(Protocol):
    """A file being written; invisible under its final key until committed."""

    def write(self, chunk: bytes) -> None: ...

    def commit(self) -> None:
        """Finish the file. A standalone file appears under its key; a directory member
        appears together with its directory."""

    def abort(self) -> None:
        """Throw away what was written; safe to call more than once."""


class LinkedFile(Protocol):
    """A local file the store took by hard link (no bytes copied), under a temporary
    name; invisible under its final key until committed."""

    def open_read(self) -> BinaryIO:
        """The linked bytes, for the store to hash (starts flushing them to disk)."""

    def size(self) -> int: ...

    def commit(self, *, flush: bool = True) -> None:
        """Publish; with `flush`, once the bytes are on disk."""

    def abort(self) -> None:
        """Drop the link (the caller's file stays); safe to call more than once."""


class StagedDirectory(Protocol):
    """A directory being written; invisible under its final key until committed."""

    def add_directory(self, relative_path: str) -> None:
        """Record a (possibly empty) sub-directory; object stores may drop empty ones."""

    def stage_file(self, relative_path: str) -> StagedFile: ...

    def link_file(self, relative_path: str, source: Path) -> LinkedFile | None:
        """Take `source` into the directory by hard link; None where no link can be made
        (another file system, an object store): the store copies it then."""

    def commit(self) -> None: ...

    def abort(self) -> None: ...


class Backend(Protocol):
    """Key-level operations. Keys reaching a backend are already validated."""

    def uri(self, key: str) -> str: ...

    def key_for_uri(self, uri: str) -> str | None:
        """The key a URI of this store names, or None when it points elsewhere."""

    def info(self, key: str) -> ObjectInfo | None:
        """What is stored under the key, or None when nothing is."""

    def walk(self, key: str) -> Iterator[FileEntry]:
        """Every file and sub-directory below a directory key, in no set order."""

    def open_read(self, key: str) -> BinaryIO: ...

    def download_file(self, key: str, local_path: str) -> None:
        """Copy a stored file to a new local file, by the backend's fastest route."""

    def link_out(self, key: str, local_path: str) -> bool:
        """Hard-link a stored file as a new local file (made read-only); False, with
        nothing done, where no link can be made."""

    def flush(self, key: str) -> None:
        """Make a stored file durable (an object store's writes already are)."""

    def stage_file(self, key: str, *, overwrite: bool) -> StagedFile: ...

    def stage_link(self, key: str, source: Path, *, overwrite: bool) -> LinkedFile | None:
        """Take the local file `source` by hard link; None where no link can be made."""

    def stage_directory(self, key: str, *, overwrite: bool) -> StagedDirectory: ...

    def delete(self, key: str) -> bool:
        """Remove a file or a whole directory; False when nothing was there."""
