"""The "Web UI" tabs of the first four tutorials (docs/tutorials/hello-world.md,
first-entrypoint.md, parameters.md, multi-step.md), walked click by click as written, on one
empty server, in order. The code and graphs typed in are read from the pages' own blocks, so
a page and its walk cannot drift apart. Each screenshot a page shows is taken here, into
test-artifacts/docs-screenshots/tutorials/ (`make docs-screenshots` copies them into
docs/images/tutorials/)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, DioptraServer, set_theme
from playwright.sync_api import expect
from ui_api import client_for
from ui_flows import (
    PASSWORD,
    add_parameters,
    choose_many,
    create_plugin,
    create_queue,
    expect_saved,
    field,
    fill_code,
    graph_checked_ok,
    map_or_create_types,
    new_entrypoint,
    open_section,
    register_and_sign_in,
    save_entrypoint,
    select_in_job_form,
    submit_job_and_watch,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

PAGES = REPO / "docs" / "tutorials"
SHOTS = REPO / "test-artifacts" / "docs-screenshots" / "tutorials"
USER = "ada"
HIDE_TOASTS = ".p-toast { display: none !important; }"
SAMPLE_TASKS = ["sample_normal_distribution", "add_noise", "nonlinear_transform", "print_stats"]


def titled_block(page: str, title: str, occurrence: int = 0) -> str:
    """The text of the page's code block with `title="..."` (the n-th one of that title)."""
    text = (PAGES / page).read_text()
    pattern = re.compile(
        rf'^(?P<indent>[ \t]*)```\w*[^\n]*title="{re.escape(title)}"[^\n]*\n(?P<body>.*?)^(?P=indent)```',
        re.M | re.S,
    )
    found = list(pattern.finditer(text))
    assert len(found) > occurrence, f"{page} has no block titled {title!r} (#{occurrence})"
    match = found[occurrence]
    indent = len(match.group("indent"))
    return "".join(line[indent:] for line in match.group("body").splitlines(keepends=True))


def shoot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """The light-theme screenshot `name` a page shows (no tooltip, no caret blink)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    set_theme(page, "light")
    page.mouse.move(0, 0)
    path = SHOTS / f"{name}.png"
    page.screenshot(
        path=str(path),
        full_page=full_page,
        animations="disabled",
        caret="hide",
        style=HIDE_TOASTS,  # the "created" notices of earlier steps would cover the page
    )
    return path


def image_names(page: str) -> set[str]:
    """The tutorial screenshots a page shows."""
    text = (PAGES / page).read_text()
    return set(re.findall(r"\(\.\./images/tutorials/([\w-]+)\.png\)", text))


def open_entrypoint(page: Any, name: str) -> None:
    open_section(page, "Entrypoints")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(r"/entrypoints/\d+$"))
    expect(page.get_by_test_id("entrypoint-save")).to_be_visible()


def save_existing_entrypoint(page: Any) -> None:
    page.get_by_test_id("entrypoint-save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden(timeout=20_000)


def open_experiment(page: Any, name: str) -> None:
    open_section(page, "Experiments")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(r"/experiments/\d+$"))


def job_log(page: Any) -> Any:
    page.get_by_test_id("job-tab-logs").click()
    return page.get_by_test_id("job-log")


@pytest.fixture(scope="module")
def walked() -> set[str]:
    """The screenshots taken so far (each test adds its page's)."""
    return set()


def test_hello_world(page: Any, server: DioptraServer, walked: set[str]) -> None:
    # 3. The account.
    register_and_sign_in(page, USER)
    expect(page.get_by_text("Loading…")).to_have_count(0)
    expect(page.get_by_text("No group")).to_have_count(0)
    walked.add(shoot(page, "hello-01-home").stem)

    # 4. The queue.
    create_queue(page, "tutorial")
    walked.add(shoot(page, "hello-02-queue").stem)

    # 5. The plugin: New plugin, New file, the code pasted, Import tasks, Create file.
    create_plugin(page, "hello_world")
    page.get_by_test_id("plugin-file-create").first.click()
    field(page, "Filename").fill("tasks.py")
    fill_code(page, "Python code", titled_block("hello-world.md", "hello_world/tasks.py"))
    page.get_by_role("button", name="Import tasks").click()
    dialog = page.get_by_test_id("import-tasks-dialog")
    expect(dialog.get_by_role("checkbox", name="Register function task hello_world")).to_be_checked()
    dialog.get_by_role("button", name="Add 1 task to the file").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Create file").click()
    expect_saved(page, re.compile(r"/files/\d+$"))
    expect(page.get_by_role("group", name="Function task hello_world")).to_be_visible()
    walked.add(shoot(page, "hello-03-plugin-file").stem)

    # 6. The entrypoint.
    new_entrypoint(page, "hello_world")
    choose_many(page, page.get_by_test_id("queues-select"), ["tutorial"])
    add_parameters(page, [("name", "string", "World")])
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["hello_world"])
    expect(page.get_by_test_id("add-task-hello_world")).to_be_visible()
    fill_code(page, "Task graph", titled_block("hello-world.md", "hello_world.yml"))
    graph_checked_ok(page)
    walked.add(shoot(page, "hello-04-entrypoint").stem)
    save_entrypoint(page)

    # 7. The experiment and the job.
    open_section(page, "Experiments")
    page.get_by_role("button", name="New experiment").click()
    dialog = page.get_by_role("dialog", name="New experiment")
    dialog.get_by_test_id("experiment-name").fill("tutorial")
    choose_many(page, dialog.get_by_test_id("experiment-entrypoints"), ["hello_world"])
    dialog.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/experiments/\d+$"))
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "hello_world", "tutorial")
    page.get_by_test_id("param-input-name").fill("Ada")
    walked.add(shoot(page, "hello-05-job-form").stem)
    expect(page.get_by_role("button", name="Submit job")).to_be_visible()
    job_id = submit_job_and_watch(page)

    # 8. The log.
    expect(job_log(page)).to_contain_text("Hello, Ada!")
    walked.add(shoot(page, "hello-06-job-log").stem)

    job = client_for(server.url, USER, PASSWORD).jobs.get_by_id(job_id)
    assert (job["status"], job["values"]) == ("finished", {"name": "Ada"})
    assert walked >= image_names("hello-world.md")


def test_first_entrypoint(page: Any, server: DioptraServer, walked: set[str]) -> None:
    page.goto("/")
    # 2. The two types.
    for name, description, structure in [
        ("NumpyArray", "A NumPy array", None),
        ("Statistics", None, "mapping: [string, number]"),
    ]:
        open_section(page, "Parameter types")
        page.get_by_role("button", name="New type").click()
        expect(page).to_have_url(re.compile(r"/parameter-types/new$"))
        field(page, "Name").fill(name)
        if description:
            field(page, "Description").fill(description)
        if structure:
            fill_code(page, "Structure", structure)
            expect(page.get_by_test_id("structure-summary")).to_contain_text(
                re.compile("mapping", re.I)
            )
            walked.add(shoot(page, "first-01-type").stem)
        page.get_by_role("button", name="Create type").click()
        expect_saved(page, re.compile(r"/parameter-types/\d+$"))

    # 3. The plugin: the annotations mapped to the new types in the import dialog.
    create_plugin(page, "sample_and_transform")
    page.get_by_test_id("plugin-file-create").first.click()
    field(page, "Filename").fill("tasks.py")
    code = titled_block("first-entrypoint.md", "sample_and_transform/tasks.py")
    fill_code(page, "Python code", code)
    page.get_by_role("button", name="Import tasks").click()
    dialog = page.get_by_test_id("import-tasks-dialog")
    for task in SAMPLE_TASKS:
        box = dialog.get_by_role("checkbox", name=f"Register function task {task}")
        expect(box).to_be_checked()
    map_or_create_types(
        dialog, page, {"np_ndarray": "NumpyArray", "dict_str_float": "Statistics"}, set()
    )
    walked.add(shoot(page, "first-02-import-tasks").stem)
    dialog.get_by_role("button", name="Add 4 tasks to the file").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Create file").click()
    expect_saved(page, re.compile(r"/files/\d+$"))

    # 5. The entrypoint, a mistake shown, then saved.
    graph = titled_block("first-entrypoint.md", "sample_and_transform.yml")
    new_entrypoint(page, "sample_and_transform")
    choose_many(page, page.get_by_test_id("queues-select"), ["tutorial"])
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["sample_and_transform"])
    fill_code(page, "Task graph", graph)
    graph_checked_ok(page)
    walked.add(shoot(page, "first-03-entrypoint").stem)
    fill_code(page, "Task graph", graph.replace("size: 100", "size: a hundred"))
    expect(page.get_by_test_id("graph-check-status")).to_contain_text(
        re.compile("problem", re.I), timeout=20_000
    )
    expect(page.get_by_text(re.compile(r"expects integer"))).not_to_have_count(0)
    fill_code(page, "Task graph", graph)
    graph_checked_ok(page)
    save_entrypoint(page)

    # 6. Linked to the experiment, a job, its log.
    open_experiment(page, "tutorial")
    page.get_by_test_id("experiment-add-entrypoints").click()
    page.get_by_role("option", name="sample_and_transform", exact=True).click()
    page.keyboard.press("Escape")
    page.get_by_test_id("experiment-add-entrypoints-submit").click()
    expect(page.get_by_test_id("experiment-entrypoints-panel")).to_contain_text(
        "sample_and_transform"
    )
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "sample_and_transform", "tutorial")
    submit_job_and_watch(page)
    expect(job_log(page)).to_contain_text(
        "sample: size=100.0000, mean=0.0811, std=0.9621, min=-2.3250, max=2.0024"
    )
    assert walked >= image_names("first-entrypoint.md")


def test_parameters(page: Any, server: DioptraServer, walked: set[str]) -> None:
    page.goto("/")
    # 3. Four parameters and the new graph.
    open_entrypoint(page, "sample_and_transform")
    add_parameters(
        page,
        [
            ("sample_size", "integer", "100"),
            ("mean", "float", "0.0"),
            ("std", "float", "1.0"),
            ("seed", "integer", "0"),
        ],
    )
    fill_code(page, "Task graph", titled_block("parameters.md", "sample_and_transform.yml"))
    graph_checked_ok(page)
    # The shot shows the parameter rows (the page's section "Parameters"), not the graph.
    page.locator("#ep-params").evaluate(
        "(el) => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -70); }"
    )
    walked.add(shoot(page, "parameters-01-entrypoint").stem)
    save_existing_entrypoint(page)

    # 4. A job with values typed into the form.
    open_experiment(page, "tutorial")
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "sample_and_transform", "tutorial")
    for name, value in [("sample_size", "1000"), ("mean", "2"), ("std", "0.5"), ("seed", "7")]:
        page.get_by_test_id(f"param-input-{name}").fill(value)
    walked.add(shoot(page, "parameters-02-job-form").stem)
    job_id = submit_job_and_watch(page)
    expect(job_log(page)).to_contain_text(
        "sample: size=1000.0000, mean=1.9639, std=0.4707, min=0.3743, max=3.2858"
    )
    job = client_for(server.url, USER, PASSWORD).jobs.get_by_id(job_id)
    assert job["values"]["sample_size"] == "1000"
    assert walked >= image_names("parameters.md")


def test_multi_step(page: Any, server: DioptraServer, walked: set[str]) -> None:
    page.goto("/")
    # 2. Two more parameters and the five-step graph.
    open_entrypoint(page, "sample_and_transform")
    add_parameters(page, [("noise_std", "float", "0.1"), ("transform", "string", "tanh")])
    fill_code(page, "Task graph", titled_block("multi-step.md", "sample_and_transform.yml"))
    graph_checked_ok(page)
    walked.add(shoot(page, "multi-01-graph").stem)
    save_existing_entrypoint(page)

    # 3. A job with the defaults; the log, step by step.
    open_experiment(page, "tutorial")
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "sample_and_transform", "tutorial")
    submit_job_and_watch(page)
    log = job_log(page)
    expect(log).to_contain_text("sample: size=100.0000, mean=0.0811, std=0.9621")
    expect(log).to_contain_text(
        "transformed: size=100.0000, mean=0.0346, std=0.6343, min=-0.9808, max=0.9701"
    )
    walked.add(shoot(page, "multi-02-job-log").stem)
    assert walked >= image_names("multi-step.md")
