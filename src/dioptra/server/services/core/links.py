"""Resource-level parent -> child edges (changing them creates no snapshot)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.models import ResourceLink
from dioptra.server.services.core.context import ServiceContext

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
