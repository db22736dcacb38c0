"""The `/entrypoints` collection: task graphs, their plugins, queues and snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .base import IdListSubCollectionClient, SubCollectionClient, without_none
from .resources import ResourceCollectionClient
from .sessions import DioptraSession
from .snapshots import SnapshotsSubCollectionClient
from .utils import FileTypes, download_path

T = TypeVar("T")


def swap_params(swaps: dict[str, str]) -> dict[str, str]:
    """Task swaps as query parameters: `{"model": "cnn"}` -> `swaps[model]=cnn`."""
    return {f"swaps[{name}]": alias for name, alias in swaps.items()}


class _EntrypointPluginLinksClient(SubCollectionClient[T]):
    """Shared shape of the two plugin link lists of an entrypoint."""

    body_field: ClassVar[str]

    def get(self, entrypoint_id: int | str) -> T:
        return self._session.get(self.build_sub_collection_url(entrypoint_id))

    def _get_link(self, entrypoint_id: str | int, plugin_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(entrypoint_id), plugin_id)

    def _add_links(self, entrypoint_id: str | int, plugin_ids: list[int]) -> T:
        return self._session.post(
            self.build_sub_collection_url(entrypoint_id), json_={self.body_field: plugin_ids}
        )

    def _remove_link(self, entrypoint_id: str | int, plugin_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(entrypoint_id), plugin_id)


class EntrypointPluginsSubCollectionClient(_EntrypointPluginLinksClient[T]):
    """The plugins whose tasks an entrypoint's task graph uses."""

    name: ClassVar[str] = "plugins"
    body_field: ClassVar[str] = "plugins"

    def get_by_id(self, entrypoint_id: str | int, plugin_id: str | int) -> T:
        return self._get_link(entrypoint_id, plugin_id)

    def create(self, entrypoint_id: str | int, plugin_ids: list[int]) -> T:
        return self._add_links(entrypoint_id, plugin_ids)

    def delete_by_id(self, entrypoint_id: str | int, plugin_id: str | int) -> T:
        return self._remove_link(entrypoint_id, plugin_id)


class EntrypointArtifactPluginsSubCollectionClient(_EntrypointPluginLinksClient[T]):
    """The plugins whose artifact tasks an entrypoint's artifact graph uses."""

    name: ClassVar[str] = "artifactPlugins"
    body_field: ClassVar[str] = "artifactPlugins"

    def get_by_id(self, entrypoint_id: str | int, artifact_plugin_id: str | int) -> T:
        return self._get_link(entrypoint_id, artifact_plugin_id)

    def create(self, entrypoint_id: str | int, artifact_plugin_ids: list[int]) -> T:
        return self._add_links(entrypoint_id, artifact_plugin_ids)

    def delete_by_id(self, entrypoint_id: str | int, artifact_plugin_id: str | int) -> T:
        return self._remove_link(entrypoint_id, artifact_plugin_id)


class EntrypointQueuesSubCollectionClient(IdListSubCollectionClient[T]):
    """The queues an entrypoint's jobs may run on."""

    name: ClassVar[str] = "queues"

    def get(self, entrypoint_id: int | str) -> T:
        return self._get_ids(entrypoint_id)

    def create(self, entrypoint_id: str | int, queue_ids: list[int]) -> T:
        """Add queues to the entrypoint."""
        return self._append_ids(entrypoint_id, queue_ids)

    def delete(self, entrypoint_id: str | int) -> T:
        return self._remove_all(entrypoint_id)

    def modify_by_id(self, entrypoint_id: str | int, queue_ids: list[int]) -> T:
        """Replace the entrypoint's queues with exactly `queue_ids`."""
        return self._replace_ids(entrypoint_id, queue_ids)

    def delete_by_id(self, entrypoint_id: str | int, queue_id: str | int) -> T:
        return self._remove_one(entrypoint_id, queue_id)


class EntrypointsSnapshotCollectionClient(SnapshotsSubCollectionClient[T]):
    """Entrypoint snapshots and what a worker needs from one to run a job."""

    def get_config(
        self,
        entrypoint_id: str | int,
        entrypoint_snapshot_id: str | int,
        swap_parameters: dict[str, str] | None = None,
        sections: list[str] | None = None,
        partial: bool = False,
    ) -> T:
        """The assembled task-engine document of a snapshot."""
        params: dict[str, Any] = swap_params(swap_parameters or {})
        if sections:
            params["sections"] = ",".join(sections)
        params["partial"] = partial
        return self._session.get(
            self.build_sub_collection_url(entrypoint_id),
            entrypoint_snapshot_id,
            "config",
            params=params,
        )

    def get_plugins_bundle(
        self,
        entrypoint_id: str | int,
        entrypoint_snapshot_id: str | int,
        file_type: FileTypes = FileTypes.TAR_GZ,
        output_dir: Path | None = None,
        file_stem: str = "plugins",
    ) -> Path:
        """Download the snapshot's plugins as `<output_dir>/<file_stem>.tar.gz` (or .zip)."""
        return self._download_bundle(
            entrypoint_id, entrypoint_snapshot_id, "plugins", file_type, output_dir, file_stem
        )

    def get_artifact_plugins(
        self, entrypoint_id: str | int, entrypoint_snapshot_id: str | int
    ) -> T:
        return self._session.get(
            self.build_sub_collection_url(entrypoint_id),
            entrypoint_snapshot_id,
            "artifactPlugins",
        )

    def get_artifact_plugins_bundle(
        self,
        entrypoint_id: str | int,
        entrypoint_snapshot_id: str | int,
        file_type: FileTypes = FileTypes.TAR_GZ,
        output_dir: Path | None = None,
        file_stem: str = "artifact-plugins",
    ) -> Path:
        """Download the snapshot's artifact plugins as an archive."""
        return self._download_bundle(
            entrypoint_id,
            entrypoint_snapshot_id,
            "artifactPlugins",
            file_type,
            output_dir,
            file_stem,
        )

    def get_task_graph_global_params(
        self, entrypoint_id: int, entrypoint_snapshot_id: int, swaps: dict[str, str]
    ) -> T:
        """The global parameters the task graph has once `swaps` are applied."""
        return self._session.get(
            self.build_sub_collection_url(entrypoint_id),
            entrypoint_snapshot_id,
            "dynamicGlobalParameters",
            params=swap_params(swaps),
        )

    def get_swaps(self, entrypoint_id: int, entrypoint_snapshot_id: int) -> T:
        return self._session.get(
            self.build_sub_collection_url(entrypoint_id), entrypoint_snapshot_id, "swaps"
        )

    def _download_bundle(
        self,
        entrypoint_id: str | int,
        entrypoint_snapshot_id: str | int,
        plugin_kind: str,
        file_type: FileTypes,
        output_dir: Path | None,
        file_stem: str,
    ) -> Path:
        return self._session.download(
            self.build_sub_collection_url(entrypoint_id),
            entrypoint_snapshot_id,
            plugin_kind,
            "bundle",
            output_path=download_path(output_dir, file_stem, file_type),
            params={"fileType": file_type.value},
        )


class EntrypointsCollectionClient(ResourceCollectionClient[T]):
    """Entrypoints: a task graph with typed parameters, plugins and allowed queues."""

    name: ClassVar[str] = "entrypoints"
    draft_fields = (
        "name",
        "description",
        "taskGraph",
        "artifactGraph",
        "parameters",
        "artifactParameters",
        "queues",
        "plugins",
        "artifactPlugins",
    )
    modify_draft_fields = (
        "name",
        "description",
        "taskGraph",
        "artifactGraph",
        "parameters",
        "artifactParameters",
        "queues",
    )

    def __init__(self, session: DioptraSession[T]) -> None:
        self._config_snapshots = EntrypointsSnapshotCollectionClient[T](
            session, root_collection=self
        )
        super().__init__(session)
        self._plugins = EntrypointPluginsSubCollectionClient[T](session, root_collection=self)
        self._artifact_plugins = EntrypointArtifactPluginsSubCollectionClient[T](
            session, root_collection=self
        )
        self._queues = EntrypointQueuesSubCollectionClient[T](session, root_collection=self)

    def _create_snapshots_client(self) -> SnapshotsSubCollectionClient[T]:
        return self._config_snapshots

    @property
    def snapshots(self) -> EntrypointsSnapshotCollectionClient[T]:
        return self._config_snapshots

    @property
    def plugins(self) -> EntrypointPluginsSubCollectionClient[T]:
        return self._plugins

    @property
    def artifact_plugins(self) -> EntrypointArtifactPluginsSubCollectionClient[T]:
        return self._artifact_plugins

    @property
    def queues(self) -> EntrypointQueuesSubCollectionClient[T]:
        return self._queues

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
        show_deleted: bool | None = None,
    ) -> T:
        return self._list(group_id, index, page_length, sort_by, descending, search, show_deleted)

    def get_by_id(self, entrypoint_id: str | int) -> T:
        return self._get_one(entrypoint_id)

    def create(
        self,
        group_id: int,
        name: str,
        task_graph: str,
        artifact_graph: str | None = None,
        description: str | None = None,
        parameters: list[dict[str, Any]] | None = None,
        artifact_parameters: list[dict[str, Any]] | None = None,
        queues: list[int] | None = None,
        plugins: list[int] | None = None,
        artifact_plugins: list[int] | None = None,
        validate_only: bool = False,
    ) -> T:
        """Create an entrypoint (or, with `validate_only`, only check it)."""
        body = {"group": group_id, "name": name, "taskGraph": task_graph} | without_none(
            {
                "artifactGraph": artifact_graph,
                "description": description,
                "parameters": parameters,
                "artifactParameters": artifact_parameters,
                "queues": queues,
                "plugins": plugins,
                "artifactPlugins": artifact_plugins,
            }
        )
        return self._session.post(self.url, params={"validateOnly": validate_only}, json_=body)

    def modify_by_id(
        self,
        entrypoint_id: str | int,
        name: str,
        task_graph: str,
        artifact_graph: str | None,
        description: str | None,
        parameters: list[dict[str, Any]] | None,
        artifact_parameters: list[dict[str, Any]] | None,
        queues: list[int] | None,
        plugin_snapshot_ids: list[int],
        artifact_plugin_snapshot_ids: list[int],
        validate_only: bool = False,
    ) -> T:
        """Replace an entrypoint's fields; omitted lists become empty on the server."""
        body = {
            "name": name,
            "taskGraph": task_graph,
            "pluginSnapshotIds": plugin_snapshot_ids,
            "artifactPluginSnapshotIds": artifact_plugin_snapshot_ids,
        } | without_none(
            {
                "artifactGraph": artifact_graph,
                "description": description,
                "parameters": parameters,
                "artifactParameters": artifact_parameters,
                "queues": queues,
            }
        )
        return self._session.put(
            self.url, entrypoint_id, params={"validateOnly": validate_only}, json_=body
        )

    def lint(self, content: dict[str, Any]) -> T:
        """Check an entrypoint definition (API field names) without saving it."""
        return self._session.post(f"{self.url}:lint", json_=content)

    def lint_by_id(self, entrypoint_id: str | int, content: dict[str, Any]) -> T:
        """Check changes to an existing entrypoint without saving them."""
        return self._session.post(self.url, f"{entrypoint_id}:lint", json_=content)

    def delete_by_id(self, entrypoint_id: str | int) -> T:
        return self._delete_one(entrypoint_id)
