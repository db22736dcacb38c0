"""Walking a local folder that is about to be uploaded, refusing anything unsafe.

The folder usually comes from a job (an artifact task's `serialize` output), so it is
untrusted: a symlink in it could point at any file of the worker's machine.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dioptra.storage.errors import LocalSourceError, StorageKeyError
from dioptra.storage.keys import validate_key
from dioptra.storage.local_backend import is_within


@dataclass(frozen=True)
class SourceEntry:
    """A file or sub-folder of the folder being uploaded."""

    relative_path: str
    path: Path
    is_dir: bool


def check_source_file(path: str | os.PathLike[str]) -> Path:
    """The path of a readable regular file to upload, or a clear `LocalSourceError`."""
    source = Path(path)
    try:
        status = source.stat()
    except FileNotFoundError:
        raise LocalSourceError(f"local file {source} does not exist") from None
    if stat.S_ISDIR(status.st_mode):
        raise LocalSourceError(f"{source} is a folder; store it with put_directory")
    if not stat.S_ISREG(status.st_mode):
        raise LocalSourceError(f"{source} is not a regular file")
    return source


def iter_source_tree(folder: str | os.PathLike[str]) -> Iterator[SourceEntry]:
    """Every sub-folder and file below `folder`, parents before children.

    Symlinks to regular files inside the folder are followed (uploaded as plain files);
    any other symlink (pointing outside, dangling, or at a folder) and any special file
    (socket, fifo, device) raises `LocalSourceError`.
    """
    root = Path(folder)
    if not root.is_dir():
        raise LocalSourceError(f"local folder {root} does not exist or is not a folder")
    real_root = os.path.realpath(root)
    yield from _walk(root, real_root, "")


def _walk(folder: Path, real_root: str, prefix: str) -> Iterator[SourceEntry]:
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        relative = prefix + entry.name
        try:
            validate_key(relative)
        except StorageKeyError as error:
            raise LocalSourceError(f"cannot store {entry.path}: {error.reason}") from None
        path = Path(entry.path)
        if entry.is_symlink():
            target = os.path.realpath(path)
            if not is_within(target, real_root) or not os.path.isfile(target):
                raise LocalSourceError(
                    f"{path} is a symlink to {os.readlink(path)!r}; only links to files "
                    "inside the uploaded folder are allowed"
                )
            yield SourceEntry(relative, path, is_dir=False)
        elif entry.is_dir(follow_symlinks=False):
            yield SourceEntry(relative, path, is_dir=True)
            yield from _walk(path, real_root, relative + "/")
        elif entry.is_file(follow_symlinks=False):
            yield SourceEntry(relative, path, is_dir=False)
        else:
            raise LocalSourceError(f"{path} is a special file (socket, fifo or device)")
