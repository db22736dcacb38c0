"""The `snapshots` sub-collection every snapshotted resource has."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import SubCollectionClient, list_params

T = TypeVar("T")


class SnapshotsSubCollectionClient(SubCollectionClient[T]):
    """Lists and fetches the immutable snapshots of one resource."""

    name: ClassVar[str] = "snapshots"

    def get(
        self,
        *resource_ids: str | int,
        index: int = 0,
        page_length: int = 10,
        search: str | None = None,
    ) -> T:
        """One page of the resource's snapshots, oldest first."""
        return self._session.get(
            self.build_sub_collection_url(*resource_ids),
            params=list_params(index, page_length, search=search),
        )

    def get_by_id(self, *resource_ids: str | int, snapshot_id: int) -> T:
        """One snapshot of the resource."""
        return self._session.get(self.build_sub_collection_url(*resource_ids), snapshot_id)
