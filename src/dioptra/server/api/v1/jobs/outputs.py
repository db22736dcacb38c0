"""What a running job sends back: log records, metrics and artifact bytes.

``/jobs/{id}/log`` GET POST · ``/jobs/{id}/metrics`` GET POST ·
``/jobs/{id}/metrics/{name}/snapshots`` GET · ``/jobs/{id}/artifactUploads`` POST (ours).
"""

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any, Literal

import anyio
from fastapi import FastAPI, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, State, api_router
from dioptra.server.api.v1.core.paging import (
    PagingParams,
    SortedSearchParams,
    envelope,
    list_query,
    page_model,
)
from dioptra.server.api.v1.core.wire import MAX_DB_INT, OutModel, WireModel, ok, timestamp
from dioptra.server.api.v1.jobs.context import in_transaction
from dioptra.server.services.artifacts import artifacts
from dioptra.server.services.artifacts import files as artifact_files
from dioptra.server.services.artifacts.artifacts import ArtifactStore
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.jobs import logs as job_logs
from dioptra.server.services.jobs import metrics
from dioptra.server.services.jobs.logs import JobLog
from dioptra.server.services.jobs.metrics import MetricPoint

router = api_router(tags=["jobs"])

Severity = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
MetricValue = float | Literal["nan", "inf", "-inf"]


class LogRecordBody(WireModel):
    severity: Severity
    logger_name: str
    message: str


class LogRecordsBody(WireModel):
    data: list[LogRecordBody] = Field(min_length=1)


class LogRecordOut(OutModel):
    severity: str
    logger_name: str
    message: str
    created_on: str


class LogListParams(SortedSearchParams):
    model_config = ConfigDict(extra="ignore")

    severity: list[Severity] = Field(default_factory=list, description="Only these severities.")


class MetricBody(WireModel):
    name: str
    value: MetricValue = Field(description='A number, or "nan", "inf", "-inf".')
    # A BIGINT column: steps may go beyond the id range of other integer fields.
    step: int = Field(0, ge=-MAX_DB_INT - 1, le=MAX_DB_INT)
    timestamp: dt.datetime | None = None

    @field_validator("name")
    @classmethod
    def _metric_name(cls, name: str) -> str:
        """Dioptra reports a bad name as a field error, with this message."""
        try:
            return metrics.check_metric_name(name)
        except metrics.MetricNameError as error:
            problem = {"problem": error.message}
            raise PydanticCustomError("metric_name", "{problem}", problem) from None


class MetricOut(OutModel):
    name: str
    value: float | str


class MetricSnapshotOut(MetricOut):
    step: int
    timestamp: str


class UploadOut(OutModel):
    artifact_uri: str
    is_dir: bool
    file_size: int
    sha256: str


def render_log(row: JobLog) -> dict[str, Any]:
    return {
        "severity": row.severity,
        "loggerName": row.logger_name,
        "message": row.message,
        "createdOn": timestamp(row.created_on),
    }


def render_metric(point: MetricPoint) -> dict[str, Any]:
    return {"name": point.name, "value": point.value}


def render_metric_snapshot(point: MetricPoint) -> dict[str, Any]:
    return {**render_metric(point), "step": point.step, "timestamp": timestamp(point.timestamp)}


def float_of(value: MetricValue) -> float:
    return float(value)  # float("nan"), float("inf") and float("-inf") parse


@router.get(
    "/jobs/{id:int}/log",
    response_model=page_model(LogRecordOut),
    summary="A page of the job's log (filter by severity, search, sort)",
)
def get_log(ctx: Ctx, state: State, id: int, params: Annotated[LogListParams, Query()]) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = job_logs.list_logs(ctx, id, query, params.severity)
    return ok(envelope(f"jobs/{id}/log", query, page, render_log, sortable=True))


@router.post(
    "/jobs/{id:int}/log",
    response_model=list[LogRecordOut],
    summary="Append log records (HTML is sanitised)",
)
def post_log(ctx: Ctx, id: int, body: LogRecordsBody) -> Response:
    records = [job_logs.LogRecord(r.severity, r.logger_name, r.message) for r in body.data]
    return ok([render_log(row) for row in job_logs.append_logs(ctx, id, records)])


@router.get(
    "/jobs/{id:int}/metrics",
    response_model=list[MetricOut],
    summary="The latest value (highest step) of each metric",
)
def get_metrics(ctx: Ctx, id: int) -> Response:
    return ok([render_metric(point) for point in metrics.latest_metrics(ctx, id)])


@router.post(
    "/jobs/{id:int}/metrics",
    response_model=MetricOut,
    summary="Record a metric value at a step (replaces the value at that step)",
)
def post_metric(ctx: Ctx, id: int, body: MetricBody) -> Response:
    point = metrics.append_metric(
        ctx, id, body.name, float_of(body.value), body.step, body.timestamp
    )
    return ok(render_metric(point))


@router.get(
    "/jobs/{id:int}/metrics/{name}/snapshots",
    response_model=page_model(MetricSnapshotOut),
    summary="Every step of one metric",
)
def get_metric_history(
    ctx: Ctx, state: State, id: int, name: str, params: Annotated[PagingParams, Query()]
) -> Response:
    query = list_query(params, state.settings.max_page_size)
    page = metrics.metric_history(ctx, id, name, query)
    route = f"jobs/{id}/metrics/{name}/snapshots"
    return ok(envelope(route, query, page, render_metric_snapshot))


# -- artifact bytes ----------------------------------------------------------------------


class UploadParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(description="The artifact output's name (a folder under the job).")
    filename: str = Field(description="The file's (or folder's) base name.")
    isDir: bool = Field(False, description="The body is a tar stream of a folder's contents.")


def app_artifact_store(app: FastAPI) -> ArtifactStore:
    """The app's artifact store, opened on first use from ``artifacts_url``."""
    store: ArtifactStore | None = getattr(app.state, "artifact_store", None)
    if store is None:
        store = ArtifactStore(app.state.dioptra.settings.artifacts_url)
        app.state.artifact_store = store
    return store


def artifact_store(request: Request) -> ArtifactStore:
    return app_artifact_store(request.app)


def upload_digests(request: Request) -> artifacts.UploadDigests:
    """What the app's uploads computed, for their registration (see ``UploadDigests``)."""
    digests: artifacts.UploadDigests | None = getattr(request.app.state, "upload_digests", None)
    if digests is None:
        # Two first requests may race here; the loser's entries only cost a re-read.
        digests = artifacts.UploadDigests()
        request.app.state.upload_digests = digests
    return digests


class _BodyChunks:
    """The request body as a blocking iterator, for the store running in a thread: each
    chunk is fetched from the event loop as the store asks for it (nothing piles up)."""

    def __init__(self, stream: AsyncIterator[bytes]) -> None:
        self._stream = stream

    async def _next(self) -> bytes | None:
        try:
            return await self._stream.__anext__()
        except StopAsyncIteration:
            return None

    def __iter__(self) -> Iterator[bytes]:
        while (chunk := anyio.from_thread.run(self._next)) is not None:
            if chunk:
                yield chunk


@router.post(
    "/jobs/{id:int}/artifactUploads",
    response_model=UploadOut,
    summary="Upload an artifact's bytes (ours): the raw body is the file, or a tar of a folder",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "required": True,
        }
    },
)
async def upload_artifact(
    request: Request, id: int, params: Annotated[UploadParams, Query()]
) -> Response:
    store = artifact_store(request)
    settings = request.app.state.dioptra.settings

    def prepare(ctx: ServiceContext) -> str:
        return artifact_files.prepare_upload(ctx, store, id, params.name, params.filename)

    key = await in_transaction(request, prepare)
    chunks = _BodyChunks(request.stream().__aiter__())
    uri, is_dir, size, sha256 = await run_in_threadpool(
        artifact_files.store_upload,
        store,
        key,
        chunks,
        is_dir=params.isDir,
        max_bytes=settings.max_artifact_upload_bytes,
        uploads=upload_digests(request),
    )
    return ok({"artifactUri": uri, "isDir": is_dir, "fileSize": size, "sha256": sha256})
