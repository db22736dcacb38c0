"""Building blocks every collection client is made of.

A *collection* client owns a top-level path (`/queues`); a *sub-collection* client
owns a path under one or more parent resources (`/plugins/{id}/files/{fileId}/tags`).
The names users imported from the original `dioptra.client.base` are re-exported.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from .errors import (
    APIConnectionError,
    DioptraClientError,
    FieldNameCollisionError,
    FieldsValidationError,
    IllegalArgumentError,
    JSONDecodeError,
    StatusCodeError,
    SubCollectionUrlError,
)
from .files import DioptraFile
from .responses import DioptraRequestProtocol, DioptraResponseProtocol
from .sessions import DioptraSession

__all__ = [
    "APIConnectionError",
    "CollectionClient",
    "DioptraClientError",
    "DioptraFile",
    "DioptraRequestProtocol",
    "DioptraResponseProtocol",
    "DioptraSession",
    "FieldNameCollisionError",
    "FieldsValidationError",
    "IdListSubCollectionClient",
    "IllegalArgumentError",
    "JSONDecodeError",
    "StatusCodeError",
    "SubCollectionClient",
    "SubCollectionUrlError",
    "list_params",
    "without_none",
]

T = TypeVar("T")


def list_params(
    index: int = 0,
    page_length: int = 10,
    *,
    group_id: int | None = None,
    sort_by: str | None = None,
    descending: bool | None = None,
    search: str | None = None,
    show_deleted: bool | None = None,
) -> dict[str, Any]:
    """Query parameters of a paged, filtered listing; unset filters are left out."""
    params: dict[str, Any] = {"index": index, "pageLength": page_length}
    optional = {
        "sortBy": sort_by,
        "descending": descending,
        "search": search,
        "groupId": group_id,
        "showDeleted": show_deleted,
    }
    params.update({key: value for key, value in optional.items() if value is not None})
    return params


def without_none(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value is set; optional body fields are left out, not sent null."""
    return {key: value for key, value in fields.items() if value is not None}


class CollectionClient(Generic[T]):
    """A client for one top-level collection of the API, e.g. `/queues`."""

    name: ClassVar[str]

    def __init__(self, session: DioptraSession[T]) -> None:
        self._session = session

    @property
    def url(self) -> str:
        """The collection's URL."""
        return self._session.build_url(self._session.url, self.name)

    def _list(
        self,
        group_id: int | None,
        index: int,
        page_length: int,
        sort_by: str | None,
        descending: bool | None,
        search: str | None,
        show_deleted: bool | None = None,
    ) -> T:
        """One page of the collection (the shared body of every ``get``)."""
        params = list_params(
            index,
            page_length,
            group_id=group_id,
            sort_by=sort_by,
            descending=descending,
            search=search,
            show_deleted=show_deleted,
        )
        return self._session.get(self.url, params=params)

    def _get_one(self, resource_id: str | int) -> T:
        return self._session.get(self.url, resource_id)

    def _delete_one(self, resource_id: str | int) -> T:
        return self._session.delete(self.url, resource_id)


class SubCollectionClient(Generic[T]):
    """A client for a collection owned by parent resources.

    Args:
        session: The session requests go through.
        root_collection: The top-level collection the path starts from.
        parent_sub_collections: The sub-collections between the root and this one,
            outermost first; each adds one more parent id to the path.
    """

    name: ClassVar[str]

    def __init__(
        self,
        session: DioptraSession[T],
        root_collection: CollectionClient[T],
        parent_sub_collections: list[SubCollectionClient[T]] | None = None,
    ) -> None:
        self._session = session
        self._root_collection = root_collection
        self._parent_sub_collections = list(parent_sub_collections or [])

    def build_sub_collection_url(self, *resource_ids: str | int) -> str:
        """The URL of this sub-collection under the given parent ids, outermost first."""
        expected = len(self._parent_sub_collections) + 1
        if len(resource_ids) != expected:
            raise SubCollectionUrlError(
                f"Invalid number of resource ids (reason: expected {expected}): {len(resource_ids)}"
            )
        parts: list[str | int] = [resource_ids[0]]
        for parent, resource_id in zip(self._parent_sub_collections, resource_ids[1:], strict=True):
            parts.extend([parent.name, resource_id])
        return self._session.build_url(self._root_collection.url, *parts, self.name)


class IdListSubCollectionClient(SubCollectionClient[T]):
    """A list of linked resource ids under a parent: append, replace, remove."""

    def _get_ids(self, parent_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(parent_id))

    def _append_ids(self, parent_id: str | int, ids: list[int]) -> T:
        return self._session.post(self.build_sub_collection_url(parent_id), json_={"ids": ids})

    def _replace_ids(self, parent_id: str | int, ids: list[int]) -> T:
        return self._session.put(self.build_sub_collection_url(parent_id), json_={"ids": ids})

    def _remove_all(self, parent_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(parent_id))

    def _remove_one(self, parent_id: str | int, linked_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(parent_id), linked_id)
