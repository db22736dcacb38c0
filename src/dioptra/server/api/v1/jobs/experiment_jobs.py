"""/experiments/{id}/jobs*: submitting jobs and reading them through their experiment,
and /experiments/{id}/metrics (the latest metrics of each of its jobs)."""

from typing import Annotated, Any

from fastapi import BackgroundTasks, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router, checks_when_costly
from dioptra.server.api.v1.core.errors import FieldErrors
from dioptra.server.api.v1.core.fields import Description
from dioptra.server.api.v1.core.paging import PagingParams, envelope, list_query, page_model
from dioptra.server.api.v1.core.wire import OutModel, StatusOut, WireModel, ok, status_success
from dioptra.server.api.v1.jobs.jobs import (
    MlflowRunBody,
    StatusBody,
    dispatch_after_commit,
    mlflow_text,
    status_response,
)
from dioptra.server.api.v1.jobs.outputs import MetricOut, render_metric
from dioptra.server.api.v1.jobs.render import (
    JOBS,
    JobOut,
    JobStatusOut,
    MlflowRunOut,
)
from dioptra.server.services.core import resources
from dioptra.server.services.experiments.experiments import EXPERIMENT
from dioptra.server.services.jobs import create as job_create
from dioptra.server.services.jobs import jobs, lifecycle, metrics

router = api_router(tags=["experiments"])


class SwapChoiceBody(BaseModel):
    """Snake_case keys, as 1.2 takes them (camelCase is an unknown field)."""

    model_config = ConfigDict(extra="forbid")

    swap_name: str
    task_alias: str


class ArtifactValueBody(WireModel):
    id: int
    snapshot_id: int


class JobCreateBody(WireModel):
    entrypoint: int
    queue: int
    entrypoint_snapshot: int | None = None
    values: dict[str, str] | None = Field(
        None, description="Parameter values, all as strings (as Dioptra takes them)."
    )
    artifact_values: dict[str, ArtifactValueBody] | None = None
    timeout: str = "24h"
    description: Description | None = None
    swaps: list[SwapChoiceBody] = Field(default_factory=list)

    @field_validator("swaps")
    @classmethod
    def _unique_swaps(cls, swaps: list[SwapChoiceBody]) -> list[SwapChoiceBody]:
        names = [swap.swap_name for swap in swaps]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise FieldErrors({"swaps": [f"Duplicate swap names are not allowed: {repeated}"]})
        return swaps


class ExperimentJobListParams(PagingParams):
    search: str | None = Field(None, description="Dioptra search terms.")
    sortBy: str | None = Field(None, description="Field to sort by.")
    descending: bool = False


class JobMetricsOut(OutModel):
    id: int
    metrics: list[MetricOut]


def request_of(body: JobCreateBody) -> job_create.JobRequest:
    return job_create.JobRequest(
        entrypoint_id=body.entrypoint,
        queue_id=body.queue,
        entrypoint_snapshot_id=body.entrypoint_snapshot,
        values=dict(body.values or {}),
        artifact_values={
            name: job_create.ArtifactValue(value.id, value.snapshot_id)
            for name, value in (body.artifact_values or {}).items()
        },
        swaps=[(swap.swap_name, swap.task_alias) for swap in body.swaps],
        timeout=body.timeout,
        description=body.description,
    )


@router.post("/experiments/{id:int}/jobs", response_model=JobOut, summary="Submit a job")
@checks_when_costly
def create_job(
    ctx: Ctx,
    request: Request,
    background: BackgroundTasks,
    id: int,
    body: JobCreateBody,
) -> Response:
    view = job_create.create_job(ctx, id, request_of(body))
    dispatch_after_commit(
        request, background, view.resource_id, jobs.queue_of_new_job(ctx, view.resource_id)
    )
    return ok(JOBS.render_one(ctx, view))


@router.get(
    "/experiments/{id:int}/jobs",
    response_model=page_model(JobOut),
    summary="The experiment's jobs",
)
def list_jobs(
    ctx: Ctx, state: State, id: int, params: Annotated[ExperimentJobListParams, Query()]
) -> Response:
    resources.get_latest(ctx, EXPERIMENT, id, allow_deleted=True)
    query = list_query(params, state.settings.max_page_size)
    page = jobs.list_jobs(ctx, query, experiment_id=id)
    data = JOBS.render_all(ctx, page.items)
    return ok(envelope(f"experiments/{id}/jobs", query, page, data=data, sortable=True))


@router.get("/experiments/{id:int}/jobs/{jobId:int}", response_model=JobOut, summary="Get a job")
def get_job(ctx: Ctx, id: int, jobId: int) -> Response:
    jobs.check_job_scope(ctx, jobId, "read another job")
    view = jobs.get_experiment_job(ctx, id, jobId)
    return ok(JOBS.render_one(ctx, view))


@router.delete(
    "/experiments/{id:int}/jobs/{jobId:int}", response_model=StatusOut, summary="Delete a job"
)
def delete_job(ctx: Ctx, id: int, jobId: int) -> Response:
    jobs.get_experiment_job(ctx, id, jobId)
    lifecycle.delete(ctx, jobId)
    return ok(status_success([jobId]))


@router.get(
    "/experiments/{id:int}/jobs/{jobId:int}/status",
    response_model=JobStatusOut,
    summary="A job's status",
)
def get_status(ctx: Ctx, id: int, jobId: int) -> Response:
    jobs.check_job_scope(ctx, jobId, "read another job")
    view = jobs.get_experiment_job(ctx, id, jobId)
    return ok({"id": jobId, "status": view.payload["status"]})


@router.put(
    "/experiments/{id:int}/jobs/{jobId:int}/status",
    response_model=JobStatusOut,
    summary="Report a job's status (``message`` is ours: why it failed, was cancelled…)",
)
def put_status(
    ctx: Ctx,
    request: Request,
    background: BackgroundTasks,
    id: int,
    jobId: int,
    body: StatusBody,
) -> Response:
    change = lifecycle.report(ctx, jobId, body.status, body.message, experiment_id=id)
    return status_response(change, request, background)


@router.get(
    "/experiments/{id:int}/jobs/{jobId:int}/mlflowRun",
    response_model=MlflowRunOut,
    summary="A job's MLflow run",
)
def get_mlflow_run(ctx: Ctx, id: int, jobId: int) -> Response:
    jobs.get_experiment_job(ctx, id, jobId)
    return ok({"mlflowRunId": mlflow_text(jobs.get_mlflow_run(ctx, jobId))})


@router.post(
    "/experiments/{id:int}/jobs/{jobId:int}/mlflowRun",
    response_model=MlflowRunOut,
    summary="Set a job's MLflow run",
)
def set_mlflow_run(ctx: Ctx, id: int, jobId: int, body: MlflowRunBody) -> Response:
    jobs.get_experiment_job(ctx, id, jobId)
    run_id = jobs.set_mlflow_run(ctx, jobId, body.mlflow_run_id.hex)
    return ok({"mlflowRunId": mlflow_text(run_id)})


@router.get(
    "/experiments/{id:int}/metrics",
    response_model=page_model(JobMetricsOut),
    summary="The latest metrics of each of the experiment's jobs (paged by job)",
)
def experiment_metrics(
    ctx: Ctx, state: State, id: int, params: Annotated[ExperimentJobListParams, Query()]
) -> Response:
    resources.get_latest(ctx, EXPERIMENT, id, allow_deleted=True)
    query = list_query(params, state.settings.max_page_size)
    page = jobs.list_jobs(ctx, query, experiment_id=id)
    job_ids = [view.resource_id for view in page.items]
    latest = metrics.latest_metrics_of_jobs(ctx, job_ids)
    data: list[dict[str, Any]] = [
        {"id": job_id, "metrics": [render_metric(point) for point in latest[job_id]]}
        for job_id in job_ids
    ]
    return ok(envelope(f"experiments/{id}/metrics", query, page, data=data))
