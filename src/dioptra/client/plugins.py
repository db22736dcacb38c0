"""The `/plugins` collection, plugin files, and plugin snapshot bundles."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .base import CollectionClient, SubCollectionClient, list_params, without_none
from .drafts import (
    DraftFields,
    ModifyResourceDraftsSubCollectionClient,
    NewResourceDraftsSubCollectionClient,
)
from .resources import ResourceCollectionClient
from .sessions import DioptraSession
from .snapshots import SnapshotsSubCollectionClient
from .tags import TagsSubCollectionClient
from .utils import FileTypes, download_path

T = TypeVar("T")

PLUGIN_FILE_DRAFT_FIELDS = ("filename", "contents", "tasks", "description")


def plugin_file_body(
    filename: str,
    contents: str,
    function_tasks: list[dict[str, Any]] | None,
    artifact_tasks: list[dict[str, Any]] | None,
    description: str | None,
) -> dict[str, Any]:
    """The JSON body that creates or replaces a plugin file."""
    tasks = without_none({"functions": function_tasks, "artifacts": artifact_tasks})
    body = {"filename": filename, "contents": contents, "tasks": tasks}
    return body | without_none({"description": description})


class PluginFilesSubCollectionClient(SubCollectionClient[T]):
    """The Python files of a plugin (`/plugins/{id}/files`), with their own drafts,
    snapshots and tags."""

    name: ClassVar[str] = "files"

    def __init__(self, session: DioptraSession[T], root_collection: CollectionClient[T]) -> None:
        super().__init__(session, root_collection)
        fields = DraftFields(PLUGIN_FILE_DRAFT_FIELDS, f"plugin {self.name}")
        under_files: list[SubCollectionClient[T]] = [self]
        self._new_resource_drafts = NewResourceDraftsSubCollectionClient[T](
            session, fields, root_collection, under_files
        )
        self._modify_resource_drafts = ModifyResourceDraftsSubCollectionClient[T](
            session, fields, root_collection, under_files
        )
        self._snapshots = SnapshotsSubCollectionClient[T](session, root_collection, under_files)
        self._tags = TagsSubCollectionClient[T](session, root_collection, under_files)

    @property
    def new_resource_drafts(self) -> NewResourceDraftsSubCollectionClient[T]:
        return self._new_resource_drafts

    @property
    def modify_resource_drafts(self) -> ModifyResourceDraftsSubCollectionClient[T]:
        return self._modify_resource_drafts

    @property
    def snapshots(self) -> SnapshotsSubCollectionClient[T]:
        return self._snapshots

    @property
    def tags(self) -> TagsSubCollectionClient[T]:
        return self._tags

    def get(
        self,
        plugin_id: int | str,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        params = list_params(
            index, page_length, sort_by=sort_by, descending=descending, search=search
        )
        return self._session.get(self.build_sub_collection_url(plugin_id), params=params)

    def get_by_id(self, plugin_id: str | int, plugin_file_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(plugin_id), plugin_file_id)

    def create(
        self,
        plugin_id: str | int,
        filename: str,
        contents: str,
        function_tasks: list[dict[str, Any]] | None = None,
        artifact_tasks: list[dict[str, Any]] | None = None,
        description: str | None = None,
    ) -> T:
        """Add a file; task dicts use `name`, `inputParams`, `outputParams` with
        `parameterType` given as a plugin parameter type id."""
        body = plugin_file_body(filename, contents, function_tasks, artifact_tasks, description)
        return self._session.post(self.build_sub_collection_url(plugin_id), json_=body)

    def modify_by_id(
        self,
        plugin_id: str | int,
        plugin_file_id: str | int,
        filename: str,
        contents: str,
        function_tasks: list[dict[str, Any]] | None = None,
        artifact_tasks: list[dict[str, Any]] | None = None,
        description: str | None = None,
    ) -> T:
        body = plugin_file_body(filename, contents, function_tasks, artifact_tasks, description)
        return self._session.put(
            self.build_sub_collection_url(plugin_id), plugin_file_id, json_=body
        )

    def delete_by_id(self, plugin_id: str | int, plugin_file_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(plugin_id), plugin_file_id)

    def delete_all(self, plugin_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(plugin_id))


class PluginsSnapshotCollectionClient(SnapshotsSubCollectionClient[T]):
    """Plugin snapshots, plus the archive of a snapshot's files."""

    def get_files_bundle(
        self,
        plugin_id: str | int,
        plugin_snapshot_id: str | int,
        file_type: FileTypes = FileTypes.TAR_GZ,
        output_dir: Path | None = None,
        file_stem: str = "task-plugins",
    ) -> Path:
        """Download the snapshot's files as `<output_dir>/<file_stem>.tar.gz` (or .zip)."""
        return self._session.download(
            self.build_sub_collection_url(plugin_id),
            plugin_snapshot_id,
            "files",
            "bundle",
            output_path=download_path(output_dir, file_stem, file_type),
            params={"fileType": file_type.value},
        )


class PluginsCollectionClient(ResourceCollectionClient[T]):
    """Plugins: named groups of Python files holding tasks."""

    name: ClassVar[str] = "plugins"
    draft_fields = ("name", "description")

    def __init__(self, session: DioptraSession[T]) -> None:
        self._bundle_snapshots = PluginsSnapshotCollectionClient[T](session, root_collection=self)
        super().__init__(session)
        self._files = PluginFilesSubCollectionClient[T](session, root_collection=self)

    def _create_snapshots_client(self) -> SnapshotsSubCollectionClient[T]:
        return self._bundle_snapshots

    @property
    def snapshots(self) -> PluginsSnapshotCollectionClient[T]:
        return self._bundle_snapshots

    @property
    def files(self) -> PluginFilesSubCollectionClient[T]:
        return self._files

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

    def get_by_id(self, plugin_id: str | int) -> T:
        return self._get_one(plugin_id)

    def create(self, group_id: int, name: str, description: str | None = None) -> T:
        body = {"group": group_id, "name": name} | without_none({"description": description})
        return self._session.post(self.url, json_=body)

    def modify_by_id(self, plugin_id: str | int, name: str, description: str | None) -> T:
        body = {"name": name} | without_none({"description": description})
        return self._session.put(self.url, plugin_id, json_=body)

    def delete_by_id(self, plugin_id: str | int) -> T:
        return self._delete_one(plugin_id)
