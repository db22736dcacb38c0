"""/jobs: reading jobs, their status, parameters and config, and the worker contract
(claim, cancel, rerun). Logs, metrics and artifact uploads are in ``outputs``."""

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import BackgroundTasks, Query, Request
from pydantic import Field
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router, checks_when_costly
from dioptra.server.api.v1.core.paging import SortedSearchParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import OutModel, StatusOut, WireModel, ok, status_success
from dioptra.server.api.v1.jobs.outputs import LogRecordBody
from dioptra.server.api.v1.jobs.render import (
    JOBS,
    JobOut,
    JobStatusOut,
    MlflowRunOut,
)
from dioptra.server.services.jobs import inputs as job_inputs
from dioptra.server.services.jobs import jobs, lifecycle
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs import runtime as job_runtime
from dioptra.server.services.jobs.jobs import JobDispatcher, NoDispatcher
from dioptra.server.services.jobs.lifecycle import StatusChange

router = api_router(tags=["jobs"])
RequestedStatus = Literal[
    "queued", "started", "deferred", "finished", "failed", "cancelled", "timeout", "reset"
]


# A worker sends at most 500 records with its status (dioptra.worker.logs).
MAX_LOG_RECORDS_PER_REQUEST = 1000


class StatusBody(WireModel):
    status: RequestedStatus
    message: str | None = Field(
        None, description="Why (ours): shown as the job's statusMessage.", max_length=10_000
    )
    logs: list[LogRecordBody] = Field(
        default_factory=list,
        max_length=MAX_LOG_RECORDS_PER_REQUEST,
        description="Ours: log records appended before the status changes, in the same "
        "transaction (a worker's last batch, saving it a request).",
    )


class MlflowRunBody(WireModel):
    mlflow_run_id: UUID


class ClaimBody(WireModel):
    worker: str = Field(description="Id of the claiming worker (any stable name).")


class ClaimOut(OutModel):
    job: JobOut
    experiment_id: int | None
    token: str
    config: dict[str, Any] | None = Field(
        None, description="The job's config (as /jobs/{id}/config), null if it cannot be had."
    )
    parameters: dict[str, Any] | None = Field(
        None, description="The job's parameter values (as /jobs/{id}/parameters), or null."
    )


def dispatcher(request: Request) -> JobDispatcher:
    found: JobDispatcher = getattr(request.app.state, "dispatcher", None) or NoDispatcher()
    return found


def dispatch_after_commit(
    request: Request, background: BackgroundTasks, job_id: int, queue_name: str | None
) -> None:
    """Background tasks run once the response is ready, i.e. after the commit."""
    if queue_name is not None:
        background.add_task(dispatcher(request).submit, job_id, queue_name)


def status_response(
    change: StatusChange, request: Request, background: BackgroundTasks
) -> Response:
    if change.requeued:
        dispatch_after_commit(request, background, change.view.resource_id, change.queue_name)
    return ok({"id": change.view.resource_id, "status": change.view.payload["status"]})


@router.get("/jobs/", response_model=page_model(JobOut), summary="List jobs")
def list_jobs(ctx: Ctx, state: State, params: Annotated[SortedSearchParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = jobs.list_jobs(ctx, query)
    data = JOBS.render_all(ctx, page.items)
    return ok(envelope("jobs", query, page, data=data, sortable=True))


@router.get("/jobs/{id:int}", response_model=JobOut, summary="Get a job")
def get_job(ctx: Ctx, id: int) -> Response:
    jobs.check_job_scope(ctx, id, "read another job")
    return ok(JOBS.render_one(ctx, jobs.get_job(ctx, id)))


@router.delete("/jobs/{id:int}", response_model=StatusOut, summary="Delete a job")
def delete_job(ctx: Ctx, id: int) -> Response:
    lifecycle.delete(ctx, id)
    return ok(status_success([id]))


@router.get("/jobs/{id:int}/status", response_model=JobStatusOut, summary="A job's status")
def get_status(ctx: Ctx, id: int) -> Response:
    jobs.check_job_scope(ctx, id, "read another job")
    view = jobs.get_job(ctx, id)
    return ok({"id": id, "status": view.payload["status"]})


@router.put(
    "/jobs/{id:int}/status",
    response_model=JobStatusOut,
    summary="Report a job's status (workers); ours, like the experiment route",
)
def put_status(
    ctx: Ctx, request: Request, background: BackgroundTasks, id: int, body: StatusBody
) -> Response:
    logs = [job_logs.LogRecord(r.severity, r.logger_name, r.message) for r in body.logs]
    change = job_runtime.report_status(ctx, id, body.status, body.message, logs)
    return status_response(change, request, background)


@router.get("/jobs/{id:int}/mlflowRun", response_model=MlflowRunOut, summary="A job's MLflow run")
def get_mlflow_run(ctx: Ctx, id: int) -> Response:
    return ok({"mlflowRunId": mlflow_text(jobs.get_mlflow_run(ctx, id))})


@router.post("/jobs/{id:int}/mlflowRun", response_model=MlflowRunOut, summary="Set the MLflow run")
def set_mlflow_run(ctx: Ctx, id: int, body: MlflowRunBody) -> Response:
    run_id = jobs.set_mlflow_run(ctx, id, body.mlflow_run_id.hex)
    return ok({"mlflowRunId": mlflow_text(run_id)})


def mlflow_text(run_id: str | None) -> str | None:
    """As MLflow writes run ids (32 hex digits), which is how Dioptra echoes them."""
    return None if run_id is None else UUID(run_id).hex


@router.get(
    "/jobs/{id:int}/parameters",
    response_model=dict[str, Any],
    summary="The job's parameter values, coerced to their types",
)
def get_parameters(ctx: Ctx, id: int) -> Response:
    return ok(job_inputs.parameter_values(ctx, id))


@router.get(
    "/jobs/{id:int}/artifactParameters",
    response_model=dict[str, Any],
    summary="The artifacts the job takes as inputs, with the tasks that load them",
)
def get_artifact_parameters(ctx: Ctx, id: int) -> Response:
    return ok(job_inputs.artifact_parameters(ctx, id))


@router.get(
    "/jobs/{id:int}/config",
    response_model=dict[str, Any],
    summary="The job's task-engine document (its entrypoint snapshot with its swaps)",
)
def get_config(ctx: Ctx, id: int) -> Response:
    return ok(job_inputs.config(ctx, id))


@router.post(
    "/jobs/{id:int}/claim",
    response_model=ClaimOut,
    summary="A worker takes a queued job (409 if another got it first)",
)
def claim_job(ctx: Ctx, id: int, body: ClaimBody) -> Response:
    claim = job_runtime.claim_job(ctx, id, body.worker)
    job = JOBS.render_one(ctx, claim.view)
    return ok(
        {
            "job": job,
            "experimentId": claim.experiment_id,
            "token": claim.token,
            "config": claim.config,
            "parameters": claim.parameters,
        }
    )


@router.post(
    "/jobs/{id:int}/cancel",
    response_model=JobOut,
    summary="Cancel a queued job, or ask the worker of a running one to stop it",
)
def cancel_job(ctx: Ctx, id: int) -> Response:
    return ok(JOBS.render_one(ctx, lifecycle.cancel(ctx, id)))


@router.post(
    "/jobs/{id:int}/rerun",
    response_model=JobOut,
    summary="Submit a new job with this job's entrypoint snapshot, queue, values and swaps",
)
@checks_when_costly
def rerun_job(ctx: Ctx, request: Request, background: BackgroundTasks, id: int) -> Response:
    view = job_inputs.rerun(ctx, id)
    queue_name = jobs.queue_of_new_job(ctx, view.resource_id)
    dispatch_after_commit(request, background, view.resource_id, queue_name)
    return ok(JOBS.render_one(ctx, view))


# /jobs/{id}/snapshots[/{snapshotId}] and /jobs/{id}/tags*: the shared machinery.
router.routes.extend(resource_router(JOBS).routes)  # held directly: see deps.install_routes
