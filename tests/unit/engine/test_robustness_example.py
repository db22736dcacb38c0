"""The robustness study's model artifacts (examples/robustness), through the engine: a
model saved by one run loads in another, in a safe format; a pickle loads only when the
user opts in; the PyTorch variant runs on the CPU at a reduced size."""

from __future__ import annotations

import logging
import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dioptra.cli.engine import import_artifact_tasks
from dioptra.engine import ArtifactInput, run_experiment
from dioptra.engine.errors import TaskExecutionError
from dioptra.engine.project import Project, load_project

STUDY = Path(__file__).resolve().parents[3] / "examples" / "robustness"
SMALL_ATTACK = {"attack": "fgsm", "epsilon": 0.2, "n_samples": 40}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(STUDY)


def run(project: Project, entrypoint: str, working_dir: Path, **kwargs: Any) -> Any:
    working_dir.mkdir()
    return run_experiment(
        project.document(entrypoint),
        working_dir=working_dir,
        artifact_tasks=import_artifact_tasks(project, entrypoint),
        plugin_paths=project.plugin_paths(entrypoint),
        **kwargs,
    )


def model_input(project: Project, path: Path) -> dict[str, ArtifactInput]:
    """``path`` as the ``model`` artifact of an attack run, loaded by ModelArtifactTask."""
    task = import_artifact_tasks(project, "robustness_attack")["ModelArtifactTask"]
    return {"model": ArtifactInput(task, path.parent, path.name)}


def test_a_model_saved_by_one_run_loads_in_another(project: Project, tmp_path: Path) -> None:
    trained = run(project, "robustness_train", tmp_path / "train")
    (saved,) = trained.artifacts
    assert saved.path.name == "model.skops"
    assert saved.path.read_bytes()[:2] == b"PK"  # skops is a zip archive, not a pickle

    attacked = run(
        project, "robustness_attack", tmp_path / "attack",
        parameters=SMALL_ATTACK, artifact_inputs=model_input(project, saved.path),
    )  # fmt: skip

    model = trained.outputs["trained"]["model"]
    loaded = attacked.outputs["loaded"]["model"]
    x = trained.outputs["data"]["dataset"]["x_test"]
    assert loaded is not model
    assert np.array_equal(loaded.predict_proba(x), model.predict_proba(x))
    (examples,) = attacked.artifacts
    assert examples.is_dir
    assert sorted(p.name for p in examples.path.iterdir()) == ["x_adv.npy", "x_clean.npy", "y.npy"]
    x_adv = np.load(examples.path / "x_adv.npy", allow_pickle=False)
    assert x_adv.shape == (40, 64)
    assert np.abs(x_adv - np.load(examples.path / "x_clean.npy")).max() <= 0.2 + 1e-6


def test_loading_refuses_a_pickle_unless_the_user_opts_in(project: Project, tmp_path: Path) -> None:
    trained = run(project, "robustness_train", tmp_path / "train")
    model = trained.outputs["trained"]["model"]
    task = import_artifact_tasks(project, "robustness_train")["ModelArtifactTask"]
    pickled = task.serialize(tmp_path, "model", model, format="pickle")
    assert pickle.loads(pickled.read_bytes()).get_params() == model.get_params()

    with pytest.raises(TaskExecutionError, match="refusing to load a pickled model"):
        run(
            project, "robustness_attack", tmp_path / "refused",
            parameters=SMALL_ATTACK, artifact_inputs=model_input(project, pickled),
        )  # fmt: skip
    assert not (tmp_path / "refused" / "adversarial_examples").exists()

    allowed = run(
        project, "robustness_attack", tmp_path / "allowed",
        parameters={**SMALL_ATTACK, "allow_pickle": True},
        artifact_inputs=model_input(project, pickled),
    )  # fmt: skip
    x = trained.outputs["data"]["dataset"]["x_test"]
    assert np.array_equal(allowed.outputs["loaded"]["model"].predict(x), model.predict(x))


def test_a_skops_model_with_an_unknown_type_is_refused(project: Project, tmp_path: Path) -> None:
    import skops.io
    from sklearn.preprocessing import FunctionTransformer

    # A function inside the model: skops will not call it without being told to trust it.
    path = tmp_path / "model.skops"
    path.write_bytes(skops.io.dumps(FunctionTransformer(func=np.random.default_rng)))

    with pytest.raises(TaskExecutionError, match="not known to be safe"):
        run(
            project, "robustness_attack", tmp_path / "refused",
            parameters=SMALL_ATTACK, artifact_inputs=model_input(project, path),
        )  # fmt: skip


def test_the_threat_model_is_checked_before_the_attack(project: Project, tmp_path: Path) -> None:
    trained = run(project, "robustness_train", tmp_path / "train")
    (saved,) = trained.artifacts
    with pytest.raises(TaskExecutionError, match="'hopskipjump' is not a white-box attack"):
        run(
            project, "robustness_attack", tmp_path / "attack",
            parameters={"attack": "hopskipjump"}, artifact_inputs=model_input(project, saved.path),
        )  # fmt: skip
    with pytest.raises(TaskExecutionError, match="needs a query budget"):
        run(
            project, "robustness_attack", tmp_path / "attack2",
            parameters={"access": "black-box", "attack": "hopskipjump"},
            artifact_inputs=model_input(project, saved.path),
        )  # fmt: skip


def test_a_black_box_attack_stays_in_its_budget_and_epsilon(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    trained = run(project, "robustness_train", tmp_path / "train")
    (saved,) = trained.artifacts
    with caplog.at_level(logging.INFO, logger="robustness"):
        attacked = run(
            project, "robustness_attack", tmp_path / "attack",
            parameters={"access": "black-box", "attack": "hopskipjump", "max_queries": 300,
                        "epsilon": 0.15, "n_samples": 8},
            artifact_inputs=model_input(project, saved.path),
        )  # fmt: skip
    adversarial = attacked.outputs["adversarial"]["adversarial_set"]
    assert np.abs(adversarial["x_adv"] - adversarial["x_clean"]).max() <= 0.15 + 1e-6
    logged = "\n".join(caplog.messages)
    assert (
        "threat model: black-box hopskipjump, Linf norm, epsilon 0.15, query budget 300" in logged
    )
    queries = re.search(r"queries_per_sample ([0-9.]+)", logged)
    assert queries is not None, logged
    assert 0 < float(queries[1]) <= 300


def test_the_pytorch_variant_trains_saves_safetensors_and_is_attacked_on_the_cpu(
    project: Project, tmp_path: Path
) -> None:
    pytest.importorskip("torch", reason="PyTorch is the optional `torch` extra")
    trained = run(project, "robustness_train_torch", tmp_path / "train", parameters={"epochs": 3})
    (saved,) = trained.artifacts
    assert saved.path.name == "model.safetensors"

    attacked = run(
        project, "robustness_sweep", tmp_path / "sweep",
        parameters={"attack": "pgd", "epsilons": [0.0, 0.1, 0.3], "n_samples": 60,
                    "max_iter": 5},
        artifact_inputs=model_input(project, saved.path),
    )  # fmt: skip
    curve = attacked.outputs["curve"]["curve"]
    assert [row["epsilon"] for row in curve] == [0.0, 0.1, 0.3]
    assert curve[0]["adversarial_accuracy"] > 0.8  # three epochs learn the digits
    assert curve[-1]["adversarial_accuracy"] < curve[0]["adversarial_accuracy"]
    assert {a.name for a in attacked.artifacts} == {"accuracy_curve", "accuracy_curve_plot"}
