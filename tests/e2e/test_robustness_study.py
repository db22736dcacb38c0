"""The robustness study (examples/robustness) through a real `dioptra up`, as its README
tells a user to run it: import, train, sweep epsilon, attack, evaluate, download.

The curve the sweep job records (metrics by epsilon index, and its CSV) must equal the
same plugin functions called here directly. The study's wall time is printed, not
asserted (bench/robustness has the figure).
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from cli_server import (
    PASSWORD,
    REPO,
    CliSession,
    Server,
    running_server,
    session_for,
    table_rows,
)

from dioptra.client import connect_json_dioptra_client

# Four jobs, each a process importing scikit-learn and ART: minutes on a loaded machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

PLUGINS = REPO / "examples" / "robustness" / "plugins"
EPSILONS = [0.0, 0.05, 0.1, 0.2, 0.3]  # the sweep entrypoint's default


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`dioptra up` with a home folder of its own, as on a fresh machine: nothing of ART's
    there yet, and jobs may not write in it (it lies in the data folder, which is private
    to the server; a folder under /tmp would be writable)."""
    root = tmp_path_factory.mktemp("robustness")
    home = root / "data" / "home"
    home.mkdir(parents=True)
    with running_server(root, env={"HOME": str(home)}) as started:
        yield started


@pytest.fixture(scope="module")
def robustness() -> Iterator[ModuleType]:
    """The study's plugin package, imported here to call its functions directly."""
    sys.path.insert(0, str(PLUGINS))
    try:
        import robustness.attacks
        import robustness.data
        import robustness.models

        yield robustness
    finally:
        sys.path.remove(str(PLUGINS))
        for name in [name for name in sys.modules if name.split(".")[0] == "robustness"]:
            del sys.modules[name]


@dataclass
class Study:
    dioptra: CliSession
    import_seconds: float


@pytest.fixture(scope="module")
def study(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Study:
    """A user logged in with a token, the study imported, its two queues created."""
    dioptra = session_for(server, tmp_path_factory.mktemp("config"))
    dioptra(
        "user", "create", "ada", "--email", "ada@example.org", "--password-stdin",
        "--data-dir", str(server.data_dir),
        input=PASSWORD + "\n",
    )  # fmt: skip
    token = dioptra("--username", "ada", "--password", PASSWORD, "token", "create", "study")
    dioptra.env["DIOPTRA_API_TOKEN"] = token.stdout.strip()
    started = time.monotonic()
    imported = dioptra("import", "examples/robustness")
    import_seconds = time.monotonic() - started
    names = {row[1] for row in table_rows(imported.stdout)}
    assert {"robustness_train", "robustness_train_torch", "robustness_sweep"} <= names
    dioptra("queues", "create", "sklearn")
    dioptra("queues", "create", "pytorch")
    return Study(dioptra, import_seconds)


def run_job(
    dioptra: CliSession, entrypoint: str, *args: str, queue: str = "sklearn"
) -> tuple[str, str]:
    """Run an entrypoint of the study to the end; its job id and what `dioptra run` printed."""
    result = dioptra(
        "run", "robustness", entrypoint, "--queue", queue, "--create-experiment", *args,
        timeout=300,
    )  # fmt: skip
    found = re.search(r"Job (\d+) submitted", result.stderr)
    assert found is not None, result.stderr
    assert f"Job {found[1]} finished" in result.stdout, result.stdout
    return found[1], result.stdout


def artifacts_by_name(dioptra: CliSession, job_id: str) -> dict[str, str]:
    """The job's artifact ids by the file name in their URI."""
    rows = table_rows(dioptra("artifacts", "list", "--job", job_id).stdout)
    return {Path(row[3]).name: row[0] for row in rows}


def download(dioptra: CliSession, artifact_id: str, out: Path) -> Path:
    dioptra("artifacts", "download", artifact_id, "-o", str(out))
    (saved,) = out.iterdir()
    return saved


def test_the_scikit_learn_study_runs_and_its_curve_equals_direct_calls(
    study: Study, robustness: ModuleType, tmp_path: Path
) -> None:
    dioptra = study.dioptra
    started = time.monotonic()
    train_job, _ = run_job(dioptra, "robustness_train")
    (model_id,) = artifacts_by_name(dioptra, train_job).values()
    sweep_job, sweep_log = run_job(dioptra, "robustness_sweep", "--artifact", f"model={model_id}")
    attack_job, attack_log = run_job(
        dioptra, "robustness_attack", "--artifact", f"model={model_id}",
        "-p", "attack=pgd", "-p", "epsilon=0.1",
    )  # fmt: skip
    (examples_id,) = artifacts_by_name(dioptra, attack_job).values()
    _, evaluate_log = run_job(
        dioptra, "robustness_evaluate", "--artifact", f"model={model_id}",
        "--artifact", f"adversarial_examples={examples_id}", "-p", "defence=feature_squeezing",
    )  # fmt: skip
    seconds = study.import_seconds + time.monotonic() - started
    print(f"\nrobustness study (import, train, 5-epsilon sweep, attack, evaluate): {seconds:.1f} s")

    # Each attack job states its threat model, in its parameters and in its log.
    client = connect_json_dioptra_client(dioptra.server.url, token=dioptra.env["DIOPTRA_API_TOKEN"])
    parameters = client.jobs.get_parameters(attack_job)
    assert {name: parameters[name] for name in ("access", "norm", "epsilon", "max_queries")} == {
        "access": "white-box", "norm": "inf", "epsilon": 0.1, "max_queries": 0,
    }  # fmt: skip
    assert "threat model: white-box pgd, Linf norm, epsilon 0.1" in attack_log
    assert "threat model: white-box fgsm, Linf norm, epsilon 0.3" in sweep_log
    assert "defence feature_squeezing" in evaluate_log

    sweep_files = artifacts_by_name(dioptra, sweep_job)
    png = download(dioptra, sweep_files["accuracy_curve_plot.png"], tmp_path / "png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    table = download(dioptra, sweep_files["accuracy_curve.csv"], tmp_path / "csv")
    with table.open(newline="") as file:
        from_job = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(file)]

    dataset = robustness.data.load_digits_split(test_size=0.3, seed=0)
    model = robustness.models.train_sklearn_classifier(dataset, seed=0)
    samples = robustness.data.test_samples(dataset, n_samples=300)
    threats = [robustness._study.threat_model("white-box", "fgsm", "inf", eps) for eps in EPSILONS]
    direct = robustness.attacks.accuracy_curve(model, samples, threats)

    assert [row["epsilon"] for row in from_job] == EPSILONS
    for job_row, direct_row in zip(from_job, direct, strict=True):
        assert job_row == pytest.approx(direct_row, rel=1e-6, abs=1e-9)
    # The accuracy falls as epsilon grows (the study shows something).
    assert direct[0]["adversarial_accuracy"] > 0.9 > 0.5 > direct[-1]["adversarial_accuracy"]

    history = client.jobs.get_metrics_snapshots_by_id(sweep_job, "adversarial_accuracy")
    by_step = {entry["step"]: entry["value"] for entry in history["data"]}
    assert by_step == {
        index: pytest.approx(row["adversarial_accuracy"]) for index, row in enumerate(direct)
    }


def test_the_pytorch_variant_runs_on_its_queue(study: Study) -> None:
    pytest.importorskip("torch", reason="PyTorch is the optional `torch` extra")
    dioptra = study.dioptra
    train_job, train_log = run_job(
        dioptra, "robustness_train_torch", "-p", "epochs=2", queue="pytorch"
    )
    assert re.search(r"trained DigitsCNN on (cpu|cuda)", train_log), train_log
    artifacts = artifacts_by_name(dioptra, train_job)
    assert list(artifacts) == ["model.safetensors"]

    _, attack_log = run_job(
        dioptra, "robustness_attack", "--artifact", f"model={artifacts['model.safetensors']}",
        "-p", "attack=fgsm", "-p", "n_samples=50", queue="pytorch",
    )  # fmt: skip
    assert "threat model: white-box fgsm, Linf norm, epsilon 0.1" in attack_log
