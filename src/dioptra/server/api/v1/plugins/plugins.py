"""/plugins: the standard family, each plugin listing the files of its snapshot, plus
``/plugins/{id}/snapshots/{snapshotId}/files/bundle`` (the files as an archive).

The file routes (``/plugins/{id}/files...``) are in ``files``.
"""

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response, StreamingResponse

from dioptra.server.api.v1.core.deps import Ctx
from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import (
    API_PREFIX,
    OutModel,
    WireModel,
    group_ref,
    status_success,
    url,
)
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.plugins import plugins as service
from dioptra.server.services.plugins.bundles import BundleFormat, build_bundle
from dioptra.server.services.plugins.parameter_types import TypeRef
from dioptra.server.services.plugins.tasks import StoredParam, StoredTask

# -- task JSON (shared with the file routes) -------------------------------------------


def type_ref(ref: TypeRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "group": group_ref(ref.group_id, ref.group_name),
        "url": f"{API_PREFIX}/pluginParameterTypes/{ref.id}",
        "deleted": ref.deleted,
        "name": ref.name,
    }


def render_tasks(tasks: tuple[StoredTask, ...] | list[StoredTask]) -> dict[str, Any]:
    """``{functions: [...], artifacts: [...]}`` as Dioptra renders a file's tasks."""
    # A file's parameters share a few types: each type's ref is built once (the same
    # dict appears at each of its uses; it is only ever encoded).
    type_refs: dict[int, dict[str, Any]] = {}

    def param(param: StoredParam, *, with_required: bool) -> dict[str, Any]:
        ref = type_refs.get(param.type.snapshot_id)
        if ref is None:
            ref = type_refs[param.type.snapshot_id] = type_ref(param.type)
        body: dict[str, Any] = {"name": param.name, "parameterType": ref}
        if with_required:
            body["required"] = param.required
        return body

    functions = [
        {
            "id": task.id,
            "name": task.name,
            "inputParams": [param(p, with_required=True) for p in task.inputs],
            "outputParams": [param(p, with_required=False) for p in task.outputs],
        }
        for task in tasks
        if task.kind == "function"
    ]
    artifacts = [
        {
            "id": task.id,
            "name": task.name,
            "outputParams": [param(p, with_required=False) for p in task.outputs],
        }
        for task in tasks
        if task.kind == "artifact"
    ]
    return {"functions": functions, "artifacts": artifacts}


def file_url(plugin_id: int, file_id: int) -> str:
    return url("plugins", plugin_id, "files", file_id)


def _file_ref(plugin_id: int, linked: service.LinkedFile) -> dict[str, Any]:
    return {
        "id": linked.file_id,
        "plugin": plugin_id,
        "group": group_ref(linked.group_id, linked.group_name),
        "url": file_url(plugin_id, linked.file_id),
        "deleted": linked.deleted,
        "filename": linked.filename,
        "tasks": render_tasks(linked.tasks),
    }


# -- the family ------------------------------------------------------------------------


class PluginCreateBody(WireModel):
    group: int = Field(description="Id of the group that will own the plugin.")
    name: Name = Field(description="A Python identifier: the plugin is imported by it.")
    description: Description | None = None


class PluginModifyBody(WireModel):
    name: Name
    description: Description | None = None


class PluginFileRefOut(OutModel):
    id: int
    plugin: int
    group: dict[str, Any]
    url: str
    deleted: bool
    filename: str
    tasks: dict[str, Any]


class PluginOut(ResourceOut):
    name: str
    description: str | None
    files: list[PluginFileRefOut]


class PluginFamily(ResourceApi):
    def to_fields(self, body: BaseModel) -> SnapshotFields:
        # Drafts come through here too, so they get the plugin's own name message.
        name: str = body.name  # type: ignore[attr-defined]
        service.check_plugin_name(name)
        return SnapshotFields(name, body.description)  # type: ignore[attr-defined]

    def create(self, ctx: ServiceContext, body: BaseModel) -> SnapshotView:
        fields = self.to_fields(body)
        group_id: int = body.group  # type: ignore[attr-defined]
        return service.create_plugin(ctx, group_id, fields.name or "", fields.description)

    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        fields = self.to_fields(body)
        return service.modify_plugin(ctx, resource_id, fields.name or "", fields.description)

    def delete(self, ctx: ServiceContext, resource_id: int) -> dict[str, Any]:
        service.delete_plugin(ctx, resource_id)
        return status_success()

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        files = service.linked_files(ctx, [view.snapshot_id for view in views])
        return [
            replace(view, extras={**view.extras, "files": files.get(view.snapshot_id, [])})
            for view in views
        ]

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        linked: list[service.LinkedFile] = view.extras.get("files", [])
        return {
            "name": view.name,
            "description": view.description,
            "files": [_file_ref(view.resource_id, f) for f in linked],
        }


PLUGINS = PluginFamily(
    service.PLUGIN,
    create_body=PluginCreateBody,
    modify_body=PluginModifyBody,
    response_model=PluginOut,
)
router = resource_router(PLUGINS)


class BundleParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    fileType: Literal["tar_gz", "zip"] = Field("tar_gz", description="Archive format.")


@router.get(
    "/plugins/{id:int}/snapshots/{snapshotId:int}/files/bundle",
    response_class=StreamingResponse,
    summary="Download the files of a plugin snapshot as one archive (with manifest.json)",
)
def get_files_bundle(
    ctx: Ctx, id: int, snapshotId: int, params: Annotated[BundleParams, Query()]
) -> Response:
    fmt = BundleFormat(params.fileType)
    plugin = service.plugin_snapshot_files(ctx, id, snapshotId)
    return StreamingResponse(
        build_bundle([plugin], fmt),
        media_type=fmt.media_type,
        headers={
            "Content-Disposition": f"attachment; filename={fmt.download_name('plugins_bundle')}"
        },
    )
