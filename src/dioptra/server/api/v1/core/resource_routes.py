"""The standard routes of a snapshotted kind, generated from its ``ResourceApi``.

``/R/`` GET POST · ``/R/{id}`` GET PUT DELETE · ``/R/{id}/snapshots[/{snapshotId}]`` ·
``/R/{id}/tags`` GET POST PUT DELETE · ``/R/{id}/tags/{tagId}`` DELETE ·
``/R/drafts/`` GET POST · ``/R/drafts/{draftId}`` GET PUT DELETE ·
``/R/{id}/draft`` GET POST PUT DELETE.

(No ``from __future__ import annotations`` here: FastAPI reads the annotations of the
route functions, some of which are set per kind at runtime.)
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.paging import (
    PagingParams,
    ResourceListParams,
    SortedSearchParams,
    envelope,
    list_query,
    page_model,
)
from dioptra.server.api.v1.core.render import DraftOut, render_draft
from dioptra.server.api.v1.core.resource_api import ResourceApi
from dioptra.server.api.v1.core.wire import (
    MAX_ID,
    MIN_ID,
    StatusOut,
    TagRefOut,
    WireModel,
    ok,
    status_success,
    tag_ref,
)
from dioptra.server.services.core import drafts as draft_service
from dioptra.server.services.core import resources
from dioptra.server.services.core import tags as tag_service


class TagIdsBody(WireModel):
    ids: list[int]


class DraftListParams(PagingParams):
    groupId: int | None = Field(None, ge=MIN_ID, le=MAX_ID)
    draftType: Literal["all", "existing", "new"] = "all"


def _annotate(function: Callable[..., Any], **annotations: Any) -> Callable[..., Any]:
    """Sets a route function's parameter types to this kind's models."""
    function.__annotations__.update(annotations)
    return function


def resource_router(resource_api: ResourceApi) -> APIRouter:
    """All standard routes of ``resource_api`` (those named in ``resource_api.routes``)."""
    router = api_router(tags=[resource_api.kind.url_segment])
    if "drafts" in resource_api.routes:
        # Before /R/{id}: "drafts" must not be read as an id (ids are digits anyway).
        _add_draft_routes(router, resource_api)
    _add_resource_routes(router, resource_api)
    if "snapshots" in resource_api.routes:
        _add_snapshot_routes(router, resource_api)
    if "tags" in resource_api.routes:
        _add_tag_routes(router, resource_api)
    return router


def _add_resource_routes(router: APIRouter, resource_api: ResourceApi) -> None:
    kind = resource_api.kind
    base = f"/{kind.url_segment}"
    list_params = ResourceListParams if kind.deleted_visible else SortedSearchParams
    out = resource_api.response_model

    def list_resources(ctx: Ctx, state: State, params: Any) -> Response:
        query = list_query(params, state.settings.max_page_size)
        page = resources.list_latest(ctx, kind, query)
        data = resource_api.render_page(ctx, page.items, query)
        return ok(
            envelope(
                kind.url_segment,
                query,
                page,
                data=data,
                sortable=True,
                show_deleted=kind.deleted_visible,
            )
        )

    def create_resource(ctx: Ctx, body: Any) -> Response:
        return ok(resource_api.render_one(ctx, resource_api.create(ctx, body)))

    def get_resource(ctx: Ctx, id: int) -> Response:
        return ok(resource_api.render_one(ctx, resources.get_latest(ctx, kind, id)))

    def modify_resource(ctx: Ctx, id: int, body: Any) -> Response:
        return ok(resource_api.render_one(ctx, resource_api.modify(ctx, id, body)))

    def delete_resource(ctx: Ctx, id: int) -> Response:
        return ok(resource_api.delete(ctx, id))

    _annotate(list_resources, params=Annotated[list_params, Query()])
    _annotate(create_resource, body=resource_api.create_body)
    _annotate(modify_resource, body=resource_api.modify_body)
    name = kind.display_name.lower()
    # (route name, path, method, endpoint, response model, summary), in the document's order.
    standard: list[tuple[str, str, str, Callable[..., Response], Any, str]] = [
        ("list", f"{base}/", "GET", list_resources, page_model(out), f"List {kind.url_segment}"),
        ("create", f"{base}/", "POST", create_resource, out, f"Create a {name}"),
        ("get", f"{base}/{{id:int}}", "GET", get_resource, out, f"Get a {name}"),
        (
            "modify",
            f"{base}/{{id:int}}",
            "PUT",
            modify_resource,
            out,
            f"Modify a {name} (creates a snapshot)",
        ),
        ("delete", f"{base}/{{id:int}}", "DELETE", delete_resource, StatusOut, f"Delete a {name}"),
    ]
    for route, path, method, endpoint, response_model, summary in standard:
        if route in resource_api.routes:
            router.add_api_route(
                path,
                endpoint,
                methods=[method],
                response_model=response_model,
                summary=summary,
            )


def _add_snapshot_routes(router: APIRouter, resource_api: ResourceApi) -> None:
    kind = resource_api.kind
    base = f"/{kind.url_segment}/{{id:int}}/snapshots"

    def list_snapshots(
        ctx: Ctx, state: State, id: int, params: Annotated[SortedSearchParams, Query()]
    ) -> Response:
        query = list_query(params, state.settings.max_page_size)
        page = resources.list_snapshots(ctx, kind, id, query)
        data = resource_api.render_all(ctx, page.items, snapshot_item=True)
        route = f"{kind.url_segment}/{id}/snapshots"
        # Snapshot pages carry no group, sort or showDeleted in their links.
        link_query = replace(query, group_id=None, sort_by=None)
        return ok(envelope(route, link_query, page, data=data))

    def get_snapshot(ctx: Ctx, id: int, snapshotId: int) -> Response:
        view = resources.get_snapshot(ctx, kind, id, snapshotId)
        return ok(resource_api.render_one(ctx, view, snapshot_item=True))

    router.add_api_route(
        base,
        list_snapshots,
        methods=["GET"],
        response_model=page_model(resource_api.response_model),
        summary=f"List the snapshots of a {kind.display_name.lower()}",
    )
    router.add_api_route(
        f"{base}/{{snapshotId:int}}",
        get_snapshot,
        methods=["GET"],
        response_model=resource_api.response_model,
        summary=f"Get one snapshot of a {kind.display_name.lower()}",
    )


def _tag_refs(refs: list[resources.TagRef]) -> list[dict[str, Any]]:
    return [tag_ref(t.id, t.name, t.group_id, t.group_name) for t in refs]


def _add_tag_routes(router: APIRouter, resource_api: ResourceApi) -> None:
    kind = resource_api.kind
    path = f"/{kind.url_segment}/{{id:int}}/tags"

    def get_tags(ctx: Ctx, id: int) -> Response:
        return ok(_tag_refs(tag_service.resource_tags(ctx, kind, id)))

    def append_tags(ctx: Ctx, id: int, body: TagIdsBody) -> Response:
        return ok(_tag_refs(tag_service.append_tags(ctx, kind, id, body.ids)))

    def replace_tags(ctx: Ctx, id: int, body: TagIdsBody) -> Response:
        return ok(_tag_refs(tag_service.replace_tags(ctx, kind, id, body.ids)))

    def remove_all_tags(ctx: Ctx, id: int) -> Response:
        return ok(status_success(tag_service.remove_tags(ctx, kind, id)))

    def remove_tag(ctx: Ctx, id: int, tagId: int) -> Response:
        return ok(status_success(tag_service.remove_tags(ctx, kind, id, tagId)))

    tags_out = list[TagRefOut]
    router.add_api_route(path, get_tags, methods=["GET"], response_model=tags_out)
    router.add_api_route(path, append_tags, methods=["POST"], response_model=tags_out)
    router.add_api_route(path, replace_tags, methods=["PUT"], response_model=tags_out)
    router.add_api_route(path, remove_all_tags, methods=["DELETE"], response_model=StatusOut)
    router.add_api_route(
        f"{path}/{{tagId:int}}", remove_tag, methods=["DELETE"], response_model=StatusOut
    )


def _add_draft_routes(router: APIRouter, resource_api: ResourceApi) -> None:
    kind = resource_api.kind
    drafts = f"/{kind.url_segment}/drafts"
    own = f"/{kind.url_segment}/{{id:int}}/draft"

    def _payload(body: BaseModel) -> dict[str, Any]:
        return body.model_dump(mode="json", by_alias=True)

    def list_drafts(
        ctx: Ctx, state: State, params: Annotated[DraftListParams, Query()]
    ) -> Response:
        query = list_query(params, state.settings.max_page_size)
        draft_type = draft_service.DraftType(params.draftType)
        page = draft_service.list_drafts(ctx, kind, draft_type, query)
        return ok(
            envelope(
                f"{kind.url_segment}/drafts", query, page, render_draft, draft_type=draft_type.value
            )
        )

    def create_draft(ctx: Ctx, body: Any) -> Response:
        payload = {key: value for key, value in _payload(body).items() if key != "group"}
        view = draft_service.create_new_draft(
            ctx, kind, body.group, payload, resource_api.to_fields(body)
        )
        return ok(render_draft(view))

    def get_draft(ctx: Ctx, draftId: int) -> Response:
        return ok(render_draft(draft_service.get_draft(ctx, kind, draftId)))

    def modify_draft(ctx: Ctx, draftId: int, body: Any) -> Response:
        view = draft_service.modify_new_draft(
            ctx, kind, draftId, _payload(body), resource_api.to_fields(body)
        )
        return ok(render_draft(view))

    def delete_draft(ctx: Ctx, draftId: int) -> Response:
        return ok(status_success([draft_service.delete_draft(ctx, kind, draftId)]))

    def get_resource_draft(ctx: Ctx, id: int) -> Response:
        return ok(render_draft(draft_service.get_modification_draft(ctx, kind, id)))

    def create_resource_draft(ctx: Ctx, id: int, body: Any) -> Response:
        view = draft_service.create_modification_draft(
            ctx, kind, id, _payload(body), resource_api.to_fields(body)
        )
        return ok(render_draft(view))

    def modify_resource_draft(ctx: Ctx, id: int, body: Any) -> Response:
        data = body.resource_data
        view = draft_service.modify_modification_draft(
            ctx, kind, id, body.resource_snapshot, _payload(data), resource_api.to_fields(data)
        )
        return ok(render_draft(view))

    def delete_resource_draft(ctx: Ctx, id: int) -> Response:
        return ok(status_success([draft_service.delete_modification_draft(ctx, kind, id)]))

    _annotate(create_draft, body=resource_api.create_body)
    _annotate(modify_draft, body=resource_api.draft_body)
    _annotate(create_resource_draft, body=resource_api.modify_body)
    _annotate(modify_resource_draft, body=resource_api.draft_modification_body)
    page = page_model(DraftOut)
    router.add_api_route(f"{drafts}/", list_drafts, methods=["GET"], response_model=page)
    router.add_api_route(f"{drafts}/", create_draft, methods=["POST"], response_model=DraftOut)
    item = f"{drafts}/{{draftId:int}}"
    router.add_api_route(item, get_draft, methods=["GET"], response_model=DraftOut)
    router.add_api_route(item, modify_draft, methods=["PUT"], response_model=DraftOut)
    router.add_api_route(item, delete_draft, methods=["DELETE"], response_model=StatusOut)
    router.add_api_route(own, get_resource_draft, methods=["GET"], response_model=DraftOut)
    router.add_api_route(own, create_resource_draft, methods=["POST"], response_model=DraftOut)
    router.add_api_route(own, modify_resource_draft, methods=["PUT"], response_model=DraftOut)
    router.add_api_route(own, delete_resource_draft, methods=["DELETE"], response_model=StatusOut)
