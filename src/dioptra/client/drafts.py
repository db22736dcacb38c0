"""Draft sub-collections, shared by every resource type that has drafts.

`new_resource_drafts` holds drafts of resources not created yet (`.../drafts/{id}`);
`modify_resource_drafts` holds the one pending change of an existing resource
(`.../{id}/draft`). Draft fields are checked locally before anything is sent: a draft
must carry exactly the fields of its resource type, given in snake_case or camelCase.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from .base import CollectionClient, SubCollectionClient, list_params
from .errors import (
    DraftFieldsValidationError,
    FieldNameCollisionError,
    FieldsValidationError,
    SubCollectionUrlError,
)
from .sessions import DioptraSession

__all__ = [
    "DraftFields",
    "DraftFieldsValidationError",
    "ModifyResourceDraftsSubCollectionClient",
    "NewResourceDraftsSubCollectionClient",
]

T = TypeVar("T")

_SNAKE_JOINT = re.compile(r"_([a-z0-9])")


def to_camel_case(name: str) -> str:
    """`task_graph` -> `taskGraph`; names already in camelCase are unchanged."""
    return _SNAKE_JOINT.sub(lambda match: match.group(1).upper(), name)


class DraftFields:
    """The exact set of fields a draft of one resource type carries."""

    def __init__(self, fields: Iterable[str], resource_name: str) -> None:
        self.fields = frozenset(fields)
        self.resource_name = resource_name

    def to_payload(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The draft body for `kwargs`, with names in camelCase, checked for exactness."""
        payload: dict[str, Any] = {}
        original_names: dict[str, str] = {}
        for key, value in kwargs.items():
            camel = to_camel_case(key)
            if camel in original_names:
                raise FieldNameCollisionError(
                    f"Camel case conversion failed (reason: duplicates "
                    f"{original_names[camel]} after conversion): {key}"
                )
            payload[camel] = value
            original_names[camel] = key
        self.check(payload)
        return payload

    def check(self, payload: dict[str, Any]) -> None:
        provided = set(payload)
        if provided == self.fields:
            return
        reasons = []
        if invalid := sorted(provided - self.fields):
            reasons.append(f"{', '.join(invalid)} not allowed")
        if missing := sorted(self.fields - provided):
            reasons.append(f"{', '.join(missing)} missing")
        raise DraftFieldsValidationError(
            f"Invalid or missing fields for resource draft (reason: {'; '.join(reasons)}; "
            f"expected exactly {', '.join(sorted(self.fields))}): {self.resource_name}"
        )


class NewResourceDraftsSubCollectionClient(SubCollectionClient[T]):
    """Drafts of resources that do not exist yet.

    For a top-level resource the path is `/{root}/drafts` and no parent id is given;
    for plugin files it is `/plugins/{pluginId}/files/drafts` (one parent id).
    """

    name: ClassVar[str] = "drafts"

    def __init__(
        self,
        session: DioptraSession[T],
        draft_fields: DraftFields,
        root_collection: CollectionClient[T],
        parent_sub_collections: list[SubCollectionClient[T]] | None = None,
    ) -> None:
        super().__init__(session, root_collection, parent_sub_collections)
        self._draft_fields = draft_fields

    def get(
        self,
        *resource_ids: str | int,
        draft_type: str | None = None,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
    ) -> T:
        """One page of drafts; `draft_type` is "all", "existing" or "new"."""
        params = list_params(index, page_length, group_id=group_id)
        if draft_type is not None:
            params["draftType"] = draft_type
        return self._session.get(self.build_sub_collection_url(*resource_ids), params=params)

    def get_by_id(self, *resource_ids: str | int, draft_id: int) -> T:
        return self._session.get(self.build_sub_collection_url(*resource_ids), draft_id)

    def create(self, *resource_ids: str | int, group_id: int | None = None, **kwargs: Any) -> T:
        """Create a draft; `kwargs` are the draft fields, `group_id` its future owner."""
        payload = self._draft_fields.to_payload(_without_reserved(kwargs, "group"))
        return self._session.post(
            self.build_sub_collection_url(*resource_ids),
            json_=self._group_field(group_id) | payload,
        )

    def modify(self, *resource_ids: str | int, draft_id: int, **kwargs: Any) -> T:
        """Replace the fields of a draft."""
        payload = self._draft_fields.to_payload(_without_reserved(kwargs, "draftId"))
        return self._session.put(
            self.build_sub_collection_url(*resource_ids), draft_id, json_=payload
        )

    def delete(self, *resource_ids: str | int, draft_id: int) -> T:
        return self._session.delete(self.build_sub_collection_url(*resource_ids), draft_id)

    def build_sub_collection_url(self, *resource_ids: str | int) -> str:
        expected = len(self._parent_sub_collections)
        if len(resource_ids) != expected:
            raise SubCollectionUrlError(
                f"Invalid number of resource ids (reason: expected {expected}): {len(resource_ids)}"
            )
        parts: list[str | int] = []
        for resource_id, parent in zip(resource_ids, self._parent_sub_collections, strict=True):
            parts.extend([resource_id, parent.name])
        return self._session.build_url(self._root_collection.url, *parts, self.name)

    def _group_field(self, group_id: int | None) -> dict[str, Any]:
        if not self._parent_sub_collections:
            if group_id is None:
                raise FieldsValidationError(
                    "Invalid argument (reason: argument cannot be None): group_id"
                )
            return {"group": group_id}
        if group_id is not None:
            # A sub-resource belongs to its parent's group; say so rather than send it.
            warnings.warn(
                '"group_id" argument ignored (reason: creating draft for sub-resource '
                "where group is known)",
                stacklevel=3,
            )
        return {}


class ModifyResourceDraftsSubCollectionClient(SubCollectionClient[T]):
    """The pending modification draft of an existing resource (`.../{id}/draft`)."""

    name: ClassVar[str] = "draft"

    def __init__(
        self,
        session: DioptraSession[T],
        draft_fields: DraftFields,
        root_collection: CollectionClient[T],
        parent_sub_collections: list[SubCollectionClient[T]] | None = None,
    ) -> None:
        super().__init__(session, root_collection, parent_sub_collections)
        self._draft_fields = draft_fields

    def get_by_id(self, *resource_ids: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(*resource_ids))

    def create(self, *resource_ids: str | int, **kwargs: Any) -> T:
        """Start a modification draft; `kwargs` are the draft fields."""
        return self._session.post(
            self.build_sub_collection_url(*resource_ids),
            json_=self._draft_fields.to_payload(kwargs),
        )

    def modify(self, *resource_ids: str | int, resource_snapshot_id: str | int, **kwargs: Any) -> T:
        """Replace the draft's fields; `resource_snapshot_id` is the snapshot it builds on."""
        return self._session.put(
            self.build_sub_collection_url(*resource_ids),
            json_={
                "resourceSnapshot": int(resource_snapshot_id),
                "resourceData": self._draft_fields.to_payload(kwargs),
            },
        )

    def delete(self, *resource_ids: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(*resource_ids))


def _without_reserved(kwargs: dict[str, Any], reserved: str) -> dict[str, Any]:
    """Refuse a draft field that would clash with a field the client sets itself."""
    if reserved in map(to_camel_case, kwargs):
        raise FieldsValidationError(f"Invalid argument (reason: keyword is reserved): {reserved}")
    return kwargs
