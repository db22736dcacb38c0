"""The HTTP face of a resource kind, declared once: the kind, request bodies and response
fields.

``ResourceApi`` holds the default behaviour of a snapshotted kind (create, modify,
delete, render); ``resource_routes.resource_router`` turns a declaration into all the
standard routes. A kind with extra rules subclasses it and overrides only what differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, create_model

from dioptra.server.api.v1.core.wire import (
    GroupRefOut,
    OutModel,
    TagRefOut,
    UserRefOut,
    WireModel,
    group_ref,
    status_success,
    tag_ref,
    timestamp,
    user_ref,
)
from dioptra.server.services.core import drafts as draft_service
from dioptra.server.services.core import resources
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.drafts import Draft
from dioptra.server.services.core.kinds import ResourceKind
from dioptra.server.services.core.listing import ListQuery
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView

STANDARD_ROUTES = frozenset(
    {"list", "create", "get", "modify", "delete", "snapshots", "tags", "drafts"}
)


class ResourceOut(OutModel):
    """The envelope every snapshotted resource shares; a kind adds its own fields."""

    id: int
    snapshot: int
    group: GroupRefOut
    user: UserRefOut
    created_on: str
    snapshot_created_on: str
    last_modified_on: str
    latest_snapshot: bool
    has_draft: bool | None = None
    tags: list[TagRefOut]
    deleted: bool


def without_group(model: type[BaseModel]) -> type[BaseModel]:
    """The body of a new-resource draft: the create body minus ``group``."""
    fields: dict[str, Any] = {
        name: (info.annotation, info)
        for name, info in model.model_fields.items()
        if name != "group"
    }
    return create_model(f"{model.__name__}DraftFields", __base__=WireModel, **fields)


def draft_modification_body(model: type[BaseModel]) -> type[BaseModel]:
    """``PUT /R/{id}/draft``: ``{resourceSnapshot, resourceData: <modify body>}``."""
    fields: dict[str, Any] = {"resource_snapshot": (int, ...), "resource_data": (model, ...)}
    return create_model(f"{model.__name__}DraftModification", __base__=WireModel, **fields)


class ResourceApi:
    """Defaults suit a kind whose content is ``name`` + ``description`` (queues)."""

    #: Families by resource type, for routes that serve any of them (draftCommit).
    registry: ClassVar[dict[str, ResourceApi]] = {}

    def __init__(
        self,
        kind: ResourceKind,
        *,
        create_body: type[BaseModel],
        modify_body: type[BaseModel],
        response_model: type[OutModel],
        routes: frozenset[str] = STANDARD_ROUTES,
        delete_returns_ids: bool = False,
    ) -> None:
        self.kind = kind
        self.create_body = create_body
        self.modify_body = modify_body
        self.draft_body = without_group(create_body)
        self.draft_modification_body = draft_modification_body(modify_body)
        self.response_model = response_model
        self.routes = routes
        self.delete_returns_ids = delete_returns_ids
        ResourceApi.registry[kind.type_name] = self

    # -- body <-> versioned content (override for type-specific payloads) ---------------

    def to_fields(self, body: BaseModel) -> SnapshotFields:
        """The snapshot content a create/modify/draft body stands for."""
        return SnapshotFields(
            name=getattr(body, "name", None),
            description=getattr(body, "description", None),
            payload=self.payload_of(body),
        )

    def payload_of(self, body: BaseModel) -> dict[str, Any]:
        return {}

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        """The type-specific response fields, after the shared envelope."""
        return {"name": view.name, "description": view.description}

    # -- behaviour (override where a kind has more rules) -----------------------------

    def create(self, ctx: ServiceContext, body: BaseModel) -> SnapshotView:
        group_id: int = body.group  # type: ignore[attr-defined]
        return resources.create(ctx, self.kind, group_id, self.to_fields(body))

    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        return resources.modify(ctx, self.kind, resource_id, self.to_fields(body))

    def delete(self, ctx: ServiceContext, resource_id: int) -> dict[str, Any]:
        resources.delete_resource(ctx, self.kind, resource_id)
        return status_success([resource_id] if self.delete_returns_ids else None)

    def commit_draft(self, ctx: ServiceContext, draft: Draft) -> list[int]:
        """Replays a draft through create/modify; returns the ids the answer names (the
        resource's)."""
        if draft.base_resource_id is None:
            body = self.create_body.model_validate({**draft.payload, "group": draft.group_id})
            view = self.create(ctx, body)
        else:
            draft_service.check_commit_base(ctx, draft)
            view = self.modify(
                ctx, draft.base_resource_id, self.modify_body.model_validate(draft.payload)
            )
        draft_service.discard(ctx, draft)
        return [view.resource_id]

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        """Batch-loads whatever ``render_fields`` needs beyond the snapshot (in ``extras``);
        called once per response, whatever the number of items."""
        return views

    # -- rendering --------------------------------------------------------------------

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        """The resource envelope plus type fields. Items of ``/snapshots`` have no
        ``hasDraft`` (as in Dioptra)."""
        body: dict[str, Any] = {
            "id": view.resource_id,
            "snapshot": view.snapshot_id,
            "group": group_ref(view.group_id, view.group_name),
            "user": user_ref(view.user_id, view.username),
            "createdOn": timestamp(view.created_on),
            "snapshotCreatedOn": timestamp(view.snapshot_created_on),
            "lastModifiedOn": timestamp(view.last_modified_on),
            "latestSnapshot": view.is_latest,
        }
        if not snapshot_item:
            body["hasDraft"] = view.has_draft
        body["tags"] = [tag_ref(t.id, t.name, t.group_id, t.group_name) for t in view.tags]
        body["deleted"] = view.deleted
        body.update(self.render_fields(view))
        return body

    def render_all(
        self, ctx: ServiceContext, views: Sequence[SnapshotView], *, snapshot_item: bool = False
    ) -> list[dict[str, Any]]:
        return [
            self.render(view, snapshot_item=snapshot_item) for view in self.enrich(ctx, list(views))
        ]

    def render_page(
        self, ctx: ServiceContext, views: Sequence[SnapshotView], query: ListQuery
    ) -> list[dict[str, Any]]:
        """The items of a list page; a kind whose embedded refs depend on the list's
        query (``showDeleted``) overrides this."""
        return self.render_all(ctx, views)

    def render_one(
        self, ctx: ServiceContext, view: SnapshotView, *, snapshot_item: bool = False
    ) -> dict[str, Any]:
        return self.render_all(ctx, [view], snapshot_item=snapshot_item)[0]

    def ref(
        self, resource_id: int, name: str | None, group_id: int, group_name: str, deleted: bool
    ) -> dict[str, Any]:
        """The ref object other families embed (``{id, name, group, url, deleted}``)."""
        return {
            "id": resource_id,
            "name": name,
            "group": group_ref(group_id, group_name),
            "url": self.kind.url(resource_id),
            "deleted": deleted,
        }
