"""Jobs: submission (every check), the job JSON, lists, deletion, snapshots, tags,
parameters, config, MLflow run, rerun."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_queue, create_tag
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import (
    World,
    make_world,
    put_status,
    recording_dispatcher,
    stored_artifact,
    submit,
)

ENVELOPE = {
    "id",
    "snapshot",
    "group",
    "user",
    "createdOn",
    "snapshotCreatedOn",
    "lastModifiedOn",
    "latestSnapshot",
    "hasDraft",
    "tags",
    "deleted",
}
JOB_FIELDS = {
    "description",
    "queue",
    "experiment",
    "entrypoint",
    "values",
    "artifactValues",
    "timeout",
    "status",
    "artifacts",
    "swaps",
    "statusMessage",
}


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice, with_swaps=True)


def test_submit_returns_the_job_and_dispatches_it(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    with recording_dispatcher(app) as dispatcher:
        job = submit(alice, world, values={"n": "5"}, description="first try")

    assert set(job) == ENVELOPE | JOB_FIELDS
    assert job["status"] == "queued"
    assert job["description"] == "first try"
    assert job["timeout"] == "24h"
    assert job["values"] == {"n": "5"}  # c is not used by the graph: not recorded
    assert job["artifactValues"] == {} and job["artifacts"] == [] and job["swaps"] == []
    assert job["group"]["id"] == world.experiment["group"]["id"]
    ep = world.entrypoint
    assert job["entrypoint"] == {
        "id": ep["id"],
        "snapshotId": ep["snapshot"],
        "group": ep["group"],
        "url": f"/api/v1/entrypoints/{ep['id']}/snapshots/{ep['snapshot']}",
        "deleted": False,
        "name": "ep",
    }
    assert (
        job["queue"]["url"]
        == f"/api/v1/queues/{world.queue['id']}/snapshots/{world.queue['snapshot']}"
    )
    assert job["experiment"]["snapshotId"] == world.experiment["snapshot"]
    assert job["statusMessage"] is None  # no live worker serves q: /workers/ says so
    assert dispatcher.submitted == [(job["id"], "q")]
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}")) == job


def test_defaults_fill_values_and_given_unused_values_are_kept(
    alice: TestClient, world: World
) -> None:
    assert submit(alice, world)["values"] == {"n": "3"}
    assert submit(alice, world, timeout="90")["timeout"] == "90"
    assert submit(alice, world, timeout="1.5h")["timeout"] == "1.5h"
    assert submit(alice, world, values={"c": "y"})["values"] == {"n": "3", "c": "y"}


def test_swaps_choose_the_recorded_parameters(alice: TestClient, world: World) -> None:
    swappy = world.others["swappy"]
    small = submit(
        alice, world, entrypoint=swappy["id"], swaps=[{"swap_name": "model", "task_alias": "small"}]
    )
    large = submit(
        alice, world, entrypoint=swappy["id"], swaps=[{"swap_name": "model", "task_alias": "large"}]
    )

    assert small["values"] == {"n": "3"}
    assert large["values"] == {"n": "3", "epochs": "10"}
    swap = large["swaps"][0]
    assert set(swap) == {"swapName", "taskAlias", "taskName", "pluginFileResourceSnapshotId"}
    assert (swap["swapName"], swap["taskAlias"], swap["taskName"]) == (
        "model",
        "large",
        "fit_large",
    )
    plugin = ok_json(alice.get(f"{API}/plugins/{world.plugin['id']}"))
    file = ok_json(
        alice.get(f"{API}/plugins/{world.plugin['id']}/files/{plugin['files'][0]['id']}")
    )
    assert swap["pluginFileResourceSnapshotId"] == file["snapshot"]
    assert ok_json(alice.get(f"{API}/jobs/{large['id']}/parameters")) == {"n": 3, "epochs": 10}


def test_pinned_entrypoint_snapshot(alice: TestClient, world: World) -> None:
    first = world.entrypoint["snapshot"]
    alice.put(
        f"{API}/entrypoints/{world.entrypoint['id']}",
        json={
            "name": "ep",
            "taskGraph": world.entrypoint["taskGraph"],
            "artifactGraph": world.entrypoint["artifactGraph"],
            "parameters": world.entrypoint["parameters"],
            "artifactParameters": [],
            "queues": [world.queue["id"]],
            "pluginSnapshotIds": [p["snapshotId"] for p in world.entrypoint["plugins"]],
            "artifactPluginSnapshotIds": [
                p["snapshotId"] for p in world.entrypoint["artifactPlugins"]
            ],
        },
    ).raise_for_status()

    pinned = submit(alice, world, entrypointSnapshot=first)
    latest = submit(alice, world)

    assert pinned["entrypoint"]["snapshotId"] == first
    assert latest["entrypoint"]["snapshotId"] > first


# -- every check of a submission, each leaving the database as it was --------------------


def test_submission_errors_change_nothing(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    lonely = ok_json(
        alice.post(
            f"{API}/entrypoints/",
            json={
                **{k: world.entrypoint[k] for k in ("taskGraph",)},
                "group": 1,
                "name": "lonely",
                "parameters": [{"name": "n", "defaultValue": "3", "parameterType": "integer"}],
                "plugins": [world.plugin["id"]],
            },
        )
    )
    other_queue = create_queue(alice, "elsewhere")
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({**world.body(), "entrypoint": lonely["id"]}, 400, "EntityNotRegisteredError"),
        ({**world.body(), "queue": other_queue["id"]}, 400, "EntityNotRegisteredError"),
        (
            {**world.body(), "entrypointSnapshot": world.queue["snapshot"]},
            404,
            "EntityDoesNotExistError",
        ),
        ({**world.body(), "values": {"nope": "1"}}, 400, "JobInvalidParameterNameError"),
        ({**world.body(), "values": {"n": "five"}}, 400, "EntrypointParameterTypeMismatchError"),
        ({**world.body(), "values": {"n": 5}}, 400, ""),
        ({**world.body(), "timeout": "soon"}, 400, "JobTimeoutError"),
        ({**world.body(), "timeout": "0h"}, 400, "JobTimeoutError"),
        (world.body(world.others["swappy"]), 400, "UnspecifiedSwapsError"),
        (
            {
                **world.body(world.others["swappy"]),
                "swaps": [{"swap_name": "model", "task_alias": "huge"}],
            },
            400,
            "SwapChoiceError",
        ),
        (
            {**world.body(), "swaps": [{"swap_name": "model", "task_alias": "small"}]},
            400,
            "SwapChoiceError",
        ),
        (
            {**world.body(), "artifactValues": {"nope": {"id": 1, "snapshotId": 1}}},
            400,
            "JobInvalidParameterNameError",
        ),
        (
            {**world.body(), "swaps": [{"swapName": "model", "taskAlias": "small"}]},
            400,
            "",
        ),
        (
            {
                **world.body(world.others["swappy"]),
                "swaps": [{"swap_name": "model", "task_alias": "small"}] * 2,
            },
            400,
            "",
        ),
    ]
    for body, status, error in cases:
        with unchanged():
            response = alice.post(world.jobs_url, json=body)
        if error:
            assert_error(response, status, error)
        else:
            assert response.status_code == status, response.text
            assert "errors" in response.json()
    with unchanged():
        assert_error(
            alice.post(f"{API}/experiments/999/jobs", json=world.body()),
            404,
            "EntityDoesNotExistError",
        )


def test_duplicate_swaps_and_string_values_are_field_errors(
    alice: TestClient, world: World
) -> None:
    duplicate = alice.post(
        world.jobs_url,
        json={
            **world.body(world.others["swappy"]),
            "swaps": [{"swap_name": "model", "task_alias": "small"}] * 2,
        },
    )
    assert duplicate.json() == {
        "errors": {"swaps": ["Duplicate swap names are not allowed: ['model']"]}
    }
    number = alice.post(world.jobs_url, json={**world.body(), "values": {"n": 5}})
    assert number.json() == {"errors": {"values": {"n": ["Not a valid string."]}}}


def test_missing_parameter_value(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    ep = ok_json(
        alice.post(
            f"{API}/entrypoints/",
            json={
                "group": 1,
                "name": "needy",
                "taskGraph": world.entrypoint["taskGraph"],
                "parameters": [{"name": "n", "defaultValue": None, "parameterType": "integer"}],
                "plugins": [world.plugin["id"]],
                "queues": [world.queue["id"]],
            },
        )
    )
    alice.post(
        f"{API}/experiments/{world.experiment['id']}/entrypoints", json={"ids": [ep["id"]]}
    ).raise_for_status()

    with unchanged():
        body = assert_error(
            alice.post(world.jobs_url, json=world.body(ep)), 400, "JobParameterMissingError"
        )
    assert body["message"] == "Bad Request - The following job Parameters are missing a value: n."
    assert submit(alice, world, entrypoint=ep["id"], values={"n": "1"})["values"] == {"n": "1"}


def test_deleted_entrypoint_is_423_and_deleted_experiment_still_takes_jobs(
    alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    ok_json(alice.delete(f"{API}/experiments/{world.experiment['id']}"))
    assert submit(alice, world)["experiment"]["deleted"] is True

    ok_json(alice.delete(f"{API}/entrypoints/{world.entrypoint['id']}"))
    with unchanged():
        assert_error(alice.post(world.jobs_url, json=world.body()), 423, "EntityDeletedError")


def test_artifact_values_must_match_the_parameter_types(
    app: FastAPI, alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    needs = ok_json(
        alice.post(
            f"{API}/entrypoints/",
            json={
                "group": 1,
                "name": "needs",
                "taskGraph": world.entrypoint["taskGraph"],
                "parameters": [{"name": "n", "defaultValue": "2", "parameterType": "integer"}],
                "artifactParameters": [
                    {"name": "prev", "outputParams": [{"name": "value", "parameterType": 4}]}
                ],
                "plugins": [world.plugin["id"]],
                "queues": [world.queue["id"]],
            },
        )
    )
    wrong = ok_json(
        alice.post(
            f"{API}/entrypoints/",
            json={
                "group": 1,
                "name": "wrong",
                "taskGraph": world.entrypoint["taskGraph"],
                "parameters": [{"name": "n", "defaultValue": "2", "parameterType": "integer"}],
                "artifactParameters": [
                    {"name": "prev", "outputParams": [{"name": "value", "parameterType": 3}]}
                ],
                "plugins": [world.plugin["id"]],
                "queues": [world.queue["id"]],
            },
        )
    )
    alice.post(
        f"{API}/experiments/{world.experiment['id']}/entrypoints",
        json={"ids": [needs["id"], wrong["id"]]},
    ).raise_for_status()
    artifact = stored_artifact(app, alice, world)
    plain = stored_artifact(app, alice, world, with_task=False)
    value = {"id": artifact["id"], "snapshotId": artifact["snapshot"]}

    for body, error in [
        (world.body(needs), "JobArtifactParameterMissingError"),
        (
            world.body(needs, artifactValues={"prev": value, "other": value}),
            "JobInvalidParameterNameError",
        ),
        (world.body(wrong, artifactValues={"prev": value}), "ArtifactParameterTypeMismatchError"),
        (
            world.body(
                needs, artifactValues={"prev": {"id": plain["id"], "snapshotId": plain["snapshot"]}}
            ),
            "DioptraError",
        ),
    ]:
        with unchanged():
            assert_error(alice.post(world.jobs_url, json=body), 400, error)
    with unchanged():
        missing = world.body(
            needs, artifactValues={"prev": {"id": artifact["id"], "snapshotId": 9999}}
        )
        assert_error(alice.post(world.jobs_url, json=missing), 404, "EntityDoesNotExistError")

    job = submit(alice, world, entrypoint=needs["id"], artifactValues={"prev": value})
    assert job["artifactValues"] == {"prev": value}
    inputs = ok_json(alice.get(f"{API}/jobs/{job['id']}/artifactParameters"))
    savers = ok_json(alice.get(f"{API}/plugins/{world.savers['id']}"))
    assert inputs == {
        "prev": {
            "artifact_id": artifact["id"],
            "artifact_snapshot_id": artifact["snapshot"],
            "artifact_uri": artifact["artifactUri"],
            "is_dir": False,
            "artifact_task": {
                "plugin_id": world.savers["id"],
                "plugin_name": "savers",
                "plugin_snapshot_id": savers["snapshot"],
                "file_name": "savers.py",
                "task_name": "NumberSaver",
                "outputs": [{"name": "value", "type": "number"}],
            },
        }
    }


# -- reading -----------------------------------------------------------------------------


def test_lists_page_sort_and_search(alice: TestClient, world: World) -> None:
    jobs = [submit(alice, world, description=f"run {i}") for i in range(3)]
    put_status(alice, jobs[1]["id"], "started").raise_for_status()

    page = ok_json(alice.get(f"{API}/jobs/", params={"pageLength": 2}))
    assert page["totalNumResults"] == 3 and page["next"] == "/api/v1/jobs?index=2&pageLength=2"
    assert [j["id"] for j in page["data"]] == [jobs[0]["id"], jobs[1]["id"]]
    by_status = ok_json(alice.get(f"{API}/jobs/", params={"sortBy": "status", "descending": True}))
    assert by_status["data"][-1]["status"] == "queued"
    assert by_status["data"][0]["id"] == jobs[1]["id"]
    found = ok_json(alice.get(f"{API}/jobs/", params={"search": "status:started"}))
    assert [j["id"] for j in found["data"]] == [jobs[1]["id"]]
    described = ok_json(alice.get(world.jobs_url, params={"search": "run 2", "sortBy": "id"}))
    assert [j["id"] for j in described["data"]] == [jobs[2]["id"]]
    assert described["first"] == (
        f"/api/v1/experiments/{world.experiment['id']}/jobs?index=0&pageLength=10"
        "&search=run+2&sortBy=id&descending=False"
    )
    for key in ("experiment", "entrypoint", "queue", "createdOn", "description"):
        assert ok_json(alice.get(f"{API}/jobs/", params={"sortBy": key}))["totalNumResults"] == 3
    assert_error(
        alice.get(f"{API}/jobs/", params={"sortBy": "bogus"}), 400, "SortParameterValidationError"
    )


def test_job_of_another_experiment_path_is_404(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    other = ok_json(alice.post(f"{API}/experiments/", json={"group": 1, "name": "other"}))

    body = assert_error(
        alice.get(f"{API}/experiments/{other['id']}/jobs/{job['id']}"),
        404,
        "EntityDoesNotExistError",
    )
    assert body["detail"] == {
        "entity_type": "job",
        "job_id": job["id"],
        "experiment_id": other["id"],
    }
    assert_error(
        alice.get(f"{API}/jobs/999"),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "job", "job_id": 999},
    )
    assert (
        ok_json(alice.get(f"{API}/experiments/{world.experiment['id']}/jobs/{job['id']}"))["id"]
        == job["id"]
    )


def test_delete_cancels_and_hides_the_job(alice: TestClient, world: World) -> None:
    queued = submit(alice, world)
    running = submit(alice, world)
    put_status(alice, running["id"], "started").raise_for_status()

    assert ok_json(alice.delete(f"{API}/jobs/{queued['id']}")) == {
        "status": "Success",
        "id": [queued["id"]],
    }
    url = f"{API}/experiments/{world.experiment['id']}/jobs/{running['id']}"
    assert ok_json(alice.delete(url)) == {"status": "Success", "id": [running["id"]]}

    assert_error(alice.get(f"{API}/jobs/{queued['id']}"), 404, "EntityDoesNotExistError")
    assert ok_json(alice.get(f"{API}/jobs/"))["totalNumResults"] == 0
    history = ok_json(alice.get(f"{API}/jobs/{running['id']}/snapshots"))["data"]
    assert [s["status"] for s in history] == ["queued", "started", "cancelled"]
    assert_error(alice.delete(f"{API}/jobs/{queued['id']}"), 404, "EntityDoesNotExistError")


def test_snapshots_are_the_status_history(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    for status in ("started", "failed"):
        put_status(
            alice, job["id"], status, "it broke" if status == "failed" else None
        ).raise_for_status()

    page = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots"))

    assert [s["status"] for s in page["data"]] == ["queued", "started", "failed"]
    assert [s["statusMessage"] for s in page["data"]] == [None, None, "it broke"]
    assert [s["latestSnapshot"] for s in page["data"]] == [False, False, True]
    assert all("hasDraft" not in s and "artifacts" not in s for s in page["data"])
    one = ok_json(alice.get(f"{API}/jobs/{job['id']}/snapshots/{page['data'][1]['snapshot']}"))
    assert one["status"] == "started"
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["statusMessage"] == "it broke"


def test_tags(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    tag = create_tag(alice, "nightly")

    assert [
        t["name"]
        for t in ok_json(alice.post(f"{API}/jobs/{job['id']}/tags", json={"ids": [tag["id"]]}))
    ] == ["nightly"]
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}"))["tags"][0]["id"] == tag["id"]
    assert (
        ok_json(alice.get(f"{API}/jobs/", params={"search": "tag:nightly"}))["totalNumResults"] == 1
    )
    ok_json(alice.delete(f"{API}/jobs/{job['id']}/tags/{tag['id']}"))
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}/tags")) == []


def test_parameters_and_config(alice: TestClient, world: World) -> None:
    job = submit(alice, world, values={"n": "7"})
    swappy = submit(
        alice,
        world,
        entrypoint=world.others["swappy"]["id"],
        swaps=[{"swap_name": "model", "task_alias": "large"}],
    )

    assert ok_json(alice.get(f"{API}/jobs/{job['id']}/parameters")) == {"n": 7}
    config = ok_json(alice.get(f"{API}/jobs/{job['id']}/config"))
    assert set(config) >= {"graph", "tasks", "parameters"}
    swapped = ok_json(alice.get(f"{API}/jobs/{swappy['id']}/config"))
    assert list(swapped["graph"]["train"]["?model"]) == ["?outputs", "large"]
    assert set(swapped["parameters"]) == {"n", "epochs"}


def test_mlflow_run(alice: TestClient, world: World) -> None:
    job = submit(alice, world)
    url = f"{API}/experiments/{world.experiment['id']}/jobs/{job['id']}/mlflowRun"

    assert ok_json(alice.get(url)) == {"mlflowRunId": None}
    run = "0123456789abcdef0123456789abcdef"
    hyphenated = "01234567-89ab-cdef-0123-456789abcdef"
    assert ok_json(alice.post(url, json={"mlflowRunId": hyphenated})) == {"mlflowRunId": run}
    assert ok_json(alice.get(f"{API}/jobs/{job['id']}/mlflowRun"))["mlflowRunId"].startswith(
        "01234567"
    )
    assert_error(alice.post(url, json={"mlflowRunId": run}), 400, "JobMlflowRunAlreadySetError")
    assert alice.post(url, json={"mlflowRunId": "nope"}).status_code == 400
    # A run belongs to one job: its files registered by URI are that job's outputs.
    other = submit(alice, world)
    other_url = f"{API}/jobs/{other['id']}/mlflowRun"
    assert_error(alice.post(other_url, json={"mlflowRunId": run}), 400, "JobMlflowRunTakenError")
    assert ok_json(alice.get(other_url)) == {"mlflowRunId": None}


def test_rerun_copies_what_the_job_ran(app: FastAPI, alice: TestClient, world: World) -> None:
    job = submit(
        alice,
        world,
        entrypoint=world.others["swappy"]["id"],
        values={"n": "4", "epochs": "2"},
        swaps=[{"swap_name": "model", "task_alias": "large"}],
        timeout="1h",
        description="again",
    )
    put_status(alice, job["id"], "started").raise_for_status()
    put_status(alice, job["id"], "failed").raise_for_status()

    with recording_dispatcher(app) as dispatcher:
        again = ok_json(alice.post(f"{API}/jobs/{job['id']}/rerun"))

    assert again["id"] != job["id"] and again["status"] == "queued"
    for key in (
        "values",
        "artifactValues",
        "swaps",
        "timeout",
        "description",
        "entrypoint",
        "queue",
    ):
        assert again[key] == job[key], key
    assert dispatcher.submitted == [(again["id"], "q")]


def test_another_group_cannot_see_jobs(
    alice: TestClient, world: World, new_client: Callable[[], TestClient], engine: Any
) -> None:
    job = submit(alice, world)
    import sqlalchemy as sa
    from api_testing import login, register

    outsider = new_client()
    register(outsider, "mallory")
    login(outsider, "mallory")
    with engine.begin() as connection:  # mallory leaves the public group
        connection.execute(sa.text("DELETE FROM group_members WHERE user_id = 2"))

    assert_error(outsider.get(f"{API}/jobs/{job['id']}"), 404, "EntityDoesNotExistError")
    assert ok_json(outsider.get(f"{API}/jobs/"))["totalNumResults"] == 0
    assert_error(
        outsider.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "w"}),
        404,
        "EntityDoesNotExistError",
    )
