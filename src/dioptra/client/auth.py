"""The `/auth` collection: cookie login and logout."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import CollectionClient

T = TypeVar("T")


class AuthCollectionClient(CollectionClient[T]):
    """Logs the client's session in and out (the session cookie is kept by the client)."""

    name: ClassVar[str] = "auth"

    def login(self, username: str, password: str) -> T:
        return self._session.post(
            self.url, "login", json_={"username": username, "password": password}
        )

    def logout(self, everywhere: bool = False) -> T:
        """Log out; `everywhere` also ends the user's other sessions."""
        return self._session.post(self.url, "logout", params={"everywhere": everywhere})
