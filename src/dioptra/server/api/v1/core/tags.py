"""/tags: group-scoped labels, and the resources carrying each."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.fields import Name
from dioptra.server.api.v1.core.paging import (
    PagingParams,
    SortedSearchParams,
    envelope,
    list_query,
    page_model,
)
from dioptra.server.api.v1.core.wire import (
    GroupRefOut,
    OutModel,
    StatusOut,
    UserRefOut,
    WireModel,
    group_ref,
    ok,
    status_success,
    timestamp,
    url,
    user_ref,
)
from dioptra.server.services.core import tags as tag_service
from dioptra.server.services.core.kinds import KINDS

router = api_router(tags=["tags"])


class TagCreateBody(WireModel):
    group: int
    name: Name


class TagModifyBody(WireModel):
    name: Name


class TagOut(OutModel):
    id: int
    group: GroupRefOut
    user: UserRefOut
    created_on: str
    last_modified_on: str
    name: str


class TaggedResourcesParams(PagingParams):
    resourceType: str | None = None


def render_tag(view: tag_service.TagView) -> dict[str, Any]:
    tag = view.tag
    return {
        "id": tag.id,
        "group": group_ref(tag.group_id, view.group_name),
        "user": user_ref(tag.user_id, view.username),
        "createdOn": timestamp(tag.created_on),
        "lastModifiedOn": timestamp(tag.last_modified_on),
        "name": tag.name,
    }


def resource_url(resource_type: str, resource_id: int) -> str:
    # Dioptra printed the singular type here ("/api/v1/queue/3"); we give the real URL.
    kind = KINDS.get(resource_type)
    return url(kind.url_segment if kind is not None else resource_type, resource_id)


@router.get("/tags/", response_model=page_model(TagOut), summary="List tags")
def list_tags(ctx: Ctx, state: State, params: Annotated[SortedSearchParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = tag_service.list_tags(ctx, query)
    return ok(envelope("tags", query, page, render_tag, sortable=True))


@router.post("/tags/", response_model=TagOut, summary="Create a tag")
def create_tag(ctx: Ctx, body: TagCreateBody) -> Response:
    return ok(render_tag(tag_service.create_tag(ctx, body.group, body.name)))


@router.get("/tags/{id:int}", response_model=TagOut, summary="Get a tag")
def get_tag(ctx: Ctx, id: int) -> Response:
    return ok(render_tag(tag_service.get_tag(ctx, id)))


@router.put("/tags/{id:int}", response_model=TagOut, summary="Rename a tag")
def rename_tag(ctx: Ctx, id: int, body: TagModifyBody) -> Response:
    return ok(render_tag(tag_service.rename_tag(ctx, id, body.name)))


@router.delete("/tags/{id:int}", response_model=StatusOut, summary="Delete a tag")
def delete_tag(ctx: Ctx, id: int) -> Response:
    tag_service.delete_tag(ctx, id)
    return ok(status_success([id]))


@router.get(
    "/tags/{id:int}/resources/",
    response_model=page_model(str),
    summary="URLs of the resources carrying a tag",
)
def tagged_resources(
    ctx: Ctx, state: State, id: int, params: Annotated[TaggedResourcesParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = tag_service.tagged_resources(ctx, id, params.resourceType, query)
    data = [resource_url(resource_type, rid) for resource_type, rid in page.items]
    return ok(envelope(f"tags/{id}/resources", replace(query), page, data=data))
