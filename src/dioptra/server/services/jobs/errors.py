"""Domain errors of jobs, their artifacts and workers (names follow Dioptra's)."""

from __future__ import annotations

from collections.abc import Sequence

from dioptra.server.services.core.errors import DioptraError, LockError


class JobInvalidStatusTransitionError(DioptraError):
    def __init__(self, current: str | None = None, requested: str | None = None) -> None:
        detail = f" (from {current!r} to {requested!r})" if current and requested else ""
        super().__init__(f"The requested job status update is invalid{detail}.")


class JobNotQueuedError(DioptraError):
    """A worker tried to claim a job that is no longer queued (409)."""

    def __init__(self, job_id: int, status: str) -> None:
        super().__init__(
            f"Job {job_id} cannot be claimed: its status is {status!r}, not 'queued'.",
            {"job_id": job_id, "status": status},
        )


class JobParameterMissingError(DioptraError):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(f"The following job Parameters are missing a value: {','.join(names)}.")


class JobInvalidParameterNameError(DioptraError):
    def __init__(self, names: Sequence[str], *, artifact: bool = False) -> None:
        kind = "artifact parameter" if artifact else "parameter"
        if len(names) == 1:
            message = (
                f"Provided job {kind} name, {names[0]}, does not match any entrypoint parameters."
            )
        else:
            message = (
                f"Provided job {kind} names, {', '.join(names)}, do not match any "
                "entrypoint parameters."
            )
        super().__init__(message)


class JobParameterValueError(DioptraError):
    """A value does not coerce to its parameter's declared type."""


class JobTimeoutError(DioptraError):
    """A job timeout that is not a duration (400)."""


class JobArtifactParameterMissingError(DioptraError):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            f"The following job Artifact Parameters are missing a value: {','.join(names)}."
        )


class ArtifactParameterTypeMismatchError(DioptraError):
    def __init__(self, names: Sequence[str], given: Sequence[str], expected: Sequence[str]) -> None:
        super().__init__(
            f"Artifact parameter type mismatch for parameter with name(s): {list(names)}."
            f" Given types: {list(given)}, expected: {list(expected)}."
        )


class EntityNotRegisteredError(DioptraError):
    def __init__(self, parent_type: str, parent_id: int, child_type: str, child_id: int) -> None:
        super().__init__(
            f"The requested {child_type} having id ({child_id}) is not registered to the "
            f"{parent_type} having id ({parent_id})."
        )


class SwapChoiceError(DioptraError):
    pass


class UnspecifiedSwapsError(DioptraError):
    pass


class JobMlflowRunAlreadySetError(DioptraError):
    def __init__(self) -> None:
        super().__init__(
            "The requested job already has an mlflow run id set. It may not be changed."
        )


class JobMlflowRunTakenError(DioptraError):
    """Another job has the run: registering files by URI trusts a run to belong to one job."""

    def __init__(self, run_id: str, job_id: int) -> None:
        super().__init__(f"The mlflow run {run_id} is already the run of job {job_id}.")


class JobTokenScopeError(LockError):
    """A job token was used for something other than its own job (403)."""

    def __init__(self, job_id: int, what: str) -> None:
        super().__init__(
            f"A token of job {job_id} may act only on that job; it cannot {what}.",
            {"job_id": job_id},
        )


class ArtifactNotStoredError(DioptraError):
    """Registration names a URI that is not in the artifact store (400)."""

    def __init__(self, uri: str, reason: str = "nothing is stored there") -> None:
        super().__init__(f"The artifact URI {uri} cannot be registered: {reason}.")
        self.reason = reason


class JobMlflowRunNotSetError(DioptraError):
    """An operation needs the job's MLflow run id, and none was set (400, as Dioptra)."""

    def __init__(self, job_id: int) -> None:
        super().__init__(
            f"Job {job_id} has no MLflow run id; set it first (POST /jobs/{job_id}/mlflowRun).",
            {"job_id": job_id},
        )


class ArtifactUnreadableError(DioptraError):
    """A registered artifact's bytes can no longer be read where it was registered (400)."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(f"The artifact at {uri} cannot be read: {reason}.", {"uri": uri})


class JobNotRunningError(DioptraError):
    """Bytes were uploaded for a job that is not running (409)."""

    def __init__(self, job_id: int, status: str) -> None:
        super().__init__(
            f"Job {job_id} is {status!r}: artifacts can be uploaded only while it is 'started'.",
            {"job_id": job_id, "status": status},
        )


class ArtifactUploadError(DioptraError):
    """An upload was refused (bad name, too large, already stored)."""


class ArtifactStoreError(DioptraError):
    """The artifact store failed to take an upload (unreachable, failing: 503)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"The artifact store cannot take the upload: {cause}")


class ArtifactStoreFullError(ArtifactStoreError):
    """The artifact store has no room left for an upload (507)."""


class ArtifactContentsError(DioptraError):
    """A download request does not fit the artifact (a path in a file, a bad member)."""
