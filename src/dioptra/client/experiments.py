"""The `/experiments` collection, its entrypoint links and its jobs."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from .base import IdListSubCollectionClient, SubCollectionClient, list_params, without_none
from .resources import ResourceCollectionClient
from .sessions import DioptraSession

T = TypeVar("T")


def swaps_body(swaps: list[dict[str, str]] | dict[str, str]) -> list[dict[str, str]]:
    """Task swaps as the job body carries them: a list of {swap_name, task_alias}."""
    if isinstance(swaps, dict):
        return [{"swap_name": name, "task_alias": alias} for name, alias in swaps.items()]
    return list(swaps)


class ExperimentEntrypointsSubCollectionClient(IdListSubCollectionClient[T]):
    """The entrypoints an experiment can run."""

    name: ClassVar[str] = "entrypoints"

    def get(self, experiment_id: int | str) -> T:
        return self._get_ids(experiment_id)

    def create(self, experiment_id: str | int, entrypoint_ids: list[int]) -> T:
        """Add entrypoints to the experiment."""
        return self._append_ids(experiment_id, entrypoint_ids)

    def delete(self, experiment_id: str | int) -> T:
        return self._remove_all(experiment_id)

    def modify_by_id(self, experiment_id: str | int, entrypoint_ids: list[int]) -> T:
        """Replace the experiment's entrypoints with exactly `entrypoint_ids`."""
        return self._replace_ids(experiment_id, entrypoint_ids)

    def delete_by_id(self, experiment_id: str | int, entrypoint_id: str | int) -> T:
        return self._remove_one(experiment_id, entrypoint_id)


class ExperimentJobsSubCollectionClient(SubCollectionClient[T]):
    """The jobs of an experiment; jobs are submitted here."""

    name: ClassVar[str] = "jobs"

    def get(
        self,
        experiment_id: str | int,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        params = list_params(
            index, page_length, sort_by=sort_by, descending=descending, search=search
        )
        return self._session.get(self.build_sub_collection_url(experiment_id), params=params)

    def get_by_id(self, experiment_id: str | int, job_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(experiment_id), job_id)

    def create(
        self,
        experiment_id: str | int,
        entrypoint_id: int,
        queue_id: int,
        entrypoint_snapshot_id: int | None = None,
        values: dict[str, Any] | None = None,
        artifact_values: dict[str, Any] | None = None,
        timeout: str | None = None,
        description: str | None = None,
        swaps: list[dict[str, str]] | dict[str, str] | None = None,
    ) -> T:
        """Submit a job.

        Args:
            values: Entrypoint parameter values, each given as a string.
            artifact_values: Artifact parameter inputs: `{name: {"id", "snapshotId"}}`.
            timeout: A duration such as "24h" or "30m".
            swaps: Task swaps as `{swap: alias}` or `[{"swap_name", "task_alias"}]`.
        """
        body = {"entrypoint": entrypoint_id, "queue": queue_id} | without_none(
            {
                "entrypointSnapshot": entrypoint_snapshot_id,
                "values": values,
                "artifactValues": artifact_values,
                "timeout": timeout,
                "description": description,
                "swaps": None if swaps is None else swaps_body(swaps),
            }
        )
        return self._session.post(self.build_sub_collection_url(experiment_id), json_=body)

    def delete_by_id(self, experiment_id: str | int, job_id: str | int) -> T:
        return self._session.delete(self.build_sub_collection_url(experiment_id), job_id)

    def create_artifact(
        self,
        experiment_id: str | int,
        job_id: str | int,
        uri: str,
        description: str | None = None,
    ) -> T:
        body = {"uri": uri} | without_none({"description": description})
        return self._session.post(
            self.build_sub_collection_url(experiment_id), job_id, "artifacts", json_=body
        )

    def get_mlflow_run_id(self, experiment_id: str | int, job_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(experiment_id), job_id, "mlflowRun")

    def set_mlflow_run_id(
        self, experiment_id: str | int, job_id: str | int, mlflow_run_id: str
    ) -> T:
        return self._session.post(
            self.build_sub_collection_url(experiment_id),
            job_id,
            "mlflowRun",
            json_={"mlflowRunId": mlflow_run_id},
        )

    def get_status(self, experiment_id: str | int, job_id: str | int) -> T:
        return self._session.get(self.build_sub_collection_url(experiment_id), job_id, "status")

    def set_status(self, experiment_id: str | int, job_id: str | int, status: str) -> T:
        return self._session.put(
            self.build_sub_collection_url(experiment_id),
            job_id,
            "status",
            json_={"status": status},
        )


class ExperimentsCollectionClient(ResourceCollectionClient[T]):
    """Experiments group entrypoints and the jobs run from them."""

    name: ClassVar[str] = "experiments"
    draft_fields = ("name", "description", "entrypoints")

    def __init__(self, session: DioptraSession[T]) -> None:
        super().__init__(session)
        self._entrypoints = ExperimentEntrypointsSubCollectionClient[T](
            session, root_collection=self
        )
        self._jobs = ExperimentJobsSubCollectionClient[T](session, root_collection=self)

    @property
    def entrypoints(self) -> ExperimentEntrypointsSubCollectionClient[T]:
        return self._entrypoints

    @property
    def jobs(self) -> ExperimentJobsSubCollectionClient[T]:
        return self._jobs

    def get(
        self,
        group_id: int | None = None,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
        show_deleted: bool | None = None,
    ) -> T:
        return self._list(group_id, index, page_length, sort_by, descending, search, show_deleted)

    def get_by_id(self, experiment_id: str | int) -> T:
        return self._get_one(experiment_id)

    def create(
        self,
        group_id: int,
        name: str,
        description: str | None = None,
        entrypoints: list[int] | None = None,
    ) -> T:
        body = {"group": group_id, "name": name} | without_none(
            {"description": description, "entrypoints": entrypoints}
        )
        return self._session.post(self.url, json_=body)

    def modify_by_id(
        self,
        experiment_id: str | int,
        name: str,
        description: str | None,
        entrypoints: list[int] | None,
    ) -> T:
        """Replace an experiment's fields; `entrypoints=None` unlinks every entrypoint."""
        body = {"name": name} | without_none(
            {"description": description, "entrypoints": entrypoints}
        )
        return self._session.put(self.url, experiment_id, json_=body)

    def delete_by_id(self, experiment_id: str | int) -> T:
        return self._delete_one(experiment_id)

    def get_metrics_by_id(
        self,
        experiment_id: str | int,
        index: int = 0,
        page_length: int = 10,
        sort_by: str | None = None,
        descending: bool | None = None,
        search: str | None = None,
    ) -> T:
        """The latest metrics of each job of the experiment, paged by job."""
        params = list_params(
            index, page_length, sort_by=sort_by, descending=descending, search=search
        )
        return self._session.get(self.url, experiment_id, "metrics", params=params)
