"""Plugin parameter types: the named types that plugin task parameters declare.

A type's ``structure`` is a task-engine type definition (``null`` for a simple type,
``{list: T}``, ``{mapping: ...}``, ...). It is stored as sent, as Dioptra does; a
structure the engine cannot build (an unknown key, a type it names that does not exist,
a cycle) breaks only what uses the type: the group's type definitions leave it out, and
an entrypoint whose tasks or artifact parameters use it fails validation, naming the
problem. The six engine builtins are seeded read-only into the ``public`` group
(``services.bootstrap``); user types may not take their names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select

from dioptra.engine.collector import IssueCollector
from dioptra.engine.signatures import BUILTIN_TYPE_NAMES
from dioptra.engine.type_definitions import build_types
from dioptra.server.db.tables import Group, Resource, ResourceSnapshot
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import DioptraError
from dioptra.server.services.core.kinds import DeletedAccess, ResourceKind, register_kind
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView

PARAMETER_TYPE = register_kind(
    ResourceKind(
        type_name="plugin_task_parameter_type",
        display_name="Plugin Task Parameter Type",
        url_segment="pluginParameterTypes",
        deleted_visible=True,
        modify_deleted=DeletedAccess.LOCKED,
    )
)


class PluginParameterTypeMatchesBuiltinTypeError(DioptraError):
    def __init__(self) -> None:
        super().__init__(
            "The requested plugin parameter type name matches a built-in type. "
            "Please select another and resubmit."
        )


def parameter_type_fields(
    name: str, description: str | None, structure: Mapping[str, Any] | None
) -> SnapshotFields:
    return SnapshotFields(
        name=name,
        description=description,
        payload={"structure": None if structure is None else dict(structure)},
    )


def check_not_builtin_name(name: str) -> None:
    """Builtin names are compared case-insensitively after trimming (as Dioptra does)."""
    if name.strip().lower() in BUILTIN_TYPE_NAMES:
        raise PluginParameterTypeMatchesBuiltinTypeError()


def group_type_definitions(ctx: ServiceContext, group_id: int) -> dict[str, Any]:
    """``{name: structure}`` of the live non-builtin types of a group (latest versions)
    that the engine can build.

    This is what an entrypoint's document adds under ``types`` (Dioptra adds every type
    of the entrypoint's group, so one broken type broke every entrypoint of the group).
    A type used by a task or an artifact parameter comes into the document with its own
    structure, so a broken one is reported where it is used.
    """
    statement = (
        select(ResourceSnapshot.name, ResourceSnapshot.payload)
        .select_from(Resource)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(
            Resource.resource_type == PARAMETER_TYPE.type_name,
            Resource.group_id == group_id,
            ~Resource.deleted,
            ~Resource.readonly,
        )
        .order_by(Resource.id)
    )
    definitions: dict[str, Any] = {}
    for name, payload in ctx.db.execute(statement):
        if name is not None and name not in BUILTIN_TYPE_NAMES:
            definitions[name] = (payload or {}).get("structure")
    # A type broken by its own structure, or by one it refers to, is None here.
    built = build_types(definitions, IssueCollector())
    return {name: definitions[name] for name in definitions if built.get(name) is not None}


def create_parameter_type(
    ctx: ServiceContext, group_id: int, fields: SnapshotFields
) -> SnapshotView:
    assert fields.name is not None
    resources.check_fields(PARAMETER_TYPE, fields)
    check_not_builtin_name(fields.name)
    ctx.require_writable_group(group_id)
    return resources.create(ctx, PARAMETER_TYPE, group_id, fields)


def modify_parameter_type(
    ctx: ServiceContext, type_id: int, fields: SnapshotFields
) -> SnapshotView:
    """Builtins are read-only (403) whatever the body says, so that is checked first."""
    assert fields.name is not None
    resources.load_for_write(ctx, PARAMETER_TYPE, type_id)
    resources.check_fields(PARAMETER_TYPE, fields)
    check_not_builtin_name(fields.name)
    return resources.modify(ctx, PARAMETER_TYPE, type_id, fields)


# -- type references ------------------------------------------------------------------


@dataclass(frozen=True)
class TypeRef:
    """The parameter type a task parameter was declared with (the snapshot of then)."""

    id: int
    snapshot_id: int
    name: str
    group_id: int
    group_name: str
    deleted: bool
    structure: Any = None


# Built once: every plugin list page runs it.
_TYPE_REFS = (
    select(
        ResourceSnapshot.id,
        Resource.id,
        ResourceSnapshot.name,
        Resource.group_id,
        Group.name,
        Resource.deleted,
        ResourceSnapshot.payload,
    )
    .join(Resource, Resource.id == ResourceSnapshot.resource_id)
    .join(Group, Group.id == Resource.group_id)
    .where(ResourceSnapshot.id.in_(bindparam("ids", expanding=True)))
)


def load_type_refs(ctx: ServiceContext, snapshot_ids: Iterable[int]) -> dict[int, TypeRef]:
    """Parameter type snapshots as the refs tasks and artifact outputs show, by snapshot
    id (one query)."""
    ids = sorted(set(snapshot_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(_TYPE_REFS, {"ids": ids})
    return {
        snapshot_id: TypeRef(
            id=resource_id,
            snapshot_id=snapshot_id,
            name=name or "",
            group_id=group_id,
            group_name=group_name,
            deleted=deleted,
            structure=(payload or {}).get("structure"),
        )
        for snapshot_id, resource_id, name, group_id, group_name, deleted, payload in rows
    }
