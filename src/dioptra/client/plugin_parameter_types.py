"""The `/pluginParameterTypes` collection."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from .base import without_none
from .resources import ResourceCollectionClient

T = TypeVar("T")


class PluginParameterTypesCollectionClient(ResourceCollectionClient[T]):
    """Named types for plugin task inputs and outputs."""

    name: ClassVar[str] = "pluginParameterTypes"
    draft_fields = ("name", "description", "structure")

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

    def get_by_id(self, plugin_parameter_type_id: str | int) -> T:
        return self._get_one(plugin_parameter_type_id)

    def create(
        self,
        group_id: int,
        name: str,
        description: str | None = None,
        structure: dict[str, Any] | None = None,
    ) -> T:
        body = {"group": group_id, "name": name} | without_none(
            {"description": description, "structure": structure}
        )
        return self._session.post(self.url, json_=body)

    def modify_by_id(
        self,
        plugin_parameter_type_id: str | int,
        name: str,
        description: str | None,
        structure: dict[str, Any] | None,
    ) -> T:
        body = {"name": name} | without_none({"description": description, "structure": structure})
        return self._session.put(self.url, plugin_parameter_type_id, json_=body)

    def delete_by_id(self, plugin_parameter_type_id: str | int) -> T:
        return self._delete_one(plugin_parameter_type_id)
