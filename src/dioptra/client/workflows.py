"""The `/workflows` collection: signature analysis, resource import, draft commit."""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypeVar

from .base import CollectionClient
from .errors import IllegalArgumentError
from .files import DioptraFile
from .sessions import FilesArgument

T = TypeVar("T")


def import_form(
    group_id: int, source: str | DioptraFile | list[DioptraFile]
) -> tuple[dict[str, Any], FilesArgument | None]:
    """The multipart fields and files that import `source` into a group."""
    data: dict[str, Any] = {"group": str(group_id)}
    if isinstance(source, str):
        return data | {"sourceType": "git", "gitUrl": source}, None
    if isinstance(source, DioptraFile):
        return data | {"sourceType": "upload_archive"}, {"archiveFile": source}
    if isinstance(source, list):
        strangers = sorted({type(x).__name__ for x in source if not isinstance(x, DioptraFile)})
        if strangers:
            raise IllegalArgumentError(
                "Illegal type for source (reason: list contains type(s) other than "
                f"DioptraFile): {', '.join(strangers)}"
            )
        if not source:
            raise IllegalArgumentError("Illegal value for source (reason: the list is empty)")
        return data | {"sourceType": "upload_files"}, {"files": source}
    raise IllegalArgumentError(
        "Illegal type for source (reason: must be one of str, DioptraFile, or "
        f"list[DioptraFile]): {type(source)}"
    )


class WorkflowsCollectionClient(CollectionClient[T]):
    """Operations that span resources."""

    name: ClassVar[str] = "workflows"

    def analyze_plugin_task_signatures(self, python_code: str) -> T:
        """Infer the task signatures of plugin code (parsed, never imported)."""
        return self._session.post(
            self.url, "pluginTaskSignatureAnalysis", json_={"pythonCode": python_code}
        )

    def import_resources(
        self,
        group_id: int,
        source: str | DioptraFile | list[DioptraFile],
        config_path: str | None = None,
        resolve_name_conflicts_strategy: Literal["fail", "update", "overwrite"] | None = None,
    ) -> T:
        """Import plugins, parameter types and entrypoints described by a dioptra.toml.

        Args:
            group_id: The group that will own what is imported.
            source: A git URL (optionally `#ref`), an archive (one `DioptraFile`), or
                the files of a directory (see `select_files_in_directory`).
            config_path: The TOML file's path inside the source ("dioptra.toml" if None).
            resolve_name_conflicts_strategy: What to do when a name is taken:
                "fail", "update" or "overwrite".
        """
        data, files = import_form(group_id, source)
        if config_path is not None:
            data["configPath"] = config_path
        if resolve_name_conflicts_strategy is not None:
            data["resolveNameConflictsStrategy"] = resolve_name_conflicts_strategy
        return self._session.post(self.url, "resourceImport", data=data, files=files)

    def commit_draft(self, draft_id: str | int) -> T:
        """Turn a draft into a new resource, or into a new snapshot of its resource."""
        return self._session.post(self.url, "draftCommit", draft_id)
