"""`ArtifactStore`: streamed, hashed, atomic storage of files and folders under keys."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal
from urllib.parse import urlsplit
from urllib.request import url2pathname

from dioptra.storage.archive_stream import ArchiveMember, iter_tar_gz, iter_zip
from dioptra.storage.backend import Backend, LinkedFile, StagedFile
from dioptra.storage.errors import ObjectNotFoundError, StorageError
from dioptra.storage.hashing import (
    DEFAULT_CHUNK_SIZE,
    DigestCounter,
    digest_stream,
    manifest_digest,
)
from dioptra.storage.keys import TEMP_PREFIX, join_key, key_name, validate_key
from dioptra.storage.local_backend import LocalBackend
from dioptra.storage.local_source import check_source_file, iter_source_tree
from dioptra.storage.models import FileEntry, ObjectInfo, StoredFile, StoredObject

if TYPE_CHECKING:
    from dioptra.storage.s3_backend import S3Backend

ArchiveFormat = Literal["tar_gz", "zip"]
MIN_CHUNK_SIZE = 1024 * 1024
MAX_CHUNK_SIZE = 8 * 1024 * 1024


def is_local_store_url(url: str) -> bool:
    """Whether an artifact store URL names a folder on this machine (not S3)."""
    return "://" not in url or urlsplit(url).scheme == "file"


def _open_backend(
    url: str, storage_options: Mapping[str, Any] | None, chunk_size: int, create: bool
) -> LocalBackend | S3Backend:
    parts = urlsplit(url) if "://" in url else None
    if parts is None:
        return LocalBackend(url, create=create)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise StorageError(f"file:// URL {url!r} names a remote host; use a local path")
        return LocalBackend(url2pathname(parts.path), create=create)
    if parts.scheme == "s3":
        # Imported here: a worker that only talks to the server needs neither fsspec
        # nor s3fs installed.
        import fsspec

        from dioptra.storage.s3_backend import S3Backend

        options = {"use_listings_cache": False, **(storage_options or {})}
        fs, root = fsspec.core.url_to_fs(url, **options)
        return S3Backend(fs, root, block_size=chunk_size)
    raise StorageError(
        f"unsupported artifact store URL {url!r}: use a local folder, file:// or s3://"
    )


class ArtifactStore:
    """Files and folders stored under `/`-separated keys below one root.

    `url` is a local folder, a `file://` URL, or `s3://bucket/prefix`; for S3,
    `storage_options` go to s3fs (`endpoint_url`, `key`, `secret`, `client_kwargs`, ...),
    so any S3-compatible server works. Writes are atomic: a failed or interrupted write
    leaves nothing under the final key. Data is read and written in `chunk_size` pieces
    (1-8 MiB), never whole. A local folder is created unless `create=False` (a store
    opened to read what someone else wrote there).
    """

    def __init__(
        self,
        url: str | os.PathLike[str],
        *,
        storage_options: Mapping[str, Any] | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        create: bool = True,
    ) -> None:
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise StorageError(f"chunk_size must be 1-8 MiB, got {chunk_size} bytes")
        self.url = os.fspath(url)
        self.chunk_size = chunk_size
        self._backend: Backend = _open_backend(self.url, storage_options, chunk_size, create)

    # -- writing -------------------------------------------------------------------------

    def put_stream(
        self, key: str, chunks: Iterable[bytes], *, overwrite: bool = False
    ) -> StoredObject:
        """Store the concatenated chunks as one file, hashing them on the way."""
        key = validate_key(key)
        staged = self._backend.stage_file(key, overwrite=overwrite)
        try:
            size, sha256 = _write_hashed(staged, chunks)
        except BaseException:
            staged.abort()
            raise
        return StoredObject(
            uri=self._backend.uri(key), key=key, is_dir=False, size=size, sha256=sha256
        )

    def put_bytes(self, key: str, data: bytes, *, overwrite: bool = False) -> StoredObject:
        view = memoryview(data)
        pieces = (
            bytes(view[i : i + self.chunk_size]) for i in range(0, len(view), self.chunk_size)
        )
        return self.put_stream(key, pieces, overwrite=overwrite)

    def put_fileobj(self, key: str, fileobj: IO[bytes], *, overwrite: bool = False) -> StoredObject:
        """Store everything readable from a binary file object."""
        return self.put_stream(key, _read_chunks(fileobj, self.chunk_size), overwrite=overwrite)

    def put_file(
        self,
        key: str,
        local_path: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        link: bool = False,
        digest: bool = True,
    ) -> StoredObject:
        """Store a local file under `key`.

        `link=True` hands the file over: the caller will not change it again. A local
        store on the same file system then takes it by hard link instead of copying it
        (one read for the digest, no second write); the file becomes read-only, since its
        bytes are now the stored object's. Elsewhere (another file system, S3) it is
        copied as without `link`. Either way the write is atomic.

        `digest=False` (with `link`): a linked file is published at once, neither read
        nor flushed to disk, and comes back with `sha256=None`; `digest(key)` does both
        later. A copy is hashed on the way as always.
        """
        source = check_source_file(local_path)
        if link:
            key = validate_key(key)
            linked = self._backend.stage_link(key, source, overwrite=overwrite)
            if linked is not None:
                size, sha256 = _publish_linked(linked, self.chunk_size, digest=digest)
                return StoredObject(
                    uri=self._backend.uri(key), key=key, is_dir=False, size=size, sha256=sha256
                )
        with source.open("rb") as stream:
            return self.put_fileobj(key, stream, overwrite=overwrite)

    def put_directory(
        self,
        key: str,
        local_dir: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        link: bool = False,
        digest: bool = True,
    ) -> StoredObject:
        """Store a local folder's files (and, locally, its empty sub-folders) under `key`.

        `link=True`, `digest=False`: each file is handed over, as `put_file` describes;
        a folder with any file taken undigested comes back with `sha256=None` and no
        `files`.
        """
        key = validate_key(key)
        entries = list(iter_source_tree(local_dir))  # checks the whole tree before writing
        staged = self._backend.stage_directory(key, overwrite=overwrite)
        files: list[StoredFile] = []
        size = 0
        complete = True  # every file's digest is known
        try:
            for entry in entries:
                if entry.is_dir:
                    staged.add_directory(entry.relative_path)
                    continue
                linked = staged.link_file(entry.relative_path, entry.path) if link else None
                if linked is not None:
                    file_size, sha256 = _publish_linked(linked, self.chunk_size, digest=digest)
                else:
                    with entry.path.open("rb") as stream:
                        file_size, sha256 = _write_hashed(
                            staged.stage_file(entry.relative_path),
                            _read_chunks(stream, self.chunk_size),
                        )
                size += file_size
                if sha256 is None:
                    complete = False
                else:
                    files.append(StoredFile(entry.relative_path, file_size, sha256))
            staged.commit()
        except BaseException:
            staged.abort()
            raise
        return StoredObject(
            uri=self._backend.uri(key),
            key=key,
            is_dir=True,
            size=size,
            sha256=manifest_digest(files) if complete else None,
            files=files if complete else [],
        )

    def digest(self, key: str) -> StoredObject:
        """Read what is stored under `key` for its size and sha256 (a folder: of its
        manifest), and make it durable: what `digest=False` puts leave for later."""
        found = self.info(key)
        if not found.is_dir:
            size, sha256 = self._digest_file(found.key)
            return StoredObject(found.uri, found.key, False, size, sha256)
        files = []
        for entry in self._walk(found.key):
            if not entry.is_dir:
                size, sha256 = self._digest_file(join_key(found.key, entry.relative_path))
                files.append(StoredFile(entry.relative_path, size, sha256))
        return StoredObject(
            uri=found.uri,
            key=found.key,
            is_dir=True,
            size=sum(stored.size for stored in files),
            sha256=manifest_digest(files),
            files=files,
        )

    def _digest_file(self, key: str) -> tuple[int, str]:
        with self._backend.open_read(key) as stream:
            digest = digest_stream(stream, self.chunk_size)
        self._backend.flush(key)
        return digest

    # -- reading -------------------------------------------------------------------------

    def info(self, key: str) -> ObjectInfo:
        found = self._backend.info(validate_key(key))
        if found is None:
            raise ObjectNotFoundError(key)
        return found

    def exists(self, key: str) -> bool:
        return self._backend.info(validate_key(key)) is not None

    def open_read(self, key: str) -> BinaryIO:
        """A binary stream of a stored file (close it when done)."""
        return self._backend.open_read(self.info(key).key)

    def iter_bytes(self, key: str, chunk_size: int | None = None) -> Iterator[bytes]:
        """The file's bytes in chunks. A missing key fails here, before the first chunk."""
        stream = self.open_read(key)
        return _chunks_then_close(stream, chunk_size or self.chunk_size)

    def list_files(self, key: str) -> list[FileEntry]:
        """Files and sub-folders below a folder key, sorted by path; a file lists itself."""
        found = self.info(key)
        if not found.is_dir:
            return [FileEntry(key_name(found.key), found.size, False)]
        return self._walk(found.key)

    def _walk(self, key: str) -> list[FileEntry]:
        entries = list(self._backend.walk(key))
        for entry in entries:
            validate_key(entry.relative_path)  # an S3 bucket may hold keys we never wrote
        return sorted(entries, key=lambda entry: entry.relative_path)

    def get_to_path(
        self, key: str, local_path: str | os.PathLike[str], *, link: bool = False
    ) -> Path:
        """Download a file to `local_path`, or a folder to become `local_path`.

        A folder's destination must not exist or be empty. Both appear atomically.
        `link=True`: a local store on the same file system hard-links each file instead
        of copying it; the files are read-only, for their bytes are the stored object's.
        """
        found = self.info(key)
        target = Path(local_path)
        fetch = partial(self._fetch_file, link=link)
        if not found.is_dir:
            _atomic_local_download(target, partial(fetch, found.key))
            return target
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise StorageError(f"cannot download {key!r} into {target}: it exists and is not empty")
        staging = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
        try:
            staging.mkdir(parents=True)
            for entry in self._walk(found.key):
                destination = staging / entry.relative_path
                if entry.is_dir:
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                fetch(join_key(found.key, entry.relative_path), str(destination))
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return target

    def _fetch_file(self, key: str, local_path: str, *, link: bool) -> None:
        if not (link and self._backend.link_out(key, local_path)):
            self._backend.download_file(key, local_path)

    def iter_archive(
        self,
        key: str,
        fmt: ArchiveFormat,
        subpath: str | None = None,
        *,
        root_name: str | None = None,
    ) -> Iterator[bytes]:
        """Stream a stored folder (or `subpath` of it) as a tar.gz or zip archive.

        Members sit under one top folder named `root_name`, by default the archived
        folder's own name (as Dioptra's downloads do); `root_name=""` puts them at the top.
        Nothing is built in memory or on disk first: see `archive_stream`.
        """
        if fmt not in ("tar_gz", "zip"):
            raise StorageError(f"unknown archive format {fmt!r}; use 'tar_gz' or 'zip'")
        target = join_key(key, subpath) if subpath else validate_key(key)
        found = self.info(target)  # fail before the first chunk, not halfway
        top = key_name(target) if root_name is None else root_name
        if top:
            validate_key(top)
        members = self._archive_members(found, top)
        writer = iter_tar_gz if fmt == "tar_gz" else iter_zip
        return writer(members, chunk_size=self.chunk_size)

    def _archive_members(self, found: ObjectInfo, top: str) -> Iterator[ArchiveMember]:
        def opener(key: str) -> Any:
            return lambda: self._backend.open_read(key)

        prefix = f"{top}/" if top else ""
        if not found.is_dir:
            name = top or key_name(found.key)
            yield ArchiveMember(name, found.size, False, opener(found.key))
            return
        if top:
            yield ArchiveMember(top, 0, True)
        for entry in self._walk(found.key):
            name = prefix + entry.relative_path
            if entry.is_dir:
                yield ArchiveMember(name, 0, True)
            else:
                member_key = join_key(found.key, entry.relative_path)
                yield ArchiveMember(name, entry.size, False, opener(member_key))

    # -- other ---------------------------------------------------------------------------

    def delete(self, key: str) -> bool:
        """Remove a file or a whole folder; False when nothing was stored under the key."""
        return self._backend.delete(validate_key(key))

    @property
    def local_folder(self) -> Path | None:
        """The real path of a local store's folder; None for S3."""
        return self._backend.root if isinstance(self._backend, LocalBackend) else None

    def uri_for(self, key: str) -> str:
        return self._backend.uri(validate_key(key))

    def key_for_uri(self, uri: str) -> str | None:
        """The key a URI of this store names, or None when it points elsewhere."""
        return self._backend.key_for_uri(uri)

    @property
    def local_root(self) -> Path | None:
        """The store's folder on this machine's disk; None for a store elsewhere (S3)."""
        return self._backend.root if isinstance(self._backend, LocalBackend) else None


def _write_hashed(staged: StagedFile, chunks: Iterable[bytes]) -> tuple[int, str]:
    """Writes and commits the chunks; their size and sha256 (the caller aborts on error)."""
    counter = DigestCounter()
    for chunk in chunks:
        counter.update(chunk)
        staged.write(chunk)
    staged.commit()
    return counter.size, counter.hexdigest()


def _publish_linked(linked: LinkedFile, chunk_size: int, *, digest: bool) -> tuple[int, str | None]:
    """Size and sha256 of a linked file (one read, usually from the page cache; no
    digest and no flush unless `digest`), then publish it; nothing appears under its
    key if anything fails."""
    try:
        if digest:
            with linked.open_read() as stream:
                size, sha256 = digest_stream(stream, chunk_size)
        else:
            size, sha256 = linked.size(), None
        linked.commit(flush=digest)
    except BaseException:
        linked.abort()
        raise
    return size, sha256


def _read_chunks(stream: IO[bytes], chunk_size: int) -> Iterator[bytes]:
    while chunk := stream.read(chunk_size):
        yield chunk


def _chunks_then_close(stream: IO[bytes], chunk_size: int) -> Iterator[bytes]:
    with stream:
        yield from _read_chunks(stream, chunk_size)


def _atomic_local_download(target: Path, download: Callable[[str], None]) -> None:
    """Download to a temporary name beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    try:
        download(str(temp))
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
