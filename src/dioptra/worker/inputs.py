"""Fetching what a job runs, over REST with the job's token.

The document (rendered with the job's swaps) and the parameter values go into the job's
working directory; plugin bundles come from the worker's bundle cache (downloaded once
per snapshot); each artifact input is downloaded with the plugin of the artifact task
that loads it. Fetching runs no plugin code: the artifact task classes are imported
afterwards (``PreparedJob.import_artifact_tasks``), once the job process is confined.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import logging
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from dioptra.client import DioptraClientError, StatusCodeError
from dioptra.engine import ArtifactInput
from dioptra.sdk.api.artifact import ArtifactTaskInterface
from dioptra.storage import ArtifactStore, StorageError, extract_archive
from dioptra.worker.api import JobApi, with_retry
from dioptra.worker.bundle_cache import BundleCache
from dioptra.worker.errors import JobFailure
from dioptra.worker.layout import JobLayout

logger = logging.getLogger("dioptra.worker")

# Bundles come from our own server, but an archive is still checked before unpacking.
MAX_BUNDLE_BYTES = 1024**3
MAX_ARTIFACT_BYTES = 1024**4
MAX_MEMBERS = 100_000
DESERIALIZE_PACKAGE_PREFIX = "dioptra_artifact_plugin"
ARTIFACT_PLUGINS_LISTING = "artifact_plugins.json"
# libyaml's emitter where PyYAML has it: several times faster than the pure-Python one.
SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class ArtifactTaskRef:
    """An artifact task class and where it was registered (for artifact registration)."""

    cls: type[ArtifactTaskInterface]
    plugin_snapshot_id: int | None
    task_id: int | None


@dataclass(frozen=True)
class FetchedInput:
    """An artifact input on disk, and the artifact task (not imported yet) that loads it."""

    module: str
    task_name: str
    working_dir: Path
    path: str
    plugin_folder: Path


@dataclass
class PreparedJob:
    document: dict[str, Any]
    parameters: dict[str, Any]
    swaps: dict[str, str]
    plugin_paths: list[Path]
    serialize_dir: Path | None = None
    fetched_inputs: dict[str, FetchedInput] = field(default_factory=dict)
    artifact_tasks: dict[str, ArtifactTaskRef] = field(default_factory=dict)
    artifact_inputs: dict[str, ArtifactInput] = field(default_factory=dict)

    @property
    def code_folders(self) -> list[Path]:
        """Every folder the job imports plugin code from."""
        return [*self.plugin_paths, *(f.plugin_folder for f in self.fetched_inputs.values())]

    def import_artifact_tasks(self) -> None:
        """Import the artifact task classes of the outputs and inputs: plugin code, so
        only once the job process is confined. Raises ``JobFailure``."""
        if self.serialize_dir is not None:
            self.artifact_tasks = artifact_output_tasks(self.serialize_dir)
        for name, fetched in self.fetched_inputs.items():
            self.artifact_inputs[name] = ArtifactInput(
                task=import_artifact_task(fetched.module, fetched.task_name),
                working_dir=fetched.working_dir,
                path=fetched.path,
            )


def plugin_module_name(package: str, filename: str) -> str:
    """``pkg`` + ``"sub/tasks.py"`` -> ``"pkg.sub.tasks"`` (an ``__init__.py`` names its folder)."""
    parts = list(PurePosixPath(filename).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def job_swaps(job: Mapping[str, Any]) -> dict[str, str]:
    return {str(s["swapName"]): str(s["taskAlias"]) for s in job.get("swaps") or []}


def _in_parallel(calls: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each call's result: independent round trips run in parallel, a single one (the
    usual case: the claim brought the rest and the bundle is cached) in this thread,
    since a job process must be back to one thread before it confines itself."""
    if len(calls) <= 1:
        return {name: call() for name, call in calls.items()}
    with ThreadPoolExecutor(max_workers=len(calls), thread_name_prefix="fetch") as pool:
        futures = {name: pool.submit(call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}


def prepare_job(
    api: JobApi,
    job: Mapping[str, Any],
    layout: JobLayout,
    cache: BundleCache,
    store: ArtifactStore | None = None,
    *,
    config: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
) -> PreparedJob:
    """Download everything the job needs; raises ``JobFailure`` with a clear message.

    ``config`` and ``parameters``: the job's task graph and values when the claim
    brought them (they are fetched otherwise).

    Artifact inputs kept in ``store`` (when the worker can reach the artifact store) are
    taken from it directly rather than streamed through the server: hard-linked where the
    store is a local folder on the job's file system, else copied.
    """
    return _Fetcher(api, layout, cache, store).prepare(job, config, parameters)


class _Fetcher:
    def __init__(
        self, api: JobApi, layout: JobLayout, cache: BundleCache, store: ArtifactStore | None
    ) -> None:
        self.api = api
        self.layout = layout
        self.cache = cache
        self.store = store

    def prepare(
        self,
        job: Mapping[str, Any],
        known_config: dict[str, Any] | None,
        known_parameters: dict[str, Any] | None,
    ) -> PreparedJob:
        self.layout.create()
        job_id = int(job["id"])
        entrypoint_id = int(job["entrypoint"]["id"])
        snapshot_id = int(job["entrypoint"]["snapshotId"])
        snapshot = ("entrypoints", entrypoint_id, "snapshots", snapshot_id)
        api = self.api
        plugins_name = f"entrypoint-{entrypoint_id}-{snapshot_id}-plugins"
        calls: dict[str, Callable[[], Any]] = {}
        if known_config is None:
            calls["config"] = lambda: fetch(
                lambda: api.client.jobs.get_config(job_id), "the task graph"
            )
        if known_parameters is None:
            calls["parameters"] = lambda: fetch(
                lambda: api.client.jobs.get_parameters(job_id), "the job's parameters"
            )
        cached_plugins = self.cache.cached(plugins_name)
        if cached_plugins is None:
            calls["plugins"] = lambda: self.cache.folder(
                plugins_name,
                lambda folder: self.unpack_bundle(
                    (*snapshot, "plugins", "bundle"), folder, "the entrypoint's plugins"
                ),
            )
        if len(calls) > 1:
            api.client.session.url  # noqa: B018  made here, once, before threads share it
        fetched = _in_parallel(calls)
        document = fetched.get("config", known_config)
        parameters = fetched.get("parameters", known_parameters)
        plugin_dir: Path = fetched["plugins"] if cached_plugins is None else cached_plugins
        if not isinstance(document, dict):
            raise JobFailure(f"the job's task graph is not a document: {type(document).__name__}")
        self.layout.document.write_text(yaml.dump(document, Dumper=SAFE_DUMPER, sort_keys=False))
        self.layout.parameters.write_text(json.dumps(parameters))
        prepared = PreparedJob(
            document=document,
            parameters=dict(parameters or {}),
            swaps=job_swaps(job),
            plugin_paths=[plugin_dir],
        )
        sys.path.insert(0, str(plugin_dir))
        if document.get("artifact_outputs"):
            serialize_dir = self.cache.folder(
                f"entrypoint-{entrypoint_id}-{snapshot_id}-artifact-plugins",
                lambda folder: self.artifact_plugins(snapshot, folder),
            )
            sys.path.insert(1, str(serialize_dir))
            prepared.plugin_paths.append(serialize_dir)
            prepared.serialize_dir = serialize_dir
        if document.get("artifact_inputs"):
            prepared.fetched_inputs = self.artifact_inputs(job_id)
        return prepared

    def unpack_bundle(self, parts: tuple[str | int, ...], target: Path, what: str) -> None:
        """Download a tar.gz bundle and unpack it (manifest included) into ``target``."""
        archive = self.layout.downloads / f"{'-'.join(map(str, parts))}.tar.gz"
        fetch(lambda: self.api.download_to(archive, *parts, params={"fileType": "tar_gz"}), what)
        unpack(archive, target, what, MAX_BUNDLE_BYTES)

    def artifact_plugins(self, snapshot: tuple[str | int, ...], target: Path) -> None:
        """The artifact plugins bundle, with their listing (task ids) beside it."""
        what = "the entrypoint's artifact plugins"
        listing = fetch(
            lambda: self.api.client.session.request_json(
                "get", self.api.client.session.url, *snapshot, "artifactPlugins"
            ),
            what,
        )
        self.unpack_bundle((*snapshot, "artifactPlugins", "bundle"), target, what)
        (target / ARTIFACT_PLUGINS_LISTING).write_text(json.dumps(listing))

    def artifact_inputs(self, job_id: int) -> dict[str, FetchedInput]:
        parameters = fetch(
            lambda: self.api.client.jobs.get_artifact_parameters(job_id),
            "the job's artifact parameters",
        )
        inputs: dict[str, FetchedInput] = {}
        for name, artifact in (parameters or {}).items():
            task = artifact["artifact_task"]
            plugin_id, snapshot_id = int(task["plugin_id"]), int(task["plugin_snapshot_id"])
            package = f"{DESERIALIZE_PACKAGE_PREFIX}_{plugin_id}_{snapshot_id}"
            folder = self.cache.folder(
                f"plugin-{plugin_id}-{snapshot_id}",
                functools.partial(self.deserialize_plugin, plugin_id, snapshot_id, package),
            )
            if str(folder) not in sys.path:
                sys.path.append(str(folder))
            location, path = self.download_artifact(artifact)
            inputs[name] = FetchedInput(
                module=plugin_module_name(package, str(task["file_name"])),
                task_name=str(task["task_name"]),
                working_dir=location,
                path=path,
                plugin_folder=folder,
            )
        return inputs

    def deserialize_plugin(
        self, plugin_id: int, snapshot_id: int, package: str, target: Path
    ) -> None:
        """A plugin snapshot unpacked as the package ``package`` (inside ``target``), so
        that artifact tasks of several snapshots of one plugin can live side by side."""
        staging = target / ".bundle"
        self.unpack_bundle(
            ("plugins", plugin_id, "snapshots", snapshot_id, "files", "bundle"),
            staging,
            f"the artifact plugin {plugin_id} (snapshot {snapshot_id})",
        )
        folders = [entry for entry in staging.iterdir() if entry.is_dir()]
        source = folders[0] if len(folders) == 1 else staging
        shutil.move(str(source), str(target / package))
        shutil.rmtree(staging, ignore_errors=True)

    def download_artifact(self, artifact: Mapping[str, Any]) -> tuple[Path, str]:
        artifact_id = int(artifact["artifact_id"])
        snapshot_id = int(artifact["artifact_snapshot_id"])
        folder = self.layout.artifacts / f"{artifact_id}_{snapshot_id}"
        uri = str(artifact["artifact_uri"]).rstrip("/")
        name = PurePosixPath(uri).name or f"artifact_{artifact_id}"
        parts = ("artifacts", artifact_id, "snapshots", snapshot_id, "contents")
        what = f"artifact {artifact_id} (snapshot {snapshot_id})"
        started = time.perf_counter()
        if self.take_from_store(uri, folder / name):
            how = "linked" if shares_bytes(folder / name) else "copied"
            logger.info("%s %s from the artifact store in %.3f s", how, what, elapsed(started))
            return folder, name
        if not artifact.get("is_dir"):
            folder.mkdir(parents=True, exist_ok=True)
            fetch(lambda: self.api.download_to(folder / name, *parts, params={}), what)
            logger.info("downloaded %s in %.3f s", what, elapsed(started))
            return folder, name
        archive = self.layout.downloads / f"artifact_{artifact_id}_{snapshot_id}.tar.gz"
        fetch(lambda: self.api.download_to(archive, *parts, params={"fileType": "tar_gz"}), what)
        unpack(archive, folder, what, MAX_ARTIFACT_BYTES)
        logger.info("downloaded and unpacked %s in %.3f s", what, elapsed(started))
        if not (folder / name).exists():
            # An archive without a top folder holds the directory's contents themselves.
            return folder.parent, folder.name
        return folder, name

    def take_from_store(self, uri: str, target: Path) -> bool:
        """Link (or copy) an artifact out of the store the worker can reach; False if it
        is not there (another store, or none), so it is downloaded instead.

        A linked file is the stored object itself, so the store makes it read-only: a
        deserializer that writes into the path it was given fails with PermissionError
        instead of changing the artifact for every later job. Mode bits do not stop root;
        a worker running untrusted plugins as root is not protected by this.
        """
        if self.store is None:
            return False
        try:
            key = self.store.key_for_uri(uri)
            if key is None or not self.store.exists(key):
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            self.store.get_to_path(key, target, link=True)
        except (StorageError, OSError) as error:
            logger.warning(
                "reading %s from the artifact store failed (%s); downloading", uri, error
            )
            return False
        return True


def shares_bytes(path: Path) -> bool:
    """Whether a file (or any file of a folder) has another name: a hard link."""
    files = path.rglob("*") if path.is_dir() else [path]
    return any(file.is_file() and file.stat().st_nlink > 1 for file in files)


def elapsed(started: float) -> float:
    return time.perf_counter() - started


def fetch(call: Callable[[], Any], what: str) -> Any:
    try:
        return with_retry(call, what=f"download of {what}")
    except StatusCodeError as error:
        raise JobFailure(f"cannot get {what}: {error.message}", str(error)) from None
    except DioptraClientError as error:
        raise JobFailure(f"cannot get {what}: {error}") from None


def unpack(archive: Path, target: Path, what: str, limit: int) -> None:
    try:
        extract_archive(archive, target, max_total_bytes=limit, max_members=MAX_MEMBERS)
    except StorageError as error:
        raise JobFailure(f"cannot unpack {what}: {error}") from None
    finally:
        archive.unlink(missing_ok=True)


def artifact_output_tasks(serialize_dir: Path) -> dict[str, ArtifactTaskRef]:
    """Import the artifact task classes the listing of the artifact plugins names."""
    listing = json.loads((serialize_dir / ARTIFACT_PLUGINS_LISTING).read_text())
    tasks: dict[str, ArtifactTaskRef] = {}
    for plugin in listing or []:
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
        details = "".join(traceback.format_exception(error))
        message = f"{where}: cannot import: {type(error).__name__}: {error}"
        raise JobFailure(message, details) from None
    cls = getattr(module, class_name, None)
    if not (inspect.isclass(cls) and issubclass(cls, ArtifactTaskInterface)):
        raise JobFailure(f"{where}: no class deriving from ArtifactTaskInterface")
    return cls


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)
