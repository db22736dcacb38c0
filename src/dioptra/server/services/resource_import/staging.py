"""Staging an import's source in a private folder: uploaded files, an uploaded archive,
or (``git``) a cloned repository.

Whatever the source, what reaches the import is a folder of plain files whose relative
paths are safe (no absolute paths, ``\\``, ``:``, control characters, ``.git``
components, Windows reserved names or ``..``), no symlinks, and sizes within the limits
of Dioptra 1.2 (:class:`ImportLimits`). Violations raise ``ImportFailedError`` (400).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from dioptra.server.services.resource_import.errors import ImportFailedError
from dioptra.storage import ArchiveError, ArchiveTooLargeError, StorageError, extract_archive

MIB = 1024 * 1024
_CHUNK = 1024 * 1024
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)

# Top-level messages of the error body (those of Dioptra 1.2); ``detail.reason`` says why.
FILES_FAILED = "Failed to read uploaded files"
ARCHIVE_FAILED = "Failed to read uploaded tarfile"


@dataclass(frozen=True)
class ImportLimits:
    """Dioptra 1.2's limits on what one import may hold, and ours on what an archive
    may unpack to (``expanded_bytes``, the setting ``DIOPTRA_IMPORT_MAX_EXPANDED_BYTES``)."""

    archive_bytes: int = 100 * MIB
    total_bytes: int = 500 * MIB
    file_bytes: int = 50 * MIB
    entries: int = 10_000
    git_timeout_seconds: float = 120.0
    expanded_bytes: int = 200 * MIB


DEFAULT_LIMITS = ImportLimits()


@dataclass(frozen=True)
class StagedSource:
    """A staged import: the folder holding the files, and the hash the response shows
    (sha256 of the upload, or the commit id of a repository)."""

    root: Path
    hash: str


def path_problem(name: str) -> str | None:
    """Why ``name`` is not a safe relative POSIX path for an imported file (or None)."""
    if not name:
        return "an uploaded file has no file name"
    shown = repr(name)
    if name.startswith("/"):
        return f"{shown} is an absolute path"
    if "\\" in name or ":" in name:
        return f"{shown} contains '\\' or ':'"
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return f"{shown} contains control characters"
    for part in PurePosixPath(name).parts:
        if part == "..":
            return f"{shown} contains '..'"
        if part.lower() == ".git":
            return f"{shown} points into a .git folder"
        if _WINDOWS_RESERVED.fullmatch(part):
            return f"{shown} uses the reserved name {part!r}"
    return None


def relative_parts(name: str) -> tuple[str, ...]:
    """The segments of a safe relative path (``ValueError`` with the reason otherwise)."""
    problem = path_problem(name)
    if problem is not None:
        raise ValueError(problem)
    parts = tuple(part for part in PurePosixPath(name).parts if part != ".")
    if not parts:
        raise ValueError(f"{name!r} names no file")
    return parts


class _Budget:
    """The entry count and byte total shared by every file of one import."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.entries = 0
        self.total = 0

    def add_entry(self) -> None:
        self.entries += 1
        if self.entries > self.limits.entries:
            raise ValueError(f"the import holds more than {self.limits.entries} files")

    def add_bytes(self, name: str, file_size: int, count: int) -> None:
        if file_size > self.limits.file_bytes:
            limit = _size(self.limits.file_bytes)
            raise ValueError(f"{name!r} is larger than the {limit} limit for one file")
        self.total += count
        if self.total > self.limits.total_bytes:
            limit = _size(self.limits.total_bytes)
            raise ValueError(f"the files add up to more than the {limit} limit")


def _size(count: int) -> str:
    return f"{count / MIB:g} MiB" if count >= MIB else f"{count} bytes"


class StagedFile:
    """One uploaded file being written; created by :meth:`FileStager.open`."""

    def __init__(self, stager: FileStager, name: str, handle: BinaryIO) -> None:
        self._stager = stager
        self.name = name
        self._handle = handle
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        try:
            self._stager.budget.add_bytes(self.name, self.size, len(chunk))
        except ValueError as error:
            self.close()
            raise ImportFailedError(FILES_FAILED, str(error)) from None
        self._handle.write(chunk)

    def close(self) -> None:
        self._handle.close()


class FileStager:
    """Writes uploaded files (each named by its relative path) under ``root``."""

    def __init__(self, root: Path, limits: ImportLimits = DEFAULT_LIMITS) -> None:
        self.root = root
        self.budget = _Budget(limits)
        self.names: list[str] = []

    def open(self, name: str) -> StagedFile:
        """Starts a file; ``ImportFailedError`` for an unsafe, repeated or extra file."""
        try:
            self.budget.add_entry()
            parts = relative_parts(name)
        except ValueError as error:
            raise ImportFailedError(FILES_FAILED, str(error)) from None
        target = self.root.joinpath(*parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = target.open("xb")
        except (FileExistsError, IsADirectoryError, NotADirectoryError):
            reason = f"{name!r} is uploaded twice, or is both a file and a folder"
            raise ImportFailedError(FILES_FAILED, reason) from None
        self.names.append("/".join(parts))
        return StagedFile(self, name, handle)

    def finish(self) -> StagedSource:
        """The staged folder; its hash is the sha256 of the contents in path order
        (compared segment by segment, as Dioptra 1.2 orders them)."""
        if not self.names:
            raise ImportFailedError(FILES_FAILED, "no files were uploaded")
        digest = hashlib.sha256()
        for name in sorted(self.names, key=lambda name: name.split("/")):
            with self.root.joinpath(*name.split("/")).open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        return StagedSource(self.root, digest.hexdigest())


# -- archives ----------------------------------------------------------------------------


class ArchiveReceiver:
    """Streams an uploaded archive to a file, counting and hashing it."""

    def __init__(self, path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self.size = 0
        self._digest = hashlib.sha256()
        self._handle = path.open("xb")

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limits.archive_bytes:
            self.close()
            limit = _size(self.limits.archive_bytes)
            raise ImportFailedError(ARCHIVE_FAILED, f"the archive is larger than {limit}")
        self._digest.update(chunk)
        self._handle.write(chunk)

    def close(self) -> None:
        self._handle.close()

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()


def stage_archive(
    archive: Path, sha256: str, dest: Path, limits: ImportLimits = DEFAULT_LIMITS
) -> StagedSource:
    """Unpacks an uploaded tar, tar.gz or zip archive into ``dest`` (which must not exist).

    The unpacked size is bounded while extracting (declared sizes first, then the bytes
    written), never checked after the fact."""
    expanded = min(limits.total_bytes, limits.expanded_bytes)
    try:
        extract_archive(archive, dest, max_total_bytes=expanded, max_members=limits.entries)
    except ArchiveTooLargeError:
        reason = f"the archive unpacks to more than the {_size(expanded)} limit of one import"
        raise ImportFailedError(ARCHIVE_FAILED, reason) from None
    except (ArchiveError, StorageError) as error:
        raise ImportFailedError(ARCHIVE_FAILED, str(error)) from None
    try:
        check_tree(dest, limits)
    except ValueError as error:
        raise ImportFailedError(ARCHIVE_FAILED, str(error)) from None
    return StagedSource(dest, sha256)


def _walk(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under ``root`` (not following links), with its relative path."""
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                yield name, entry
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{name}/", Path(entry.path)))


def check_tree(root: Path, limits: ImportLimits = DEFAULT_LIMITS) -> None:
    """A staged tree holds only plain files and folders, safely named, within the limits
    (``ValueError`` with the reason)."""
    budget = _Budget(limits)
    files = 0
    for name, entry in _walk(root):
        if entry.is_symlink():
            raise ValueError(f"{name!r} is a symbolic link; links are not imported")
        problem = path_problem(name)
        if problem is not None:
            raise ValueError(problem)
        if entry.is_dir(follow_symlinks=False):
            continue
        if not entry.is_file(follow_symlinks=False):
            raise ValueError(f"{name!r} is not a regular file")
        files += 1
        budget.add_entry()
        size = entry.stat(follow_symlinks=False).st_size
        budget.add_bytes(name, size, size)
    if files == 0:
        raise ValueError("the import holds no files")


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
