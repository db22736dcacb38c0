"""Artifact storage in an S3-compatible bucket (through s3fs / fsspec).

Atomicity: each object is written as a multipart upload opened with `autocommit=False`;
S3 shows nothing under the key until the upload is completed, and an aborted (or
abandoned) upload never appears. A directory completes all of its files' uploads only
after every file has been sent, so a failure while sending leaves nothing behind.
An upload whose abort fails too (S3 went away mid-upload) stays invisible, holding its
parts until the bucket's lifecycle rule (AbortIncompleteMultipartUpload) drops them.

Errors: S3's client errors (botocore's, e.g. an unreachable endpoint) that s3fs passes
through unchanged are raised as `StorageError`, as every backend's failures are.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from dioptra.storage.errors import ObjectExistsError, ObjectNotFoundError, StorageError
from dioptra.storage.keys import validate_key
from dioptra.storage.models import FileEntry, ObjectInfo

if TYPE_CHECKING:  # fsspec is imported only when an S3 store is opened
    from fsspec import AbstractFileSystem

MIN_PART_SIZE = 5 * 1024 * 1024  # S3's smallest part of a multipart upload (but the last)

logger = logging.getLogger("dioptra.storage")


@contextlib.contextmanager
def _s3_errors(what: str, path: str) -> Iterator[None]:
    """botocore's own errors (s3fs passes them through after its retries) as StorageError."""
    from botocore.exceptions import BotoCoreError

    try:
        yield
    except BotoCoreError as error:
        raise StorageError(f"cannot {what} s3://{path}: {error}") from error


class _S3StagedFile:
    """One object sent as a multipart upload that is completed only by `publish`."""

    def __init__(self, fs: AbstractFileSystem, path: str, block_size: int) -> None:
        self._path = path
        with _s3_errors("upload to", path):
            self._file: Any = fs.open(path, "wb", autocommit=False, block_size=block_size)

    def write(self, chunk: bytes) -> None:
        with _s3_errors("upload to", self._path):
            self._file.write(chunk)

    def finish(self) -> None:
        with _s3_errors("upload to", self._path):
            self._file.close()  # sends the last part; with autocommit=False, no completion

    def publish(self) -> None:
        with _s3_errors("complete the upload to", self._path):
            self._file.commit()

    def abort(self) -> None:
        """Abort the multipart upload, if one was started. Never raises: it runs while
        another error is on its way, which must not be replaced by this one."""
        try:
            self._file.discard()
        except Exception as error:
            logger.warning(
                "cannot abort the upload to s3://%s (it stays invisible): %s", self._path, error
            )
        finally:
            # Mark it closed so garbage collection does not try to flush it later.
            self._file.closed = True


class _StandaloneS3File:
    def __init__(self, upload: _S3StagedFile, before_publish: Callable[[], None]) -> None:
        self._upload = upload
        self._before_publish = before_publish

    def write(self, chunk: bytes) -> None:
        self._upload.write(chunk)

    def commit(self) -> None:
        self._upload.finish()
        self._before_publish()
        self._upload.publish()

    def abort(self) -> None:
        self._upload.abort()


class _DirectoryMember:
    def __init__(self, upload: _S3StagedFile) -> None:
        self._upload = upload

    def write(self, chunk: bytes) -> None:
        self._upload.write(chunk)

    def commit(self) -> None:
        self._upload.finish()  # published later, with the whole directory

    def abort(self) -> None:
        self._upload.abort()


class _S3StagedDirectory:
    def __init__(self, backend: S3Backend, key: str, *, overwrite: bool) -> None:
        self._backend = backend
        self._key = key
        self._overwrite = overwrite
        self._uploads: list[_S3StagedFile] = []

    def add_directory(self, relative_path: str) -> None:
        """S3 has no folders: an empty sub-directory is not kept."""

    def link_file(self, relative_path: str, source: Path) -> None:
        """Objects cannot be hard-linked: the store copies."""

    def stage_file(self, relative_path: str) -> _DirectoryMember:
        upload = self._backend.new_upload(f"{self._key}/{relative_path}")
        self._uploads.append(upload)
        return _DirectoryMember(upload)

    def commit(self) -> None:
        self._backend.clear_for_publish(self._key, overwrite=self._overwrite)
        for upload in self._uploads:
            upload.publish()

    def abort(self) -> None:
        for upload in self._uploads:
            upload.abort()


class S3Backend:
    """Keys map to objects below `bucket/prefix` of an fsspec S3 file system."""

    def __init__(self, fs: AbstractFileSystem, root: str, *, block_size: int) -> None:
        root = root.strip("/")
        if not root:
            raise StorageError("an s3:// artifact store URL must name a bucket: s3://bucket/prefix")
        self.fs = fs
        self.root = root
        self.block_size = max(block_size, MIN_PART_SIZE)

    def _path(self, key: str) -> str:
        return f"{self.root}/{key}"

    def uri(self, key: str) -> str:
        return cast(str, self.fs.unstrip_protocol(self._path(key)))

    def key_for_uri(self, uri: str) -> str | None:
        if not uri.startswith("s3://"):
            return None
        path = uri[len("s3://") :]
        prefix = self.root + "/"
        return validate_key(path[len(prefix) :]) if path.startswith(prefix) else None

    def _details(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            with _s3_errors("look up", path):
                return cast(dict[str, Any], self.fs.info(path))
        except FileNotFoundError:
            return None

    def _is_dir(self, key: str) -> bool | None:
        """True for a directory, False for a file, None when nothing is there."""
        details = self._details(key)
        return None if details is None else details["type"] == "directory"

    def info(self, key: str) -> ObjectInfo | None:
        details = self._details(key)
        if details is None:
            return None
        if details["type"] == "directory":
            size = sum(entry.size for entry in self.walk(key) if not entry.is_dir)
            return ObjectInfo(key=key, uri=self.uri(key), is_dir=True, size=size)
        return ObjectInfo(key=key, uri=self.uri(key), is_dir=False, size=int(details["size"]))

    def walk(self, key: str) -> Iterator[FileEntry]:
        base = self._path(key)
        found = self.fs.find(base, withdirs=True, detail=True)
        for path, details in found.items():
            relative = path[len(base) :].strip("/")
            if not relative or not path.startswith(base + "/"):
                continue
            is_dir = details["type"] == "directory"
            yield FileEntry(relative, 0 if is_dir else int(details["size"]), is_dir)

    def open_read(self, key: str) -> BinaryIO:
        path = self._path(key)
        try:
            if self.fs.isdir(path):
                raise StorageError(f"{key!r} is a directory; list it or download it as an archive")
            return cast(BinaryIO, self.fs.open(path, "rb", block_size=self.block_size))
        except FileNotFoundError:
            raise ObjectNotFoundError(key) from None

    def download_file(self, key: str, local_path: str) -> None:
        self.fs.get_file(self._path(key), local_path)

    def link_out(self, key: str, local_path: str) -> bool:
        return False  # an object cannot be linked to a local file: it is downloaded

    def flush(self, key: str) -> None:
        """Nothing to do: an upload is durable once it is complete."""

    def stage_link(self, key: str, source: Path, *, overwrite: bool) -> None:
        """Objects cannot be hard-linked: the store uploads a copy."""

    def new_upload(self, key: str) -> _S3StagedFile:
        return _S3StagedFile(self.fs, self._path(key), self.block_size)

    def clear_for_publish(self, key: str, *, overwrite: bool) -> None:
        """Make room for a new object: refuse, or remove what S3 would not replace itself.

        Completing an upload replaces an object with the same key atomically, but an old
        directory's other files (or a file where a directory goes) must be removed first.
        """
        is_dir = self._is_dir(key)
        if is_dir is None:
            return
        if not overwrite:
            raise ObjectExistsError(key)
        self.fs.rm(self._path(key), recursive=is_dir)

    def stage_file(self, key: str, *, overwrite: bool) -> _StandaloneS3File:
        if not overwrite and self._is_dir(key) is not None:
            raise ObjectExistsError(key)  # early, before sending any data

        def before_publish() -> None:
            # A file replaces a file by itself; anything else needs clearing first.
            if self._is_dir(key) is True or not overwrite:
                self.clear_for_publish(key, overwrite=overwrite)

        return _StandaloneS3File(self.new_upload(key), before_publish)

    def stage_directory(self, key: str, *, overwrite: bool) -> _S3StagedDirectory:
        if not overwrite and self._is_dir(key) is not None:
            raise ObjectExistsError(key)
        return _S3StagedDirectory(self, key, overwrite=overwrite)

    def delete(self, key: str) -> bool:
        is_dir = self._is_dir(key)
        if is_dir is None:
            return False
        self.fs.rm(self._path(key), recursive=is_dir)
        return True
