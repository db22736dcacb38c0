"""The queues an entrypoint's jobs may run on: resource-level links (no snapshots).

1.2 rules: a create body may name deleted queues, while PUT and ``/queues`` POST/PUT
answer 423 for one; a deleted queue is unlinked everywhere when it is deleted; on a
deleted entrypoint the links can still be read and removed but not added (423).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dioptra.server.services.core import links, resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.kinds import DeletedAccess
from dioptra.server.services.core.links import LinkedRef
from dioptra.server.services.entrypoints.version import ENTRYPOINT

QUEUE_TYPE = "queue"


def linked_queues(ctx: ServiceContext, entrypoint_ids: Iterable[int]) -> dict[int, list[LinkedRef]]:
    """The queues of each entrypoint, in the order they were linked (one query)."""
    return links.linked_refs(ctx, entrypoint_ids, QUEUE_TYPE)


def queue_ids(ctx: ServiceContext, entrypoint_id: int) -> list[int]:
    """Ids of the queues linked to an entrypoint (for job submission)."""
    return [queue.id for queue in linked_queues(ctx, [entrypoint_id])[entrypoint_id]]


def check_queues(
    ctx: ServiceContext, requested: Sequence[int], *, allow_deleted: bool
) -> list[int]:
    return links.check_children(ctx, requested, QUEUE_TYPE, allow_deleted=allow_deleted)


def link(ctx: ServiceContext, entrypoint_id: int, queue_ids: Sequence[int]) -> None:
    links.add_links(ctx, entrypoint_id, ENTRYPOINT.type_name, queue_ids, QUEUE_TYPE)


def replace(ctx: ServiceContext, entrypoint_id: int, queue_ids: Sequence[int]) -> None:
    links.relink(ctx, entrypoint_id, ENTRYPOINT.type_name, queue_ids, QUEUE_TYPE)


# -- the /entrypoints/{id}/queues routes ----------------------------------------------------


def get_queues(ctx: ServiceContext, entrypoint_id: int) -> list[LinkedRef]:
    resources.get_latest(ctx, ENTRYPOINT, entrypoint_id, allow_deleted=True)
    return linked_queues(ctx, [entrypoint_id])[entrypoint_id]


def _for_write(ctx: ServiceContext, entrypoint_id: int) -> None:
    resources.load_for_write(ctx, ENTRYPOINT, entrypoint_id, deleted_access=DeletedAccess.LOCKED)


def append_queues(
    ctx: ServiceContext, entrypoint_id: int, queue_ids: Sequence[int]
) -> list[LinkedRef]:
    _for_write(ctx, entrypoint_id)
    link(ctx, entrypoint_id, check_queues(ctx, queue_ids, allow_deleted=False))
    return get_queues(ctx, entrypoint_id)


def replace_queues(
    ctx: ServiceContext, entrypoint_id: int, queue_ids: Sequence[int]
) -> list[LinkedRef]:
    _for_write(ctx, entrypoint_id)
    replace(ctx, entrypoint_id, check_queues(ctx, queue_ids, allow_deleted=False))
    return get_queues(ctx, entrypoint_id)


def _for_unlink(ctx: ServiceContext, entrypoint_id: int) -> None:
    """Removing links works on a deleted entrypoint too (as in 1.2)."""
    view = resources.get_latest(ctx, ENTRYPOINT, entrypoint_id, allow_deleted=True)
    ctx.require_writable_group(view.group_id)


def remove_all_queues(ctx: ServiceContext, entrypoint_id: int) -> list[int]:
    _for_unlink(ctx, entrypoint_id)
    return links.unlink_all(ctx, entrypoint_id, QUEUE_TYPE)


def remove_queue(ctx: ServiceContext, entrypoint_id: int, queue_id: int) -> list[int]:
    """Unlinks one queue; a queue that exists but is not linked is a no-op (as 1.2)."""
    _for_unlink(ctx, entrypoint_id)
    links.require_child(ctx, queue_id, QUEUE_TYPE)
    links.remove_links(ctx, entrypoint_id, [queue_id])
    return [queue_id]
