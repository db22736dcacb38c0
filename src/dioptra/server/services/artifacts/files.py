"""The bytes of artifacts: uploads streamed into the artifact store, and what a download
of an artifact (or of a member of a folder artifact) reads back.

An upload is checked before any byte is read (``prepare_upload``), then written
atomically without a database session (``store_upload``); registering it is the
registry's (``artifacts.register``), which reuses the digest the upload computed.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dioptra.job_states import STARTED
from dioptra.server.services.artifacts import run_files
from dioptra.server.services.artifacts.artifacts import (
    ARTIFACT,
    StoredDigest,
    UploadDigests,
    registered_at,
)
from dioptra.server.services.artifacts.run_files import NO_EXTERNAL_ROOTS, ExternalRoots
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityExistsError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs.errors import (
    ArtifactContentsError,
    ArtifactNotStoredError,
    ArtifactStoreError,
    ArtifactStoreFullError,
    ArtifactUnreadableError,
    ArtifactUploadError,
    JobNotRunningError,
)
from dioptra.storage import (
    ArchiveFormat,
    ArtifactStore,
    ObjectNotFoundError,
    StorageError,
    StorageKeyError,
    StoredObject,
    extract_archive,
    join_key,
    validate_key,
)

# A directory upload is a tar stream; these bound what it may unpack to.
MAX_DIRECTORY_MEMBERS = 100_000
# Why a write fails for want of room (disk full, quota exceeded).
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})


# -- uploading -------------------------------------------------------------------------


def _single_name(what: str, value: str) -> str:
    try:
        validate_key(value)
    except StorageError:
        raise ArtifactUploadError(f"The {what} {value!r} is not a valid name.") from None
    if "/" in value:
        raise ArtifactUploadError(f"The {what} {value!r} must be one name, without '/'.")
    return value


def upload_key(job_id: int, name: str, filename: str) -> str:
    """Where an output of a job is stored."""
    return join_key(
        "jobs", str(job_id), _single_name("artifact name", name), _single_name("filename", filename)
    )


def _limited(chunks: Iterable[bytes], max_bytes: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_bytes:
            raise ArtifactUploadError(f"The upload is larger than the limit of {max_bytes} bytes.")
        yield chunk


def prepare_upload(
    ctx: ServiceContext, store: ArtifactStore, job_id: int, name: str, filename: str
) -> str:
    """The checks before any byte is read; returns the store key to write."""
    jobs.check_job_scope(ctx, job_id, "upload artifacts of another job")
    view = jobs.get_job(ctx, job_id)
    ctx.require_writable_group(view.group_id)
    status = jobs.job_row(ctx, job_id).status
    if status != STARTED:  # a job's outputs are written while it runs
        raise JobNotRunningError(job_id, status)
    key = upload_key(job_id, name, filename)
    existing = registered_at(ctx, job_id, store.uri_for(key))
    if existing is not None:
        raise EntityExistsError(
            ARTIFACT.type_name, ARTIFACT.display_name, existing, uri=store.uri_for(key)
        )
    return key


def store_upload(
    store: ArtifactStore,
    key: str,
    chunks: Iterable[bytes],
    *,
    is_dir: bool,
    max_bytes: int,
    scratch_dir: str | None = None,
    uploads: UploadDigests | None = None,
) -> tuple[str, bool, int, str]:
    """Writes the bytes (a file, or a tar stream of a folder's contents) atomically under
    ``key``; returns ``(uri, is_dir, size, sha256)`` and remembers them in ``uploads``
    for the registration. Runs without a database session."""
    try:
        stored = _store_upload(
            store, key, chunks, is_dir=is_dir, max_bytes=max_bytes, scratch=scratch_dir
        )
    except (OSError, StorageError) as error:  # the store's (or the spool's) failure
        full = isinstance(error, OSError) and error.errno in _NO_ROOM
        raise (ArtifactStoreFullError if full else ArtifactStoreError)(error) from error
    assert stored.sha256 is not None  # streamed and copied writes are hashed on the way
    if uploads is not None:
        uploads.remember(stored.uri, StoredDigest(stored.is_dir, stored.size, stored.sha256))
    return stored.uri, stored.is_dir, stored.size, stored.sha256


def _store_upload(
    store: ArtifactStore,
    key: str,
    chunks: Iterable[bytes],
    *,
    is_dir: bool,
    max_bytes: int,
    scratch: str | None,
) -> StoredObject:
    limited = _limited(chunks, max_bytes)
    if not is_dir:
        return store.put_stream(key, limited, overwrite=True)
    # A tar stream cannot be checked member by member before it is all there: spool it
    # to disk (not memory), check and unpack it, then store the folder.
    with tempfile.TemporaryDirectory(prefix="dioptra-upload-", dir=scratch) as folder:
        archive = Path(folder) / "upload.tar"
        with archive.open("wb") as sink:
            for chunk in limited:
                sink.write(chunk)
        unpacked = Path(folder) / "tree"
        try:
            extract_archive(
                archive, unpacked, max_total_bytes=max_bytes, max_members=MAX_DIRECTORY_MEMBERS
            )
        except StorageError as error:
            raise ArtifactUploadError(
                f"The directory upload is not a usable tar: {error}"
            ) from None
        archive.unlink()
        # The unpacked files are thrown away next: the store may take them by hard link.
        stored = store.put_directory(key, unpacked, overwrite=True, link=True)
        shutil.rmtree(unpacked, ignore_errors=True)
    return stored


# -- contents --------------------------------------------------------------------------


@dataclass(frozen=True)
class Contents:
    """What a download sends: one stored file, or a folder (or part of one) archived,
    read from ``store`` (ours, or an MLflow run's artifact folder: see ``run_files``)."""

    uri: str
    store: ArtifactStore
    key: str
    is_dir: bool
    download_name: str
    size: int | None = None


def _source_of(
    store: ArtifactStore, roots: ExternalRoots, view: SnapshotView
) -> tuple[ArtifactStore, str]:
    """The store an artifact's bytes are in and their key there."""
    uri = view.payload["artifactUri"]
    key = view.payload.get("storeKey") or store.key_for_uri(uri)
    if key is not None:
        return store, key
    run_id = view.payload.get("mlflowRunId")
    if run_id is None:
        raise ArtifactUnreadableError(uri, "it is no longer stored here")
    try:
        # Checked again, links inside a folder included: it may have changed since.
        found = run_files.locate(roots, uri, run_id, view.payload["jobId"])
    except ArtifactNotStoredError as error:
        raise ArtifactUnreadableError(uri, error.reason) from None
    return found.store, found.key


@contextmanager
def _reading(uri: str) -> Iterator[None]:
    """The store's refusals of a registered artifact's bytes, as a clear 400."""
    try:
        yield
    except StorageKeyError as error:
        raise ArtifactUnreadableError(
            uri, f"it holds a link to outside its folder or a bad name ({error.reason})"
        ) from None
    except StorageError as error:
        raise ArtifactUnreadableError(uri, str(error)) from None


def contents_of(
    store: ArtifactStore,
    view: SnapshotView,
    path: str | None = None,
    roots: ExternalRoots = NO_EXTERNAL_ROOTS,
) -> Contents:
    """The stored object behind an artifact (``path``: a member of a folder artifact)."""
    uri = view.payload["artifactUri"]
    source, key = _source_of(store, roots, view)
    if path:
        if not view.payload.get("isDir"):
            raise ArtifactContentsError("A path can only be given for a directory artifact.")
        try:
            key = join_key(key, path.strip("/"))
        except StorageError:
            raise ArtifactContentsError(
                f"The path {path!r} is not a valid relative path."
            ) from None
    with _reading(uri):
        try:
            info = source.info(key)
        except ObjectNotFoundError:
            raise ArtifactContentsError(f"The artifact has no file at {path or '/'!r}.") from None
    name = key.rsplit("/", 1)[-1]
    return Contents(uri, source, key, info.is_dir, download_name=name, size=info.size)


def chunks_of(contents: Contents, archive: ArchiveFormat) -> Iterator[bytes]:
    """The bytes a download sends (a folder: as an ``archive``). A file is opened here,
    and what was opened is checked once more (``LocalBackend.open_read``)."""
    with _reading(contents.uri):
        if contents.is_dir:
            return contents.store.iter_archive(contents.key, archive)
        return contents.store.iter_bytes(contents.key)


@dataclass(frozen=True)
class FileListing:
    relative_path: str
    is_dir: bool
    size: int


def files_of(
    store: ArtifactStore, view: SnapshotView, roots: ExternalRoots = NO_EXTERNAL_ROOTS
) -> list[FileListing]:
    """Every file (and folder) of an artifact, relative to it."""
    contents = contents_of(store, view, roots=roots)
    with _reading(view.payload["artifactUri"]):
        listing = contents.store.list_files(contents.key)
    return [FileListing(entry.relative_path, entry.is_dir, entry.size) for entry in listing]
