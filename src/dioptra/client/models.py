"""The `/models` collection and each model's versions."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from .base import SubCollectionClient, list_params, without_none
from .resources import ResourceCollectionClient
from .sessions import DioptraSession

T = TypeVar("T")


class ModelVersionsSubCollectionClient(SubCollectionClient[T]):
    """The numbered versions of a model, each pointing at an artifact."""

    name: ClassVar[str] = "versions"

    def get(
        self,
        model_id: int | str,
        index: int = 0,
        page_length: int = 10,
        search: str | None = None,
    ) -> T:
        return self._session.get(
            self.build_sub_collection_url(model_id),
            params=list_params(index, page_length, search=search),
        )

    def get_by_id(self, model_id: str | int, version_number: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(model_id), version_number)

    def create(
        self, model_id: str | int, artifact_id: str | int, description: str | None = None
    ) -> T:
        body = {"artifact": artifact_id} | without_none({"description": description})
        return self._session.post(self.build_sub_collection_url(model_id), json_=body)

    def modify_by_id(
        self, model_id: str | int, version_number: str | int, description: str | None = None
    ) -> T:
        return self._session.put(
            self.build_sub_collection_url(model_id),
            version_number,
            json_=without_none({"description": description}),
        )


class ModelsCollectionClient(ResourceCollectionClient[T]):
    """Registered models."""

    name: ClassVar[str] = "models"
    draft_fields = ("name", "description")

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._versions = ModelVersionsSubCollectionClient[T](session, root_collection=self)

    @property
    def versions(self) -> ModelVersionsSubCollectionClient[T]:
        return self._versions

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        return self._list(group_id, index, page_length, sort_by, descending, search)

    def get_by_id(self, model_id: str | int) -> T:
        return self._get_one(model_id)

    def create(self, group_id: int, name: str, description: str | None = None) -> T:
        body = {"group": group_id, "name": name} | without_none({"description": description})
        return self._session.post(self.url, json_=body)

    def modify_by_id(self, model_id: str | int, name: str, description: str | None) -> T:
        body = {"name": name} | without_none({"description": description})
        return self._session.put(self.url, model_id, json_=body)

    def delete_by_id(self, model_id: str | int) -> T:
        return self._delete_one(model_id)
