"""The Web UI tabs of docs/tutorials/{metrics,saving-artifacts,artifacts-as-inputs,
robustness-study}.md, clicked through as the pages tell a reader, on one fresh server.

Each test follows its page's numbered steps with the code the page shows (read from the
page itself, so the test and the page cannot drift apart) and saves the screenshots the page
references to test-artifacts/docs-screenshots/tutorials/<name>.png (light theme, 1280x800);
`make docs-screenshots` copies them into docs/images/tutorials/. The API is used only to
check results, and for the one step the robustness page does with the CLI (the import).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, DioptraServer
from playwright.sync_api import expect
from ui_api import client_for
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
    new_entrypoint,
    open_section,
    register_and_sign_in,
    save_entrypoint,
    select_in_job_form,
    sign_in,
    signed_in_at,
    submit_job_and_watch,
)

from dioptra.client.utils import select_files_in_directory

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

REPO = Path(__file__).resolve().parents[2]
TUTORIALS = REPO / "docs" / "tutorials"
SHOTS = ARTIFACTS / "docs-screenshots" / "tutorials"
USER = "ada"


def page_files(page_name: str) -> dict[str, str]:
    """The files a docs page writes (its fenced blocks with `title="path"`), by path."""
    text = (TUTORIALS / page_name).read_text()
    found = re.findall(r'^```\w* title="([^"]+)"\n(.*?)^```$', text, flags=re.M | re.S)
    return {path: body for path, body in found}


def graphs(entrypoint_yaml: str) -> tuple[str, str]:
    """The bodies of `graph:` and `artifacts:` of an entrypoint file, as a reader pastes
    them into the editor's two boxes."""
    graph, _, artifacts = entrypoint_yaml.partition("\nartifacts:\n")
    graph = graph.split("graph:\n", 1)[1]

    def dedent(block: str) -> str:
        return "\n".join(line[2:] for line in block.splitlines() if line.strip()) + "\n"

    return dedent(graph), dedent(artifacts) if artifacts else ""


def shoot(page: Any, name: str) -> None:
    """One screenshot for the docs (light theme), without the toasts of earlier steps."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.add_style_tag(content=".p-toast { display: none !important; }")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def show_comparison(page: Any) -> None:
    """Scroll the experiment's Compare jobs panel fully into view (the bottom of the page)."""
    page.get_by_test_id("experiment-compare-mode").evaluate(
        "(e) => e.closest('section').scrollIntoView({ block: 'end' })"
    )


def signed_in(page: Any) -> None:
    if not signed_in_at(page, "/"):
        sign_in(page, USER)


def new_experiment(page: Any, name: str, entrypoints: list[str]) -> str:
    open_section(page, "Experiments")
    page.get_by_test_id("experiment-new").first.click()
    dialog = page.get_by_role("dialog", name="New experiment")
    dialog.get_by_test_id("experiment-name").fill(name)
    choose_many(page, dialog.get_by_test_id("experiment-entrypoints"), entrypoints)
    dialog.get_by_test_id("experiment-create-submit").click()
    expect(page).to_have_url(re.compile(r"/experiments/\d+$"))
    return str(page.url)


def job_form(page: Any, experiment_url: str, entrypoint: str, queue: str) -> None:
    """The experiment's Create job form with ``entrypoint``; links ``queue`` when the
    entrypoint has none yet (the form offers it)."""
    page.goto(experiment_url)
    page.get_by_test_id("experiment-create-job").click()
    expect(page.get_by_test_id("job-form")).to_be_visible()
    control = page.get_by_test_id("job-entrypoint")
    if entrypoint not in (control.text_content() or ""):
        choose(page, control, entrypoint)
    link = page.get_by_test_id("job-link-queue")
    page.wait_for_timeout(300)  # the entrypoint's queues load; the link offer may appear
    if link.count() > 0 and link.is_visible():
        chosen = page.get_by_test_id("job-link-queue-select")
        if queue not in (chosen.text_content() or ""):
            choose(page, chosen, queue)
        page.get_by_test_id("job-link-queue-submit").click()
        expect(link).to_be_hidden()
    select_in_job_form(page, entrypoint, queue)


def pick_artifact(page: Any, parameter: str, search: str, artifact_id: int) -> None:
    page.get_by_test_id(f"artifact-picker-{parameter}").click()
    page.get_by_placeholder("Search by file, job or description").fill(search)
    page.get_by_test_id(f"artifact-option-{artifact_id}").click()


def job_artifacts(page: Any) -> dict[str, int]:
    """The finished job's artifacts (from its Artifacts tab), by file name."""
    page.get_by_test_id("job-tab-artifacts").click()
    items = page.get_by_test_id(re.compile(r"^job-artifact-\d+$"))
    expect(items.first).to_be_visible()
    found = {}
    for item in items.all():
        artifact_id = int((item.get_attribute("data-testid") or "").rsplit("-", 1)[1])
        name = item.get_by_role("link").first.text_content() or ""
        found[name.strip()] = artifact_id
    return found


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    return {}


def test_metrics_page(page: Any, server: DioptraServer, state: dict[str, Any]) -> None:
    files = page_files("metrics.md")
    register_and_sign_in(page, USER)
    state["registered"] = True
    create_queue(page, "tutorial")

    create_plugin(page, "toy_training")
    add_plugin_file(
        page,
        "tasks.py",
        files["metrics_demo/plugins/toy_training/tasks.py"],
        ["train_toy_classifier"],
    )
    new_entrypoint(page, "toy_training")
    choose_many(page, page.get_by_test_id("queues-select"), ["tutorial"])
    add_parameters(
        page,
        [("learning_rate", "float", "0.1"), ("epochs", "integer", "20"), ("seed", "integer", "0")],
    )
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["toy_training"])
    task_graph, _ = graphs(files["metrics_demo/entrypoints/toy_training.yml"])
    fill_code(page, "Task graph", task_graph)
    graph_checked_ok(page)
    save_entrypoint(page)

    experiment_url = new_experiment(page, "metrics", ["toy_training"])
    job_ids = []
    for rate in ["0.1", "0.01", "1.0"]:
        job_form(page, experiment_url, "toy_training", "tutorial")
        page.get_by_test_id("param-input-learning_rate").fill(rate)
        job_ids.append(submit_job_and_watch(page))
        if rate == "0.1":
            page.get_by_test_id("job-tab-metrics").click()
            expect(page.locator("canvas").first).to_be_visible()
            page.wait_for_timeout(500)  # the charts draw their last points
            shoot(page, "metrics-job-charts")

    page.goto(experiment_url)
    compare = page.get_by_test_id("experiment-compare-metric")
    expect(compare).to_be_visible()
    choose(page, compare, "loss")
    chart = page.get_by_test_id("experiment-metric-chart")
    expect(chart).to_have_attribute("aria-label", re.compile(r"^loss across 3 jobs"))
    page.wait_for_timeout(500)
    show_comparison(page)
    shoot(page, "metrics-experiment-compare")

    client = client_for(server.url, USER, PASSWORD)
    losses = {}
    for job_id in job_ids:
        latest = {m["name"]: m["value"] for m in client.jobs.get_metrics_by_id(job_id)}
        losses[client.jobs.get_parameters(job_id)["learning_rate"]] = latest["loss"]
    # What the page says: 0.01 barely moves from ln 2, 1.0 gets lowest.
    assert losses[0.01] > losses[0.1] > losses[1.0]
    assert losses[0.01] > 0.6


def test_saving_artifacts_page(page: Any, server: DioptraServer, state: dict[str, Any]) -> None:
    files = page_files("saving-artifacts.md")
    signed_in(page)
    create_plugin(page, "sampling")
    add_plugin_file(
        page,
        "tasks.py",
        files["artifacts_demo/plugins/sampling/tasks.py"],
        ["sample_array"],
        types={"np_ndarray": "NumpyArray"},
        create={"NumpyArray"},
    )
    create_plugin(page, "array_artifacts")
    add_plugin_file(
        page,
        "tasks.py",
        files["artifacts_demo/plugins/array_artifacts/tasks.py"],
        ["NumpyArrayArtifactTask"],
        types={"np_ndarray": "NumpyArray"},
    )
    expect(page.get_by_test_id("task-artifact-0")).to_be_visible()
    shoot(page, "artifacts-plugin")

    new_entrypoint(page, "sample_and_save")
    choose_many(page, page.get_by_test_id("queues-select"), ["tutorial"])
    add_parameters(page, [("size", "integer", "1000"), ("seed", "integer", "0")])
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["sampling"])
    choose_many(page, page.get_by_test_id("artifact-plugins-select"), ["array_artifacts"])
    task_graph, artifact_graph = graphs(files["artifacts_demo/entrypoints/sample_and_save.yml"])
    fill_code(page, "Task graph", task_graph)
    fill_code(page, "Artifact output graph", artifact_graph)
    graph_checked_ok(page)
    page.get_by_role(
        "textbox", name="Artifact output graph", exact=True
    ).scroll_into_view_if_needed()
    shoot(page, "artifacts-entrypoint")
    save_entrypoint(page)

    experiment_url = new_experiment(page, "artifacts", ["sample_and_save"])
    job_form(page, experiment_url, "sample_and_save", "tutorial")
    page.get_by_test_id("param-input-size").fill("500")
    page.get_by_test_id("param-input-seed").fill("7")
    submit_job_and_watch(page)
    artifacts = job_artifacts(page)
    artifact_id = artifacts["sampled_array.npy"]
    toggle = page.get_by_test_id(f"artifact-preview-toggle-{artifact_id}")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.get_by_test_id("npy-shape")).to_contain_text("500")
    shoot(page, "artifacts-job-tab")
    state.update(experiment_url=experiment_url, array=artifact_id)


def test_artifacts_as_inputs_page(page: Any, server: DioptraServer, state: dict[str, Any]) -> None:
    if "array" not in state:
        pytest.fail("the saving-artifacts page's test did not save the array this one loads")
    files = page_files("artifacts-as-inputs.md")
    signed_in(page)
    create_plugin(page, "plotting")
    add_plugin_file(
        page,
        "tasks.py",
        files["plotting_demo/plugins/plotting/tasks.py"],
        ["plot_histogram"],
        types={"np_ndarray": "NumpyArray", "bytes": "PngBytes"},
        create={"PngBytes"},
    )
    create_plugin(page, "image_artifacts")
    add_plugin_file(
        page,
        "tasks.py",
        files["plotting_demo/plugins/image_artifacts/tasks.py"],
        ["PngBytesArtifactTask"],
        types={"bytes": "PngBytes"},
    )

    new_entrypoint(page, "plot_array")
    choose_many(page, page.get_by_test_id("queues-select"), ["tutorial"])
    add_parameters(page, [("title", "string", "Sampled array")])
    page.get_by_test_id("add-artifact-parameter").click()
    page.get_by_role("textbox", name="Artifact parameter 1 name").fill("array")
    if page.get_by_role("textbox", name="Artifact parameter 1 output 1 name").count() == 0:
        page.get_by_role("button", name="Add output to artifact parameter 1").click()
    page.get_by_role("textbox", name="Artifact parameter 1 output 1 name").fill("array")
    choose(
        page, page.get_by_role("combobox", name="Artifact parameter 1 output 1 type"), "NumpyArray"
    )
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["plotting"])
    choose_many(
        page, page.get_by_test_id("artifact-plugins-select"), ["array_artifacts", "image_artifacts"]
    )
    task_graph, artifact_graph = graphs(files["plotting_demo/entrypoints/plot_array.yml"])
    fill_code(page, "Task graph", task_graph)
    fill_code(page, "Artifact output graph", artifact_graph)
    graph_checked_ok(page)
    page.get_by_test_id("add-artifact-parameter").scroll_into_view_if_needed()
    shoot(page, "inputs-entrypoint")
    save_entrypoint(page)

    page.goto(state["experiment_url"])
    page.get_by_test_id("experiment-add-entrypoints").click()
    page.get_by_role("option", name="plot_array").click()
    page.keyboard.press("Escape")
    page.get_by_test_id("experiment-add-entrypoints-submit").click()
    expect(page.get_by_test_id("experiment-entrypoints-panel")).to_contain_text("plot_array")
    job_form(page, state["experiment_url"], "plot_array", "tutorial")
    page.get_by_test_id("artifact-picker-array").click()
    expect(page.get_by_test_id(f"artifact-option-{state['array']}")).to_be_visible()
    shoot(page, "inputs-picker")
    page.get_by_test_id(f"artifact-option-{state['array']}").click()
    job_id = submit_job_and_watch(page)

    artifacts = job_artifacts(page)
    assert list(artifacts) == ["histogram.png"]
    page.get_by_role("link", name="histogram.png", exact=True).click()
    expect(page).to_have_url(re.compile(r"/artifacts/\d+$"))
    image = page.get_by_test_id("artifact-preview-image")
    expect(image).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    shoot(page, "inputs-png-preview")

    client = client_for(server.url, USER, PASSWORD)
    assert client.jobs.get_by_id(job_id)["artifactValues"]["array"]["id"] == state["array"]


def import_robustness(server: DioptraServer) -> None:
    """`dioptra import examples/robustness`, the page's one CLI-only step, via the API."""
    client = client_for(server.url, USER, PASSWORD)
    group_id = int(client.users.get_current()["groups"][0]["id"])
    folder = REPO / "examples" / "robustness"
    files = [
        f
        for f in select_files_in_directory(folder, recursive=True)
        if "__pycache__" not in f.filename
    ]
    try:
        # --strategy update, as the page advises: the earlier pages made a PngBytes type.
        client.workflows.import_resources(group_id, files, resolve_name_conflicts_strategy="update")
    finally:
        for f in files:
            f.stream.close()


def test_robustness_study_page(page: Any, server: DioptraServer, state: dict[str, Any]) -> None:
    if state.get("registered"):
        signed_in(page)
    else:  # run alone (-k robustness): the page starts from an empty server
        register_and_sign_in(page, USER)
    import_robustness(server)
    # The import came from outside this tab (the page's terminal step): a reader's browser
    # refetches on focus; a headless one keeps its cached lists until the page reloads.
    page.reload()
    create_queue(page, "sklearn")
    entrypoints = [
        "robustness_train",
        "robustness_sweep",
        "robustness_attack",
        "robustness_evaluate",
        "robustness_train_torch",
    ]
    experiment_url = new_experiment(page, "robustness", entrypoints)

    def train(adversarial_epsilon: str | None) -> int:
        job_form(page, experiment_url, "robustness_train", "sklearn")
        page.get_by_test_id("param-input-model").fill("svc")
        if adversarial_epsilon is not None:
            page.get_by_test_id("param-input-adversarial_epsilon").fill(adversarial_epsilon)
        submit_job_and_watch(page)
        return job_artifacts(page)["model.skops"]

    def sweep(model_id: int) -> int:
        job_form(page, experiment_url, "robustness_sweep", "sklearn")
        pick_artifact(page, "model", "model", model_id)
        return submit_job_and_watch(page)

    model = train(None)
    sweep_job = sweep(model)
    page.get_by_test_id("job-tab-metrics").click()
    expect(page.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(500)
    shoot(page, "robustness-sweep-metrics")

    hardened = train("0.1")
    hardened_sweep_job = sweep(hardened)

    page.goto(experiment_url)
    compare = page.get_by_test_id("experiment-compare-metric")
    choose(page, compare, "adversarial_accuracy")
    expect(page.get_by_test_id("experiment-metric-chart")).to_have_attribute(
        "aria-label", re.compile(r"^adversarial_accuracy across \d+ jobs")
    )
    page.wait_for_timeout(500)
    show_comparison(page)
    shoot(page, "robustness-compare")

    # By step: both sweeps' whole curves, a line per job against the epsilon index.
    page.get_by_test_id("experiment-compare-mode").get_by_text("By step").click()
    curves = page.get_by_test_id("experiment-metric-curves")
    expect(curves).to_have_attribute(
        "aria-label",
        f"adversarial_accuracy by step for 2 jobs: job {sweep_job} (5 steps), "
        f"job {hardened_sweep_job} (5 steps)",
    )
    page.wait_for_timeout(500)
    show_comparison(page)
    shoot(page, "robustness-compare-curves")

    client = client_for(server.url, USER, PASSWORD)

    def curve(job_id: int) -> list[float]:
        history = client.jobs.get_metrics_snapshots_by_id(job_id, "adversarial_accuracy")
        return [m["value"] for m in sorted(history["data"], key=lambda m: m["step"])]

    plain, hard = curve(sweep_job), curve(hardened_sweep_job)
    assert len(plain) == len(hard) == 5
    # What the page says: the hardened SVC holds up better at the larger epsilons.
    assert hard[-1] > plain[-1]
