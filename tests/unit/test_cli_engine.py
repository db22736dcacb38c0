"""``dioptra engine validate`` and ``dioptra engine run`` through Typer's test runner."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from dioptra.cli.engine import app

TUTORIAL = Path(__file__).resolve().parents[2] / "examples" / "tutorial"
runner = CliRunner()

# A tiny project whose plugin is written per test.
MANIFEST = """\
[[plugins]]
path = "plugins/toy"
  [[plugins.tasks.functions]]
  filename = "tasks.py"
  name = "double"
  input_params = [{ name = "x", type = "integer", required = true }]
  output_params = [{ name = "y", type = "integer" }]
  [[plugins.tasks.functions]]
  filename = "tasks.py"
  name = "negate"
  input_params = [{ name = "x", type = "integer", required = true }]
  output_params = [{ name = "y", type = "integer" }]

[[entrypoints]]
path = "flow.yml"
name = "flow"
params = [{ name = "x", type = "integer", default_value = "4" }]
plugins = ["toy"]
"""

TASKS = """\
from dioptra import pyplugs


@pyplugs.register
def double(x: int) -> int:
    if x < 0:
        raise ArithmeticError("negative input")
    return 2 * x


@pyplugs.register
def negate(x: int) -> int:
    return -x
"""


def _project(root: Path, flow: str) -> Path:
    (root / "plugins" / "toy").mkdir(parents=True)
    (root / "plugins" / "toy" / "tasks.py").write_text(TASKS)
    (root / "dioptra.toml").write_text(MANIFEST)
    (root / "flow.yml").write_text(textwrap.dedent(flow))
    return root


def test_help_shows_examples() -> None:
    for command in ("validate", "run"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "dioptra engine " + command in result.output
        assert "Example" in result.output


# --------------------------------------------------------------------------- validate


def test_validate_tutorial_entrypoint_by_name() -> None:
    result = runner.invoke(app, ["validate", "--project", str(TUTORIAL), "sample_and_transform"])
    assert result.exit_code == 0, result.output
    assert "sample_and_transform.yml: valid" in result.output


def test_validate_finds_the_project_above_a_yaml_file() -> None:
    path = TUTORIAL / "entrypoints" / "rescale_and_graph_array.yml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "rescale_and_graph_array.yml: valid" in result.output


def test_validate_reports_each_issue_with_its_line(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        """\
        graph:
          first:
            double: [$x]
          second:
            negate: [$missing]
          third:
            double: ["text"]
        """,
    )
    result = runner.invoke(app, ["validate", "--project", str(root), "flow"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{root / 'flow.yml'}:5: semantic.error:")
    assert "'$missing'" in lines[0]
    assert lines[1].startswith(f"{root / 'flow.yml'}:7: type.error:")
    assert "invalid, 2 errors" in result.stderr


def test_validate_type_error_line(tmp_path: Path) -> None:
    root = _project(tmp_path, 'graph:\n  first:\n    double: [$x]\n  third:\n    double: ["t"]\n')
    result = runner.invoke(app, ["validate", "--project", str(root), str(root / "flow.yml")])
    assert result.exit_code == 1
    assert f"{root / 'flow.yml'}:5: type.error:" in result.stdout


def test_validate_a_whole_document_file(tmp_path: Path) -> None:
    document = tmp_path / "experiment.yaml"
    document.write_text(
        "tasks:\n  t:\n    plugin: a.b\n    inputs: [{x: integer}]\n"
        "graph:\n  ok:\n    t: [1]\n  bad:\n    t: [1.5]\n"
    )
    result = runner.invoke(app, ["validate", str(document)])
    assert result.exit_code == 1
    assert f"{document}:9: type.error:" in result.stdout
    document.write_text("tasks:\n  t:\n    plugin: a.b\ngraph:\n  ok:\n    task: t\n")
    result = runner.invoke(app, ["validate", str(document)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nope"], "no entrypoint named 'nope'"),
        (["--project", "/nonexistent", "flow"], "file not found"),
    ],
)
def test_validate_bad_input(tmp_path: Path, args: list[str], fragment: str) -> None:
    root = _project(tmp_path, "graph:\n  s:\n    double: [1]\n")
    full = (
        ["validate", *args] if "--project" in args else ["validate", "--project", str(root), *args]
    )
    result = runner.invoke(app, full)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_validate_broken_manifest_names_the_key(tmp_path: Path) -> None:
    root = _project(tmp_path, "graph:\n  s:\n    double: [1]\n")
    (root / "dioptra.toml").write_text(
        MANIFEST.replace('type = "integer", default', 'type = "int", default')
    )
    result = runner.invoke(app, ["validate", "--project", str(root), "flow"])
    assert result.exit_code == 2
    assert "entrypoints[0].params[0].type" in result.stderr


# --------------------------------------------------------------------------- run


def test_run_prints_outputs(tmp_path: Path) -> None:
    root = _project(
        tmp_path / "p", "graph:\n  first:\n    double: [$x]\n  second:\n    negate: [$first]\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", "--project", str(root), "flow", "-p", "x=21", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "first.y = 42" in result.stdout
    assert "second.y = -42" in result.stdout
    assert f"working folder: {out.resolve()}" in result.stdout
    defaulted = runner.invoke(app, ["run", "--project", str(root), "flow", "-o", str(out)])
    assert "first.y = 8" in defaulted.stdout


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        (["-p", "x"], "--param expects NAME=VALUE"),
        (["-p", "y=1"], "flow has no parameter 'y' (x)"),
        (["-p", "x=1.5"], "parameter 'x' is of type 'integer' and expects a whole number"),
        (["--swap", "nothing"], "--swap expects NAME=VALUE"),
    ],
)
def test_run_bad_parameters(tmp_path: Path, params: list[str], fragment: str) -> None:
    root = _project(tmp_path, "graph:\n  first:\n    double: [$x]\n")
    result = runner.invoke(app, ["run", "--project", str(root), "flow", *params])
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_run_task_failure_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = _project(tmp_path, "graph:\n  first:\n    double: [$x]\n")
    args = ["run", "--project", str(root), "flow", "-p", "x=-1", "-o", str(tmp_path / "o")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "step 'first'" in result.stderr
    assert "ArithmeticError: negative input" in result.stderr
    assert "Traceback" not in result.output
    verbose = runner.invoke(app, [*args, "--traceback"])
    assert verbose.exit_code == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    assert 'raise ArithmeticError("negative input")' in verbose.stderr


def test_run_invalid_graph_prints_issues(tmp_path: Path) -> None:
    root = _project(tmp_path, "graph:\n  first:\n    double: [$nowhere]\n")
    result = runner.invoke(app, ["run", "--project", str(root), "flow"])
    assert result.exit_code == 1
    assert f"{root / 'flow.yml'}:3: semantic.error" in result.stderr
    assert "flow is not valid; nothing ran" in result.stderr


def test_run_with_a_swap(tmp_path: Path) -> None:
    flow = """\
        graph:
          first:
            ?op:
              ?outputs: [value]
              twice:
                double: [$x]
              minus:
                negate: [$x]
          second:
            double: [$first.value]
        """
    root = _project(tmp_path, flow)
    base = ["run", "--project", str(root), "flow", "-p", "x=3", "-o", str(tmp_path / "o")]
    twice = runner.invoke(app, [*base, "--swap", "op=twice"])
    assert twice.exit_code == 0, twice.output
    assert "second.y = 12" in twice.stdout
    minus = runner.invoke(app, [*base, "--swap", "op=minus", "-p", "x=-3"])
    assert minus.exit_code == 0, minus.output
    assert "second.y = 6" in minus.stdout
    unchosen = runner.invoke(app, base)
    assert unchosen.exit_code == 2
    assert "--swap op=twice|minus" in unchosen.stderr
    unknown = runner.invoke(app, [*base, "--swap", "op=thrice"])
    assert unknown.exit_code == 2
    assert "swap 'op' has no alias 'thrice' (aliases: twice, minus)" in unknown.stderr
    assert runner.invoke(app, ["validate", "--project", str(root), "flow"]).exit_code == 0


def test_run_without_out_leaves_no_folder_unless_it_saved_artifacts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    root = _project(tmp_path / "p", "graph:\n  first:\n    double: [$x]\n")

    plain = runner.invoke(app, ["run", "--project", str(root), "flow", "-p", "x=2"])
    assert plain.exit_code == 0, plain.output
    failed = runner.invoke(app, ["run", "--project", str(root), "flow", "-p", "x=nope"])
    assert failed.exit_code != 0
    assert list(temp.iterdir()) == []
    assert "working folder" not in plain.stdout

    saved = runner.invoke(
        app, ["run", "--project", str(TUTORIAL), "sample_and_save_artifact", "-p", "sample_size=3"]
    )
    assert saved.exit_code == 0, saved.output
    [kept] = temp.iterdir()
    assert (kept / "transformed_array.npy").is_file()
    assert f"working folder: {kept} (temporary; remove it when done, or use --out)" in (
        saved.stdout
    )


def test_run_tutorial_artifacts_end_to_end(tmp_path: Path) -> None:
    saved, plotted = tmp_path / "saved", tmp_path / "plotted"
    result = runner.invoke(
        app,
        [
            "run",
            "--project",
            str(TUTORIAL),
            "sample_and_save_artifact",
            "-p",
            "sample_size=30",
            "-p",
            "seed=5",
            "--out",
            str(saved),
        ],
    )
    assert result.exit_code == 0, result.output
    array_path = saved.resolve() / "transformed_array.npy"
    assert f"transformed_array (NumpyArrayArtifactTask): {array_path}" in result.stdout
    assert np.load(array_path).shape == (30,)

    missing = runner.invoke(app, ["run", "--project", str(TUTORIAL), "rescale_and_graph_array"])
    assert missing.exit_code == 2
    assert "--artifact array=PATH" in missing.stderr

    for spec in (f"array={array_path}", f"array=NumpyArrayArtifactTask:{array_path}"):
        result = runner.invoke(
            app,
            [
                "run",
                "--project",
                str(TUTORIAL),
                "rescale_and_graph_array",
                "--artifact",
                spec,
                "--out",
                str(plotted),
            ],
        )
        assert result.exit_code == 0, result.output
        png = plotted.resolve() / "rescaled_plot.png"
        assert f"rescaled_plot (PngBytesArtifactTask): {png}" in result.stdout
        with Image.open(png) as image:
            assert image.format == "PNG"


def test_run_artifact_input_errors(tmp_path: Path) -> None:
    base = ["run", "--project", str(TUTORIAL), "rescale_and_graph_array"]
    missing_file = runner.invoke(app, [*base, "--artifact", f"array={tmp_path / 'none.npy'}"])
    assert missing_file.exit_code == 2
    assert "does not exist" in missing_file.stderr
    wrong_name = runner.invoke(app, [*base, "--artifact", f"other={tmp_path}"])
    assert wrong_name.exit_code == 2
    assert "no artifact parameter 'other' (array)" in wrong_name.stderr


def test_validate_refuses_an_alias_bomb_with_the_bound(tmp_path: Path) -> None:
    lines = ["graph:", "  s:", "    double:", "      - &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for level in range(1, 10):
        lines.append(f"      - &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    document = tmp_path / "experiment.yaml"
    document.write_text(bomb)
    result = runner.invoke(app, ["validate", str(document)])
    assert result.exit_code == 1
    assert "document too large: the document expands to" in result.stdout
    assert "the limit is 100000 nodes" in result.stdout
    # an entrypoint file of a project, for validate and run alike
    root = _project(tmp_path / "project", bomb)
    for command in ("validate", "run"):
        result = runner.invoke(app, [command, "--project", str(root), "flow"])
        assert result.exit_code == 2, result.output
        assert "document too large: the document expands to" in result.stderr
        assert "Traceback" not in result.output
