"""/pluginParameterTypes: the types plugin task parameters declare (standard family).

``structure`` is a task-engine type definition (a JSON object, or null for a simple
type), stored as sent: a broken one is reported where a task or entrypoint uses the
type (see the service). Builtins are read-only.
"""

from typing import Any

from pydantic import BaseModel, Field

from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import WireModel
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.plugins import parameter_types as service


class ParameterTypeCreateBody(WireModel):
    group: int = Field(description="Id of the group that will own the type.")
    name: Name
    description: Description | None = None
    structure: dict[str, Any] | None = Field(
        None, description="Task-engine type definition; null for a simple type."
    )


class ParameterTypeModifyBody(WireModel):
    name: Name
    description: Description | None = None
    structure: dict[str, Any] | None = None


class ParameterTypeOut(ResourceOut):
    name: str
    description: str | None
    structure: dict[str, Any] | None


class ParameterTypeFamily(ResourceApi):
    def to_fields(self, body: BaseModel) -> SnapshotFields:
        return service.parameter_type_fields(
            body.name,  # type: ignore[attr-defined]
            body.description,  # type: ignore[attr-defined]
            body.structure,  # type: ignore[attr-defined]
        )

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        return {
            "name": view.name,
            "description": view.description,
            "structure": view.payload.get("structure"),
        }

    def create(self, ctx: ServiceContext, body: BaseModel) -> SnapshotView:
        group_id: int = body.group  # type: ignore[attr-defined]
        return service.create_parameter_type(ctx, group_id, self.to_fields(body))

    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        return service.modify_parameter_type(ctx, resource_id, self.to_fields(body))


PARAMETER_TYPES = ParameterTypeFamily(
    service.PARAMETER_TYPE,
    create_body=ParameterTypeCreateBody,
    modify_body=ParameterTypeModifyBody,
    response_model=ParameterTypeOut,
    delete_returns_ids=True,
)
router = resource_router(PARAMETER_TYPES)
