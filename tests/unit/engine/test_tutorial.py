"""The tutorial's entrypoints run in-process on documents built by manifest + assemble."""

from __future__ import annotations

import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

from dioptra.cli.engine import import_artifact_tasks
from dioptra.engine import ArtifactInput, run_experiment, validate
from dioptra.engine.project import Project, load_project

TUTORIAL = Path(__file__).resolve().parents[3] / "examples" / "tutorial"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(TUTORIAL)


def _load_module(relative: str) -> ModuleType:
    """Import a tutorial plugin file under a private name, to call its functions directly."""
    path = TUTORIAL / "plugins" / relative
    name = "tutorial_direct_" + relative.replace("/", "_").removesuffix(".py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sampling() -> Iterator[ModuleType]:
    module = _load_module("sample_and_transform/tasks.py")
    yield module
    sys.modules.pop(module.__name__, None)


@pytest.mark.parametrize(
    "entrypoint",
    ["hello_world", "sample_and_transform", "sample_and_save_artifact", "rescale_and_graph_array"],
)
def test_every_entrypoint_validates(project: Project, entrypoint: str) -> None:
    assembly = project.assemble(entrypoint)
    names = dict.fromkeys(project.artifact_task_modules(entrypoint))
    issues = validate(
        assembly.document,
        artifact_tasks={name: None for name in names},
        source_map=assembly.source_map,
    )
    assert issues == []


def test_hello_world(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_experiment(
        project.document("hello_world"),
        {"name": "Dioptra"},
        working_dir=tmp_path,
        plugin_paths=project.plugin_paths("hello_world"),
    )
    assert result.outputs == {"greet": {"greeting": "Hello, Dioptra!"}}
    assert "Hello, Dioptra!" in capsys.readouterr().out
    defaulted = run_experiment(
        project.document("hello_world"),
        working_dir=tmp_path,
        plugin_paths=project.plugin_paths("hello_world"),
    )
    assert defaulted.outputs["greet"]["greeting"] == "Hello, World!"


def test_sample_and_transform_prints_stats_and_is_reproducible(
    project: Project,
    sampling: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    parameters = {"sample_size": 50, "seed": 7, "transform": "square"}
    outputs = [
        run_experiment(
            project.document("sample_and_transform"),
            parameters,
            working_dir=tmp_path,
            plugin_paths=project.plugin_paths("sample_and_transform"),
        ).outputs
        for _ in range(2)
    ]
    first, second = outputs
    transformed = first["transform_step"]["transformed"]
    assert transformed.shape == (50,)
    assert np.array_equal(transformed, second["transform_step"]["transformed"])
    expected = np.square(
        sampling.add_noise(sampling.sample_normal_distribution(50, seed=7), seed=7)
    )
    assert np.array_equal(transformed, expected)
    stats = first["transform_stats"]["stats"]
    assert stats["size"] == 50.0
    assert stats["mean"] == pytest.approx(float(np.mean(expected)))
    printed = capsys.readouterr().out
    assert "sample: size=50.0000" in printed
    assert f"transformed: size=50.0000, mean={np.mean(expected):.4f}" in printed


def test_saved_array_then_rescaled_and_plotted(
    project: Project, sampling: ModuleType, tmp_path: Path
) -> None:
    first_dir, second_dir = tmp_path / "save", tmp_path / "plot"
    first_dir.mkdir()
    second_dir.mkdir()
    parameters = {"sample_size": 200, "mean": 1.5, "std": 2.0, "noise_std": 0.3, "seed": 42}
    saved = run_experiment(
        project.document("sample_and_save_artifact"),
        parameters,
        working_dir=first_dir,
        artifact_tasks=import_artifact_tasks(project, "sample_and_save_artifact"),
        plugin_paths=project.plugin_paths("sample_and_save_artifact"),
    )
    (artifact,) = saved.artifacts
    assert (artifact.name, artifact.task_name, artifact.is_dir) == (
        "transformed_array",
        "NumpyArrayArtifactTask",
        False,
    )
    assert artifact.path == first_dir / "transformed_array.npy"

    # The file holds exactly what the plugin functions give when called directly.
    sample = sampling.sample_normal_distribution(200, mean=1.5, std=2.0, seed=42)
    direct = sampling.nonlinear_transform(sampling.add_noise(sample, noise_std=0.3, seed=42))
    assert np.array_equal(np.load(artifact.path), direct)

    classes = import_artifact_tasks(project, "rescale_and_graph_array")
    plotted = run_experiment(
        project.document("rescale_and_graph_array"),
        {"title": "Tutorial"},
        working_dir=second_dir,
        artifact_inputs={
            "array": ArtifactInput(classes["NumpyArrayArtifactTask"], first_dir, artifact.path.name)
        },
        artifact_tasks=classes,
        plugin_paths=project.plugin_paths("rescale_and_graph_array"),
    )
    min_max = plotted.outputs["min_max_step"]["rescaled"]
    assert (min_max.min(), min_max.max()) == (0.0, 1.0)
    z_score = plotted.outputs["z_score_step"]["rescaled"]
    assert z_score.mean() == pytest.approx(0.0, abs=1e-12)
    assert z_score.std() == pytest.approx(1.0)
    assert np.allclose(plotted.outputs["log_step"]["rescaled"], np.log1p(direct - direct.min()))

    (png,) = plotted.artifacts
    assert (png.name, png.task_name) == ("rescaled_plot", "PngBytesArtifactTask")
    assert png.path == second_dir / "rescaled_plot.png"
    with Image.open(png.path) as image:
        image.verify()
    with Image.open(io.BytesIO(png.path.read_bytes())) as image:
        assert image.format == "PNG"
        assert image.size == (800, 600)
    assert png.path.read_bytes() == plotted.outputs["plot_step"]["png"]
