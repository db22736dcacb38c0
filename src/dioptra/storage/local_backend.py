"""Artifact storage in a local folder.

Atomicity: every write goes to a temporary name in the destination's own folder and is
moved into place with `os.replace`/`os.rename`, which the OS performs atomically on one
file system. Confinement: each key's resolved path (symlinks followed) must stay under
the root's resolved path, and so must the file a read actually opened.

Hard links: a local file handed over to the store (`stage_link`) is linked under the
temporary name instead of copied, and a stored file is linked out (`link_out`) instead of
copied, when both sides are on one file system. A linked file's bytes are shared, so it
is made read-only (0444) first: nobody (but root, whom mode bits do not stop) can then
change the stored object by writing through the other name. Where no link can be made
(EXDEV across file systems, or a file system without hard links) the store copies.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from dioptra.storage.errors import (
    ObjectExistsError,
    ObjectNotFoundError,
    StorageError,
    StorageKeyError,
)
from dioptra.storage.keys import TEMP_PREFIX, validate_key
from dioptra.storage.models import FileEntry, ObjectInfo

READ_ONLY = 0o444
# Why os.link may fail where a copy would still work.
_NO_LINK_ERRNOS = frozenset(
    {errno.EXDEV, errno.EPERM, errno.EACCES, errno.EMLINK, errno.ENOTSUP, errno.ENOSYS}
)


def _temp_name() -> str:
    return f"{TEMP_PREFIX}{uuid.uuid4().hex}"


def link_read_only(source: Path, target: Path) -> bool:
    """Hard-link `source` as the new name `target` and make the shared file read-only.

    False, with nothing left behind, where no link can be made (another file system, no
    hard links, a file we may not link or change the mode of): the caller copies then.
    Retried once when the target's folder vanished (a concurrent `delete` pruned it).
    """
    for attempt in (1, 2):
        _make_parent(target)
        try:
            os.link(source, target)
            break
        except FileNotFoundError:
            if attempt == 2 or not os.path.exists(source):
                raise
        except OSError as error:
            if error.errno in _NO_LINK_ERRNOS:
                return False
            raise
    try:
        os.chmod(target, READ_ONLY)
    except OSError:
        target.unlink(missing_ok=True)  # bytes we cannot protect are not shared
        return False
    return True


def is_within(path: str | Path, root: str | Path) -> bool:
    """True when `path` is `root` or below it (both already resolved)."""
    path_text, root_text = os.fspath(path), os.fspath(root)
    return path_text == root_text or path_text.startswith(root_text.rstrip(os.sep) + os.sep)


def _opened_real_path(stream: BinaryIO, path: Path) -> str:
    """The real path of the file ``stream`` has open: on Linux what the descriptor names
    (whatever ``path`` names by now), elsewhere ``path``'s real path once more."""
    try:
        return os.readlink(f"/proc/self/fd/{stream.fileno()}")
    except OSError:
        return os.path.realpath(path)


def _make_parent(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)


def _create_exclusive(path: Path, *, folder: bool = False) -> BinaryIO | None:
    """Create a new file (opened for writing) or folder, making its parents.

    Retried once: a concurrent `delete` may prune the freshly made parent folder.
    """
    for attempt in (1, 2):
        _make_parent(path)
        try:
            if folder:
                path.mkdir()
                return None
            return path.open("xb")
        except FileNotFoundError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _PlainFile:
    """A file written in place inside a staging folder (the folder itself is renamed)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        file = _create_exclusive(path)
        assert file is not None
        self._file = file

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)

    def commit(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())  # durable before the rename publishes it
        self._file.close()

    def abort(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


class _LinkedFile:
    """A file taken by hard link under a staging name.

    The bytes are usually still in the page cache, written moments ago by the caller.
    Like a copy, they are made durable before the rename publishes them, but the flush
    runs in a thread while the store reads them for their digest, not after it. A
    commit without `flush` publishes at once and leaves durability to a later
    `ArtifactStore.digest` (the page cache survives the death of any process).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sync_error: OSError | None = None
        self._sync: threading.Thread | None = None

    def _start_flush(self) -> None:
        if self._sync is None:
            self._sync = threading.Thread(target=self._flush, name="dioptra-fsync", daemon=True)
            self._sync.start()

    def _flush(self) -> None:
        try:
            flush_to_disk(self.path)
        except OSError as error:
            self._sync_error = error

    def _wait_for_flush(self) -> None:
        if self._sync is not None:
            self._sync.join()

    def open_read(self) -> BinaryIO:
        self._start_flush()  # overlaps the caller's read
        return self.path.open("rb")

    def size(self) -> int:
        return self.path.stat().st_size

    def commit(self, *, flush: bool = True) -> None:
        if flush:
            self._start_flush()
        self._wait_for_flush()
        if self._sync_error is not None:
            raise StorageError(f"cannot flush {self.path.name} to disk: {self._sync_error}")

    def abort(self) -> None:
        self._wait_for_flush()
        self.path.unlink(missing_ok=True)


def flush_to_disk(path: Path) -> None:
    """fsync a file's data (a read-only descriptor is enough on Linux and macOS)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _publish(staged: Path, final: Path, *, key: str, overwrite: bool) -> None:
    """Move a finished file or folder from its temporary name onto its final name."""
    if os.path.lexists(final):
        if not overwrite:
            raise ObjectExistsError(key)
        if (final.is_dir() and not final.is_symlink()) or staged.is_dir():
            # os.replace cannot swap folders or change a file into a folder: move the
            # old one aside first, so the final name is never half-written.
            trash = final.parent / _temp_name()
            os.rename(final, trash)
            os.rename(staged, final)
            _remove_tree_or_file(trash)
            return
    os.replace(staged, final)


def _remove_tree_or_file(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _prune_empty_parents(path: Path, root: Path) -> None:
    """Remove the empty folders above `path`, up to (not including) `root`.

    Object stores have no empty folders; pruning keeps listings alike on both backends.
    """
    parent = path.parent
    while parent != root and is_within(parent, root):
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


class _LocalStagedFile:
    """A standalone file: written under a temporary name next to its final name."""

    def __init__(self, final: Path, *, root: Path, key: str, overwrite: bool) -> None:
        self._root = root
        self._final = final
        self._key = key
        self._overwrite = overwrite
        self._temp = _PlainFile(final.parent / _temp_name())

    def write(self, chunk: bytes) -> None:
        self._temp.write(chunk)

    def commit(self) -> None:
        self._temp.commit()
        try:
            _publish(self._temp.path, self._final, key=self._key, overwrite=self._overwrite)
        except BaseException:
            self._temp.path.unlink(missing_ok=True)
            raise

    def abort(self) -> None:
        self._temp.abort()
        _prune_empty_parents(self._final, self._root)


class _LocalLinkedStandalone:
    """A standalone file taken by hard link next to its final name, then renamed."""

    def __init__(self, temp: Path, final: Path, *, root: Path, key: str, overwrite: bool) -> None:
        self._root = root
        self._final = final
        self._key = key
        self._overwrite = overwrite
        self._linked = _LinkedFile(temp)

    def open_read(self) -> BinaryIO:
        return self._linked.open_read()

    def size(self) -> int:
        return self._linked.size()

    def commit(self, *, flush: bool = True) -> None:
        try:
            self._linked.commit(flush=flush)
            _publish(self._linked.path, self._final, key=self._key, overwrite=self._overwrite)
            # rename(2) leaves both names when they already were links to one file (the
            # same file stored again): the final name is right, drop the staging one.
            self._linked.path.unlink(missing_ok=True)
        except BaseException:
            self._linked.abort()
            raise

    def abort(self) -> None:
        self._linked.abort()
        _prune_empty_parents(self._final, self._root)


class _LocalStagedDirectory:
    """A folder built under a temporary name next to its final name, then renamed."""

    def __init__(self, final: Path, *, root: Path, key: str, overwrite: bool) -> None:
        self._root = root
        self._final = final
        self._key = key
        self._overwrite = overwrite
        self._staging = final.parent / _temp_name()
        _create_exclusive(self._staging, folder=True)

    def add_directory(self, relative_path: str) -> None:
        (self._staging / relative_path).mkdir(parents=True, exist_ok=True)

    def stage_file(self, relative_path: str) -> _PlainFile:
        return _PlainFile(self._staging / relative_path)

    def link_file(self, relative_path: str, source: Path) -> _LinkedFile | None:
        target = self._staging / relative_path
        return _LinkedFile(target) if link_read_only(source, target) else None

    def commit(self) -> None:
        _publish(self._staging, self._final, key=self._key, overwrite=self._overwrite)

    def abort(self) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)
        _prune_empty_parents(self._final, self._root)


class LocalBackend:
    """Keys map to paths below one local folder, created if missing (unless not `create`)."""

    def __init__(self, root: str | os.PathLike[str], *, create: bool = True) -> None:
        root_path = Path(root).expanduser()
        try:
            if create:
                root_path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create the artifact folder {root_path}: {error}") from None
        if not root_path.is_dir():
            raise StorageError(f"the artifact store root {root_path} is not a folder")
        self.root = Path(os.path.realpath(root_path))

    def _path(self, key: str) -> Path:
        path = self.root / key
        if not is_within(os.path.realpath(path), self.root):
            raise StorageKeyError(key, "it resolves outside the store's root through a symlink")
        return path

    def uri(self, key: str) -> str:
        return (self.root / key).as_uri()

    def key_for_uri(self, uri: str) -> str | None:
        parts = urlsplit(uri)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = unquote(parts.path)
        prefix = self.root.as_posix().rstrip("/") + "/"
        if not path.startswith(prefix):
            return None
        return validate_key(path[len(prefix) :])

    def info(self, key: str) -> ObjectInfo | None:
        path = self._path(key)
        try:
            status = path.stat()
        except (FileNotFoundError, NotADirectoryError):  # missing, or a parent is a file
            return None
        if stat.S_ISDIR(status.st_mode):
            size = sum(entry.size for entry in self.walk(key) if not entry.is_dir)
            return ObjectInfo(key=key, uri=self.uri(key), is_dir=True, size=size)
        if stat.S_ISREG(status.st_mode):
            return ObjectInfo(key=key, uri=self.uri(key), is_dir=False, size=status.st_size)
        raise StorageError(f"{key!r} is neither a regular file nor a folder")

    def walk(self, key: str) -> Iterator[FileEntry]:
        yield from self._walk_folder(self._path(key), "")

    def _walk_folder(self, folder: Path, prefix: str) -> Iterator[FileEntry]:
        with os.scandir(folder) as scan:
            entries = list(scan)
        for entry in entries:
            if entry.name.startswith(TEMP_PREFIX):
                continue  # an in-flight write, not part of any object
            relative = prefix + entry.name
            if entry.is_symlink():
                # The store never writes links; one that someone placed here may only
                # point at a regular file inside the root.
                target = os.path.realpath(entry.path)
                if not is_within(target, self.root) or not os.path.isfile(target):
                    raise StorageKeyError(
                        relative, "a symlink in the store points outside it or at a folder"
                    )
                yield FileEntry(relative, os.stat(target).st_size, False)
            elif entry.is_dir(follow_symlinks=False):
                yield FileEntry(relative, 0, True)
                yield from self._walk_folder(Path(entry.path), relative + "/")
            elif entry.is_file(follow_symlinks=False):
                yield FileEntry(relative, entry.stat(follow_symlinks=False).st_size, False)

    def open_read(self, key: str) -> BinaryIO:
        path = self._path(key)
        if path.is_dir():
            raise StorageError(f"{key!r} is a directory; list it or download it as an archive")
        try:
            stream = path.open("rb")
        except FileNotFoundError:
            raise ObjectNotFoundError(key) from None
        # A link swapped in between the check above and the open is caught here.
        if not is_within(_opened_real_path(stream, path), self.root):
            stream.close()
            raise StorageKeyError(key, "it resolves outside the store's root through a symlink")
        return stream

    def download_file(self, key: str, local_path: str) -> None:
        shutil.copyfile(self._path(key), local_path)  # zero-copy (sendfile) where possible

    def link_out(self, key: str, local_path: str) -> bool:
        return link_read_only(self._path(key), Path(local_path))

    def flush(self, key: str) -> None:
        try:
            flush_to_disk(self._path(key))
        except FileNotFoundError:
            raise ObjectNotFoundError(key) from None
        except OSError as error:
            raise StorageError(f"cannot flush {key!r} to disk: {error}") from None

    def _check_writable(self, key: str, *, overwrite: bool) -> Path:
        path = self._path(key)
        if not overwrite and os.path.lexists(path):
            raise ObjectExistsError(key)
        try:
            _make_parent(path)
        except (FileExistsError, NotADirectoryError):
            raise StorageError(f"cannot store {key!r}: a parent of it is a file") from None
        # mkdir may have walked through a symlinked folder: check confinement again.
        return self._path(key)

    def stage_file(self, key: str, *, overwrite: bool) -> _LocalStagedFile:
        final = self._check_writable(key, overwrite=overwrite)
        return _LocalStagedFile(final, root=self.root, key=key, overwrite=overwrite)

    def stage_link(
        self, key: str, source: Path, *, overwrite: bool
    ) -> _LocalLinkedStandalone | None:
        final = self._check_writable(key, overwrite=overwrite)
        temp = final.parent / _temp_name()
        if not link_read_only(source, temp):
            return None  # the parents made stay for the copy that follows
        return _LocalLinkedStandalone(temp, final, root=self.root, key=key, overwrite=overwrite)

    def stage_directory(self, key: str, *, overwrite: bool) -> _LocalStagedDirectory:
        final = self._check_writable(key, overwrite=overwrite)
        return _LocalStagedDirectory(final, root=self.root, key=key, overwrite=overwrite)

    def delete(self, key: str) -> bool:
        path = self._path(key)
        if not os.path.lexists(path):
            return False
        _remove_tree_or_file(path)
        _prune_empty_parents(path, self.root)
        return True
