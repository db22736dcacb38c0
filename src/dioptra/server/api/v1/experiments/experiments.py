"""/experiments: the standard family plus the experiment <-> entrypoint links.

``/experiments/{id}/jobs*`` and ``/experiments/{id}/metrics`` belong to the jobs router.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx
from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.links import LinkedRefOut, render_refs
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import StatusOut, WireModel, ok, status_success
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.listing import ListQuery
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.experiments import experiments as experiment_service
from dioptra.server.services.experiments.experiments import EXPERIMENT

_EXTRA = "entrypoints"


class ExperimentCreateBody(WireModel):
    group: int = Field(description="Id of the group that will own the experiment.")
    name: Name
    description: Description | None = None
    entrypoints: list[int] = Field(default_factory=list, description="Entrypoint ids to link.")


class ExperimentModifyBody(WireModel):
    name: Name
    description: Description | None = None
    entrypoints: list[int] = Field(
        default_factory=list, description="Replaces the linked entrypoints (omitted: none)."
    )


class EntrypointIdsBody(WireModel):
    ids: list[int]


class ExperimentOut(ResourceOut):
    name: str
    description: str | None
    entrypoints: list[LinkedRefOut] | None = None


class ExperimentFamily(ResourceApi):
    def create(self, ctx: ServiceContext, body: BaseModel) -> SnapshotView:
        assert isinstance(body, ExperimentCreateBody)
        return experiment_service.create(ctx, body.group, self.to_fields(body), body.entrypoints)

    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        assert isinstance(body, ExperimentModifyBody)
        return experiment_service.modify(ctx, resource_id, self.to_fields(body), body.entrypoints)

    def _with_entrypoints(
        self, ctx: ServiceContext, views: list[SnapshotView], include_deleted: bool
    ) -> list[SnapshotView]:
        linked = experiment_service.linked_entrypoints(
            ctx, [view.resource_id for view in views], include_deleted=include_deleted
        )
        return [
            replace(view, extras={**view.extras, _EXTRA: linked.get(view.resource_id, [])})
            for view in views
        ]

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        # A single experiment shows every link, deleted entrypoints included (as 1.2).
        return self._with_entrypoints(ctx, views, include_deleted=True)

    def render_page(
        self, ctx: ServiceContext, views: Sequence[SnapshotView], query: ListQuery
    ) -> list[dict[str, Any]]:
        # In lists, deleted entrypoints show only with showDeleted (as 1.2).
        enriched = self._with_entrypoints(ctx, list(views), include_deleted=query.show_deleted)
        return [self.render(view) for view in enriched]

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        body = super().render(view, snapshot_item=snapshot_item)
        # Links are resource-level, not part of a version: snapshots do not show them.
        if not snapshot_item:
            body["entrypoints"] = render_refs(view.extras.get(_EXTRA, []), "entrypoints")
        return body


EXPERIMENTS = ExperimentFamily(
    EXPERIMENT,
    create_body=ExperimentCreateBody,
    modify_body=ExperimentModifyBody,
    response_model=ExperimentOut,
    delete_returns_ids=True,
)
router = resource_router(EXPERIMENTS)

_LINKS = "/experiments/{id:int}/entrypoints"


@router.get(_LINKS, response_model=list[LinkedRefOut], tags=["experiments"])
def get_entrypoints(ctx: Ctx, id: int) -> Response:
    """The experiment's (live) entrypoints."""
    return ok(render_refs(experiment_service.get_entrypoints(ctx, id), "entrypoints"))


@router.post(_LINKS, response_model=list[LinkedRefOut], tags=["experiments"])
def append_entrypoints(ctx: Ctx, id: int, body: EntrypointIdsBody) -> Response:
    """Links more entrypoints to the experiment."""
    return ok(render_refs(experiment_service.append_entrypoints(ctx, id, body.ids), "entrypoints"))


@router.put(_LINKS, response_model=list[LinkedRefOut], tags=["experiments"])
def replace_entrypoints(ctx: Ctx, id: int, body: EntrypointIdsBody) -> Response:
    """Replaces the experiment's entrypoints."""
    return ok(render_refs(experiment_service.replace_entrypoints(ctx, id, body.ids), "entrypoints"))


@router.delete(_LINKS, response_model=StatusOut, tags=["experiments"])
def remove_entrypoints(ctx: Ctx, id: int) -> Response:
    """Unlinks every entrypoint."""
    return ok(status_success(experiment_service.remove_all_entrypoints(ctx, id)))


@router.delete(f"{_LINKS}/{{entrypointId:int}}", response_model=StatusOut, tags=["experiments"])
def remove_entrypoint(ctx: Ctx, id: int, entrypointId: int) -> Response:
    """Unlinks one entrypoint."""
    return ok(status_success(experiment_service.remove_entrypoint(ctx, id, entrypointId)))
