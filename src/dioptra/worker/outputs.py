"""Storing a job's artifact outputs and registering them with the task that made them.

A worker that can reach the artifact store (it was given the store's URL, as local
workers are) writes there itself under ``jobs/<job id>/<output name>/<file name>``;
any other worker streams each file, or a tar of each directory, to the server.

What ``serialize`` wrote is handed over to a reachable store: on the same file system
the store takes it by hard link (read-only from then on) instead of copying it, without
reading it; the registration carries its size, and the server computes the sha256 (and
flushes the file to disk) after the job, in the background. A copy (another file
system, S3) is hashed on the way, and the registration carries that digest; after an
upload through the API the server has both already.

An output file with another name outside the job's folder (a hard link, say to the
server's secret key) is refused before anything is stored: storing it would publish
that file's bytes, and a store that takes it by link would make it read-only.
"""

from __future__ import annotations

import logging
import os
import stat
import tarfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from dioptra.client import DioptraClientError, StatusCodeError
from dioptra.engine import SavedArtifact
from dioptra.storage import ArtifactStore, StorageError
from dioptra.worker.api import JobApi, with_retry
from dioptra.worker.errors import JobFailure
from dioptra.worker.inputs import ArtifactTaskRef

logger = logging.getLogger("dioptra.worker")


@dataclass(frozen=True)
class Uploaded:
    """Where an output was stored and, when the uploader computed them, its size and
    sha256 (a folder: of its manifest)."""

    uri: str
    size: int | None = None
    sha256: str | None = None


class ArtifactUploader(Protocol):
    def upload(self, job_id: int, name: str, path: Path, *, is_dir: bool) -> Uploaded:
        """Store a file or directory."""


class StoreUploader:
    """Writes straight into the artifact store (local folder or S3)."""

    def __init__(self, store: ArtifactStore) -> None:
        self.store = store

    def upload(self, job_id: int, name: str, path: Path, *, is_dir: bool) -> Uploaded:
        from dioptra.storage import join_key

        key = join_key(job_store_key(job_id), name, path.name)
        # The job is done with what serialize wrote (its working directory goes next):
        # the store may take the files themselves rather than copies, and leave their
        # digest to the server (artifact_digests), off the job's time.
        put = self.store.put_directory if is_dir else self.store.put_file
        stored = put(key, path, overwrite=True, link=True, digest=False)
        return Uploaded(stored.uri, stored.size, stored.sha256)


def job_store_key(job_id: int) -> str:
    """The folder of a job's outputs in the artifact store."""
    from dioptra.storage import join_key

    return join_key("jobs", str(job_id))


class RestUploader:
    """Streams to ``POST /jobs/{id}/artifactUploads`` (the server stores it, and keeps
    the digest it computed for the registration)."""

    def __init__(self, api: JobApi) -> None:
        self.api = api

    def upload(self, job_id: int, name: str, path: Path, *, is_dir: bool) -> Uploaded:
        if not is_dir:
            with path.open("rb") as stream:
                return Uploaded(self.api.upload_artifact(name, path.name, stream, is_dir=False))
        with _tar_stream(path) as stream:
            return Uploaded(self.api.upload_artifact(name, path.name, stream, is_dir=True))


class _tar_stream:
    """A readable stream of an uncompressed tar of ``folder`` (its contents at the top),
    written by a thread as it is read, so nothing is staged on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        read_fd, self._write_fd = os.pipe()
        self.reader: BinaryIO = os.fdopen(read_fd, "rb")
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, daemon=True)

    def _write(self) -> None:
        try:
            with (
                os.fdopen(self._write_fd, "wb") as sink,
                tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as archive,
            ):
                for entry in sorted(self.folder.rglob("*")):
                    if entry.is_symlink():
                        continue  # never follow links out of the working directory
                    archive.add(
                        entry, arcname=entry.relative_to(self.folder).as_posix(), recursive=False
                    )
        except BaseException as error:  # reported by __exit__
            self.error = error

    def __enter__(self) -> BinaryIO:
        self._thread.start()
        return self.reader

    def __exit__(self, *exc_info: object) -> None:
        self.reader.close()  # unblocks the writer if the upload stopped early
        self._thread.join()
        if self.error is not None and exc_info[0] is None:
            raise JobFailure(f"cannot archive {self.folder.name}: {self.error}")


def save_outputs(
    api: JobApi,
    job: Mapping[str, Any],
    artifacts: Sequence[SavedArtifact],
    tasks: Mapping[str, ArtifactTaskRef],
    uploader: ArtifactUploader,
    job_folder: Path,
) -> list[dict[str, Any]]:
    """Store and register every artifact output; returns the registered artifacts."""
    job_id = int(job["id"])
    group_id = int(job["group"]["id"])
    registered = []
    for artifact in artifacts:
        refuse_links_outside(artifact, job_folder)
        kind = "directory" if artifact.is_dir else "file"
        logger.info("storing artifact output %r (%s %s)", artifact.name, kind, artifact.path.name)
        started = time.perf_counter()
        try:
            uploaded = uploader.upload(job_id, artifact.name, artifact.path, is_dir=artifact.is_dir)
        except JobFailure:
            raise
        except StatusCodeError as error:
            raise JobFailure(
                f"cannot store artifact output {artifact.name!r}: {error.message}", str(error)
            ) from None
        except (DioptraClientError, OSError, StorageError, ValueError) as error:
            raise JobFailure(f"cannot store artifact output {artifact.name!r}: {error}") from None
        stored = time.perf_counter()
        task = tasks.get(artifact.task_name)
        description = f"Artifact, {artifact.name}, generated and stored as part of job, {job_id}"
        try:
            registered.append(register_output(api, group_id, uploaded, description, task))
        except StatusCodeError as error:
            raise JobFailure(
                f"cannot register artifact output {artifact.name!r}: {error.message}", str(error)
            ) from None
        except DioptraClientError as error:
            raise JobFailure(
                f"cannot register artifact output {artifact.name!r}: {error}"
            ) from None
        logger.info(
            "artifact output %r stored in %.3f s and registered in %.3f s as %s",
            artifact.name,
            stored - started,
            time.perf_counter() - stored,
            uploaded.uri,
        )
    return registered


def refuse_links_outside(artifact: SavedArtifact, job_folder: Path) -> None:
    """Raise ``JobFailure`` when a file of the output is a hard link whose other names
    are not all inside the job's folder."""
    linked = {
        (status.st_dev, status.st_ino): (path, status.st_nlink)
        for path, status in _regular_files(artifact.path)
        if status.st_nlink > 1
    }
    if not linked:
        return
    inside = Counter(
        (status.st_dev, status.st_ino)
        for _path, status in _regular_files(job_folder)
        if (status.st_dev, status.st_ino) in linked
    )
    for identity, (path, links) in linked.items():
        if inside[identity] < links:
            raise JobFailure(
                f"artifact output {artifact.name!r}: {path.name} is a hard link to a file "
                "outside the job's folder; an artifact must be a file of its own (a copy)"
            )


def _regular_files(path: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Regular files at or below ``path``, with their status (links not followed)."""
    status = os.lstat(path)
    if stat.S_ISDIR(status.st_mode):
        for folder, _dirs, names in os.walk(path):
            for name in names:
                file = Path(folder, name)
                file_status = os.lstat(file)
                if stat.S_ISREG(file_status.st_mode):
                    yield file, file_status
    elif stat.S_ISREG(status.st_mode):
        yield path, status


def register_output(
    api: JobApi,
    group_id: int,
    uploaded: Uploaded,
    description: str,
    task: ArtifactTaskRef | None,
) -> dict[str, Any]:
    """``POST /artifacts/`` with the size and sha256 the uploader computed, when it did
    (fields of ours: Dioptra's client has no way to send them)."""
    body: dict[str, Any] = {
        "group": group_id,
        "job": api.job_id,
        "artifactUri": uploaded.uri,
        "description": description,
    }
    if task is not None and task.plugin_snapshot_id is not None:
        body["pluginSnapshotId"] = task.plugin_snapshot_id
    if task is not None and task.task_id is not None:
        body["taskId"] = task.task_id
    if uploaded.sha256 is not None:
        body["sha256"] = uploaded.sha256
    if uploaded.size is not None:
        body["fileSize"] = uploaded.size
    session = api.client.session
    return with_retry(
        lambda: session.request_json("post", api.client.artifacts.url, json_=body),
        what=f"registration of artifact {uploaded.uri}",
    )
