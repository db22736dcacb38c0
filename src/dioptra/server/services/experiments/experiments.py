"""Experiments: named groups of entrypoints that jobs run in.

An experiment's entrypoints are resource-level links (changing them creates no
snapshot). Dioptra 1.2 rules kept here:
- a create body may link deleted entrypoints, but PUT and the ``/entrypoints`` routes
  answer 423 for one;
- a deleted experiment is still readable (GET answers 200 with ``deleted: true``) and
  its links may still be listed and removed, but not added or replaced (423).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dioptra.server.services.core import links, resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.kinds import DeletedAccess, ResourceKind, register_kind
from dioptra.server.services.core.links import LinkedRef
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView

EXPERIMENT = register_kind(
    ResourceKind(
        type_name="experiment",
        display_name="Experiment",
        url_segment="experiments",
        deleted_visible=True,
        modify_deleted=DeletedAccess.LOCKED,
    )
)
ENTRY_POINT_TYPE = "entry_point"


def linked_entrypoints(
    ctx: ServiceContext, experiment_ids: Iterable[int], *, include_deleted: bool
) -> dict[int, list[LinkedRef]]:
    """The entrypoints of each experiment, in the order they were linked (one query)."""
    return links.linked_refs(ctx, experiment_ids, ENTRY_POINT_TYPE, include_deleted=include_deleted)


def entrypoint_ids(ctx: ServiceContext, experiment_id: int) -> list[int]:
    """Ids of the live entrypoints linked to an experiment (for job submission)."""
    linked = linked_entrypoints(ctx, [experiment_id], include_deleted=False)
    return [ref.id for ref in linked[experiment_id]]


def get_entrypoints(ctx: ServiceContext, experiment_id: int) -> list[LinkedRef]:
    """``GET /experiments/{id}/entrypoints``: the live linked entrypoints."""
    resources.get_latest(ctx, EXPERIMENT, experiment_id, allow_deleted=True)
    return linked_entrypoints(ctx, [experiment_id], include_deleted=False)[experiment_id]


def _checked(ctx: ServiceContext, ids: Sequence[int], *, allow_deleted: bool) -> list[int]:
    return links.check_children(ctx, ids, ENTRY_POINT_TYPE, allow_deleted=allow_deleted)


def _relink(ctx: ServiceContext, experiment_id: int, ids: Sequence[int]) -> None:
    links.relink(ctx, experiment_id, EXPERIMENT.type_name, ids, ENTRY_POINT_TYPE)


# -- writing ---------------------------------------------------------------------------


def create(
    ctx: ServiceContext, group_id: int, fields: SnapshotFields, entrypoint_ids: Sequence[int]
) -> SnapshotView:
    """A new experiment linked to the given entrypoints (deleted ones accepted, as in 1.2)."""
    wanted = _checked(ctx, entrypoint_ids, allow_deleted=True)
    view = resources.create(ctx, EXPERIMENT, group_id, fields)
    _relink(ctx, view.resource_id, wanted)
    return view


def modify(
    ctx: ServiceContext, experiment_id: int, fields: SnapshotFields, entrypoint_ids: Sequence[int]
) -> SnapshotView:
    """A new snapshot; the entrypoint links are replaced by ``entrypoint_ids``."""
    resources.load_for_write(ctx, EXPERIMENT, experiment_id)
    wanted = _checked(ctx, entrypoint_ids, allow_deleted=False)
    view = resources.modify(ctx, EXPERIMENT, experiment_id, fields)
    _relink(ctx, experiment_id, wanted)
    return view


def append_entrypoints(
    ctx: ServiceContext, experiment_id: int, entrypoint_ids: Sequence[int]
) -> list[LinkedRef]:
    resources.load_for_write(ctx, EXPERIMENT, experiment_id)
    wanted = _checked(ctx, entrypoint_ids, allow_deleted=False)
    links.add_links(ctx, experiment_id, EXPERIMENT.type_name, wanted, ENTRY_POINT_TYPE)
    return get_entrypoints(ctx, experiment_id)


def replace_entrypoints(
    ctx: ServiceContext, experiment_id: int, entrypoint_ids: Sequence[int]
) -> list[LinkedRef]:
    resources.load_for_write(ctx, EXPERIMENT, experiment_id)
    _relink(ctx, experiment_id, _checked(ctx, entrypoint_ids, allow_deleted=False))
    return get_entrypoints(ctx, experiment_id)


def _load_for_unlink(ctx: ServiceContext, experiment_id: int) -> None:
    """Unlinking is allowed on a deleted experiment too (as in 1.2); the user still
    needs write access to its group."""
    view = resources.get_latest(ctx, EXPERIMENT, experiment_id, allow_deleted=True)
    ctx.require_writable_group(view.group_id)


def remove_all_entrypoints(ctx: ServiceContext, experiment_id: int) -> list[int]:
    """Unlinks every entrypoint; returns the ids that were linked."""
    _load_for_unlink(ctx, experiment_id)
    return links.unlink_all(ctx, experiment_id, ENTRY_POINT_TYPE)


def remove_entrypoint(ctx: ServiceContext, experiment_id: int, entrypoint_id: int) -> list[int]:
    """Unlinks one entrypoint (a no-op when it was not linked, as in 1.2)."""
    _load_for_unlink(ctx, experiment_id)
    links.require_child(ctx, entrypoint_id, ENTRY_POINT_TYPE)
    links.remove_links(ctx, experiment_id, [entrypoint_id])
    return [entrypoint_id]
