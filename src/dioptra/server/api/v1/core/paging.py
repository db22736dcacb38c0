"""List query parameters and the paging envelope with Dioptra's links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote, urlencode

from pydantic import BaseModel, ConfigDict, Field

from dioptra.server.api.v1.core.errors import FieldErrors
from dioptra.server.api.v1.core.wire import API_PREFIX, MAX_DB_INT, MAX_ID, MIN_ID
from dioptra.server.services.core.listing import ListQuery, Page

T = TypeVar("T")


class PagingParams(BaseModel):
    """``?index=&pageLength=`` (unknown query parameters are ignored, as in Dioptra)."""

    model_config = ConfigDict(extra="ignore")

    index: int = Field(0, ge=0, le=MAX_DB_INT, description="Offset of the first item.")
    pageLength: int = Field(10, ge=1, description="Items per page.")


class SearchParams(PagingParams):
    groupId: int | None = Field(None, ge=MIN_ID, le=MAX_ID, description="Only items of this group.")
    search: str | None = Field(None, description="Dioptra search terms.")


class SortedSearchParams(SearchParams):
    sortBy: str | None = Field(None, description="Field to sort by.")
    descending: bool = False


class ResourceListParams(SortedSearchParams):
    """For the four 1.2 families that can list deleted resources."""

    showDeleted: bool = False


def list_query(params: PagingParams, max_page_size: int) -> ListQuery:
    if params.pageLength > max_page_size:
        raise FieldErrors({"pageLength": [f"Must be <= {max_page_size}"]}, from_query=True)
    search = getattr(params, "search", None)
    return ListQuery(
        index=params.index,
        page_length=params.pageLength,
        group_id=getattr(params, "groupId", None),
        # Dioptra unquotes the (already decoded) value once more; so do we.
        search=unquote(search) if search else None,
        sort_by=getattr(params, "sortBy", None),
        descending=bool(getattr(params, "descending", False)),
        show_deleted=bool(getattr(params, "showDeleted", False)),
    )


def paging_url(route: str, query: ListQuery, index: int, extra: dict[str, Any]) -> str:
    """``/api/v1/<route>?index=…&pageLength=…`` with the optional parameters in Dioptra's
    order: groupId, search, draft_type, sortBy + descending, showDeleted."""
    params: dict[str, Any] = {"index": index, "pageLength": query.page_length}
    if query.group_id:
        params["groupId"] = query.group_id
    if query.search:
        params["search"] = query.search
    if "draft_type" in extra:
        params["draft_type"] = extra["draft_type"]
    if extra.get("sortable") and query.sort_by:
        params["sortBy"] = query.sort_by
        params["descending"] = query.descending
    if extra.get("show_deleted"):
        params["showDeleted"] = query.show_deleted
    return f"{API_PREFIX}/{route}?{urlencode(params)}"


def envelope(
    route: str,
    query: ListQuery,
    page: Page[T],
    render: Callable[[T], Any] | None = None,
    data: Sequence[Any] | None = None,
    *,
    sortable: bool = False,
    show_deleted: bool = False,
    draft_type: str | None = None,
) -> dict[str, Any]:
    """The paging envelope. ``route`` has no prefix and no trailing slash ("queues")."""
    extra: dict[str, Any] = {"sortable": sortable, "show_deleted": show_deleted}
    if draft_type is not None:
        extra["draft_type"] = draft_type
    index, length, total = query.index, query.page_length, page.total
    body: dict[str, Any] = {
        "index": index,
        "isComplete": total <= index + length,
        "totalNumResults": total,
        "first": paging_url(route, query, 0, extra),
    }
    if total > index + length:
        body["next"] = paging_url(route, query, index + length, extra)
    if index > 0:
        body["prev"] = paging_url(route, query, max(index - length, 0), extra)
    if data is None:
        assert render is not None
        data = [render(item) for item in page.items]
    body["data"] = list(data)
    return body


_PAGE_MODELS: dict[Any, type[BaseModel]] = {}


def page_model(item: Any) -> type[BaseModel]:
    """The OpenAPI shape of a page of ``item`` (one model per item type)."""
    from pydantic import create_model

    from dioptra.server.api.v1.core.wire import OutModel

    if item not in _PAGE_MODELS:
        name = getattr(item, "__name__", "Item").removesuffix("Out")
        fields: dict[str, Any] = {
            "index": (int, ...),
            "is_complete": (bool, ...),
            "total_num_results": (int, ...),
            "first": (str, ...),
            "next": (str | None, None),
            "prev": (str | None, None),
            "data": (list[item], ...),
        }
        _PAGE_MODELS[item] = create_model(f"{name}Page", __base__=OutModel, **fields)
    return _PAGE_MODELS[item]
