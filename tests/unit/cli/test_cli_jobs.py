"""`dioptra jobs`: list, show, logs, cancel, rerun."""

from __future__ import annotations

import httpx
import pytest
from cli_harness import Cli, FakeServer, artifact, experiment, job, page, sse

from dioptra.cli.commands import follow


def test_jobs_alone_lists_the_newest_jobs(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs", page([job(13, "started"), job(12, "failed")]))

    result = cli("jobs")

    assert result.exit_code == 0, result.output
    sent = server.one("GET", "/jobs")
    assert (sent.param("sortBy"), sent.param("descending"), sent.param("search")) == (
        "createdOn",
        "True",
        None,
    )
    lines = result.stdout.splitlines()
    row_13 = next(line for line in lines if "│ 13 " in line)
    for text in ("tutorial", "sample", "default", "started", "2025-01-02"):
        assert text in row_13
    assert any("│ 12 " in line and "failed" in line for line in lines)


def test_jobs_list_of_one_experiment_with_status_and_limit(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([experiment()]))
    server.route("GET", "/experiments/3/jobs", page([job(12, "failed")]))

    result = cli("jobs", "list", "-e", "tutorial", "--status", "failed", "-n", "5")

    assert result.exit_code == 0, result.output
    sent = server.one("GET", "/experiments/3/jobs")
    assert sent.param("search") == "status:failed"
    assert sent.param("pageLength") == "5"


def test_several_statuses_are_one_query_each_merged_newest_first(
    cli: Cli, server: FakeServer
) -> None:
    by_status = {"status:failed": [job(12, "failed")], "status:timeout": [job(14, "timeout")]}
    server.route(
        "GET",
        "/jobs",
        lambda r: httpx.Response(200, json=page(by_status[r.url.params["search"]])),
    )

    result = cli("jobs", "list", "-s", "failed", "-s", "timeout")

    assert result.exit_code == 0, result.output
    assert len(server.sent("GET", "/jobs")) == 2
    assert result.stdout.index("│ 14 ") < result.stdout.index("│ 12 ")


def test_an_empty_list_says_so(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs", page([]))

    result = cli("jobs", "list")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No jobs." in result.stderr


def test_jobs_show_prints_the_job_metrics_and_artifacts(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12", job(12, "failed", artifacts=(7,), statusMessage="it broke"))
    server.route("GET", "/jobs/12/metrics", [{"name": "accuracy", "value": 0.875}])
    server.route("GET", "/artifacts/7", artifact())

    result = cli("jobs", "show", "12")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Job 12" in out
    assert "failed" in out
    assert "it broke" in out
    assert "sample (id 5, snapshot 50)" in out
    assert '{"sample_size": "10"}' in out
    assert "accuracy" in out and "0.875" in out
    assert "transformed_array.npy" in out


def test_jobs_logs_pages_through_every_record(cli: Cli, server: FakeServer) -> None:
    records = [
        {"severity": "INFO", "loggerName": "runner", "message": f"step {i}"} for i in range(150)
    ]

    def log_page(request: httpx.Request) -> httpx.Response:
        index, length = int(request.url.params["index"]), int(request.url.params["pageLength"])
        chunk = records[index : index + length]
        return httpx.Response(200, json=page(chunk, index + length >= len(records), index))

    server.route("GET", "/jobs/12/log", log_page)

    result = cli("jobs", "logs", "12")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"INFO     runner: step {i}" for i in range(150)]
    assert [r.param("index") for r in server.sent("GET", "/jobs/12/log")] == ["0", "100"]


def test_jobs_logs_follow_prints_streamed_lines_until_the_end(cli: Cli, server: FakeServer) -> None:
    server.route(
        "GET",
        "/jobs/12/events",
        sse(
            ("log", {"severity": "INFO", "message": "one"}),
            ("status", {"status": "started"}),
            ("log", {"severity": "CRITICAL", "message": "two"}),
            ("end", {"status": "failed"}),
        ),
    )

    result = cli("jobs", "logs", "12", "--follow")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["INFO     one", "CRITICAL two"]
    assert "Job 12 ended: failed" in result.stderr


def test_jobs_cancel_cancels_a_running_job(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12/status", {"id": 12, "status": "started"})
    server.route("POST", "/jobs/12/cancel", job(12, "cancelled"))

    result = cli("jobs", "cancel", "12")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/jobs/12/cancel")
    assert "Job 12 is cancelled." in result.stderr


def test_jobs_cancel_refuses_a_job_that_has_ended(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12/status", {"id": 12, "status": "finished"})

    result = cli("jobs", "cancel", "12")

    assert result.exit_code == 1
    assert result.stderr == "Error: Job 12 has already ended (finished).\n"
    assert server.sent("POST", "/jobs/12/cancel") == []


def test_jobs_rerun_prints_the_new_jobs_id(cli: Cli, server: FakeServer) -> None:
    server.route("POST", "/jobs/12/rerun", job(15))

    result = cli("jobs", "rerun", "12")

    assert result.exit_code == 0, result.output
    assert result.stdout == "15\n"
    assert "Job 15 submitted (a rerun of 12)" in result.stderr


def test_jobs_cancel_waits_for_a_running_job_to_stop(cli: Cli, server: FakeServer) -> None:
    statuses = iter(["started", "started", "cancelled"])
    server.route(
        "GET", "/jobs/12/status", lambda _r: httpx.Response(200, json={"status": next(statuses)})
    )
    server.route("POST", "/jobs/12/cancel", job(12, "started"))

    result = cli("jobs", "cancel", "12")

    assert result.exit_code == 0, result.output
    assert "Job 12 is cancelled." in result.stderr
    assert len(server.sent("GET", "/jobs/12/status")) == 3


def test_jobs_cancel_says_when_the_job_has_not_stopped_yet(
    cli: Cli, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(follow, "CANCEL_WAIT_S", 0.0)
    server.route("GET", "/jobs/12/status", {"id": 12, "status": "started"})
    server.route("POST", "/jobs/12/cancel", job(12, "started"))

    result = cli("jobs", "cancel", "12")

    assert result.exit_code == 0, result.output
    assert "Cancellation of job 12 requested; it is still started." in result.stderr
