"""/artifacts: outputs of jobs, their snapshots and their bytes.

``/artifacts/`` GET POST · ``/artifacts/{id}`` GET PUT · ``/artifacts/{id}/contents`` ·
``/artifacts/{id}/files`` · ``/artifacts/{id}/snapshots[/{snapshotId}]`` ·
``/artifacts/{id}/snapshots/{snapshotId}/contents`` (no drafts, tags or delete, as 1.2).
"""

import mimetypes
import re
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError
from starlette.concurrency import iterate_in_threadpool
from starlette.responses import Response, StreamingResponse

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.fields import Description
from dioptra.server.api.v1.core.paging import SortedSearchParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import MAX_DB_INT, OutModel, WireModel, ok, url
from dioptra.server.api.v1.jobs.outputs import artifact_store, upload_digests
from dioptra.server.api.v1.plugins.plugins import type_ref
from dioptra.server.services.artifacts import artifacts
from dioptra.server.services.artifacts import files as artifact_files
from dioptra.server.services.artifacts.artifacts import ARTIFACT, ArtifactTaskView
from dioptra.server.services.artifacts.files import Contents
from dioptra.server.services.artifacts.run_files import ExternalRoots
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import QueryParameterValidationError
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs.errors import ArtifactContentsError

ARCHIVES = {
    "tar_gz": ("application/gzip", ".tar.gz"),
    "zip": ("application/zip", ".zip"),
}


class ArtifactCreateBody(WireModel):
    group: int
    job: int
    artifact_uri: str = Field(description="Where the bytes are (from artifactUploads).")
    description: Description | None = None
    plugin_snapshot_id: int | None = None
    task_id: int | None = None
    sha256: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{64}$",
        description=(
            "Ours: the sha256 the writer computed (a folder: of its manifest). Taken as is "
            "from the job's own token, checked against the stored bytes from anyone else."
        ),
    )
    file_size: int | None = Field(
        None,
        ge=0,
        le=MAX_DB_INT,
        description="Ours: the size the writer stored; must match the stored object.",
    )


class ArtifactModifyBody(WireModel):
    description: Description | None = None
    plugin_snapshot_id: int | None = None
    task_id: int | None = None


class ArtifactTaskOut(OutModel):
    id: int
    name: str
    output_params: list[dict[str, Any]]
    plugin_resource_id: int
    plugin_resource_snapshot_id: int
    plugin_file_resource_id: int
    plugin_file_resource_snapshot_id: int


class ArtifactOut(ResourceOut):
    description: str | None
    artifact_uri: str
    job: int
    is_dir: bool
    file_size: int
    sha256: str | None
    file_url: str
    task: ArtifactTaskOut | dict[str, Any]


class ArtifactFileOut(OutModel):
    is_dir: bool
    relative_path: str
    file_size: int | None
    file_url: str


class ArtifactListParams(SortedSearchParams):
    outputParams: str | None = Field(
        None, description="Comma-separated type ids: artifacts whose task outputs exactly these."
    )

    @field_validator("outputParams")
    @classmethod
    def _integers(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                [int(part) for part in value.split(",")]
            except ValueError:
                problem = {"problem": f"outputParams contains a non-integer value {value}."}
                raise PydanticCustomError("integer_list", "{problem}", problem) from None
        return value


class ContentsParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    path: str | None = Field(None, description="A file or folder inside a folder artifact.")
    fileType: Literal["tar_gz", "zip"] | None = Field(
        None, description="Archive format of a folder download (default tar_gz)."
    )


def external_roots(request: Request) -> ExternalRoots:
    """Where files of MLflow runs may be registered from and read (``run_files``): the
    operator's roots, never the data folder or our store."""
    settings = request.app.state.dioptra.settings
    store_folder = artifact_store(request).local_folder
    forbidden = [settings.data_dir, *([store_folder] if store_folder else [])]
    return ExternalRoots.of(settings.artifact_external_roots, forbidden)


def render_task(task: ArtifactTaskView | None) -> dict[str, Any]:
    if task is None:
        return {}
    return {
        "id": task.task_id,
        "name": task.name,
        "outputParams": [
            {"name": param.name, "parameterType": type_ref(param.type)} for param in task.outputs
        ],
        "pluginResourceId": task.plugin_id,
        "pluginResourceSnapshotId": task.plugin_snapshot_id,
        "pluginFileResourceId": task.file_id,
        "pluginFileResourceSnapshotId": task.file_snapshot_id,
    }


class ArtifactFamily(ResourceApi):
    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        return artifacts.with_tasks(ctx, views)

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        payload = view.payload
        return {
            "description": view.description,
            "isDir": payload["isDir"],
            "fileSize": payload["fileSize"],
            "fileUrl": url("artifacts", view.resource_id, "contents"),
            "artifactUri": payload["artifactUri"],
            "job": payload["jobId"],
            "task": render_task(view.extras.get("task")),
            "sha256": payload.get("sha256"),  # ours
        }


ARTIFACTS = ArtifactFamily(
    ARTIFACT,
    create_body=ArtifactCreateBody,
    modify_body=ArtifactModifyBody,
    response_model=ArtifactOut,
    routes=frozenset({"snapshots"}),
)
router = api_router(tags=["artifacts"])


@router.get("/artifacts/", response_model=page_model(ArtifactOut), summary="List artifacts")
def list_artifacts(
    ctx: Ctx, state: State, params: Annotated[ArtifactListParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    wanted = (
        [int(part) for part in params.outputParams.split(",")]
        if params.outputParams is not None
        else None
    )
    page = artifacts.list_artifacts(ctx, query, wanted)
    data = ARTIFACTS.render_all(ctx, page.items)
    return ok(envelope("artifacts", query, page, data=data, sortable=True))


@router.post("/artifacts/", response_model=ArtifactOut, summary="Register an artifact")
def create_artifact(ctx: Ctx, request: Request, body: ArtifactCreateBody) -> Response:
    registration = artifacts.Registration(
        group_id=body.group,
        job_id=body.job,
        artifact_uri=body.artifact_uri,
        description=body.description,
        plugin_snapshot_id=body.plugin_snapshot_id,
        task_id=body.task_id,
        sha256=body.sha256,
        file_size=body.file_size,
    )
    view = artifacts.register(
        ctx,
        artifact_store(request),
        registration,
        upload_digests(request),
        external_roots(request),
    )
    return ok(ARTIFACTS.render_one(ctx, view))


@router.get("/artifacts/{id:int}", response_model=ArtifactOut, summary="Get an artifact")
def get_artifact(ctx: Ctx, id: int) -> Response:
    return ok(ARTIFACTS.render_one(ctx, artifacts.get_artifact(ctx, id)))


@router.put(
    "/artifacts/{id:int}",
    response_model=ArtifactOut,
    summary="Change an artifact's description and task (creates a snapshot)",
)
def modify_artifact(ctx: Ctx, id: int, body: ArtifactModifyBody) -> Response:
    view = artifacts.modify(ctx, id, body.description, body.plugin_snapshot_id, body.task_id)
    return ok(ARTIFACTS.render_one(ctx, view))


@router.get(
    "/artifacts/{id:int}/files",
    response_model=list[ArtifactFileOut],
    summary="The files of an artifact",
)
def list_files(ctx: Ctx, request: Request, id: int) -> Response:
    view = artifacts.get_artifact(ctx, id)
    contents = url("artifacts", id, "contents")
    if not view.payload.get("isDir"):
        # Dioptra lists a file artifact as one entry without a path (it says isDir: true).
        size = view.payload.get("fileSize")
        return ok([{"isDir": False, "fileSize": size, "fileUrl": contents, "relativePath": ""}])
    listing = artifact_files.files_of(artifact_store(request), view, external_roots(request))
    return ok(
        [
            {
                "isDir": False,
                "fileSize": entry.size,
                "fileUrl": f"{contents}?{urlencode({'path': entry.relative_path})}",
                "relativePath": entry.relative_path,
            }
            for entry in listing
            if not entry.is_dir
        ]
    )


def _download(request: Request, view: SnapshotView, params: ContentsParams) -> Response:
    if not view.payload.get("isDir"):
        if params.path is not None:
            raise QueryParameterValidationError(
                "artifact", "path query parameter may not be provided for a file"
            )
        if params.fileType is not None:
            raise QueryParameterValidationError(
                "artifact", "file_type query parameter may not be provided for a file"
            )
    try:
        contents = artifact_files.contents_of(
            artifact_store(request), view, params.path, external_roots(request)
        )
    except ArtifactContentsError:
        if params.path:
            raise QueryParameterValidationError(
                "artifact", "invalid path query parameter"
            ) from None
        raise
    return _stream(contents, params.fileType or "tar_gz")


_PLAIN_NAME = re.compile(r"[A-Za-z0-9._+-]+")


def _attachment(filename: str) -> str:
    """``attachment; filename=x`` as Dioptra sends it; other names as RFC 6266 wants."""
    if _PLAIN_NAME.fullmatch(filename):
        return f"attachment; filename={filename}"
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _stream(contents: Contents, archive: str) -> Response:
    chunks = artifact_files.chunks_of(contents, archive)  # type: ignore[arg-type]
    if contents.is_dir:
        media_type, suffix = ARCHIVES[archive]
        filename = contents.download_name + suffix
    else:
        media_type = mimetypes.guess_type(contents.download_name)[0] or "application/octet-stream"
        filename = contents.download_name
    headers = {"Content-Disposition": _attachment(filename)}
    if not contents.is_dir and contents.size is not None:
        headers["Content-Length"] = str(contents.size)
    # The store reads block: iterate it off the event loop.
    return StreamingResponse(iterate_in_threadpool(chunks), media_type=media_type, headers=headers)


@router.get(
    "/artifacts/{id:int}/contents",
    summary="Download an artifact (a folder as tar.gz or zip; ?path= for one member)",
    response_class=StreamingResponse,
)
def get_contents(
    ctx: Ctx, request: Request, id: int, params: Annotated[ContentsParams, Query()]
) -> Response:
    view = artifacts.get_artifact(ctx, id)
    return _download(request, view, params)


@router.get(
    "/artifacts/{id:int}/snapshots/{snapshotId:int}/contents",
    summary="Download the artifact as one of its snapshots names it",
    response_class=StreamingResponse,
)
def get_snapshot_contents(
    ctx: Ctx,
    request: Request,
    id: int,
    snapshotId: int,
    params: Annotated[ContentsParams, Query()],
) -> Response:
    view = artifacts.get_artifact_snapshot(ctx, id, snapshotId)
    return _download(request, view, params)


# /artifacts/{id}/snapshots[/{snapshotId}]: the shared machinery.
router.routes.extend(resource_router(ARTIFACTS).routes)  # held directly: see deps.install_routes
