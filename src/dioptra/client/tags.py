"""Tags: the `/tags` collection and the `tags` sub-collection of tagged resources."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import CollectionClient, SubCollectionClient, list_params

T = TypeVar("T")


class TagsCollectionClient(CollectionClient[T]):
    """The `/tags` collection."""

    name: ClassVar[str] = "tags"

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        """One page of tags."""
        return self._list(group_id, index, page_length, sort_by, descending, search)

    def get_by_id(self, tag_id: str | int) -> T:
        return self._session.get(self.url, tag_id)

    def create(self, group_id: int, name: str) -> T:
        return self._session.post(self.url, json_={"group": group_id, "name": name})

    def modify_by_id(self, tag_id: str | int, name: str) -> T:
        return self._session.put(self.url, tag_id, json_={"name": name})

    def delete_by_id(self, tag_id: str | int) -> T:
        return self._session.delete(self.url, tag_id)

    def get_resources_for_tag(
        self,
        tag_id: str | int,
        resource_type: str | None = None,
        index: int = 0,
        page_length: int = 10,
    ) -> T:
        """One page of the URLs of the resources carrying a tag."""
        params = list_params(index, page_length) | (
            {} if resource_type is None else {"resourceType": resource_type}
        )
        return self._session.get(self.url, tag_id, "resources", params=params)


class TagsSubCollectionClient(SubCollectionClient[T]):
    """The tags attached to one resource."""

    name: ClassVar[str] = "tags"

    def get(self, *resource_ids: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(*resource_ids))

    def modify(self, *resource_ids: str | int, ids: list[int]) -> T:
        """Replace the resource's tags with exactly `ids`."""
        return self._session.put(self.build_sub_collection_url(*resource_ids), json_={"ids": ids})

    def append(self, *resource_ids: str | int, ids: list[int]) -> T:
        """Add tags to the resource; ones it already has are ignored."""
        return self._session.post(self.build_sub_collection_url(*resource_ids), json_={"ids": ids})

    def remove(self, *resource_ids: str | int, tag_id: int) -> T:
        """Remove one tag from the resource."""
        return self._session.delete(self.build_sub_collection_url(*resource_ids), tag_id)

    def remove_all(self, *resource_ids: str | int) -> T:
        """Remove every tag from the resource."""
        return self._session.delete(self.build_sub_collection_url(*resource_ids))
