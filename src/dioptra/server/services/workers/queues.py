"""Queues: named queues that jobs are submitted to and workers serve (the standard
resource rules, nothing more)."""

from dioptra.server.services.core.kinds import DeletedAccess, ResourceKind, register_kind

QUEUE = register_kind(
    ResourceKind(
        type_name="queue",
        display_name="Queue",
        url_segment="queues",
        deleted_visible=True,
        modify_deleted=DeletedAccess.NOT_FOUND,
        unlink_parents_on_delete=True,
    )
)
