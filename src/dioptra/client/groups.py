"""The `/groups` collection and group memberships."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import CollectionClient, SubCollectionClient, list_params
from .sessions import DioptraSession

T = TypeVar("T")


class GroupMembersSubCollectionClient(SubCollectionClient[T]):
    """The members of a group and their permissions (`/groups/{id}/members`)."""

    name: ClassVar[str] = "members"

    def get(self, group_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(group_id))

    def add(
        self,
        group_id: str | int,
        user_id: int,
        read: bool = True,
        write: bool = True,
        share_read: bool = False,
        share_write: bool = False,
        admin: bool = False,
    ) -> T:
        """Add a user to a group with the given permissions."""
        body = {
            "user": user_id,
            "read": read,
            "write": write,
            "shareRead": share_read,
            "shareWrite": share_write,
            "admin": admin,
        }
        return self._session.post(self.build_sub_collection_url(group_id), json_=body)

    def remove(self, group_id: str | int, user_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(group_id), user_id)


class GroupsCollectionClient(CollectionClient[T]):
    """Groups own resources; a user sees what the groups they belong to hold."""

    name: ClassVar[str] = "groups"

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._members = GroupMembersSubCollectionClient[T](session, root_collection=self)

    @property
    def members(self) -> GroupMembersSubCollectionClient[T]:
        return self._members

    def get(self, index: int = 0, page_length: int = 10, search: str | None = None) -> T:
        return self._session.get(self.url, params=list_params(index, page_length, search=search))

    def get_by_id(self, group_id: str | int) -> T:
        return self._session.get(self.url, group_id)

    def create(self, name: str) -> T:
        # The trailing slash is the route's own form, so no redirect is needed.
        return self._session.post(f"{self.url}/", json_={"name": name})
