"""The job JSON, shared by ``/jobs`` and ``/experiments/{id}/jobs``."""

from __future__ import annotations

from typing import Any

from dioptra.server.api.v1.core.resource_api import ResourceApi, ResourceOut
from dioptra.server.api.v1.core.wire import GroupRefOut, OutModel, WireModel, group_ref, url
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs.jobs import JOB, JobDetails, SnapshotRef

# Resource type -> URL segment of the snapshot refs a job shows.
_SEGMENTS = {"experiment": "experiments", "entry_point": "entrypoints", "queue": "queues"}


class SnapshotRefOut(OutModel):
    id: int
    snapshot_id: int
    group: GroupRefOut
    url: str
    deleted: bool
    name: str | None


class ArtifactRefOut(OutModel):
    id: int
    group: GroupRefOut
    url: str
    deleted: bool


class ArtifactValueOut(OutModel):
    id: int
    snapshot_id: int


class JobSwapOut(OutModel):
    swap_name: str
    task_alias: str
    task_name: str
    plugin_file_resource_snapshot_id: int


class JobOut(ResourceOut):
    description: str | None
    queue: SnapshotRefOut | None
    experiment: SnapshotRefOut | None
    entrypoint: SnapshotRefOut | None
    values: dict[str, str]
    artifact_values: dict[str, ArtifactValueOut]
    timeout: str
    status: str
    artifacts: list[ArtifactRefOut] | None = None  # absent from snapshot items
    swaps: list[JobSwapOut]
    status_message: str | None


class JobStatusOut(OutModel):
    id: int
    status: str


class JobStatusBody(WireModel):
    status: str
    message: str | None = None


class MlflowRunOut(OutModel):
    mlflow_run_id: str | None


def snapshot_ref(ref: SnapshotRef) -> dict[str, Any]:
    segment = _SEGMENTS.get(ref.resource_type, ref.resource_type)
    return {
        "id": ref.resource_id,
        "snapshotId": ref.snapshot_id,
        "group": group_ref(ref.group_id, ref.group_name),
        "url": url(segment, ref.resource_id, "snapshots", ref.snapshot_id),
        "deleted": ref.deleted,
        "name": ref.name,
    }


class JobFamily(ResourceApi):
    """Jobs have no create/modify/drafts of the standard kind; the family renders them
    and serves their snapshots and tags."""

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        return jobs.with_details(ctx, views)

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        details: JobDetails = view.extras["job"]
        payload = view.payload
        refs = details.refs
        return {
            "description": view.description,
            "queue": snapshot_ref(refs["queue"]) if "queue" in refs else None,
            "experiment": snapshot_ref(refs["experiment"]) if "experiment" in refs else None,
            "entrypoint": snapshot_ref(refs["entrypoint"]) if "entrypoint" in refs else None,
            "values": payload.get("values") or {},
            "artifactValues": payload.get("artifactValues") or {},
            "timeout": payload.get("timeout", jobs.DEFAULT_TIMEOUT),
            "status": payload.get("status"),
            "artifacts": [
                {
                    "id": artifact_id,
                    "group": group_ref(group_id, group_name),
                    "url": url("artifacts", artifact_id),
                    "deleted": deleted,
                }
                for artifact_id, group_id, group_name, deleted in details.artifacts
            ],
            "swaps": sorted(payload.get("swaps") or [], key=lambda swap: swap["swapName"]),
            "statusMessage": payload.get("statusMessage"),
        }

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        body = super().render(view, snapshot_item=snapshot_item)
        if snapshot_item:
            del body["artifacts"]  # 1.2's snapshot items have none (they are resource links)
        return body


class _NoBody(WireModel):
    pass


JOBS = JobFamily(
    JOB,
    create_body=_NoBody,
    modify_body=_NoBody,
    response_model=JobOut,
    routes=frozenset({"snapshots", "tags"}),
)
