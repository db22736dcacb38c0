"""Experiments and jobs through the original client: experiments with their entrypoints,
job submission (values, swaps in the dict and the list form, timeout, description), a
job's parameters, status, config, metrics, logs and MLflow run id, and job lists."""

from __future__ import annotations

import datetime
import math
import secrets
from typing import Any

from _support import done, expect_status, logged_in_client, names, public_group_id, unique
from _world import PARAMETERS, TASK_GRAPH, builtin_types, make_plugins


def experiments(client: Any, group: int, world: dict[str, Any]) -> dict[str, Any]:
    ep, other = world["ep"], world["other"]
    name = unique("exp")
    experiment = client.experiments.create(
        group_id=group, name=name, description="tries", entrypoints=[ep["id"]]
    )
    assert experiment["name"] == name and experiment["description"] == "tries", experiment
    assert [e["id"] for e in experiment["entrypoints"]] == [ep["id"]], experiment
    expect_status(409, client.experiments.create, group_id=group, name=name)
    assert client.experiments.get_by_id(experiment["id"])["id"] == experiment["id"]
    assert names(client.experiments.get(search=f"name:{name}")) == [name]

    def linked() -> list[int]:
        return [e["id"] for e in client.experiments.entrypoints.get(experiment["id"])]

    client.experiments.entrypoints.create(experiment["id"], entrypoint_ids=[other["id"]])
    assert linked() == [ep["id"], other["id"]]
    client.experiments.entrypoints.delete_by_id(experiment["id"], other["id"])
    assert linked() == [ep["id"]]
    client.experiments.entrypoints.modify_by_id(experiment["id"], entrypoint_ids=[other["id"]])
    assert linked() == [other["id"]]
    client.experiments.entrypoints.delete(experiment["id"])
    assert linked() == []
    client.experiments.entrypoints.create(experiment["id"], entrypoint_ids=[ep["id"], other["id"]])

    modified = client.experiments.modify_by_id(
        experiment["id"], name=name, description="tried", entrypoints=[ep["id"], other["id"]]
    )
    assert modified["description"] == "tried" and modified["snapshot"] > experiment["snapshot"]
    history = client.experiments.snapshots.get(experiment["id"])
    assert [s["description"] for s in history["data"]] == ["tries", "tried"], history
    tag = client.tags.create(group_id=group, name=unique("exp-tag"))
    client.experiments.tags.append(experiment["id"], ids=[tag["id"]])
    assert [t["name"] for t in client.experiments.tags.get(experiment["id"])] == [unique("exp-tag")]
    draft = client.experiments.new_resource_drafts.create(
        group_id=group, name=unique("drafted-exp"), description=None, entrypoints=[ep["id"]]
    )
    made = client.experiments.get_by_id(client.workflows.commit_draft(draft["id"])["id"][0])
    assert [e["id"] for e in made["entrypoints"]] == [ep["id"]], made
    client.experiments.delete_by_id(made["id"])
    assert client.experiments.get_by_id(made["id"])["deleted"] is True
    return modified


def submissions(
    client: Any, experiment: dict[str, Any], world: dict[str, Any]
) -> list[dict[str, Any]]:
    ep, queue = world["ep"], world["queue"]
    jobs = client.experiments.jobs

    small = jobs.create(
        experiment["id"],
        ep["id"],
        queue["id"],
        values={"n": "5"},
        swaps={"model": "small"},
        timeout="1h",
        description="small model",
    )
    assert small["status"] == "queued" and small["description"] == "small model", small
    assert small["timeout"] == "1h" and small["values"] == {"n": "5"}, small
    assert small["entrypoint"]["id"] == ep["id"] and small["queue"]["id"] == queue["id"], small
    assert small["experiment"]["id"] == experiment["id"], small
    # The list form, as the client passes it on (snake_case keys), and a pinned snapshot.
    large = jobs.create(
        experiment["id"],
        ep["id"],
        queue["id"],
        entrypoint_snapshot_id=ep["snapshot"],
        values={"epochs": "2"},
        swaps=[{"swap_name": "model", "task_alias": "large"}],
    )
    assert large["entrypoint"]["snapshotId"] == ep["snapshot"], large
    assert large["values"] == {"n": "3", "epochs": "2"}, large

    missing = expect_status(400, jobs.create, experiment["id"], ep["id"], queue["id"])
    assert missing["error"] == "UnspecifiedSwapsError", missing
    camel = expect_status(
        400,
        jobs.create,
        experiment["id"],
        ep["id"],
        queue["id"],
        swaps=[{"swapName": "model", "taskAlias": "large"}],
    )
    assert set(camel["errors"]["swaps"]["0"]) >= {"swap_name", "task_alias"}, camel
    expect_status(
        400, jobs.create, experiment["id"], ep["id"], queue["id"], swaps={"model": "huge"}
    )
    expect_status(
        400,
        jobs.create,
        experiment["id"],
        ep["id"],
        queue["id"],
        values={"n": "five"},
        swaps={"model": "small"},
    )
    return [small, large]


def job_records(client: Any, experiment: dict[str, Any], small: dict[str, Any]) -> None:
    job_id = small["id"]
    assert client.jobs.get_by_id(job_id)["id"] == job_id
    assert client.experiments.jobs.get_by_id(experiment["id"], job_id)["id"] == job_id
    # Coerced values of the parameters the chosen swap uses (``epochs`` is not).
    assert client.jobs.get_parameters(job_id) == {"n": 5}
    assert client.jobs.get_artifact_parameters(job_id) == {}
    assert client.jobs.get_status(job_id) == {"id": job_id, "status": "queued"}
    assert client.experiments.jobs.get_status(experiment["id"], job_id)["status"] == "queued"
    config = client.jobs.get_config(job_id)
    assert set(config["graph"]["train"]["?model"]) == {"?outputs", "small"}, config["graph"]

    # Metrics: latest value per name, history per name, special values as strings.
    client.jobs.append_metric_by_id(job_id, "loss", 0.5, 1)
    client.jobs.append_metric_by_id(job_id, "loss", 0.25, 2)
    client.jobs.append_metric_by_id(job_id, "acc", float("nan"))
    stamp = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    client.jobs.append_metric_by_id(job_id, "best", math.inf, timestamp=stamp)
    latest = {m["name"]: m["value"] for m in client.jobs.get_metrics_by_id(job_id)}
    assert latest == {"loss": 0.25, "acc": "nan", "best": "inf"}, latest
    history = client.jobs.get_metrics_snapshots_by_id(job_id, "loss")
    assert [(p["step"], p["value"]) for p in history["data"]] == [(1, 0.5), (2, 0.25)], history
    best = client.jobs.get_metrics_snapshots_by_id(job_id, "best")["data"][0]
    assert datetime.datetime.fromisoformat(best["timestamp"]) == stamp, best
    expect_status(400, client.jobs.append_metric_by_id, job_id, "bad name!", 1.0)
    by_experiment = client.experiments.get_metrics_by_id(experiment["id"])
    (row,) = [r for r in by_experiment["data"] if r["id"] == job_id]
    assert {m["name"] for m in row["metrics"]} == {"loss", "acc", "best"}, row

    # Logs: appended in order, paged, filtered by severity.
    records = [
        {"severity": "INFO", "loggerName": "compat", "message": "started"},
        {"severity": "WARNING", "loggerName": "compat", "message": "careful"},
        {"severity": "ERROR", "loggerName": "compat", "message": "failed"},
    ]
    appended = client.jobs.append_logs_by_id(job_id, records)
    assert [r["message"] for r in appended] == ["started", "careful", "failed"], appended
    page = client.jobs.get_logs_by_id(job_id, page_length=2)
    assert page["totalNumResults"] == 3 and len(page["data"]) == 2, page
    serious = client.jobs.get_logs_by_id(job_id, severity=["WARNING", "ERROR"])
    assert [r["message"] for r in serious["data"]] == ["careful", "failed"], serious
    # (Sorting logs answers 500 in 1.2.2 itself; tests/api covers ours.)
    expect_status(400, client.jobs.append_logs_by_id, job_id, [])

    run_id = secrets.token_hex(16)  # 1.2.2 keeps run ids unique across jobs
    client.jobs.set_mlflow_run_id(job_id, run_id)
    assert client.jobs.get_mlflow_run_id(job_id)["mlflowRunId"] == run_id
    assert (
        client.experiments.jobs.get_mlflow_run_id(experiment["id"], job_id)["mlflowRunId"] == run_id
    )


def job_lists(
    client: Any, group: int, experiment: dict[str, Any], jobs: list[dict[str, Any]]
) -> None:
    ids = [j["id"] for j in jobs]
    listed = client.experiments.jobs.get(experiment["id"], page_length=1)
    assert listed["totalNumResults"] == 2 and listed["isComplete"] is False, listed
    newest = client.experiments.jobs.get(experiment["id"], sort_by="createdOn", descending=True)
    assert [j["id"] for j in newest["data"]] == ids[::-1], newest
    found = client.experiments.jobs.get(experiment["id"], search="description:small*")
    assert [j["id"] for j in found["data"]] == ids[:1], found
    everywhere = client.jobs.get(search="description:small*", page_length=100)
    assert ids[0] in [j["id"] for j in everywhere["data"]], everywhere

    tag = client.tags.create(group_id=group, name=unique("job-tag"))
    client.jobs.tags.append(ids[0], ids=[tag["id"]])
    assert [t["id"] for t in client.jobs.tags.get(ids[0])] == [tag["id"]]
    client.experiments.jobs.delete_by_id(experiment["id"], ids[1])
    assert client.experiments.jobs.get(experiment["id"])["totalNumResults"] == 1
    expect_status(404, client.jobs.get_by_id, 999999)


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)
    types = builtin_types(client, group)
    training, _ = make_plugins(client, group, types)
    queue = client.queues.create(group_id=group, name=unique("jobs-q"))

    def entrypoint(name: str) -> dict[str, Any]:
        created: dict[str, Any] = client.entrypoints.create(
            group_id=group,
            name=unique(name),
            task_graph=TASK_GRAPH,
            parameters=PARAMETERS,
            plugins=[training["id"]],
            queues=[queue["id"]],
        )
        return created

    world = {"queue": queue, "ep": entrypoint("job-ep"), "other": entrypoint("other-ep")}
    experiment = experiments(client, group, world)
    jobs = submissions(client, experiment, world)
    job_records(client, experiment, jobs[0])
    job_lists(client, group, experiment, jobs)
    done("experiments_jobs")


if __name__ == "__main__":
    main()
