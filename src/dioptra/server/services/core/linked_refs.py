"""Resource-level links seen as refs: experiment -> entrypoints, entrypoint -> queues.

The ``links`` module stores edges; this one answers what the link routes need: the
children as refs (name, group, deleted), and the 404 / 423 checks on ids a request
names (Dioptra 1.2 reports both with ``entity_type: "resource"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from dioptra.server.db.models import Group, Resource, ResourceLink, ResourceSnapshot
from dioptra.server.services.core import links
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDeletedError, EntityDoesNotExistError
from dioptra.server.services.core.resources import visible


@dataclass(frozen=True)
class LinkedRef:
    """A linked child resource as a ref shows it."""

    id: int
    name: str | None
    group_id: int
    group_name: str
    deleted: bool


def linked_refs(
    ctx: ServiceContext,
    parent_ids: Iterable[int],
    child_type: str,
    *,
    include_deleted: bool = True,
) -> dict[int, list[LinkedRef]]:
    """The visible children of each parent, in the order they were linked (one query)."""
    ids = list(set(parent_ids))
    if not ids:
        return {}
    statement = (
        select(
            ResourceLink.parent_id,
            Resource.id,
            ResourceSnapshot.name,
            Resource.group_id,
            Group.name,
            Resource.deleted,
        )
        .join(Resource, Resource.id == ResourceLink.child_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .join(Group, Group.id == Resource.group_id)
        .where(
            ResourceLink.parent_id.in_(ids),
            Resource.resource_type == child_type,
            visible(ctx),
        )
        .order_by(ResourceLink.created_on, ResourceLink.child_id)
    )
    if not include_deleted:
        statement = statement.where(~Resource.deleted)
    found: dict[int, list[LinkedRef]] = {parent_id: [] for parent_id in ids}
    for parent_id, child_id, name, group_id, group_name, deleted in ctx.db.execute(statement):
        found[parent_id].append(LinkedRef(child_id, name, group_id, group_name, deleted))
    return found


def check_children(
    ctx: ServiceContext, child_ids: Sequence[int], child_type: str, *, allow_deleted: bool
) -> list[int]:
    """The ids, de-duplicated in order, after 404 (unknown, of another type, not
    visible: ``resource_ids``) and, unless ``allow_deleted``, 423 (deleted)."""
    wanted = list(dict.fromkeys(child_ids))
    if not wanted:
        return []
    rows = dict(
        ctx.db.execute(
            select(Resource.id, Resource.deleted).where(
                Resource.id.in_(wanted), Resource.resource_type == child_type, visible(ctx)
            )
        ).all()
    )
    missing = [child_id for child_id in wanted if child_id not in rows]
    if missing:
        raise EntityDoesNotExistError("resource", "Resource", resource_ids=missing)
    if not allow_deleted:
        for child_id in wanted:
            if rows[child_id]:
                raise EntityDeletedError("resource", "Resource", child_id, resource_id=child_id)
    return wanted


def require_child(ctx: ServiceContext, child_id: int, child_type: str) -> None:
    """404 (``resource_id``) unless the resource exists, is of the type and visible."""
    found = ctx.db.scalar(
        select(Resource.id).where(
            Resource.id == child_id, Resource.resource_type == child_type, visible(ctx)
        )
    )
    if found is None:
        raise EntityDoesNotExistError("resource", "Resource", resource_id=child_id)


def unlink_all(ctx: ServiceContext, parent_id: int, child_type: str) -> list[int]:
    """Removes the links to children of this type only; returns their ids."""
    linked = links.child_ids(ctx, parent_id, child_type)
    if linked:
        links.remove_links(ctx, parent_id, linked)
    return linked


def relink(
    ctx: ServiceContext, parent_id: int, parent_type: str, child_ids: Sequence[int], child_type: str
) -> None:
    """Replaces the links to children of this type."""
    unlink_all(ctx, parent_id, child_type)
    links.add_links(ctx, parent_id, parent_type, child_ids, child_type)
