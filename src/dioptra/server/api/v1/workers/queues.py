"""/queues: named queues that jobs are submitted to (the standard family, nothing more)."""

from pydantic import Field

from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import WireModel
from dioptra.server.services.workers.queues import QUEUE


class QueueCreateBody(WireModel):
    group: int = Field(description="Id of the group that will own the queue.")
    name: Name
    description: Description | None = None


class QueueModifyBody(WireModel):
    name: Name
    description: Description | None = None


class QueueOut(ResourceOut):
    name: str
    description: str | None


QUEUES = ResourceApi(
    QUEUE, create_body=QueueCreateBody, modify_body=QueueModifyBody, response_model=QueueOut
)
router = resource_router(QUEUES)
