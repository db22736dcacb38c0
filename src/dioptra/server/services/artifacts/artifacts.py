"""Artifacts: the registry of files and folders a job produced, kept in the artifact store.

A job uploads the bytes (``files.store_upload``: streamed into the store under
``jobs/<job id>/<output name>/<filename>``, never held in memory) and then registers them
(``register``), optionally with the artifact task that can load them back, which is what
makes an artifact usable as another job's input. An artifact is a snapshotted resource
(type ``artifact``), a child of its job; it cannot be deleted. Its payload:
``{artifactUri, jobId, isDir, fileSize, sha256, pluginSnapshotId, taskId, outputParams}``
where ``outputParams`` is the comma-joined type ids of the task's outputs, for the
``outputParams=`` list filter.

Registration never waits for a read of the bytes unless a claim must be checked: an
upload this server stored reuses what the upload computed (``UploadDigests``); a job
that wrote to the store itself may send its size and sha256 (``Registration.sha256``/
``file_size``): the size is checked against the stored object, the digest is trusted
from the job's own token for its own outputs, and anyone else's digest is checked by
reading the object. Without a digest the artifact is recorded with ``sha256: null`` and
a ``pending_digests`` row; ``background.artifact_digests`` fills it in the background.
A file a job logged to its MLflow run outside our store (``run_files``) is read at once.
Uploads and reading contents back are in ``files``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, select

from dioptra.server.db.tables import (
    PendingDigest,
    PluginTask,
    Resource,
    ResourceLink,
    ResourceSnapshot,
)
from dioptra.server.services.artifacts import run_files
from dioptra.server.services.artifacts.run_files import NO_EXTERNAL_ROOTS, ExternalRoots, RunFile
from dioptra.server.services.core import links, resources
from dioptra.server.services.core.bounded_cache import BoundedCache
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    DioptraError,
    EntityDoesNotExistError,
    EntityExistsError,
)
from dioptra.server.services.core.kinds import (
    ResourceKind,
    SearchField,
    like,
    payload_like,
    register_kind,
    tag_like,
)
from dioptra.server.services.core.listing import ListQuery, Page
from dioptra.server.services.core.resources import SnapshotFields, SnapshotView
from dioptra.server.services.jobs import jobs
from dioptra.server.services.jobs.errors import (
    ArtifactNotStoredError,
    JobMlflowRunNotSetError,
    JobTokenScopeError,
)
from dioptra.storage import ArtifactStore as ArtifactStore  # the API opens it
from dioptra.storage import ObjectNotFoundError, StorageError, StorageKeyError

ARTIFACT_SEARCH_FIELDS: Mapping[str, SearchField] = {
    "artifactUri": payload_like("artifactUri"),
    "description": like(ResourceSnapshot.description),
    "tag": tag_like,
}
ARTIFACT_SORT_FIELDS: Mapping[str, Any] = {
    "id": Resource.id,
    "uri": ResourceSnapshot.payload["artifactUri"].as_string(),
    "createdOn": Resource.created_on,
    "lastModifiedOn": ResourceSnapshot.created_on,
    "description": ResourceSnapshot.description,
    "job": ResourceSnapshot.payload["jobId"].as_integer(),
}
ARTIFACT = register_kind(
    ResourceKind(
        type_name="artifact",
        display_name="Artifact",
        url_segment="artifacts",
        name_pattern=None,
        unique_names=False,
        search_fields=ARTIFACT_SEARCH_FIELDS,
        sort_fields=ARTIFACT_SORT_FIELDS,
    )
)


@dataclass(frozen=True)
class TaskLink:
    plugin_snapshot_id: int
    task_id: int


@dataclass(frozen=True)
class Registration:
    group_id: int
    job_id: int
    artifact_uri: str
    description: str | None = None
    plugin_snapshot_id: int | None = None
    task_id: int | None = None
    # What the writer computed while storing the bytes (ours; optional).
    sha256: str | None = None
    file_size: int | None = None


@dataclass(frozen=True)
class StoredDigest:
    """Size and sha256 (a folder: of its manifest) of a stored object."""

    is_dir: bool
    size: int
    sha256: str | None  # None: not read yet (see artifact_digests)


class UploadDigests(BoundedCache[str, StoredDigest]):
    """The digests of the uploads this server stored (by URI), until they are registered.

    Registration then checks only the stored size instead of reading everything again.
    Bounded (the oldest are dropped) and per process: a miss costs a re-read, no more.
    """


# -- the task an artifact is loaded with -------------------------------------------------


def _task_link(plugin_snapshot_id: int | None, task_id: int | None) -> TaskLink | None:
    """Both or neither (Dioptra's messages)."""
    if task_id is not None and plugin_snapshot_id is None:
        raise DioptraError("plugin_snapshot_id must be provided if task_id is provided")
    if plugin_snapshot_id is not None and task_id is None:
        raise DioptraError("task_id must be provided if plugin_snapshot_id is provided")
    if plugin_snapshot_id is None or task_id is None:
        return None
    return TaskLink(plugin_snapshot_id, task_id)


def _task_payload(ctx: ServiceContext, link: TaskLink | None) -> dict[str, Any]:
    """Checks the task belongs to the plugin snapshot and is an artifact task."""
    if link is None:
        return {"pluginSnapshotId": None, "taskId": None, "outputParams": None}
    from dioptra.server.services.plugins import plugins

    found = plugins.artifact_task(ctx, link.plugin_snapshot_id, link.task_id)
    output_types = ",".join(str(param.type.id) for param in found.task.outputs)
    return {
        "pluginSnapshotId": link.plugin_snapshot_id,
        "taskId": link.task_id,
        "outputParams": output_types,
    }


# -- registering -----------------------------------------------------------------------


def registered_at(ctx: ServiceContext, job_id: int, uri: str) -> int | None:
    """The artifact of ``job_id`` registered at ``uri``, if any."""
    return ctx.db.scalar(
        select(Resource.id)
        .join(ResourceSnapshot, ResourceSnapshot.id == Resource.latest_snapshot_id)
        .join(ResourceLink, ResourceLink.child_id == Resource.id)
        .where(
            ResourceLink.parent_id == job_id,
            Resource.resource_type == ARTIFACT.type_name,
            ResourceSnapshot.payload["artifactUri"].as_string() == uri,
        )
        .limit(1)
    )


def _our_key(store: ArtifactStore, uri: str) -> str | None:
    """The key of a URI of this server's store; None when it points elsewhere."""
    try:
        return store.key_for_uri(uri)
    except StorageKeyError as error:  # ``..``, ``//``, NUL, ...
        raise ArtifactNotStoredError(uri, f"its path is not plain: {error.reason}") from None
    except ValueError:  # urlsplit's, e.g. ``file://[::1/x``
        raise ArtifactNotStoredError(uri, "it is not a valid URI") from None


def _stored_object(
    store: ArtifactStore,
    key: str | None,
    registration: Registration,
    *,
    trusted: bool,
    uploaded: StoredDigest | None,
) -> tuple[str, StoredDigest]:
    """The key and digest of a URI that must name an output of the registering job.

    The object is read in full only to check a digest that someone other than the job
    (``trusted``) claims; what an upload this server stored (``uploaded``) computed is
    reused, and with neither the digest is left for later.
    """
    uri, job_id = registration.artifact_uri, registration.job_id
    if key is None:
        raise ArtifactNotStoredError(uri, "it is not in this server's artifact store")
    if not key.startswith(f"jobs/{job_id}/"):
        raise ArtifactNotStoredError(uri, f"it was not uploaded for job {job_id}")
    try:
        info = store.info(key)
    except ObjectNotFoundError:
        raise ArtifactNotStoredError(uri) from None
    _check_size(registration, info.size)
    if uploaded is not None and (uploaded.is_dir, uploaded.size) == (info.is_dir, info.size):
        digest = uploaded
    elif registration.sha256 is None or trusted:
        digest = StoredDigest(info.is_dir, info.size, registration.sha256)
    else:
        digest = _read_digest(store, key)
    _check_sha256(registration, digest)
    return key, digest


def _run_file(
    ctx: ServiceContext, roots: ExternalRoots, registration: Registration
) -> tuple[RunFile, StoredDigest]:
    """The file of the job's MLflow run a URI outside our store names (``run_files``),
    read now whoever registers it: no background pass reads outside our store, and the
    registration's answer must already say what every later read says."""
    uri, job_id = registration.artifact_uri, registration.job_id
    run_id = jobs.job_row(ctx, job_id).mlflow_run_id
    if run_id is None:  # as Dioptra: the run says which files are the job's
        raise JobMlflowRunNotSetError(job_id)
    found = run_files.locate(roots, uri, run_id, job_id)
    _check_size(registration, found.info.size)
    try:
        digest = _read_digest(found.store, found.key)
    except StorageError as error:  # changed while it was read
        raise ArtifactNotStoredError(uri, str(error)) from None
    _check_sha256(registration, digest)
    return found, digest


def _read_digest(store: ArtifactStore, key: str) -> StoredDigest:
    stored = store.digest(key)
    return StoredDigest(stored.is_dir, stored.size, stored.sha256)


def _check_size(registration: Registration, size: int) -> None:
    if registration.file_size is not None and registration.file_size != size:
        raise ArtifactNotStoredError(
            registration.artifact_uri,
            f"{size} bytes are stored there, not {registration.file_size}",
        )


def _check_sha256(registration: Registration, digest: StoredDigest) -> None:
    if registration.sha256 is not None and registration.sha256 != digest.sha256:
        raise ArtifactNotStoredError(
            registration.artifact_uri, f"its sha256 is {digest.sha256}, not {registration.sha256}"
        )


def register(
    ctx: ServiceContext,
    store: ArtifactStore,
    registration: Registration,
    uploads: UploadDigests | None = None,
    roots: ExternalRoots = NO_EXTERNAL_ROOTS,
) -> SnapshotView:
    """``POST /artifacts/``: records a stored output of a job as an artifact: bytes in
    our store, or a file of the job's MLflow run inside ``roots`` (see ``run_files``)."""
    job_id = registration.job_id
    jobs.check_job_scope(ctx, job_id, "register artifacts of another job")
    jobs.get_job(ctx, job_id)
    ctx.require_writable_group(registration.group_id)
    uri = registration.artifact_uri
    existing = registered_at(ctx, job_id, uri)
    if existing is not None:  # checked first, as in Dioptra
        raise EntityExistsError(ARTIFACT.type_name, ARTIFACT.display_name, existing, uri=uri)
    link = _task_link(registration.plugin_snapshot_id, registration.task_id)
    task = _task_payload(ctx, link)
    key = _our_key(store, uri)
    where: dict[str, Any]
    if key is None and uri[:5].lower() == "file:":
        found, digest = _run_file(ctx, roots, registration)
        # Where each read finds it again (run_files.locate checks it anew).
        where = {"storeKey": None, "mlflowRunId": found.run_id}
    else:
        key, digest = _stored_object(
            store,
            key,
            registration,
            # A job's own token: it wrote these bytes (check_job_scope refused others).
            trusted=ctx.user.job_id == job_id,
            uploaded=uploads.get(uri) if uploads is not None else None,
        )
        where = {"storeKey": key}
    payload = {
        "artifactUri": uri,
        "jobId": job_id,
        "isDir": digest.is_dir,
        "fileSize": digest.size,
        "sha256": digest.sha256,
        **where,
        **task,
    }
    fields = SnapshotFields(name=None, description=registration.description, payload=payload)
    view = resources.create(ctx, ARTIFACT, registration.group_id, fields)
    links.add_links(ctx, job_id, jobs.JOB.type_name, [view.resource_id], ARTIFACT.type_name)
    if key is not None and digest.sha256 is None:  # artifact_digests reads it after commit
        pending = PendingDigest(artifact_id=view.resource_id, store_key=key, file_size=digest.size)
        ctx.db.add(pending)
    if uploads is not None:
        uploads.forget(uri)  # registered bytes are never replaced (prepare_upload: 409)
    return view


def modify(
    ctx: ServiceContext,
    artifact_id: int,
    description: str | None,
    plugin_snapshot_id: int | None,
    task_id: int | None,
) -> SnapshotView:
    """``PUT /artifacts/{id}``: a new snapshot with this description and task link."""
    jobs.forbid_job_token(ctx, "modify artifacts")
    link = _task_link(plugin_snapshot_id, task_id)
    # A digest being recorded now must land in the snapshot made here too: wait for it
    # (see artifact_digests._record).
    ctx.db.execute(
        select(PendingDigest.artifact_id)
        .where(PendingDigest.artifact_id == artifact_id)
        .with_for_update()
    )
    latest = get_artifact(ctx, artifact_id)
    payload = {**latest.payload, **_task_payload(ctx, link)}
    fields = SnapshotFields(name=None, description=description, payload=payload)
    return resources.modify(ctx, ARTIFACT, artifact_id, fields)


# -- reading ---------------------------------------------------------------------------


def input_artifact_ids(ctx: ServiceContext, job_id: int) -> set[int]:
    """The artifacts a job was given as inputs."""
    view = jobs.get_job(ctx, job_id)
    values = view.payload.get("artifactValues") or {}
    return {int(value["id"]) for value in values.values()}


def _check_job_may_read(ctx: ServiceContext, artifact_id: int) -> None:
    """A job token reads only its inputs and its own outputs."""
    job_id = ctx.user.job_id
    if job_id is None:
        return
    if artifact_id in input_artifact_ids(ctx, job_id):
        return
    if artifact_id in links.child_ids(ctx, job_id, ARTIFACT.type_name):
        return
    raise JobTokenScopeError(job_id, f"read artifact {artifact_id}")


def get_artifact(ctx: ServiceContext, artifact_id: int) -> SnapshotView:
    _check_job_may_read(ctx, artifact_id)
    try:
        return resources.get_latest(ctx, ARTIFACT, artifact_id)
    except EntityDoesNotExistError:
        raise EntityDoesNotExistError(
            ARTIFACT.type_name, ARTIFACT.display_name, artifact_id=artifact_id
        ) from None


def get_artifact_snapshot(ctx: ServiceContext, artifact_id: int, snapshot_id: int) -> SnapshotView:
    _check_job_may_read(ctx, artifact_id)
    return resources.get_snapshot(ctx, ARTIFACT, artifact_id, snapshot_id)


def list_artifacts(
    ctx: ServiceContext, query: ListQuery, output_params: Sequence[int] | None = None
) -> Page[SnapshotView]:
    jobs.forbid_job_token(ctx, "list artifacts")
    filters: list[ColumnElement[bool]] = []
    if output_params is not None:
        wanted = ",".join(str(type_id) for type_id in output_params)
        filters.append(ResourceSnapshot.payload["outputParams"].as_string() == wanted)
    return resources.list_latest(ctx, ARTIFACT, query, filters)


@dataclass(frozen=True)
class ArtifactTaskView:
    """The artifact task an artifact is loaded with, as its JSON shows it."""

    task_id: int
    name: str
    outputs: tuple[Any, ...]  # StoredParam of the plugins service
    plugin_id: int
    plugin_snapshot_id: int
    file_id: int
    file_snapshot_id: int


def with_tasks(ctx: ServiceContext, views: Sequence[SnapshotView]) -> list[SnapshotView]:
    """Views with ``extras["task"]`` (an ``ArtifactTaskView`` or None), in a few queries."""
    from dioptra.server.services.plugins import tasks as plugin_tasks

    wanted = {
        (int(view.payload["pluginSnapshotId"]), int(view.payload["taskId"]))
        for view in views
        if view.payload.get("taskId") is not None
        and view.payload.get("pluginSnapshotId") is not None
    }
    found: dict[tuple[int, int], ArtifactTaskView] = {}
    if wanted:
        task_ids = {task_id for _, task_id in wanted}
        file_of_task = {
            task_id: file_snapshot_id
            for task_id, file_snapshot_id in ctx.db.execute(
                select(PluginTask.id, PluginTask.file_snapshot_id).where(
                    PluginTask.id.in_(task_ids)
                )
            )
        }
        snapshot_ids = set(file_of_task.values()) | {plugin for plugin, _ in wanted}
        resource_of = {
            snapshot_id: resource_id
            for snapshot_id, resource_id in ctx.db.execute(
                select(ResourceSnapshot.id, ResourceSnapshot.resource_id).where(
                    ResourceSnapshot.id.in_(snapshot_ids)
                )
            )
        }
        stored = plugin_tasks.load_tasks(ctx, list(set(file_of_task.values())))
        by_id = {task.id: task for tasks in stored.values() for task in tasks}
        for plugin_snapshot_id, task_id in wanted:
            task = by_id.get(task_id)
            if task is None:
                continue
            found[(plugin_snapshot_id, task_id)] = ArtifactTaskView(
                task_id=task_id,
                name=task.name,
                outputs=tuple(task.outputs),
                plugin_id=resource_of[plugin_snapshot_id],
                plugin_snapshot_id=plugin_snapshot_id,
                file_id=resource_of[task.file_snapshot_id],
                file_snapshot_id=task.file_snapshot_id,
            )
    enriched = []
    for view in views:
        key = (view.payload.get("pluginSnapshotId"), view.payload.get("taskId"))
        task_view = found.get(key) if None not in key else None  # type: ignore[arg-type]
        enriched.append(replace(view, extras={**view.extras, "task": task_view}))
    return enriched
