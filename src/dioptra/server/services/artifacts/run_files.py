"""Artifacts registered by URI: files a job logged to its MLflow run, read where they are.

Dioptra 1.2's jobs log their outputs to an MLflow run and register the logged file's
URI, ``file:///<file store>/<experiment id>/<run id>/artifacts/<path>``. Such a URI is
taken only when all of these hold (otherwise 400, ``ArtifactNotStoredError``):

- it is a ``file://`` URI of this machine whose path is plain: absolute, no ``.``,
  ``..`` or empty names, no backslash, NUL or other control character, no query or
  fragment, valid percent-encoded UTF-8;
- its path holds the job's MLflow run id followed by ``artifacts`` (the run's artifact
  folder) and names something inside that folder;
- the folder's real path (links resolved) lies inside an allowed root
  (``Settings.artifact_external_roots``), and neither contains nor lies inside a
  forbidden one (the server's data folder: its database, secret key and store);
- the file's real path lies inside the folder's.

The bytes are read through an ``ArtifactStore`` opened on the run's artifact folder,
which checks every read's real path again, and ``locate`` runs again before each read:
a file swapped for a link to elsewhere after its registration is refused, not served.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from dioptra.server.services.jobs.errors import ArtifactNotStoredError
from dioptra.storage import (
    ArtifactStore,
    ObjectInfo,
    ObjectNotFoundError,
    StorageError,
    StorageKeyError,
    validate_key,
)
from dioptra.storage.local_backend import is_within

RUN_ARTIFACTS = "artifacts"  # MLflow's folder of a run's artifacts, beside its run id


@dataclass(frozen=True)
class ExternalRoots:
    """Where files registered by URI may lie (``allowed``) and may never (``forbidden``),
    as real paths."""

    allowed: tuple[Path, ...] = ()
    forbidden: tuple[Path, ...] = ()

    @classmethod
    def of(cls, allowed: Iterable[Path], forbidden: Iterable[Path]) -> ExternalRoots:
        return cls(tuple(map(_real, allowed)), tuple(map(_real, forbidden)))


@dataclass(frozen=True)
class RunFile:
    """A file or folder of an MLflow run, opened for reading."""

    run_id: str
    store: ArtifactStore  # on the run's artifact folder
    key: str  # below that folder
    info: ObjectInfo


NO_EXTERNAL_ROOTS = ExternalRoots()


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _overlaps(path: Path, other: Path) -> bool:
    return is_within(path, other) or is_within(other, path)


def file_uri_path(uri: str) -> PurePosixPath:
    """The absolute local path a plain ``file://`` URI names."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        raise ArtifactNotStoredError(uri, "it is not a valid URI") from None
    if parts.scheme != "file":
        raise ArtifactNotStoredError(uri, "it is not in this server's artifact store")
    if parts.netloc not in ("", "localhost"):
        raise ArtifactNotStoredError(uri, f"it names another host ({parts.netloc!r})")
    if parts.query or parts.fragment:
        raise ArtifactNotStoredError(uri, "a file URI has no query or fragment")
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        raise ArtifactNotStoredError(uri, "its path is not valid percent-encoded UTF-8") from None
    if not path.startswith("/"):
        raise ArtifactNotStoredError(uri, "its path is not absolute")
    try:
        validate_key(path[1:])
    except StorageKeyError as error:
        raise ArtifactNotStoredError(uri, f"its path is not plain: {error.reason}") from None
    return PurePosixPath(path)


def _run_folder(uri: str, path: PurePosixPath, run_id: str, job_id: int) -> tuple[Path, str]:
    """The run's artifact folder (real path) and the key of ``path`` below it."""
    names = path.parts
    for index in range(1, len(names) - 2):
        if names[index] == run_id and names[index + 1] == RUN_ARTIFACTS:
            lexical, below = names[: index + 2], names[index + 2 :]
            break
    else:
        raise ArtifactNotStoredError(
            uri,
            f"it is not inside '{run_id}/{RUN_ARTIFACTS}/', the artifact folder of "
            f"job {job_id}'s MLflow run",
        )
    try:
        folder = Path(*lexical).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links, unreadable
        raise ArtifactNotStoredError(uri) from None
    return folder, "/".join(below)


def locate(roots: ExternalRoots, uri: str, run_id: str, job_id: int) -> RunFile:
    """The file or folder of job ``job_id``'s MLflow run ``run_id`` that ``uri`` names,
    checked as the module says."""
    path = file_uri_path(uri)
    folder, key = _run_folder(uri, path, run_id, job_id)
    if not any(is_within(folder, root) for root in roots.allowed):
        raise ArtifactNotStoredError(
            uri, "it is not in this server's artifact store nor in a folder it allows"
        )
    if any(_overlaps(folder, forbidden) for forbidden in roots.forbidden):
        raise ArtifactNotStoredError(uri, "it is in the server's own data folder")
    try:
        store = ArtifactStore(folder, create=False)
        return RunFile(run_id, store, key, store.info(key))
    except ObjectNotFoundError:
        raise ArtifactNotStoredError(uri) from None
    except StorageKeyError as error:  # a link that escapes, or a name no key can have
        raise ArtifactNotStoredError(
            uri, f"it holds a link to outside the run's artifacts or a bad name ({error.reason})"
        ) from None
    except StorageError as error:
        raise ArtifactNotStoredError(uri, str(error)) from None
