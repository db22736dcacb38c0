"""`dioptra run`: name resolution, the job it submits, following it, exit statuses."""

from __future__ import annotations

import httpx
import pytest
from cli_harness import (
    Cli,
    FakeServer,
    artifact,
    entrypoint,
    experiment,
    job,
    page,
    ref,
    sse,
)


def serve_names(server: FakeServer, *, linked: bool = True) -> None:
    """The experiment `tutorial` (3), entrypoint `sample` (5, queue `default` 2)."""
    server.route("GET", "/experiments", page([experiment(entrypoint_ids=(5,) if linked else ())]))
    server.route("GET", "/entrypoints", page([entrypoint()]))
    server.route("POST", "/experiments/3/jobs", job())


def serve_finished_job(server: FakeServer, status: str = "finished", **extra: object) -> None:
    server.route(
        "GET",
        "/jobs/12/events",
        sse(
            ("status", {"status": "started"}),
            ("log", {"severity": "INFO", "loggerName": "task", "message": "sampling 10 values"}),
            ("log", {"severity": "ERROR", "loggerName": "task", "message": "bad thing"}),
            ("metric", {"name": "loss", "value": 0.25, "step": 3}),
            ("end", {"status": status}),
        ),
    )
    server.route("GET", "/jobs/12", job(status=status, artifacts=(7,), **extra))
    server.route("GET", "/artifacts/7", artifact())


def test_run_submits_the_job_with_parameters_artifacts_and_swaps(
    cli: Cli, server: FakeServer
) -> None:
    serve_names(server)
    serve_finished_job(server)
    server.route("GET", "/artifacts/9", artifact(9))

    result = cli(
        "run",
        "tutorial",
        "sample",
        "-p",
        "sample_size=10",
        "-p",
        "transform=a=b",
        "--artifact",
        "array=9",
        "--swap",
        "model=fast",
        "--timeout",
        "1h",
        "--description",
        "from the CLI",
    )

    assert result.exit_code == 0, result.output
    assert server.one("GET", "/experiments").param("search") == 'name:"tutorial"'
    assert server.one("GET", "/entrypoints").param("search") == 'name:"sample"'
    assert server.one("POST", "/experiments/3/jobs").json == {
        "entrypoint": 5,
        "queue": 2,
        "values": {"sample_size": "10", "transform": "a=b"},
        "artifactValues": {"array": {"id": 9, "snapshotId": 79}},
        "swaps": [{"swap_name": "model", "task_alias": "fast"}],
        "timeout": "1h",
        "description": "from the CLI",
    }


def test_run_follows_the_job_and_prints_logs_metrics_and_artifacts(
    cli: Cli, server: FakeServer
) -> None:
    serve_names(server)
    serve_finished_job(server)

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 0, result.output
    assert "Job 12 submitted: sample in experiment tutorial, queue default" in result.stderr
    out = result.stdout
    assert "status → started" in out
    assert "status → finished" not in out  # the last line says it
    assert "INFO     task: sampling 10 values" in out
    assert "ERROR    task: bad thing" in out
    assert out.index("sampling 10 values") < out.index("bad thing")
    assert "loss" in out and "0.25" in out  # the metrics table
    assert "Job 12 finished" in out
    assert "transformed_array.npy" in out  # the artifacts table: name, uri, size
    assert "file:///data/artifacts/12/transformed_array.npy" in out
    assert "928 B" in out


@pytest.mark.parametrize("status", ["failed", "timeout", "cancelled"])
def test_run_exits_1_with_the_status_message_when_the_job_does_not_finish(
    cli: Cli, server: FakeServer, status: str
) -> None:
    serve_names(server)
    serve_finished_job(server, status=status, statusMessage="Task add_noise raised ValueError")

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 1
    assert f"Job 12 {status}" in result.stdout
    assert "Task add_noise raised ValueError" in result.stdout


def test_no_follow_prints_the_job_id_and_returns(cli: Cli, server: FakeServer) -> None:
    serve_names(server)

    result = cli("run", "tutorial", "sample", "--no-follow")

    assert result.exit_code == 0
    assert result.stdout == "12\n"
    assert server.sent("GET", "/jobs/12/events") == []


def test_a_missing_experiment_is_an_error_unless_asked_to_create_it(
    cli: Cli, server: FakeServer
) -> None:
    server.route("GET", "/experiments", page([]))
    server.route("GET", "/entrypoints", page([entrypoint()]))

    result = cli("run", "tutorial", "sample", "--no-follow")

    assert result.exit_code == 1
    assert "No experiment named 'tutorial'" in result.stderr
    assert "--create-experiment" in result.stderr
    assert server.sent("POST", "/experiments") == []


def test_create_experiment_creates_it_in_the_entrypoints_group(
    cli: Cli, server: FakeServer
) -> None:
    server.route("GET", "/experiments", page([]))
    server.route("GET", "/entrypoints", page([entrypoint()]))
    server.route("POST", "/experiments", experiment())
    server.route("POST", "/experiments/3/jobs", job())

    result = cli("run", "tutorial", "sample", "--create-experiment", "--no-follow")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/experiments").json == {
        "group": 1,
        "name": "tutorial",
        "entrypoints": [5],
    }
    assert "Created experiment tutorial (id 3)" in result.stderr


def test_an_existing_experiment_is_linked_and_a_named_queue_attached_without_create(
    cli: Cli, server: FakeServer
) -> None:
    serve_names(server, linked=False)
    server.route("GET", "/queues", page([ref("queues", 8, "gpu")]))
    server.route("POST", "/experiments/3/entrypoints", [])
    server.route("POST", "/entrypoints/5/queues", [])

    result = cli("run", "tutorial", "sample", "--queue", "gpu", "--no-follow")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/experiments/3/entrypoints").json == {"ids": [5]}
    assert server.one("POST", "/entrypoints/5/queues").json == {"ids": [8]}
    assert server.one("POST", "/experiments/3/jobs").json["queue"] == 8
    assert result.stderr.startswith(
        "Linked entrypoint sample to tutorial\nAttached queue gpu to sample\n"
    )


def test_an_entrypoint_without_queue_needs_one(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([experiment()]))
    server.route("GET", "/entrypoints", page([entrypoint(queues=())]))

    result = cli("run", "tutorial", "sample", "--no-follow")

    assert result.exit_code == 1
    assert "has no queue" in result.stderr


def test_names_in_two_groups_are_ambiguous(cli: Cli, server: FakeServer) -> None:
    other = entrypoint(6)
    other["group"] = {"id": 4, "name": "team", "url": "/api/v1/groups/4"}
    server.route("GET", "/entrypoints", page([entrypoint(), other]))

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 1
    assert "There are 2 entrypoints named 'sample'" in result.stderr
    assert "team (id 4)" in result.stderr


def test_a_number_that_names_nothing_is_taken_as_an_id(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([]))
    server.route("GET", "/experiments/3", experiment())
    server.route("GET", "/entrypoints", page([]))
    server.route("GET", "/entrypoints/5", entrypoint())
    server.route("POST", "/experiments/3/jobs", job())

    result = cli("run", "3", "5", "--no-follow")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/experiments/3/jobs").json["entrypoint"] == 5


def test_names_with_search_wildcards_are_escaped(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/entrypoints", page([]))

    cli("run", "tutorial", 'odd*name?"x"')

    assert server.one("GET", "/entrypoints").param("search") == r'name:"odd\*name\?\"x\""'


def test_without_an_event_stream_the_job_is_polled(cli: Cli, server: FakeServer) -> None:
    serve_names(server)
    statuses = iter(["queued", "started", "finished"])
    server.route(
        "GET", "/jobs/12/status", lambda _r: httpx.Response(200, json={"status": next(statuses)})
    )
    logs = [{"severity": "WARNING", "loggerName": "w", "message": f"line {i}"} for i in range(3)]

    def log_page(request: httpx.Request) -> httpx.Response:
        index = int(request.url.params["index"])
        return httpx.Response(
            200, json=page(logs[index : index + 2], index + 2 >= len(logs), index)
        )

    server.route("GET", "/jobs/12/log", log_page)
    server.route("GET", "/jobs/12/metrics", [{"name": "acc", "value": 0.9}])
    server.route("GET", "/jobs/12", job(status="finished"))

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if "line " in line] == [
        f"WARNING  w: line {i}" for i in range(3)
    ]
    assert "acc" in result.stdout
    assert len(server.sent("GET", "/jobs/12/status")) == 3


def test_ctrl_c_with_cancel_on_interrupt_cancels_the_job(cli: Cli, server: FakeServer) -> None:
    serve_names(server)

    def interrupt(_request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    server.route("GET", "/jobs/12/events", interrupt)
    server.route("POST", "/jobs/12/cancel", job(status="cancelled"))

    result = cli("run", "tutorial", "sample", "--cancel-on-interrupt")

    assert result.exit_code == 1
    assert server.one("POST", "/jobs/12/cancel")
    assert "Job 12 is cancelled." in result.stderr


def test_ctrl_c_without_a_terminal_leaves_the_job_running(cli: Cli, server: FakeServer) -> None:
    serve_names(server)

    def interrupt(_request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    server.route("GET", "/jobs/12/events", interrupt)

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 130
    assert server.sent("POST", "/jobs/12/cancel") == []
    assert "dioptra jobs logs 12 --follow" in result.stderr


def test_an_unknown_queue_says_how_to_create_it(cli: Cli, server: FakeServer) -> None:
    serve_names(server)
    server.route("GET", "/queues", page([]))

    result = cli("run", "tutorial", "sample", "--queue", "gpu")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: No queue named 'gpu' in your groups (create it with `dioptra queues create gpu`).\n"
    )
    assert server.sent("POST", "/experiments/3/jobs") == []


def test_nothing_is_created_when_a_later_check_fails(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([]))
    server.route("GET", "/entrypoints", page([entrypoint(queues=())]))

    result = cli("run", "tutorial", "sample", "--create-experiment")

    assert result.exit_code == 1
    assert "has no queue" in result.stderr
    assert [r.method for r in server.requests] == ["GET", "GET"]


def test_a_dropped_stream_goes_on_by_polling_without_repeating_lines(
    cli: Cli, server: FakeServer
) -> None:
    serve_names(server)
    first = {"severity": "INFO", "loggerName": "t", "message": "first"}
    second = {"severity": "INFO", "loggerName": "t", "message": "second"}
    server.route("GET", "/jobs/12/events", sse(("status", {"status": "started"}), ("log", first)))
    server.route("GET", "/jobs/12/status", {"id": 12, "status": "finished"})
    server.route(
        "GET",
        "/jobs/12/log",
        lambda r: httpx.Response(200, json=page([first, second][int(r.url.params["index"]) :])),
    )
    server.route("GET", "/jobs/12/metrics", [])
    server.route("GET", "/jobs/12", job(status="finished"))

    result = cli("run", "tutorial", "sample")

    assert result.exit_code == 0, result.output
    assert server.one("GET", "/jobs/12/log").param("index") == "1"
    assert [line for line in result.stdout.splitlines() if "INFO" in line] == [
        "INFO     t: first",
        "INFO     t: second",
    ]
