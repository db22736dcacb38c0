"""The shape every snapshotted resource family shares.

Queues, experiments, entrypoints, plugins, plugin parameter types and models all have
a paged listing, get/delete by id, drafts, snapshots and tags. This base class wires
those once; each family adds its own create/modify methods and any extra routes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeVar

from .base import CollectionClient
from .drafts import (
    DraftFields,
    ModifyResourceDraftsSubCollectionClient,
    NewResourceDraftsSubCollectionClient,
)
from .sessions import DioptraSession
from .snapshots import SnapshotsSubCollectionClient
from .tags import TagsSubCollectionClient

T = TypeVar("T")


class ResourceCollectionClient(CollectionClient[T]):
    """A top-level collection of snapshotted resources.

    Class attributes:
        draft_fields: The fields of a new-resource draft.
        modify_draft_fields: The fields of a modification draft, if they differ.
    """

    draft_fields: ClassVar[Iterable[str]]
    modify_draft_fields: ClassVar[Iterable[str] | None] = None

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        modify_fields = self.modify_draft_fields or self.draft_fields
        self._new_resource_drafts = NewResourceDraftsSubCollectionClient[T](
            session, DraftFields(self.draft_fields, self.name), root_collection=self
        )
        self._modify_resource_drafts = ModifyResourceDraftsSubCollectionClient[T](
            session, DraftFields(modify_fields, self.name), root_collection=self
        )
        self._snapshots = self._create_snapshots_client()
        self._tags = TagsSubCollectionClient[T](session, root_collection=self)

    def _create_snapshots_client(self) -> SnapshotsSubCollectionClient[T]:
        """Families whose snapshots have extra routes return their own client here."""
        return SnapshotsSubCollectionClient[T](self._session, root_collection=self)

    @property
    def new_resource_drafts(self) -> NewResourceDraftsSubCollectionClient[T]:
        """Drafts of resources of this type that do not exist yet."""
        return self._new_resource_drafts

    @property
    def modify_resource_drafts(self) -> ModifyResourceDraftsSubCollectionClient[T]:
        """Pending modification drafts of existing resources."""
        return self._modify_resource_drafts

    @property
    def snapshots(self) -> SnapshotsSubCollectionClient[T]:
        """The snapshots of each resource."""
        return self._snapshots

    @property
    def tags(self) -> TagsSubCollectionClient[T]:
        """The tags of each resource."""
        return self._tags
