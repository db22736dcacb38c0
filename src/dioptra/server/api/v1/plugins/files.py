"""/plugins/{id}/files: a plugin's files, their snapshots, tags and drafts.

``/plugins/{id}/files`` GET POST DELETE(all) · ``/plugins/{id}/files/{fileId}`` GET PUT
DELETE · ``…/{fileId}/snapshots[/{snapshotId}]`` · ``…/{fileId}/tags/`` GET POST PUT DELETE
· ``…/{fileId}/tags/{tagId}`` DELETE · ``/plugins/{id}/files/drafts/`` GET POST ·
``…/files/drafts/{draftId}`` GET PUT DELETE · ``…/{fileId}/draft`` GET POST PUT DELETE.
(Paths with and without a trailing slash are Dioptra's.)
"""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.fields import Description
from dioptra.server.api.v1.core.paging import PagingParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.render import DraftOut, render_draft
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import DraftListParams, TagIdsBody
from dioptra.server.api.v1.core.wire import (
    StatusOut,
    TagRefOut,
    WireModel,
    group_ref,
    ok,
    status_success,
    tag_ref,
    url,
)
from dioptra.server.api.v1.plugins.plugins import render_tasks
from dioptra.server.services.core import tags as tag_service
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.drafts import Draft, DraftType
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView, TagRef
from dioptra.server.services.plugins import files as service
from dioptra.server.services.plugins import plugins as plugin_service
from dioptra.server.services.plugins.tasks import (
    ParamDecl,
    TaskDecl,
    TasksDecl,
    load_tasks,
    parameter_name_problem,
    task_name_problem,
)

# -- request bodies --------------------------------------------------------------------


def _rule(problem: str | None, value: str) -> str:
    """Rejects a name with the rule's own message (shown as-is in ``errors``)."""
    if problem is not None:
        raise PydanticCustomError("name_rule", "{problem}", {"problem": problem})
    return value


class OutputParamIn(WireModel):
    name: str
    parameter_type: int = Field(description="Id of a plugin parameter type.")

    @field_validator("name")
    @classmethod
    def _name_rule(cls, value: str) -> str:
        return _rule(parameter_name_problem(value), value)


class InputParamIn(OutputParamIn):
    required: bool = True


class FunctionTaskIn(WireModel):
    name: str = Field(description="The function's name.")
    input_params: list[InputParamIn] = Field(default_factory=list)
    output_params: list[OutputParamIn] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_rule(cls, value: str) -> str:
        return _rule(task_name_problem(value), value)


class ArtifactTaskIn(WireModel):
    name: str = Field(description="The class implementing ArtifactTaskInterface.")
    output_params: list[OutputParamIn] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_rule(cls, value: str) -> str:
        return _rule(task_name_problem(value), value)


class TasksIn(WireModel):
    functions: list[FunctionTaskIn] = Field(default_factory=list)
    artifacts: list[ArtifactTaskIn] = Field(default_factory=list)


class PluginFileBody(WireModel):
    filename: str
    contents: str
    tasks: TasksIn = Field(default_factory=TasksIn)
    description: Description | None = None

    @field_validator("filename")
    @classmethod
    def _filename_rule(cls, value: str) -> str:
        return _rule(service.filename_problem(value), value)


def file_content(body: BaseModel) -> service.FileContent:
    assert isinstance(body, PluginFileBody)

    def params(declared: list[InputParamIn] | list[OutputParamIn]) -> list[ParamDecl]:
        return [ParamDecl(p.name, p.parameter_type, getattr(p, "required", True)) for p in declared]

    return service.FileContent(
        filename=body.filename,
        contents=body.contents,
        description=body.description,
        tasks=TasksDecl(
            functions=[
                TaskDecl(t.name, params(t.input_params), params(t.output_params))
                for t in body.tasks.functions
            ],
            artifacts=[TaskDecl(t.name, (), params(t.output_params)) for t in body.tasks.artifacts],
        ),
    )


def _draft_payload(body: PluginFileBody) -> dict[str, Any]:
    """A draft keeps the tasks as sent (1.2.2 keeps ``tasks: {}`` as ``{}``, and no
    ``tasks`` when none were sent); committing fills in the defaults."""
    payload = body.model_dump(mode="json", by_alias=True)
    if "tasks" not in body.model_fields_set:
        del payload["tasks"]
    else:
        sent = body.tasks.model_fields_set
        payload["tasks"] = {key: value for key, value in payload["tasks"].items() if key in sent}
    return payload


# -- responses -------------------------------------------------------------------------


class PluginFileOut(ResourceOut):
    filename: str
    contents: str
    tasks: dict[str, Any]
    description: str | None
    plugin: dict[str, Any] | None = None


class PluginFileFamily(ResourceApi):
    """Renders files and commits their drafts; the routes below are nested in a plugin."""

    def to_fields(self, body: BaseModel) -> SnapshotFields:
        return service.file_fields(file_content(body))

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        tasks = load_tasks(ctx, [view.snapshot_id for view in views])
        owners = plugin_service.plugins_of_files(ctx, [view.resource_id for view in views])
        return [
            replace(
                view,
                extras={
                    **view.extras,
                    "tasks": tasks.get(view.snapshot_id, []),
                    "plugin": owners.get(view.resource_id),
                },
            )
            for view in views
        ]

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        body = super().render(view, snapshot_item=snapshot_item)
        owner: plugin_service.PluginRef | None = view.extras.get("plugin")
        if not snapshot_item and owner is not None:  # snapshot items carry no plugin ref
            body["plugin"] = {
                "id": owner.id,
                "group": group_ref(owner.group_id, owner.group_name),
                "url": url("plugins", owner.id),
                "deleted": owner.deleted,
                "name": owner.name,
            }
        return body

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        return {
            "filename": view.name,
            "contents": view.payload.get("contents", ""),
            "tasks": render_tasks(view.extras.get("tasks", [])),
            "description": view.description,
        }

    def commit_draft(self, ctx: ServiceContext, draft: Draft) -> list[int]:
        """The answer names the plugin and the file, as 1.2.2's does."""
        body = PluginFileBody.model_validate(draft.payload)
        file_id = service.commit_file_draft(ctx, draft, file_content(body))
        return [service.plugin_of_file(ctx, file_id), file_id]


FILES = PluginFileFamily(
    plugin_service.PLUGIN_FILE,
    create_body=PluginFileBody,
    modify_body=PluginFileBody,
    response_model=PluginFileOut,
    routes=frozenset(),
)

router = api_router(tags=["plugins"])
FILES_PATH = "/plugins/{id:int}/files"
FILE_PATH = FILES_PATH + "/{fileId:int}"


class FileListParams(PagingParams):
    search: str | None = Field(None, description="Dioptra search terms.")
    sortBy: str | None = Field(None, description="Field to sort by.")
    descending: bool = False


@router.get(FILES_PATH, response_model=page_model(PluginFileOut), summary="List a plugin's files")
def list_files(
    ctx: Ctx, state: State, id: int, params: Annotated[FileListParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = service.list_files(ctx, id, query)
    data = FILES.render_all(ctx, page.items)
    return ok(envelope(f"plugins/{id}/files", query, page, data=data, sortable=True))


@router.post(FILES_PATH, response_model=PluginFileOut, summary="Add a file to a plugin")
def create_file(ctx: Ctx, id: int, body: PluginFileBody) -> Response:
    return ok(FILES.render_one(ctx, service.create_file(ctx, id, file_content(body))))


@router.delete(FILES_PATH, response_model=StatusOut, summary="Delete every file of a plugin")
def delete_all_files(ctx: Ctx, id: int) -> Response:
    return ok(status_success(service.delete_all_files(ctx, id)))


@router.get(FILE_PATH, response_model=PluginFileOut, summary="Get a plugin file")
def get_file(ctx: Ctx, id: int, fileId: int) -> Response:
    return ok(FILES.render_one(ctx, service.require_file(ctx, id, fileId)))


@router.put(FILE_PATH, response_model=PluginFileOut, summary="Modify a plugin file")
def modify_file(ctx: Ctx, id: int, fileId: int, body: PluginFileBody) -> Response:
    view = service.modify_file(ctx, id, fileId, file_content(body))
    return ok(FILES.render_one(ctx, view))


@router.delete(FILE_PATH, response_model=StatusOut, summary="Delete a plugin file")
def delete_file(ctx: Ctx, id: int, fileId: int) -> Response:
    return ok(status_success(service.delete_file(ctx, id, fileId)))


# -- snapshots -------------------------------------------------------------------------


class SnapshotListParams(PagingParams):
    search: str | None = None


@router.get(f"{FILE_PATH}/snapshots", response_model=page_model(PluginFileOut))
def list_file_snapshots(
    ctx: Ctx, state: State, id: int, fileId: int, params: Annotated[SnapshotListParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = service.list_file_snapshots(ctx, id, fileId, query)
    data = FILES.render_all(ctx, page.items, snapshot_item=True)
    return ok(envelope(f"plugins/{id}/files/{fileId}/snapshots", query, page, data=data))


@router.get(f"{FILE_PATH}/snapshots/{{snapshotId:int}}", response_model=PluginFileOut)
def get_file_snapshot(ctx: Ctx, id: int, fileId: int, snapshotId: int) -> Response:
    view = service.get_file_snapshot(ctx, id, fileId, snapshotId)
    return ok(FILES.render_one(ctx, view, snapshot_item=True))


# -- tags ------------------------------------------------------------------------------

TAGS_PATH = f"{FILE_PATH}/tags/"


def _tag_refs(refs: list[TagRef]) -> list[dict[str, Any]]:
    return [tag_ref(t.id, t.name, t.group_id, t.group_name) for t in refs]


@router.get(TAGS_PATH, response_model=list[TagRefOut])
def get_file_tags(ctx: Ctx, id: int, fileId: int) -> Response:
    service.require_file(ctx, id, fileId)
    return ok(_tag_refs(tag_service.resource_tags(ctx, FILES.kind, fileId)))


@router.post(TAGS_PATH, response_model=list[TagRefOut])
def append_file_tags(ctx: Ctx, id: int, fileId: int, body: TagIdsBody) -> Response:
    service.require_file(ctx, id, fileId)
    return ok(_tag_refs(tag_service.append_tags(ctx, FILES.kind, fileId, body.ids)))


@router.put(TAGS_PATH, response_model=list[TagRefOut])
def replace_file_tags(ctx: Ctx, id: int, fileId: int, body: TagIdsBody) -> Response:
    service.require_file(ctx, id, fileId)
    return ok(_tag_refs(tag_service.replace_tags(ctx, FILES.kind, fileId, body.ids)))


@router.delete(TAGS_PATH, response_model=StatusOut)
def remove_file_tags(ctx: Ctx, id: int, fileId: int) -> Response:
    service.require_file(ctx, id, fileId)
    return ok(status_success(tag_service.remove_tags(ctx, FILES.kind, fileId)))


@router.delete(TAGS_PATH + "{tagId:int}", response_model=StatusOut)
def remove_file_tag(ctx: Ctx, id: int, fileId: int, tagId: int) -> Response:
    service.require_file(ctx, id, fileId)
    return ok(status_success(tag_service.remove_tags(ctx, FILES.kind, fileId, tagId)))


# -- drafts ----------------------------------------------------------------------------

DRAFTS_PATH = FILES_PATH + "/drafts/"
DRAFT_PATH = DRAFTS_PATH + "{draftId:int}"
OWN_DRAFT_PATH = FILE_PATH + "/draft"


@router.get(DRAFTS_PATH, response_model=page_model(DraftOut))
def list_file_drafts(
    ctx: Ctx, state: State, id: int, params: Annotated[DraftListParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    draft_type = DraftType(params.draftType)
    page = service.list_file_drafts(ctx, id, draft_type, query)
    route = f"plugins/{id}/files/drafts"
    return ok(envelope(route, query, page, render_draft, draft_type=draft_type.value))


@router.post(DRAFTS_PATH, response_model=DraftOut)
def create_file_draft(ctx: Ctx, id: int, body: PluginFileBody) -> Response:
    view = service.create_new_file_draft(ctx, id, _draft_payload(body), file_content(body))
    return ok(render_draft(view))


@router.get(DRAFT_PATH, response_model=DraftOut)
def get_file_draft(ctx: Ctx, id: int, draftId: int) -> Response:
    return ok(render_draft(service.get_new_file_draft(ctx, id, draftId)))


@router.put(DRAFT_PATH, response_model=DraftOut)
def modify_file_draft(ctx: Ctx, id: int, draftId: int, body: PluginFileBody) -> Response:
    view = service.modify_new_file_draft(ctx, id, draftId, _draft_payload(body), file_content(body))
    return ok(render_draft(view))


@router.delete(DRAFT_PATH, response_model=StatusOut)
def delete_file_draft(ctx: Ctx, id: int, draftId: int) -> Response:
    return ok(status_success([service.delete_new_file_draft(ctx, id, draftId)]))


class FileDraftModification(WireModel):
    resource_snapshot: int
    resource_data: PluginFileBody


@router.get(OWN_DRAFT_PATH, response_model=DraftOut)
def get_file_modification_draft(ctx: Ctx, id: int, fileId: int) -> Response:
    return ok(render_draft(service.get_file_modification_draft(ctx, id, fileId)))


@router.post(OWN_DRAFT_PATH, response_model=DraftOut)
def create_file_modification_draft(
    ctx: Ctx, id: int, fileId: int, body: PluginFileBody
) -> Response:
    view = service.create_file_modification_draft(
        ctx, id, fileId, _draft_payload(body), file_content(body)
    )
    return ok(render_draft(view))


@router.put(OWN_DRAFT_PATH, response_model=DraftOut)
def modify_file_modification_draft(
    ctx: Ctx, id: int, fileId: int, body: FileDraftModification
) -> Response:
    data = body.resource_data
    view = service.modify_file_modification_draft(
        ctx, id, fileId, body.resource_snapshot, _draft_payload(data), file_content(data)
    )
    return ok(render_draft(view))


@router.delete(OWN_DRAFT_PATH, response_model=StatusOut)
def delete_file_modification_draft(ctx: Ctx, id: int, fileId: int) -> Response:
    return ok(status_success([service.delete_file_modification_draft(ctx, id, fileId)]))
