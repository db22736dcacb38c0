"""/workers: worker heartbeats (ours, beyond Dioptra) and who is serving which queue."""

import datetime as dt

from pydantic import Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.wire import OutModel, WireModel, ok, timestamp
from dioptra.server.services.jobs import jobs
from dioptra.server.services.workers import workers as worker_service

router = api_router(tags=["workers"])


class HeartbeatBody(WireModel):
    worker: str = Field(description="The worker's id (any stable name, e.g. host-pid).")
    queues: list[str] = Field(
        default_factory=list, description='Queue names it serves ("*": every queue).'
    )
    jobs: list[int] = Field(default_factory=list, description="Ids of the jobs it is running.")


class HeartbeatOut(OutModel):
    cancel: list[int] = Field(description="Jobs to stop now (cancelled, ended or deleted).")


class WorkerOut(OutModel):
    worker: str
    queues: list[str]
    user: str
    first_seen_on: str
    heartbeat_on: str
    jobs: list[int]


@router.post(
    "/workers/heartbeat",
    response_model=HeartbeatOut,
    summary="A worker says it lives; the answer lists the jobs it must stop",
)
def heartbeat(ctx: Ctx, body: HeartbeatBody) -> Response:
    jobs.forbid_job_token(ctx, "heartbeat as a worker")
    cancel = worker_service.heartbeat(ctx, body.worker, body.queues, body.jobs)
    return ok({"cancel": cancel})


@router.get(
    "/workers/",
    response_model=list[WorkerOut],
    summary="Workers heard from recently, their queues and running jobs",
)
def list_workers(ctx: Ctx, state: State) -> Response:
    jobs.forbid_job_token(ctx, "list workers")
    grace = dt.timedelta(seconds=state.settings.worker_heartbeat_grace_seconds)
    return ok(
        [
            {
                "worker": view.worker_id,
                "queues": list(view.queues),
                "user": view.username,
                "firstSeenOn": timestamp(view.first_seen_on),
                "heartbeatOn": timestamp(view.heartbeat_on),
                "jobs": list(view.running_jobs),
            }
            for view in worker_service.list_workers(ctx, grace=grace)
        ]
    )
