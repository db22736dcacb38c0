"""The robustness study's wall time, as a new user runs it (examples/robustness/README.md).

From a cold start: `dioptra up` (fresh data folder), a user and a token, `dioptra import
examples/robustness`, then the scikit-learn study through `dioptra run`: train, a sweep
over 5 epsilons, a PGD attack and an evaluation behind feature squeezing. Prints each
stage's seconds and the total; `--figure PATH` saves the sweep's accuracy-versus-epsilon
PNG there (docs/robustness-curve.png comes from it); `--torch` also runs the PyTorch
variant (train_torch and a sweep) on the `pytorch` queue.

The server and CLI sessions are those of the end-to-end tests (tests/e2e/cli_server.py).

Run: .venv/bin/python bench/robustness/bench_study.py [--figure docs/robustness-curve.png]
     [--torch]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from cli_server import PASSWORD, CliSession, running_server, session_for, table_rows  # noqa: E402


def run_job(dioptra: CliSession, queue: str, entrypoint: str, *args: str) -> str:
    result = dioptra(
        "run", "robustness", entrypoint, "--queue", queue, "--create-experiment", *args,
        timeout=600,
    )  # fmt: skip
    found = re.search(r"Job (\d+) submitted", result.stderr)
    assert found is not None and f"Job {found[1]} finished" in result.stdout, result.stdout
    return found[1]


def artifact_ids(dioptra: CliSession, job_id: str) -> dict[str, str]:
    rows = table_rows(dioptra("artifacts", "list", "--job", job_id).stdout)
    return {Path(row[3]).name: row[0] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figure", type=Path, help="save the sweep's PNG here")
    parser.add_argument("--torch", action="store_true", help="also run the PyTorch variant")
    options = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")

    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-robustness-") as scratch:
        root = Path(scratch)
        clock = time.monotonic()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.monotonic()
            stages[stage] = now - clock
            clock = now
            print(f"{stage:<40} {stages[stage]:6.1f} s", flush=True)

        with running_server(root) as server:
            lap("dioptra up (until /health answers)")
            dioptra = session_for(server, root / "config")
            dioptra(
                "user", "create", "ada", "--email", "ada@example.org", "--password-stdin",
                "--data-dir", str(server.data_dir), input=PASSWORD + "\n",
            )  # fmt: skip
            token = dioptra("--username", "ada", "--password", PASSWORD, "token", "create", "b")
            dioptra.env["DIOPTRA_API_TOKEN"] = token.stdout.strip()
            lap("user and token")
            dioptra("import", "examples/robustness")
            dioptra("queues", "create", "sklearn")
            lap("dioptra import examples/robustness")
            trained = run_job(dioptra, "sklearn", "robustness_train")
            (model,) = artifact_ids(dioptra, trained).values()
            lap("train (logistic regression)")
            sweep = run_job(dioptra, "sklearn", "robustness_sweep", "--artifact", f"model={model}")
            lap("sweep (FGSM, 5 epsilons, 300 samples)")
            attack = run_job(
                dioptra, "sklearn", "robustness_attack", "--artifact", f"model={model}",
                "-p", "attack=pgd",
            )  # fmt: skip
            (examples,) = artifact_ids(dioptra, attack).values()
            lap("attack (PGD, epsilon 0.1, 200 samples)")
            run_job(
                dioptra, "sklearn", "robustness_evaluate", "--artifact", f"model={model}",
                "--artifact", f"adversarial_examples={examples}",
                "-p", "defence=feature_squeezing",
            )  # fmt: skip
            lap("evaluate (feature squeezing)")
            total = sum(stages.values())
            print(f"{'total: the scikit-learn study from cold':<40} {total:6.1f} s")
            if options.figure:
                out = root / "figure"
                png = artifact_ids(dioptra, sweep)["accuracy_curve_plot.png"]
                dioptra("artifacts", "download", png, "-o", str(out))
                shutil.copyfile(next(out.iterdir()), options.figure)
                print(f"saved the curve to {options.figure}")
            if options.torch:
                dioptra("queues", "create", "pytorch")
                trained_cnn = run_job(dioptra, "pytorch", "robustness_train_torch")
                (cnn,) = artifact_ids(dioptra, trained_cnn).values()
                lap("PyTorch: train_torch (10 epochs)")
                run_job(
                    dioptra, "pytorch", "robustness_sweep", "--artifact", f"model={cnn}",
                    "-p", "attack=pgd", "-p", "title=DigitsCNN, PGD",
                )  # fmt: skip
                lap("PyTorch: sweep (PGD, 5 epsilons)")


if __name__ == "__main__":
    main()
