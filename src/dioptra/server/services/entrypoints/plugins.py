"""Which plugin snapshots an entrypoint version is bound to, in its two roles.

Bindings are part of a version: snapshot links from the entrypoint snapshot to plugin
snapshots, role ``entrypoint_plugins`` (task plugins) or ``entrypoint_artifact_plugins``
(artifact plugins), in order. A plugin appears at most once per role.

Rules (Dioptra 1.2): create and ``POST .../plugins`` bind the *latest* snapshot of
each plugin named ("sync" when already bound); PUT names exact snapshot ids, each the
currently bound one or the plugin's latest; a plugin left out is detached.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from dioptra.server.db.tables import Resource, ResourceSnapshot, SnapshotLink
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.core.resources import visible
from dioptra.server.services.entrypoints.errors import EntrypointValidationError
from dioptra.server.services.plugins import plugins as plugin_service
from dioptra.server.services.plugins.plugins import PLUGIN, LinkedFile


class Role(enum.Enum):
    TASK = "entrypoint_plugins"
    ARTIFACT = "entrypoint_artifact_plugins"

    @property
    def label(self) -> str:
        """How 1.2's messages name the role."""
        return "task" if self is Role.TASK else "artifact"


@dataclass(frozen=True)
class Bindings:
    """Plugin snapshot ids of one entrypoint version, per role, in order."""

    plugins: tuple[int, ...] = ()
    artifact_plugins: tuple[int, ...] = ()

    def of(self, role: Role) -> tuple[int, ...]:
        return self.plugins if role is Role.TASK else self.artifact_plugins

    def with_role(self, role: Role, snapshot_ids: Sequence[int]) -> Bindings:
        ids = tuple(snapshot_ids)
        if role is Role.TASK:
            return Bindings(ids, self.artifact_plugins)
        return Bindings(self.plugins, ids)


@dataclass(frozen=True)
class BoundPlugin:
    """One plugin snapshot as an entrypoint shows it (the ``P`` entries)."""

    plugin_id: int
    snapshot_id: int
    name: str
    latest: bool
    files: tuple[LinkedFile, ...]


# -- storage -----------------------------------------------------------------------------


def load_bindings(
    ctx: ServiceContext, entrypoint_snapshot_ids: Iterable[int]
) -> dict[int, Bindings]:
    ids = sorted(set(entrypoint_snapshot_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(
        select(SnapshotLink.parent_snapshot_id, SnapshotLink.role, SnapshotLink.child_snapshot_id)
        .where(
            SnapshotLink.parent_snapshot_id.in_(ids),
            SnapshotLink.role.in_([role.value for role in Role]),
        )
        .order_by(SnapshotLink.parent_snapshot_id, SnapshotLink.role, SnapshotLink.position)
    ).all()
    found: dict[int, dict[Role, list[int]]] = defaultdict(lambda: defaultdict(list))
    for parent, role, child in rows:
        found[parent][Role(role)].append(child)
    return {
        snapshot_id: Bindings(
            tuple(found[snapshot_id][Role.TASK]), tuple(found[snapshot_id][Role.ARTIFACT])
        )
        for snapshot_id in ids
    }


def write_bindings(ctx: ServiceContext, entrypoint_snapshot_id: int, bindings: Bindings) -> None:
    for role in Role:
        for position, child in enumerate(bindings.of(role)):
            ctx.db.add(
                SnapshotLink(
                    parent_snapshot_id=entrypoint_snapshot_id,
                    role=role.value,
                    position=position,
                    child_snapshot_id=child,
                )
            )
    ctx.db.flush()


# -- plugin lookups ----------------------------------------------------------------------


@dataclass(frozen=True)
class _PluginVersion:
    plugin_id: int
    name: str
    latest_snapshot_id: int | None
    deleted: bool


def _versions(ctx: ServiceContext, snapshot_ids: Iterable[int]) -> dict[int, _PluginVersion]:
    """Plugin snapshot id -> its plugin, for the visible plugin snapshots among the ids."""
    ids = sorted(set(snapshot_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(
        select(
            ResourceSnapshot.id,
            Resource.id,
            ResourceSnapshot.name,
            Resource.latest_snapshot_id,
            Resource.deleted,
        )
        .join(Resource, Resource.id == ResourceSnapshot.resource_id)
        .where(
            ResourceSnapshot.id.in_(ids),
            Resource.resource_type == PLUGIN.type_name,
            visible(ctx),
        )
    ).all()
    return {
        snapshot_id: _PluginVersion(plugin_id, name or "", latest, deleted)
        for snapshot_id, plugin_id, name, latest, deleted in rows
    }


def bound_plugins(ctx: ServiceContext, snapshot_ids: Iterable[int]) -> dict[int, BoundPlugin]:
    """The ``P`` entries for plugin snapshots, by snapshot id (three queries for all)."""
    ids = sorted(set(snapshot_ids))
    versions = _versions(ctx, ids)
    files = plugin_service.linked_files(ctx, ids)
    return {
        snapshot_id: BoundPlugin(
            plugin_id=version.plugin_id,
            snapshot_id=snapshot_id,
            name=version.name,
            latest=snapshot_id == version.latest_snapshot_id,
            files=tuple(files.get(snapshot_id, ())),
        )
        for snapshot_id, version in versions.items()
    }


def plugin_ids_of(ctx: ServiceContext, snapshot_ids: Iterable[int]) -> dict[int, int]:
    """Plugin snapshot id -> plugin id."""
    return {snapshot_id: v.plugin_id for snapshot_id, v in _versions(ctx, snapshot_ids).items()}


def latest_snapshots(ctx: ServiceContext, plugin_ids: Sequence[int]) -> list[int]:
    """The latest snapshot of each live plugin named (de-duplicated, in order); 404
    ``plugin_ids`` for unknown or deleted ones."""
    wanted = list(dict.fromkeys(plugin_ids))
    if not wanted:
        return []
    rows: dict[int, int | None] = dict(
        ctx.db.execute(
            select(Resource.id, Resource.latest_snapshot_id).where(
                Resource.id.in_(wanted),
                Resource.resource_type == PLUGIN.type_name,
                ~Resource.deleted,
                visible(ctx),
            )
        ).all()
    )
    latest = {plugin_id: s for plugin_id, s in rows.items() if s is not None}
    missing = [plugin_id for plugin_id in wanted if plugin_id not in latest]
    if missing:
        raise EntityDoesNotExistError(PLUGIN.type_name, PLUGIN.display_name, plugin_ids=missing)
    return [latest[plugin_id] for plugin_id in wanted]


# -- changing bindings -------------------------------------------------------------------


def attach_latest(
    ctx: ServiceContext, current: Sequence[int], plugin_ids: Sequence[int]
) -> list[int]:
    """``current`` with each named plugin bound at its latest snapshot: a bound plugin
    keeps its place (synced), a new one is appended."""
    latest = latest_snapshots(ctx, plugin_ids)
    owners = plugin_ids_of(ctx, [*current, *latest])
    result = list(current)
    for snapshot_id in latest:
        plugin_id = owners[snapshot_id]
        for index, bound in enumerate(result):
            if owners.get(bound) == plugin_id:
                result[index] = snapshot_id
                break
        else:
            result.append(snapshot_id)
    return result


def without_plugin(ctx: ServiceContext, current: Sequence[int], plugin_id: int) -> list[int] | None:
    """``current`` without the plugin's snapshot; None when the plugin is not bound."""
    owners = plugin_ids_of(ctx, current)
    kept = [snapshot_id for snapshot_id in current if owners.get(snapshot_id) != plugin_id]
    return kept if len(kept) != len(current) else None


def choose_exact(
    ctx: ServiceContext, role: Role, current: Sequence[int], requested: Sequence[int]
) -> list[int]:
    """The PUT rule: each id is a snapshot of a live plugin, either the one bound in this
    role now or the plugin's latest (choosing the latest upgrades); one per plugin."""
    versions = _versions(ctx, requested)
    bound = {version.plugin_id: s for s, version in _versions(ctx, current).items()}
    chosen: dict[int, int] = {}
    for snapshot_id in requested:
        version = versions.get(snapshot_id)
        if version is None or version.deleted:
            raise EntityDoesNotExistError(
                PLUGIN.type_name, PLUGIN.display_name, plugin_snapshot_id=snapshot_id
            )
        if version.plugin_id in chosen:
            raise EntrypointValidationError(
                {"schema_issues": [f"Select only one snapshot per {role.label} plugin."]}
            )
        if snapshot_id not in (bound.get(version.plugin_id), version.latest_snapshot_id):
            raise EntrypointValidationError(
                {
                    "schema_issues": [
                        f"Plugin snapshot {snapshot_id} must be the currently bound or latest "
                        f"snapshot for its {role.label} role."
                    ]
                }
            )
        chosen[version.plugin_id] = snapshot_id
    return list(chosen.values())
