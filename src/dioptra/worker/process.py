"""The job process: the child that fetches a job's inputs, runs its task graph and
stores its artifacts. Its supervisor reads its output and reports its status.

It runs with the job's working directory as its current directory and, in its
environment, ``__JOB_ID``, ``DIOPTRA_API`` and ``DIOPTRA_API_TOKEN`` (the job's token),
so plugin code written for Dioptra (``get_authenticated_worker_client``) works unchanged.
Once its inputs are fetched, and before any plugin code is imported, it confines itself
(``confinement.py``): the server's data folder is out of its reach.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import sys
import tempfile
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from dioptra.job_states import FAILED, FINISHED
from dioptra.worker.capture import install_log_capture, redirect_output
from dioptra.worker.confinement import Confinement, ConfinementError, confine
from dioptra.worker.errors import JobFailure
from dioptra.worker.import_learning import record_imports, write_import_report
from dioptra.worker.layout import JobLayout

if TYPE_CHECKING:
    from dioptra.worker.inputs import PreparedJob

logger = logging.getLogger("dioptra.worker")

# The only DIOPTRA_* variables plugin code sees: the worker's own settings (database URL,
# secret key, worker login, ...) are removed, so the job runs with its own token only.
JOB_VARIABLES: Final[frozenset[str]] = frozenset({"DIOPTRA_API", "DIOPTRA_API_TOKEN"})
EXIT_FINISHED: Final[int] = 0
EXIT_FAILED: Final[int] = 1
_PR_SET_PDEATHSIG: Final[int] = 1


@dataclass(frozen=True)
class JobSpec:
    """Everything the job process needs (it is pickled to reach the process)."""

    api_url: str
    job: dict[str, Any]
    experiment_id: int | None
    token: str
    working_dir: str
    store_url: str | None = None
    storage_options: dict[str, Any] = field(default_factory=dict)
    cache_dir: str | None = None  # the worker's bundle cache (None: the job's own folder)
    # What the claim brought along (None: the job process fetches it).
    config: dict[str, Any] | None = None
    parameters: dict[str, Any] | None = None
    # What the job process must not reach (None: it runs unconfined).
    confinement: Confinement | None = None

    @property
    def job_id(self) -> int:
        return int(self.job["id"])


def job_process_main(
    spec: JobSpec, stdout: Connection, stderr: Connection, records: Connection
) -> None:
    """Entry point of the job process (``multiprocessing`` target)."""
    _detach_from_fork_server()
    _die_with_parent()
    os.setsid()  # its own process group: a cancel kills whatever the job started too
    redirect_output(stdout.fileno(), stderr.fileno())
    install_log_capture(records.fileno())
    os.chdir(spec.working_dir)
    for name in [name for name in os.environ if name.startswith("DIOPTRA_")]:
        if name not in JOB_VARIABLES:
            del os.environ[name]
    os.environ.update(
        {
            "__JOB_ID": str(spec.job_id),
            "DIOPTRA_API": spec.api_url,
            "DIOPTRA_API_TOKEN": spec.token,
        }
    )
    layout = JobLayout(Path(spec.working_dir))
    result: dict[str, Any]
    try:
        run_job_body(spec, layout)
        result, code = {"status": FINISHED}, EXIT_FINISHED
    except JobFailure as failure:
        details = f"\n{failure.details.rstrip()}" if failure.details else ""
        logger.error("job %s failed: %s%s", spec.job_id, failure, details)
        result, code = {"status": FAILED, "message": str(failure)}, EXIT_FAILED
    except BaseException as error:  # a bug of ours, or something killed the interpreter
        logger.exception("job %s failed in the worker", spec.job_id)
        message = f"the worker failed: {type(error).__name__}: {error}"
        result, code = {"status": FAILED, "message": message.splitlines()[0]}, EXIT_FAILED
    try:
        layout.result.write_text(json.dumps(result))
        write_import_report(layout.imports)
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        logging.shutdown()
    sys.exit(code)


def run_job_body(spec: JobSpec, layout: JobLayout) -> None:
    """Fetch, run, store: the work of one job (raises ``JobFailure``)."""
    from dioptra.engine import (
        EngineError,
        ExperimentValidationError,
        TaskExecutionError,
        list_swaps,
        run_experiment,
    )
    from dioptra.storage import ArtifactStore, is_local_store_url
    from dioptra.worker.api import JobApi
    from dioptra.worker.bundle_cache import BundleCache
    from dioptra.worker.inputs import prepare_job
    from dioptra.worker.outputs import RestUploader, StoreUploader, save_outputs

    api = JobApi(spec.api_url, spec.job_id, spec.token)
    try:
        cache_root = Path(spec.cache_dir) if spec.cache_dir else layout.meta / "bundles"
        cache = BundleCache(cache_root, spec.api_url)
        # fsspec runs a remote (S3) store on an I/O thread of its own, and a job process
        # must be single-threaded to confine itself: a confined job fetches its inputs
        # through the API and opens such a store once confined, for its outputs.
        opens_late = (
            spec.store_url is not None
            and spec.confinement is not None
            and not is_local_store_url(spec.store_url)
        )

        def open_store() -> ArtifactStore | None:
            if not spec.store_url:
                return None
            return ArtifactStore(spec.store_url, storage_options=spec.storage_options)

        store = None if opens_late else open_store()
        prepared = prepare_job(
            api, spec.job, layout, cache, store, config=spec.config, parameters=spec.parameters
        )
        if spec.confinement is not None:
            store_root = store.local_root if store else None
            confine_job(spec.confinement, spec.job_id, layout, prepared, store_root)
        if opens_late:
            store = open_store()
        record_imports(prepared.code_folders)  # from here on, plugin code runs
        prepared.import_artifact_tasks()
        offered = {info.swap_name for info in list_swaps(prepared.document)}
        try:
            result = run_experiment(
                prepared.document,
                prepared.parameters,
                swaps={k: v for k, v in prepared.swaps.items() if k in offered},
                working_dir=layout.root,
                artifact_inputs=prepared.artifact_inputs,
                artifact_tasks={name: ref.cls for name, ref in prepared.artifact_tasks.items()},
                plugin_paths=prepared.plugin_paths,
            )
        except TaskExecutionError as error:
            raise JobFailure(str(error), error.traceback_text) from None
        except ExperimentValidationError as error:
            count = sum(1 for issue in error.issues if issue.is_error)
            raise JobFailure(
                f"the job's task graph is not valid ({count} error(s))", str(error)
            ) from None
        except EngineError as error:
            raise JobFailure(str(error)) from None
        if result.artifacts:
            uploader = StoreUploader(store) if store is not None else RestUploader(api)
            save_outputs(
                api, spec.job, result.artifacts, prepared.artifact_tasks, uploader, layout.root
            )
    finally:
        api.close()


def confine_job(
    confinement: Confinement,
    job_id: int,
    layout: JobLayout,
    prepared: PreparedJob,
    store_root: Path | None,
) -> None:
    """Confine this job process before it runs plugin code; its temporary files go to
    its own folder from then on. Raises ``JobFailure`` where confining fails.

    A local artifact store holds every job's artifacts: only this job's folder in it
    stays open, for a job with artifact outputs.
    """
    from dioptra.worker.outputs import job_store_key

    store_folder = None
    if store_root is not None:
        private = (*confinement.private, os.path.realpath(store_root))
        confinement = replace(confinement, private=private)
        if prepared.serialize_dir is not None:  # the job has artifact outputs
            store_folder = store_root / job_store_key(job_id)
    try:
        if store_folder is not None:
            store_folder.mkdir(parents=True, exist_ok=True)
        confined = confine(
            confinement, layout.root, code=prepared.code_folders, store_folder=store_folder
        )
    except (ConfinementError, OSError) as error:
        raise JobFailure(f"the worker could not confine the job process: {error}") from None
    if confined:
        private_temp = layout.meta / "tmp"
        private_temp.mkdir(exist_ok=True)
        os.environ["TMPDIR"] = tempfile.tempdir = str(private_temp)
        # matplotlib's config and font cache must be writable; a folder shared between
        # jobs would let one job plant a matplotlibrc for the next.
        os.environ.setdefault("MPLCONFIGDIR", str(private_temp / "matplotlib"))


def _detach_from_fork_server() -> None:
    """Let go of the fork server's "a client is alive" pipe.

    multiprocessing hands it to every process the fork server starts, and the fork
    server stays up while any holder lives; a job process holding it would keep the
    fork server (its parent) alive after the worker died, so it would never be killed
    by ``_die_with_parent``. Plugin code that uses a fork server gets its own.
    """
    from multiprocessing import forkserver

    server: Any = getattr(forkserver, "_forkserver", None)
    if server is None:
        return
    if server._forkserver_alive_fd is not None:
        with contextlib.suppress(OSError):
            os.close(server._forkserver_alive_fd)
    server._forkserver_alive_fd = None
    server._forkserver_address = None
    server._forkserver_pid = None


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed worker must not
    leave its jobs running unsupervised)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
