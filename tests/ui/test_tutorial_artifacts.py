"""Tutorial scenarios 2 and 3 (the seed's "Saving Artifacts" part and the next one), from
an empty server, only by clicking and typing; the API only checks the results.

2. The sample-and-transform plugin and entrypoint are clicked in; an artifact plugin gets
   ``NumpyArrayArtifactTask`` pasted into its editor, its task imported (the analysis finds
   it) with its output registered as a new ``NumpyArray`` type; the EXISTING entrypoint
   gets the artifact plugin and the output step ``contents: $transform_step``; a job runs
   and finishes live; its .npy is downloaded from the job's Artifacts tab and equals both
   the array the seeded computation gives and the artifact's bytes from the API.
3. ``PngBytesArtifactTask`` is added to the artifact plugin's file, a rescale-and-graph
   plugin is clicked in, and a new entrypoint with an artifact parameter
   (``rescale_and_graph_array``) runs on the saved array chosen in the job form's filtered
   picker; the PNG it saves previews on the artifact page (the image decoded).

The two share one server, in order.
"""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import DioptraServer
from playwright.sync_api import expect
from ui_api import client_for, find_by_name
from ui_flows import (
    PASSWORD,
    add_parameters,
    add_plugin_file,
    choose,
    choose_many,
    create_plugin,
    create_queue,
    fill_code,
    graph_checked_ok,
    map_or_create_types,
    new_entrypoint,
    open_section,
    register_and_sign_in,
    save_entrypoint,
    select_in_job_form,
    sign_in,
    signed_in_at,
    submit_job_and_watch,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(420)]

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "examples" / "tutorial" / "plugins"
SAMPLE_AND_TRANSFORM = (PLUGINS / "sample_and_transform" / "tasks.py").read_text()
RESCALE_AND_GRAPH = (PLUGINS / "rescale_and_graph" / "tasks.py").read_text()
ARTIFACT_TASKS = (PLUGINS / "tutorial_artifacts" / "tasks.py").read_text()
HEADER, _, CLASSES = ARTIFACT_TASKS.partition("\n\nclass ")
NUMPY_TASK_ONLY = HEADER + "\n\nclass " + CLASSES.split("\n\nclass ")[0] + "\n"
USER = "dana"

SAMPLE_GRAPH = REPO / "examples" / "tutorial" / "entrypoints" / "sample_and_transform.yml"
SAMPLE_PARAMETERS = [
    ("sample_size", "integer", "100"),
    ("mean", "float", "0.0"),
    ("std", "float", "1.0"),
    ("noise_std", "float", "0.1"),
    ("transform", "string", "tanh"),
    ("seed", "integer", "0"),
]
SAVE_OUTPUT = """\
transformed_array:
  contents: $transform_step
  task:
    name: NumpyArrayArtifactTask
"""
RESCALE_GRAPH = REPO / "examples" / "tutorial" / "entrypoints" / "rescale_and_graph_array.yml"


def graph_part(path: Path) -> tuple[str, str]:
    """The task graph and the artifact output graph of a tutorial entrypoint file, as a
    user would paste them into the two editors (the `graph:`/`artifacts:` keys dropped)."""
    text = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("#"))
    graph, _, artifacts = text.partition("\nartifacts:\n")
    graph = graph.split("graph:\n", 1)[1]

    def dedent(block: str) -> str:
        return "\n".join(line[2:] for line in block.splitlines() if line.strip()) + "\n"

    return dedent(graph), dedent(artifacts) if artifacts else ""


def expected_array(size: int, seed: int, noise_std: float) -> np.ndarray:
    """The seeded computation, with the very functions the plugin holds."""
    spec = importlib.util.spec_from_file_location(
        "tutorial_tasks", PLUGINS / "sample_and_transform" / "tasks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sample = module.sample_normal_distribution(size, 0.0, 1.0, seed)
    return module.nonlinear_transform(module.add_noise(sample, noise_std, seed), "tanh")


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    """What scenario 2 leaves for scenario 3 (ids read from the pages' URLs)."""
    return {}


def test_save_artifact(
    page: Any, screenshot: Any, server: DioptraServer, state: dict, tmp_path: Path
) -> None:
    register_and_sign_in(page, USER)
    create_queue(page, "default")

    # Parts 2-3 of the tutorial: the sample-and-transform plugin and its entrypoint.
    create_plugin(page, "sample_and_transform", "Sample, add noise, transform")
    add_plugin_file(
        page,
        "tasks.py",
        SAMPLE_AND_TRANSFORM,
        ["sample_normal_distribution", "add_noise", "nonlinear_transform", "print_stats"],
        types={"np_ndarray": "NumpyArray", "dict_str_float": "Statistics"},
        create={"NumpyArray", "Statistics"},
    )
    screenshot("tutorial2-01-plugin-file-sample")

    new_entrypoint(page, "sample_and_transform")
    choose_many(page, page.get_by_test_id("queues-select"), ["default"])
    add_parameters(page, SAMPLE_PARAMETERS)
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["sample_and_transform"])
    task_graph, _ = graph_part(SAMPLE_GRAPH)
    fill_code(page, "Task graph", task_graph)
    graph_checked_ok(page)
    entrypoint_id = save_entrypoint(page)
    state["sample_entrypoint"] = entrypoint_id

    # Part 4: the artifact plugin, NumpyArrayArtifactTask pasted in.
    create_plugin(page, "artifact_plugin", "Save NumPy arrays")
    add_plugin_file(
        page,
        "artifacts.py",
        NUMPY_TASK_ONLY,
        ["NumpyArrayArtifactTask"],
        types={"np_ndarray": "NumpyArray"},
        create=set(),
    )
    expect(page.get_by_test_id("task-artifact-0")).to_be_visible()
    screenshot("tutorial2-02-artifact-plugin")
    state["artifact_plugin_file"] = page.url

    # The EXISTING entrypoint: the artifact plugin and the output step added, saved.
    open_section(page, "Entrypoints")
    page.get_by_role("link", name="sample_and_transform", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/entrypoints/{entrypoint_id}$"))
    choose_many(page, page.get_by_test_id("artifact-plugins-select"), ["artifact_plugin"])
    expect(page.get_by_test_id("add-task-NumpyArrayArtifactTask")).to_be_visible()
    fill_code(page, "Artifact output graph", SAVE_OUTPUT)
    graph_checked_ok(page)
    screenshot("tutorial2-03-entrypoint-artifact-output")
    page.get_by_test_id("entrypoint-save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden(timeout=20_000)

    # An experiment and a job with a chosen seed and size.
    open_section(page, "Experiments")
    page.get_by_test_id("experiment-new").first.click()
    dialog = page.get_by_role("dialog", name="New experiment")
    dialog.get_by_test_id("experiment-name").fill("artifacts")
    choose_many(page, dialog.get_by_test_id("experiment-entrypoints"), ["sample_and_transform"])
    dialog.get_by_test_id("experiment-create-submit").click()
    expect(page).to_have_url(re.compile(r"/experiments/\d+$"))
    state["experiment_url"] = page.url
    page.get_by_test_id("experiment-create-job").click()
    expect(page.get_by_test_id("job-form")).to_be_visible()
    select_in_job_form(page, "sample_and_transform", "default")
    page.get_by_test_id("param-input-sample_size").fill("250")
    page.get_by_test_id("param-input-seed").fill("7")
    job_id = submit_job_and_watch(page)
    screenshot("tutorial2-04-job-finished")

    # Its artifacts: the .npy downloaded as a user would.
    page.get_by_test_id("job-tab-artifacts").click()
    item = page.get_by_test_id(re.compile(r"^job-artifact-\d+$"))
    expect(item).to_have_count(1)
    artifact_id = int((item.get_attribute("data-testid") or "").rsplit("-", 1)[1])
    expect(item).to_contain_text("transformed_array.npy")
    screenshot("tutorial2-05-job-artifacts")
    with page.expect_download() as download_info:
        page.get_by_test_id(f"artifact-download-{artifact_id}").click()
    download = download_info.value
    assert download.suggested_filename == "transformed_array.npy"
    downloaded = Path(download.path()).read_bytes()
    array = np.load(io.BytesIO(downloaded), allow_pickle=False)
    np.testing.assert_array_equal(array, expected_array(250, 7, 0.1))
    state["artifact"] = artifact_id

    # The preview on the job page: the array's shape.
    toggle = page.get_by_test_id(f"artifact-preview-toggle-{artifact_id}")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.get_by_test_id("npy-shape")).to_contain_text("250")
    screenshot("tutorial2-06-npy-preview")

    # Checked through the API: the same bytes, the job's artifact.
    client = client_for(server.url, USER, PASSWORD)
    stored = client.artifacts.get_contents(artifact_id, output_dir=tmp_path, file_stem="api.npy")
    assert stored.read_bytes() == downloaded
    assert client.jobs.get_by_id(job_id)["status"] == "finished"


def test_load_artifact(page: Any, screenshot: Any, server: DioptraServer, state: dict) -> None:
    if "artifact" not in state:
        pytest.fail("scenario 2 (test_save_artifact) did not save the array this one loads")
    if not signed_in_at(page, "/"):
        sign_in(page, USER)

    # PngBytesArtifactTask added to the artifact plugin's file (an edit of a saved file).
    page.goto(state["artifact_plugin_file"])
    expect(page.get_by_test_id("task-artifact-0")).to_be_visible()
    fill_code(page, "Python code", ARTIFACT_TASKS)
    page.get_by_test_id("import-tasks").click()
    dialog = page.get_by_test_id("import-tasks-dialog")
    box = dialog.get_by_role("checkbox", name="Register artifact task PngBytesArtifactTask")
    if not box.is_checked():
        box.check()
    map_or_create_types(dialog, page, {"bytes": "PngBytes"}, create={"PngBytes"})
    dialog.get_by_test_id("import-tasks-apply").click()
    expect(dialog).to_be_hidden()
    page.get_by_test_id("save-file").click()
    expect(page.get_by_test_id("unsaved-changes")).to_be_hidden(timeout=20_000)
    expect(page.get_by_test_id("task-artifact-1")).to_be_visible()

    # Part 5: the rescale-and-graph plugin.
    create_plugin(page, "rescale_and_graph", "Rescale an array three ways and plot it")
    add_plugin_file(
        page,
        "tasks.py",
        RESCALE_AND_GRAPH,
        ["rescale_array", "plot_arrays"],
        types={"np_ndarray": "NumpyArray", "bytes": "PngBytes"},
        create=set(),
    )

    # The entrypoint with an artifact parameter.
    new_entrypoint(page, "rescale_and_graph_array")
    choose_many(page, page.get_by_test_id("queues-select"), ["default"])
    add_parameters(page, [("title", "string", "Rescaled arrays")])
    page.get_by_test_id("add-artifact-parameter").click()
    page.get_by_role("textbox", name="Artifact parameter 1 name").fill("array")
    outputs = page.get_by_role("textbox", name="Artifact parameter 1 output 1 name")
    if outputs.count() == 0:
        page.get_by_role("button", name="Add output to artifact parameter 1").click()
    page.get_by_role("textbox", name="Artifact parameter 1 output 1 name").fill("array")
    choose(
        page, page.get_by_role("combobox", name="Artifact parameter 1 output 1 type"), "NumpyArray"
    )
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["rescale_and_graph"])
    choose_many(page, page.get_by_test_id("artifact-plugins-select"), ["artifact_plugin"])
    task_graph, artifact_graph = graph_part(RESCALE_GRAPH)
    fill_code(page, "Task graph", task_graph)
    fill_code(page, "Artifact output graph", artifact_graph)
    graph_checked_ok(page)
    screenshot("tutorial3-01-entrypoint-artifact-parameter")
    save_entrypoint(page)

    # Linked to the experiment, then a job on the saved array.
    page.goto(state["experiment_url"])
    page.get_by_test_id("experiment-add-entrypoints").click()
    page.get_by_role("option", name="rescale_and_graph_array").click()
    page.keyboard.press("Escape")
    page.get_by_test_id("experiment-add-entrypoints-submit").click()
    expect(page.get_by_test_id("experiment-entrypoints-panel")).to_contain_text(
        "rescale_and_graph_array"
    )
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "rescale_and_graph_array", "default")
    picker = page.get_by_test_id("artifact-picker-array")
    picker.click()
    page.get_by_placeholder("Search by file, job or description").fill("transformed")
    page.get_by_test_id(f"artifact-option-{state['artifact']}").click()
    screenshot("tutorial3-02-job-artifact-picker")
    job_id = submit_job_and_watch(page)

    # The PNG it saved previews on the artifact page.
    page.get_by_test_id("job-tab-artifacts").click()
    item = page.get_by_test_id(re.compile(r"^job-artifact-\d+$"))
    expect(item).to_have_count(1)
    expect(item).to_contain_text("rescaled_plot.png")
    item.get_by_role("link", name="rescaled_plot.png", exact=True).click()
    expect(page).to_have_url(re.compile(r"/artifacts/\d+$"))
    image = page.get_by_test_id("artifact-preview-image")
    expect(image).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("(img) => img.naturalWidth") == 800
    screenshot("tutorial3-03-png-preview")

    client = client_for(server.url, USER, PASSWORD)
    job = client.jobs.get_by_id(job_id)
    assert job["artifactValues"]["array"]["id"] == state["artifact"]
    plots = [a for a in client.artifacts.get(page_length=100)["data"] if a["job"] == job_id]
    assert len(plots) == 1
    assert find_by_name(client.entrypoints.get(page_length=100), "rescale_and_graph_array")
