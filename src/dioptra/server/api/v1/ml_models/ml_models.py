"""/models: the standard family plus numbered versions, each pointing at an artifact.

``/models/{id}/versions`` GET POST · ``/models/{id}/versions/{versionNumber}`` GET PUT.
"""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.paging import PagingParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.resource_api import STANDARD_ROUTES, ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import (
    GroupRefOut,
    OutModel,
    WireModel,
    group_ref,
    ok,
    status_success,
    timestamp,
    url,
)
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.ml_models import ml_models as model_service
from dioptra.server.services.ml_models.ml_models import MODEL, VersionView

_LATEST = "latest_version"


class ModelCreateBody(WireModel):
    group: int = Field(description="Id of the group that will own the model.")
    name: Name
    description: Description | None = None


class ModelModifyBody(WireModel):
    name: Name
    description: Description | None = None


class VersionCreateBody(WireModel):
    artifact: int = Field(description="Id of the artifact this version is.")
    description: Description | None = None


class VersionModifyBody(WireModel):
    description: Description | None = None


class ModelRefOut(OutModel):
    id: int
    name: str | None
    group: GroupRefOut
    url: str
    deleted: bool


class ArtifactRefOut(OutModel):
    id: int
    group: GroupRefOut
    url: str
    deleted: bool


class VersionOut(OutModel):
    model: ModelRefOut
    description: str | None
    version_number: int
    artifact: ArtifactRefOut
    created_on: str


class VersionRefOut(OutModel):
    version_number: int
    url: str


class ModelOut(ResourceOut):
    name: str
    description: str | None
    versions: list[VersionRefOut]
    latest_version: VersionOut | None


class VersionListParams(PagingParams):
    search: str | None = Field(None, description="Dioptra search terms.")


def model_ref(view: SnapshotView) -> dict[str, Any]:
    # Dioptra's model refs lack the /api/v1 prefix; ours have it (same shape).
    return {
        "id": view.resource_id,
        "name": view.name,
        "group": group_ref(view.group_id, view.group_name),
        "url": url("models", view.resource_id),
        "deleted": view.deleted,
    }


def render_version(model: SnapshotView, version: VersionView) -> dict[str, Any]:
    return {
        "description": version.description,
        "model": model_ref(model),
        "artifact": {
            "id": version.artifact_id,
            "group": group_ref(version.artifact_group_id, version.artifact_group_name),
            "url": url("artifacts", version.artifact_id),
            "deleted": version.artifact_deleted,
        },
        "versionNumber": version.version_number,
        "createdOn": timestamp(version.created_on),
    }


class ModelFamily(ResourceApi):
    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        return model_service.modify_model(ctx, resource_id, self.to_fields(body))

    def delete(self, ctx: ServiceContext, resource_id: int) -> dict[str, Any]:
        model_service.delete_model(ctx, resource_id)
        return status_success()

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        ids = [view.resource_id for view in views]
        latest = model_service.latest_versions(ctx, ids)
        return [
            replace(view, extras={**view.extras, _LATEST: latest.get(view.resource_id)})
            for view in views
        ]

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        latest: VersionView | None = view.extras.get(_LATEST)
        count = latest.version_number if latest is not None else 0
        return {
            "name": view.name,
            "description": view.description,
            "versions": [
                {"versionNumber": n, "url": url("models", view.resource_id, "versions", n)}
                for n in range(1, count + 1)
            ],
            "latestVersion": render_version(view, latest) if latest is not None else None,
        }

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        body = super().render(view, snapshot_item=snapshot_item)
        if snapshot_item:  # versions come later than a snapshot: it reads the same forever
            body.update(versions=[], latestVersion=None)
        return body


MODELS = ModelFamily(
    MODEL,
    create_body=ModelCreateBody,
    modify_body=ModelModifyBody,
    response_model=ModelOut,
    routes=STANDARD_ROUTES - {"get"},  # ours below: a missing model is named by model_id
)
versions_router = api_router(tags=["models"])


@versions_router.get("/models/{id:int}", response_model=ModelOut, summary="Get a model")
def get_model(ctx: Ctx, id: int) -> Response:
    return ok(MODELS.render_one(ctx, model_service.get_model(ctx, id)))


@versions_router.get(
    "/models/{id:int}/versions",
    response_model=page_model(VersionOut),
    summary="A model's versions",
)
def list_versions(
    ctx: Ctx, state: State, id: int, params: Annotated[VersionListParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = model_service.list_versions(ctx, id, query)
    model = model_service.get_model(ctx, id)
    data = [render_version(model, version) for version in page.items]
    return ok(envelope(f"models/{id}/versions", query, page, data=data))


@versions_router.post(
    "/models/{id:int}/versions", response_model=VersionOut, summary="Add a version"
)
def create_version(ctx: Ctx, id: int, body: VersionCreateBody) -> Response:
    version = model_service.create_version(ctx, id, body.artifact, body.description)
    return ok(render_version(model_service.get_model(ctx, id), version))


@versions_router.get(
    "/models/{id:int}/versions/{versionNumber:int}",
    response_model=VersionOut,
    summary="Get a version",
)
def get_version(ctx: Ctx, id: int, versionNumber: int) -> Response:
    version = model_service.get_version(ctx, id, versionNumber)
    return ok(render_version(model_service.get_model(ctx, id), version))


@versions_router.put(
    "/models/{id:int}/versions/{versionNumber:int}",
    response_model=VersionOut,
    summary="Change a version's description",
)
def modify_version(ctx: Ctx, id: int, versionNumber: int, body: VersionModifyBody) -> Response:
    version = model_service.modify_version(ctx, id, versionNumber, body.description)
    return ok(render_version(model_service.get_model(ctx, id), version))


router = resource_router(MODELS)
router.routes.extend(versions_router.routes)  # held directly: see deps.install_routes
