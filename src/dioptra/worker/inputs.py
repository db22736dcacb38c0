"""Fetching what a job runs into its working directory, over REST with the job's token.

The document (rendered with the job's swaps), the parameter values, the plugin bundles,
and each artifact input with the plugin of the artifact task that loads it.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import shutil
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from dioptra.client import DioptraClientError, StatusCodeError
from dioptra.engine import ArtifactInput
from dioptra.sdk.api.artifact import ArtifactTaskInterface
from dioptra.storage import StorageError, extract_archive
from dioptra.worker.api import JobApi, with_retry
from dioptra.worker.errors import JobFailure
from dioptra.worker.layout import JobLayout

logger = logging.getLogger("dioptra.worker")

# Bundles come from our own server, but an archive is still checked before unpacking.
MAX_BUNDLE_BYTES = 1024**3
MAX_ARTIFACT_BYTES = 1024**4
MAX_MEMBERS = 100_000
DESERIALIZE_PACKAGE_PREFIX = "dioptra_artifact_plugin"


@dataclass(frozen=True)
class ArtifactTaskRef:
    """An artifact task class and where it was registered (for artifact registration)."""

    cls: type[ArtifactTaskInterface]
    plugin_snapshot_id: int | None
    task_id: int | None


@dataclass
class PreparedJob:
    document: dict[str, Any]
    parameters: dict[str, Any]
    swaps: dict[str, str]
    plugin_paths: list[Path]
    artifact_tasks: dict[str, ArtifactTaskRef] = field(default_factory=dict)
    artifact_inputs: dict[str, ArtifactInput] = field(default_factory=dict)


def plugin_module_name(package: str, filename: str) -> str:
    """``pkg`` + ``"sub/tasks.py"`` -> ``"pkg.sub.tasks"`` (an ``__init__.py`` names its folder)."""
    parts = list(PurePosixPath(filename).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def job_swaps(job: Mapping[str, Any]) -> dict[str, str]:
    return {str(s["swapName"]): str(s["taskAlias"]) for s in job.get("swaps") or []}


def prepare_job(api: JobApi, job: Mapping[str, Any], layout: JobLayout) -> PreparedJob:
    """Download everything the job needs; raises ``JobFailure`` with a clear message."""
    layout.create()
    job_id = int(job["id"])
    entrypoint = job["entrypoint"]
    entrypoint_id, snapshot_id = int(entrypoint["id"]), int(entrypoint["snapshotId"])

    # Three independent downloads: in parallel, since each is a round trip.
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="fetch") as pool:
        config = pool.submit(_fetch, lambda: api.client.jobs.get_config(job_id), "the task graph")
        values = pool.submit(
            _fetch, lambda: api.client.jobs.get_parameters(job_id), "the job's parameters"
        )
        plugins = pool.submit(
            _download_bundle,
            api,
            ("entrypoints", entrypoint_id, "snapshots", snapshot_id, "plugins", "bundle"),
            layout.plugins,
            "the entrypoint's plugins",
            layout.downloads,
        )
        document, parameters = config.result(), values.result()
        plugins.result()
    if not isinstance(document, dict):
        raise JobFailure(f"the job's task graph is not a document: {type(document).__name__}")
    layout.document.write_text(yaml.safe_dump(document, sort_keys=False))
    layout.parameters.write_text(json.dumps(parameters))
    sys.path[:0] = [str(layout.plugins)]
    prepared = PreparedJob(
        document=document,
        parameters=dict(parameters or {}),
        swaps=job_swaps(job),
        plugin_paths=[layout.plugins],
    )

    if document.get("artifact_outputs"):
        prepared.artifact_tasks = _artifact_output_tasks(api, entrypoint_id, snapshot_id, layout)
        prepared.plugin_paths.append(layout.serialize)
    if document.get("artifact_inputs"):
        prepared.artifact_inputs = _artifact_inputs(api, job_id, layout)
    return prepared


def _fetch(call: Any, what: str) -> Any:
    try:
        return with_retry(call, what=f"download of {what}")
    except StatusCodeError as error:
        raise JobFailure(f"cannot get {what}: {error.message}", str(error)) from None
    except DioptraClientError as error:
        raise JobFailure(f"cannot get {what}: {error}") from None


def _download_bundle(
    api: JobApi, parts: tuple[str | int, ...], target: Path, what: str, downloads: Path
) -> list[str]:
    """Download a tar.gz bundle and unpack it (manifest included) into ``target``."""
    archive = downloads / f"{target.name.lstrip('.')}.tar.gz"
    _fetch(lambda: api.download_to(archive, *parts, params={"fileType": "tar_gz"}), what)
    return _unpack(archive, target, what, MAX_BUNDLE_BYTES)


def _unpack(archive: Path, target: Path, what: str, limit: int) -> list[str]:
    try:
        members = extract_archive(archive, target, max_total_bytes=limit, max_members=MAX_MEMBERS)
    except StorageError as error:
        raise JobFailure(f"cannot unpack {what}: {error}") from None
    archive.unlink(missing_ok=True)
    return members


def _artifact_output_tasks(
    api: JobApi, entrypoint_id: int, snapshot_id: int, layout: JobLayout
) -> dict[str, ArtifactTaskRef]:
    plugins = _fetch(
        lambda: api.client.entrypoints.snapshots.get_artifact_plugins(entrypoint_id, snapshot_id),
        "the entrypoint's artifact plugins",
    )
    _download_bundle(
        api,
        ("entrypoints", entrypoint_id, "snapshots", snapshot_id, "artifactPlugins", "bundle"),
        layout.serialize,
        "the entrypoint's artifact plugins",
        layout.downloads,
    )
    sys.path.insert(1, str(layout.serialize))
    tasks: dict[str, ArtifactTaskRef] = {}
    for plugin in plugins or []:
        for plugin_file in plugin.get("files") or []:
            module = plugin_module_name(str(plugin["name"]), str(plugin_file["filename"]))
            for task in (plugin_file.get("tasks") or {}).get("artifacts") or []:
                name = str(task["name"])
                tasks[name] = ArtifactTaskRef(
                    cls=import_artifact_task(module, name),
                    plugin_snapshot_id=_int_or_none(plugin.get("snapshotId")),
                    task_id=_int_or_none(task.get("id")),
                )
    return tasks


def import_artifact_task(module_name: str, class_name: str) -> type[ArtifactTaskInterface]:
    where = f"artifact task {class_name!r} (module {module_name!r})"
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # any failure of plugin code while importing
        raise JobFailure(
            f"{where}: cannot import: {type(error).__name__}: {error}",
            _traceback_text(error),
        ) from None
    cls = getattr(module, class_name, None)
    if not (inspect.isclass(cls) and issubclass(cls, ArtifactTaskInterface)):
        raise JobFailure(f"{where}: no class deriving from ArtifactTaskInterface")
    return cls


def _artifact_inputs(api: JobApi, job_id: int, layout: JobLayout) -> dict[str, ArtifactInput]:
    parameters = _fetch(
        lambda: api.client.jobs.get_artifact_parameters(job_id), "the job's artifact parameters"
    )
    inputs: dict[str, ArtifactInput] = {}
    for name, artifact in (parameters or {}).items():
        task = artifact["artifact_task"]
        package = _deserialize_plugin(
            api, int(task["plugin_id"]), int(task["plugin_snapshot_id"]), layout
        )
        cls = import_artifact_task(
            plugin_module_name(package, str(task["file_name"])), str(task["task_name"])
        )
        folder, path = _download_artifact(api, artifact, layout)
        inputs[name] = ArtifactInput(task=cls, working_dir=folder, path=path)
    return inputs


def _deserialize_plugin(api: JobApi, plugin_id: int, snapshot_id: int, layout: JobLayout) -> str:
    """Unpack the plugin snapshot of an artifact task as its own package; its name."""
    package = f"{DESERIALIZE_PACKAGE_PREFIX}_{plugin_id}_{snapshot_id}"
    target = layout.deserialize / package
    if target.exists():
        return package
    staging = layout.deserialize / f".{package}"
    _download_bundle(
        api,
        ("plugins", plugin_id, "snapshots", snapshot_id, "files", "bundle"),
        staging,
        f"the artifact plugin {plugin_id} (snapshot {snapshot_id})",
        layout.downloads,
    )
    folders = [entry for entry in staging.iterdir() if entry.is_dir()]
    source = folders[0] if len(folders) == 1 else staging
    shutil.move(str(source), str(target))
    shutil.rmtree(staging, ignore_errors=True)
    if str(layout.deserialize) not in sys.path:
        sys.path.append(str(layout.deserialize))
    importlib.invalidate_caches()
    return package


def _download_artifact(
    api: JobApi, artifact: Mapping[str, Any], layout: JobLayout
) -> tuple[Path, str]:
    artifact_id, snapshot_id = int(artifact["artifact_id"]), int(artifact["artifact_snapshot_id"])
    folder = layout.artifacts / f"{artifact_id}_{snapshot_id}"
    name = (
        PurePosixPath(str(artifact["artifact_uri"]).rstrip("/")).name or f"artifact_{artifact_id}"
    )
    parts = ("artifacts", artifact_id, "snapshots", snapshot_id, "contents")
    what = f"artifact {artifact_id} (snapshot {snapshot_id})"
    logger.info("downloading %s", what)
    if not artifact.get("is_dir"):
        folder.mkdir(parents=True, exist_ok=True)
        _fetch(lambda: api.download_to(folder / name, *parts, params={}), what)
        return folder, name
    archive = layout.downloads / f"artifact_{artifact_id}_{snapshot_id}.tar.gz"
    _fetch(lambda: api.download_to(archive, *parts, params={"fileType": "tar_gz"}), what)
    _unpack(archive, folder, what, MAX_ARTIFACT_BYTES)
    if not (folder / name).exists():
        # An archive without a top folder holds the directory's contents themselves.
        return folder.parent, folder.name
    return folder, name


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _traceback_text(error: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(error))
