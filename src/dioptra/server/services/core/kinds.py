"""Declarations of the resource types: what the shared machinery needs to know of each.

A family declares one ``ResourceKind`` (type name, names, search and sort fields, 1.2
deletion behaviour) and registers it; the generic services in ``resources``, ``drafts``
and ``tags`` then work for it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, exists, select

from dioptra.server.db.tables import Resource, ResourceSnapshot, ResourceTag, Tag
from dioptra.server.services.core.names import RESOURCE_NAME_PATTERN

# Builds a filter from a LIKE pattern (already escaped with "\").
SearchField = Callable[[str], ColumnElement[bool]]


def like(column: Any) -> SearchField:
    """Case-insensitive LIKE on a column or JSON text expression."""
    return lambda pattern: column.ilike(pattern, escape="\\")


def payload_like(key: str) -> SearchField:
    """LIKE on a string field of the snapshot payload."""
    return like(ResourceSnapshot.payload[key].as_string())


def tag_like(pattern: str) -> ColumnElement[bool]:
    """The resource carries a tag whose name matches."""
    return exists(
        select(ResourceTag.resource_id)
        .join(Tag, Tag.id == ResourceTag.tag_id)
        .where(ResourceTag.resource_id == Resource.id, Tag.name.ilike(pattern, escape="\\"))
    )


NAME_DESCRIPTION_TAG: Mapping[str, SearchField] = {
    "name": like(ResourceSnapshot.name),
    "description": like(ResourceSnapshot.description),
    "tag": tag_like,
}

NAME_SORTS: Mapping[str, Any] = {
    "name": ResourceSnapshot.name,
    "createdOn": Resource.created_on,
    "lastModifiedOn": ResourceSnapshot.created_on,
    "description": ResourceSnapshot.description,
}


class DeletedAccess(Enum):
    """How 1.2 answers a request that touches a deleted resource."""

    NOT_FOUND = "not_found"  # 404 as if absent
    LOCKED = "locked"  # 423 EntityDeletedError


@dataclass(frozen=True)
class ResourceKind:
    type_name: str  # resource_type in the database and entity_type in errors
    display_name: str  # in messages: "Queue", "Entry Point"
    url_segment: str  # "/api/v1/<url_segment>/<id>"
    name_pattern: re.Pattern[str] | None = RESOURCE_NAME_PATTERN
    unique_names: bool = True  # unique per group among live resources
    search_fields: Mapping[str, SearchField] = field(default_factory=lambda: NAME_DESCRIPTION_TAG)
    sort_fields: Mapping[str, Any] = field(default_factory=lambda: NAME_SORTS)
    # 1.2: GET of a deleted one answers 200 (deleted: true), lists take showDeleted, and a
    # second DELETE is a no-op (queues, experiments, entrypoints, parameter types).
    deleted_visible: bool = False
    # What PUT on a deleted resource answers (queues: 404, experiments/entrypoints: 423).
    modify_deleted: DeletedAccess = DeletedAccess.NOT_FOUND
    # Remove the edges pointing at it when deleted (a deleted queue leaves its entrypoints).
    unlink_parents_on_delete: bool = False

    def url(self, resource_id: int) -> str:
        return f"/api/v1/{self.url_segment}/{resource_id}"


KINDS: dict[str, ResourceKind] = {}


def register_kind(kind: ResourceKind) -> ResourceKind:
    KINDS[kind.type_name] = kind
    return kind


def kind_of(type_name: str) -> ResourceKind:
    return KINDS[type_name]
