"""Resource-level parent -> child edges (changing them creates no snapshot), and the
same edges seen as refs: experiment -> entrypoints, entrypoint -> queues.

The link routes get the children as refs (name, group, deleted), and the 404 / 423
checks on ids a request names (Dioptra 1.2 reports both with ``entity_type:
"resource"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Group, Resource, ResourceLink, ResourceSnapshot
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDeletedError, EntityDoesNotExistError
from dioptra.server.services.core.resources import visible

# (parent type, child type) pairs that may be linked.
ALLOWED_LINKS: frozenset[tuple[str, str]] = frozenset(
    {
        ("experiment", "entry_point"),
        ("entry_point", "queue"),
        ("plugin", "plugin_file"),
        ("job", "artifact"),
        ("ml_model", "ml_model_version"),
    }
)


def link_type(parent_type: str, child_type: str) -> str:
    if (parent_type, child_type) not in ALLOWED_LINKS:
        raise ValueError(f"{parent_type} -> {child_type} is not an allowed resource link")
    return f"{parent_type}.{child_type}"


def add_links(
    ctx: ServiceContext,
    parent_id: int,
    parent_type: str,
    child_ids: Iterable[int],
    child_type: str,
) -> None:
    """Links children to a parent; already-linked children are left as they are."""
    kind = link_type(parent_type, child_type)
    wanted = list(dict.fromkeys(child_ids))
    existing = set(
        ctx.db.scalars(
            select(ResourceLink.child_id).where(
                ResourceLink.parent_id == parent_id, ResourceLink.child_id.in_(wanted)
            )
        )
    )
    now = utcnow()
    for child_id in wanted:
        if child_id not in existing:
            ctx.db.add(
                ResourceLink(parent_id=parent_id, child_id=child_id, link_type=kind, created_on=now)
            )
    ctx.db.flush()


def remove_links(
    ctx: ServiceContext, parent_id: int, child_ids: Iterable[int] | None = None
) -> None:
    """Removes the given children (all children when ``child_ids`` is None)."""
    statement = delete(ResourceLink).where(ResourceLink.parent_id == parent_id)
    if child_ids is not None:
        statement = statement.where(ResourceLink.child_id.in_(list(child_ids)))
    ctx.db.execute(statement)


def child_ids(ctx: ServiceContext, parent_id: int, child_type: str) -> list[int]:
    """Children of one type, in the order they were linked."""
    return list(
        ctx.db.scalars(
            select(ResourceLink.child_id)
            .where(
                ResourceLink.parent_id == parent_id,
                ResourceLink.link_type.like(f"%.{child_type}"),
            )
            .order_by(ResourceLink.created_on, ResourceLink.child_id)
        )
    )


# -- links seen as refs ------------------------------------------------------------


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
    linked = child_ids(ctx, parent_id, child_type)
    if linked:
        remove_links(ctx, parent_id, linked)
    return linked


def relink(
    ctx: ServiceContext, parent_id: int, parent_type: str, child_ids: Sequence[int], child_type: str
) -> None:
    """Replaces the links to children of this type."""
    unlink_all(ctx, parent_id, child_type)
    add_links(ctx, parent_id, parent_type, child_ids, child_type)
