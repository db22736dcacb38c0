"""The `/artifacts` collection and artifact content downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .base import CollectionClient, without_none
from .sessions import DioptraSession
from .snapshots import SnapshotsSubCollectionClient
from .utils import FileTypes, download_path

T = TypeVar("T")


def contents_params(file_type: FileTypes | None, artifact_path: str | None) -> dict[str, Any]:
    """Query of a contents download: the archive type (directories only) and sub-path."""
    return without_none(
        {"fileType": None if file_type is None else file_type.value, "path": artifact_path}
    )


class ArtifactsSnapshotCollectionClient(SnapshotsSubCollectionClient[T]):
    """Artifact snapshots, plus the contents as they were at a snapshot."""

    def get_contents(
        self,
        artifact_id: str | int,
        artifact_snapshot_id: str | int,
        file_type: FileTypes | None = None,
        artifact_path: str | None = None,
        output_dir: Path | None = None,
        file_stem: str = "contents",
    ) -> Path:
        """Download a snapshot's contents; see `ArtifactsCollectionClient.get_contents`."""
        return self._session.download(
            self.build_sub_collection_url(artifact_id),
            artifact_snapshot_id,
            "contents",
            output_path=download_path(output_dir, file_stem, file_type),
            params=contents_params(file_type, artifact_path),
        )


class ArtifactsCollectionClient(CollectionClient[T]):
    """Artifacts: files or directories jobs produced, each registered by URI."""

    name: ClassVar[str] = "artifacts"

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._snapshots = ArtifactsSnapshotCollectionClient[T](session, root_collection=self)

    @property
    def snapshots(self) -> ArtifactsSnapshotCollectionClient[T]:
        return self._snapshots

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        return self._list(group_id, index, page_length, sort_by, descending, search)

    def get_by_id(self, artifact_id: str | int) -> T:
        return self._session.get(self.url, artifact_id)

    def create(
        self,
        group_id: str | int,
        job_id: str | int,
        artifact_uri: str,
        plugin_snapshot_id: str | int | None = None,
        task_id: str | int | None = None,
        description: str | None = None,
    ) -> T:
        """Register an artifact a job produced, optionally with the task that made it."""
        body = {"group": int(group_id), "job": int(job_id), "artifactUri": artifact_uri}
        body |= _task_fields(plugin_snapshot_id, task_id, description)
        return self._session.post(self.url, json_=body)

    def modify_by_id(
        self,
        artifact_id: str | int,
        plugin_snapshot_id: str | int | None = None,
        task_id: str | int | None = None,
        description: str | None = None,
    ) -> T:
        body = _task_fields(plugin_snapshot_id, task_id, description)
        return self._session.put(self.url, artifact_id, json_=body)

    def get_files(self, artifact_id: str | int) -> T:
        """The files of the artifact: `[{relativePath, isDir, fileSize, fileUrl}]`."""
        return self._session.get(self.url, artifact_id, "files")

    def get_contents(
        self,
        artifact_id: str | int,
        file_type: FileTypes | None = None,
        artifact_path: str | None = None,
        output_dir: Path | None = None,
        file_stem: str = "contents",
    ) -> Path:
        """Download the artifact's contents to `<output_dir>/<file_stem>`.

        Args:
            file_type: For a directory artifact, the archive to download it as; the
                file name then ends in `.tar.gz` or `.zip`.
            artifact_path: A file or sub-directory inside a directory artifact.
            output_dir: Where to save; the working directory if None.
            file_stem: The saved file's name, before any archive suffix.
        """
        return self._session.download(
            self.url,
            artifact_id,
            "contents",
            output_path=download_path(output_dir, file_stem, file_type),
            params=contents_params(file_type, artifact_path),
        )


def _task_fields(
    plugin_snapshot_id: str | int | None, task_id: str | int | None, description: str | None
) -> dict[str, Any]:
    return without_none(
        {
            "pluginSnapshotId": None if plugin_snapshot_id is None else int(plugin_snapshot_id),
            "taskId": None if task_id is None else int(task_id),
            "description": description,
        }
    )
