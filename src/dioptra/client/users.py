"""The `/users` collection and the current user's personal API tokens."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from .base import CollectionClient, list_params, without_none
from .sessions import DioptraSession

T = TypeVar("T")


class UserTokensClient(Generic[T]):
    """Personal API tokens of the logged-in user (`/users/current/tokens`).

    A token's secret is returned once, by `create`; send it later as
    `connect_json_dioptra_client(address, token=...)` or `$DIOPTRA_API_TOKEN`.
    """

    def __init__(self, session: DioptraSession[T]) -> None:
        self._session = session

    @property
    def url(self) -> str:
        return self._session.build_url(self._session.url, "users", "current", "tokens")

    def get(self) -> T:
        return self._session.get(self.url)

    def create(self, name: str, expires_in_days: int | None = None) -> T:
        body = without_none({"name": name, "expiresInDays": expires_in_days})
        return self._session.post(self.url, json_=body)

    def delete_by_id(self, token_id: str | int) -> T:
        return self._session.delete(self.url, token_id)


class UsersCollectionClient(CollectionClient[T]):
    """Users: registration, lookup, and the logged-in user's own account."""

    name: ClassVar[str] = "users"

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._tokens = UserTokensClient[T](session)

    @property
    def tokens(self) -> UserTokensClient[T]:
        """The logged-in user's personal API tokens."""
        return self._tokens

    def get(self, index: int = 0, page_length: int = 10, search: str | None = None) -> T:
        return self._session.get(self.url, params=list_params(index, page_length, search=search))

    def create(self, username: str, email: str, password: str) -> T:
        """Register a user (no login needed)."""
        body = {
            "username": username,
            "email": email,
            "password": password,
            "confirmPassword": password,
        }
        return self._session.post(self.url, json_=body)

    def get_by_id(self, user_id: str | int) -> T:
        return self._session.get(self.url, user_id)

    def change_password_by_id(self, user_id: str | int, old_password: str, new_password: str) -> T:
        """Change a user's password without a login (e.g. when it has expired)."""
        return self._session.post(
            self.url, user_id, "password", json_=_password_change(old_password, new_password)
        )

    def get_current(self) -> T:
        return self._session.get(self.url, "current")

    def delete_current_user(self, password: str) -> T:
        return self._session.delete(self.url, "current", json_={"password": password})

    def modify_current_user(self, username: str, email: str) -> T:
        return self._session.put(self.url, "current", json_={"username": username, "email": email})

    def change_current_user_password(self, old_password: str, new_password: str) -> T:
        return self._session.post(
            self.url, "current", "password", json_=_password_change(old_password, new_password)
        )


def _password_change(old_password: str, new_password: str) -> dict[str, str]:
    return {
        "oldPassword": old_password,
        "newPassword": new_password,
        "confirmNewPassword": new_password,
    }
