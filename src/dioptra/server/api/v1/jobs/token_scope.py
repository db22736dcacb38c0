"""What a job token may reach: its own job and what that job reads, nothing else.

A worker runs a job with a token scoped to it. Deny by default: a request made with
such a token must match one of the route templates below, with the path parameters
pointing at the token's job (or at the entrypoint snapshot, plugin snapshots and
artifacts that job uses). Services check the same where a body names the job.
"""

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from dioptra.server.api.v1.core.wire import API_PREFIX
from dioptra.server.services.artifacts import artifacts
from dioptra.server.services.core import links, resources
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.jobs import entrypoints as job_entrypoints
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs.errors import JobTokenScopeError

# Route templates as routers declare them (the /api/v1 prefix is stripped first).
P = ""
JOB = P + "/jobs/{id:int}"
EXPERIMENT_JOB = P + "/experiments/{id:int}/jobs/{jobId:int}"
ARTIFACT = P + "/artifacts/{id:int}"
ENTRYPOINT_SNAPSHOT = P + "/entrypoints/{id:int}/snapshots/{snapshotId:int}"
PLUGIN_BUNDLE = P + "/plugins/{id:int}/snapshots/{snapshotId:int}/files/bundle"

# (method, route template) -> the path parameter that must be the token's job.
OWN_JOB_ROUTES: dict[tuple[str, str], str] = {
    **{
        ("GET", JOB + tail): "id"
        for tail in (
            "",
            "/status",
            "/log",
            "/metrics",
            "/metrics/{name}/snapshots",
            "/config",
            "/parameters",
            "/artifactParameters",
            "/mlflowRun",
            "/events",
        )
    },
    **{("PUT", JOB + "/status"): "id"},
    **{
        ("POST", JOB + tail): "id"
        for tail in ("/log", "/metrics", "/mlflowRun", "/artifactUploads")
    },
    **{("GET", EXPERIMENT_JOB + tail): "jobId" for tail in ("", "/status", "/mlflowRun")},
    **{("PUT", EXPERIMENT_JOB + "/status"): "jobId"},
    **{("POST", EXPERIMENT_JOB + "/mlflowRun"): "jobId"},
}
# Artifacts of the job (its inputs and outputs), read-only.
ARTIFACT_ROUTES = frozenset(
    ARTIFACT + tail
    for tail in (
        "",
        "/contents",
        "/files",
        "/snapshots/{snapshotId:int}",
        "/snapshots/{snapshotId:int}/contents",
    )
)
# Registration: the service checks the body's job.
REGISTER_ARTIFACT = ("POST", P + "/artifacts/")


@dataclass(frozen=True)
class JobScope:
    """What one job reads beyond itself."""

    job_id: int
    entrypoint_id: int | None
    entrypoint_snapshot_id: int | None
    plugin_snapshot_ids: frozenset[int]
    artifact_ids: frozenset[int]


def job_scope(ctx: ServiceContext, job_id: int) -> JobScope:
    view = jobs.get_job(ctx, job_id, allow_deleted=True)
    row = jobs.job_row(ctx, job_id, include_deleted=True)
    snapshot_id = view.payload.get("entrypointSnapshotId")
    plugin_snapshots: set[int] = set()
    if snapshot_id is not None:
        version = job_entrypoints.load_snapshot(ctx, int(snapshot_id))
        plugin_snapshots |= job_entrypoints.plugin_snapshot_ids(version)
    inputs = {int(v["id"]) for v in (view.payload.get("artifactValues") or {}).values()}
    for value in (view.payload.get("artifactValues") or {}).values():
        artifact = resources.get_snapshot(
            ctx, artifacts.ARTIFACT, int(value["id"]), int(value["snapshotId"])
        )
        if artifact.payload.get("pluginSnapshotId") is not None:
            plugin_snapshots.add(int(artifact.payload["pluginSnapshotId"]))
    outputs = set(links.child_ids(ctx, job_id, artifacts.ARTIFACT.type_name))
    return JobScope(
        job_id=job_id,
        entrypoint_id=row.entrypoint_id,
        entrypoint_snapshot_id=int(snapshot_id) if snapshot_id is not None else None,
        plugin_snapshot_ids=frozenset(plugin_snapshots),
        artifact_ids=frozenset(inputs | outputs),
    )


def allowed(
    method: str,
    template: str,
    params: dict[str, object],
    scope: Callable[[], JobScope],
    job_id: int,
) -> bool:
    """Whether a job token of ``job_id`` may make this request."""
    key = (method, template)
    if key in OWN_JOB_ROUTES:
        return params.get(OWN_JOB_ROUTES[key]) == job_id
    if key == REGISTER_ARTIFACT:
        return True
    if method != "GET":
        return False
    if template in ARTIFACT_ROUTES:
        return params.get("id") in scope().artifact_ids
    if template.startswith(ENTRYPOINT_SNAPSHOT):
        found = scope()
        return (
            params.get("id") == found.entrypoint_id
            and params.get("snapshotId") == found.entrypoint_snapshot_id
        )
    if template == PLUGIN_BUNDLE:
        return params.get("snapshotId") in scope().plugin_snapshot_ids
    return False


def check_job_token(request: Request, db: Session, actor: Actor) -> None:
    """The deps hook: refuses (403) a job token's request outside its job's scope."""
    job_id = actor.job_id
    if job_id is None:
        return
    route = request.scope.get("route")
    template = str(getattr(route, "path", request.url.path)).removeprefix(API_PREFIX)
    computed: list[JobScope] = []

    def scope() -> JobScope:
        if not computed:
            computed.append(job_scope(ServiceContext(db=db, actor=actor), job_id))
        return computed[0]

    if not allowed(request.method, template, dict(request.path_params), scope, job_id):
        raise JobTokenScopeError(job_id, f"{request.method} {request.url.path}")
