"""Models and their numbered versions, each version pointing at an artifact.

A model is a standard snapshotted resource (type ``ml_model``; unlike other families its
name is not checked against the 1.2 name rule, as in Dioptra). A version is a resource of
its own (type ``ml_model_version``, a child of the model) numbered 1, 2, … per model;
changing its description writes a new snapshot of the version. Version payload:
``{versionNumber, artifactId, artifactSnapshotId}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from dioptra.server.db.tables import Group, Resource, ResourceLink, ResourceSnapshot
from dioptra.server.services.artifacts import artifacts
from dioptra.server.services.core import links, resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.core.kinds import (
    NAME_DESCRIPTION_TAG,
    ResourceKind,
    SearchField,
    like,
    register_kind,
    tag_like,
)
from dioptra.server.services.core.listing import ListQuery, Page
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView

MODEL = register_kind(
    ResourceKind(
        type_name="ml_model",
        display_name="ML Model",
        url_segment="models",
        name_pattern=None,
        search_fields=NAME_DESCRIPTION_TAG,
    )
)
VERSION_SEARCH_FIELDS: Mapping[str, SearchField] = {
    "description": like(ResourceSnapshot.description),
    "tag": tag_like,
}
VERSION_SORT_FIELDS: Mapping[str, Any] = {
    "versionNumber": ResourceSnapshot.payload["versionNumber"].as_integer(),
    "createdOn": Resource.created_on,
    "lastModifiedOn": ResourceSnapshot.created_on,
    "description": ResourceSnapshot.description,
}
MODEL_VERSION = register_kind(
    ResourceKind(
        type_name="ml_model_version",
        display_name="ML Model Version",
        url_segment="models",
        name_pattern=None,
        unique_names=False,
        search_fields=VERSION_SEARCH_FIELDS,
        sort_fields=VERSION_SORT_FIELDS,
    )
)


@dataclass(frozen=True)
class VersionView:
    model_id: int
    version_id: int
    version_number: int
    description: str | None
    artifact_id: int
    artifact_group_id: int
    artifact_group_name: str
    artifact_deleted: bool
    created_on: dt.datetime


def _version_condition(model_id: int) -> ColumnElement[bool]:
    return Resource.id.in_(
        select(ResourceLink.child_id).where(
            ResourceLink.parent_id == model_id,
            ResourceLink.link_type == links.link_type(MODEL.type_name, MODEL_VERSION.type_name),
        )
    )


def _version_views(
    ctx: ServiceContext, model_id: int, views: Sequence[SnapshotView]
) -> list[VersionView]:
    artifact_ids = {int(view.payload["artifactId"]) for view in views}

    rows = ctx.db.execute(
        select(Resource.id, Group.id, Group.name, Resource.deleted)
        .join(Group, Group.id == Resource.group_id)
        .where(Resource.id.in_(artifact_ids))
    ).all()
    found = {
        artifact_id: (group_id, name, deleted) for artifact_id, group_id, name, deleted in rows
    }
    return [
        VersionView(
            model_id=model_id,
            version_id=view.resource_id,
            version_number=int(view.payload["versionNumber"]),
            description=view.description,
            artifact_id=int(view.payload["artifactId"]),
            artifact_group_id=found[int(view.payload["artifactId"])][0],
            artifact_group_name=found[int(view.payload["artifactId"])][1],
            artifact_deleted=found[int(view.payload["artifactId"])][2],
            created_on=view.created_on,
        )
        for view in views
    ]


@contextmanager
def model_lookup(model_id: int, *, entity_types: tuple[str, ...] = ()) -> Iterator[None]:
    """A missing model is reported by ``model_id`` (Dioptra's words for these routes)."""
    try:
        yield
    except EntityDoesNotExistError as error:
        if error.detail.get("entity_type") not in (MODEL.type_name, *entity_types):
            raise
        raise EntityDoesNotExistError(
            MODEL.type_name, MODEL.display_name, model_id=model_id
        ) from None


def get_model(ctx: ServiceContext, model_id: int) -> SnapshotView:
    with model_lookup(model_id):
        return resources.get_latest(ctx, MODEL, model_id)


def modify_model(ctx: ServiceContext, model_id: int, fields: SnapshotFields) -> SnapshotView:
    with model_lookup(model_id):
        return resources.modify(ctx, MODEL, model_id, fields)


def delete_model(ctx: ServiceContext, model_id: int) -> None:
    # The generic delete names the missing thing a "resource".
    with model_lookup(model_id, entity_types=("resource",)):
        resources.delete_resource(ctx, MODEL, model_id)


def latest_versions(ctx: ServiceContext, model_ids: Sequence[int]) -> dict[int, VersionView]:
    """The highest-numbered version of each model (models without any are left out): the
    versions of all the models in one query, then each latest version's view."""
    if not model_ids:
        return {}
    rows = ctx.db.execute(
        select(ResourceLink.parent_id, Resource.id, ResourceSnapshot.payload["versionNumber"])
        .join(Resource, Resource.id == ResourceLink.child_id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(
            ResourceLink.parent_id.in_(model_ids),
            ResourceLink.link_type == links.link_type(MODEL.type_name, MODEL_VERSION.type_name),
        )
    ).all()
    newest: dict[int, tuple[int, int]] = {}  # model id -> (version number, version id)
    for model_id, version_id, number in rows:
        newest[model_id] = max(newest.get(model_id, (0, 0)), (int(number), version_id))
    return {
        model_id: _version_views(
            ctx, model_id, [resources.get_latest(ctx, MODEL_VERSION, version_id)]
        )[0]
        for model_id, (_, version_id) in newest.items()
    }


def version_numbers(ctx: ServiceContext, model_id: int) -> list[int]:
    numbers = ctx.db.scalars(
        select(ResourceSnapshot.payload["versionNumber"].as_integer())
        .select_from(Resource)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(_version_condition(model_id))
    )
    return sorted(int(number) for number in numbers)


def _version_id(ctx: ServiceContext, model_id: int, version_number: int) -> int:
    version_id = ctx.db.scalar(
        select(Resource.id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .where(
            _version_condition(model_id),
            ResourceSnapshot.payload["versionNumber"].as_integer() == version_number,
        )
    )
    if version_id is None:
        raise EntityDoesNotExistError(
            MODEL_VERSION.type_name,
            MODEL_VERSION.display_name,
            model_id=model_id,
            version_number=version_number,
        )
    return version_id


def get_version(
    ctx: ServiceContext, model_id: int, version_number: int, *, check_model: bool = True
) -> VersionView:
    if check_model:
        get_model(ctx, model_id)
    view = resources.get_latest(ctx, MODEL_VERSION, _version_id(ctx, model_id, version_number))
    return _version_views(ctx, model_id, [view])[0]


def list_versions(ctx: ServiceContext, model_id: int, query: ListQuery) -> Page[VersionView]:
    get_model(ctx, model_id)
    page = resources.list_latest(ctx, MODEL_VERSION, query, [_version_condition(model_id)])
    return Page(_version_views(ctx, model_id, page.items), page.total)


def create_version(
    ctx: ServiceContext, model_id: int, artifact_id: int, description: str | None
) -> VersionView:
    """Version n+1 of the model, pointing at the artifact's current snapshot."""
    with model_lookup(model_id):
        model = resources.load_for_write(ctx, MODEL, model_id)  # locks: numbers stay unique
    artifact = artifacts.get_artifact(ctx, artifact_id)
    count = ctx.db.scalar(
        select(func.count()).select_from(Resource).where(_version_condition(model_id))
    )
    number = int(count or 0) + 1
    payload = {
        "versionNumber": number,
        "artifactId": artifact.resource_id,
        "artifactSnapshotId": artifact.snapshot_id,
    }
    version = resources.create(
        ctx, MODEL_VERSION, model.group_id, SnapshotFields(None, description, payload)
    )
    links.add_links(ctx, model_id, MODEL.type_name, [version.resource_id], MODEL_VERSION.type_name)
    return _version_views(ctx, model_id, [version])[0]


def modify_version(
    ctx: ServiceContext, model_id: int, version_number: int, description: str | None
) -> VersionView:
    get_model(ctx, model_id)
    version_id = _version_id(ctx, model_id, version_number)
    latest = resources.get_latest(ctx, MODEL_VERSION, version_id)
    view = resources.modify(
        ctx, MODEL_VERSION, version_id, SnapshotFields(None, description, latest.payload)
    )
    return _version_views(ctx, model_id, [view])[0]
