"""The `/queues` collection."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import without_none
from .resources import ResourceCollectionClient

T = TypeVar("T")


class QueuesCollectionClient(ResourceCollectionClient[T]):
    """Named queues that jobs are submitted to and workers serve."""

    name: ClassVar[str] = "queues"
    draft_fields = ("name", "description")

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

    def get_by_id(self, queue_id: str | int) -> T:
        return self._get_one(queue_id)

    def create(self, group_id: int, name: str, description: str | None = None) -> T:
        body = {"group": group_id, "name": name} | without_none({"description": description})
        return self._session.post(self.url, json_=body)

    def modify_by_id(self, queue_id: str | int, name: str, description: str | None) -> T:
        body = {"name": name} | without_none({"description": description})
        return self._session.put(self.url, queue_id, json_=body)

    def delete_by_id(self, queue_id: str | int) -> T:
        return self._delete_one(queue_id)
