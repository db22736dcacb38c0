"""`--quiet` listings for scripts, and `dioptra experiments metrics` comparing jobs."""

from __future__ import annotations

from cli_harness import Cli, FakeServer, artifact, experiment, job, page


def test_jobs_list_quiet_prints_only_the_ids(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([experiment()]))
    server.route("GET", "/experiments/3/jobs", page([job(13), job(12)]))

    result = cli("jobs", "list", "-e", "tutorial", "-n", "2", "--quiet")

    assert result.exit_code == 0, result.output
    assert result.stdout == "13\n12\n"


def test_artifacts_list_quiet_prints_only_the_ids(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/artifacts", page([artifact(9), artifact(7)]))

    result = cli("artifacts", "list", "-n", "2", "-q")

    assert result.exit_code == 0, result.output
    assert result.stdout == "9\n7\n"


def _latest(job_id: int, **metrics: float) -> dict[str, object]:
    return {"id": job_id, "metrics": [{"name": n, "value": v} for n, v in metrics.items()]}


def _sweeps(server: FakeServer) -> None:
    server.route("GET", "/experiments", page([experiment()]))
    server.route(
        "GET",
        "/experiments/3/metrics",
        page([_latest(21, loss=0.6123456, accuracy=0.8), _latest(20, loss=0.42, accuracy=0.8)]),
    )
    server.route(
        "GET",
        "/experiments/3/jobs",
        page(
            [
                job(21, "finished", values={"learning_rate": "0.01", "epochs": "20"}),
                job(20, "finished", values={"learning_rate": "0.1", "epochs": "20"}),
            ]
        ),
    )


def test_experiment_metrics_one_row_per_job_with_what_sets_it_apart(
    cli: Cli, server: FakeServer
) -> None:
    _sweeps(server)

    result = cli("experiments", "metrics", "tutorial")

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ 2")]
    assert len(rows) == 2
    assert "│ 20 " in rows[0] and "learning_rate=0.1 " in rows[0] and "0.42 " in rows[0]
    assert "learning_rate=0.01" in rows[1] and "0.6123 " in rows[1]
    # The same in every job: not a column of differences.
    assert "epochs" not in result.stdout


def test_experiment_metrics_picks_metrics_and_refuses_unknown_ones(
    cli: Cli, server: FakeServer
) -> None:
    _sweeps(server)

    picked = cli("experiments", "metrics", "tutorial", "-m", "loss")
    unknown = cli("experiments", "metrics", "tutorial", "-m", "f1")

    assert picked.exit_code == 0, picked.output
    assert "loss" in picked.stdout and "accuracy" not in picked.stdout
    assert unknown.exit_code != 0
    assert "No job of tutorial logged f1." in unknown.stderr
