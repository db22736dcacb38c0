"""Tutorial scenario 1, hello world, from an empty server, only by clicking and typing:
an account, a queue, a plugin with one task, an entrypoint, an experiment and a job whose
page turns `finished` live (no reload) and shows the greeting in its log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import DioptraServer
from playwright.sync_api import expect
from ui_api import client_for
from ui_flows import (
    HELLO_WORLD,
    PASSWORD,
    add_parameters,
    add_plugin_file,
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
    submit_job_and_watch,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

GRAPH = """\
greet:
  hello_world:
    name: $name
"""


def test_hello_world(page: Any, screenshot: Any, server: DioptraServer) -> None:
    register_and_sign_in(page, "alice")
    screenshot("tutorial1-01-home")

    create_queue(page, "default")
    screenshot("tutorial1-02-queues")

    create_plugin(page, "hello_world", "Tutorial part 1: a greeting")
    screenshot("tutorial1-03-plugin")
    add_plugin_file(page, "tasks.py", HELLO_WORLD, ["hello_world"])
    expect(page.get_by_test_id("task-function-0")).to_be_visible()
    screenshot("tutorial1-04-plugin-file")

    # The entrypoint: one parameter, one step, the plugin and the queue.
    new_entrypoint(page, "hello_world")
    choose_many(page, page.get_by_test_id("queues-select"), ["default"])
    add_parameters(page, [("name", "string", None)])
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["hello_world"])
    expect(page.get_by_test_id("add-task-hello_world")).to_be_visible()
    fill_code(page, "Task graph", GRAPH)
    graph_checked_ok(page)
    screenshot("tutorial1-05-entrypoint-new")
    save_entrypoint(page)

    # The experiment, with the entrypoint.
    open_section(page, "Experiments")
    page.get_by_test_id("experiment-new").first.click()
    dialog = page.get_by_role("dialog", name="New experiment")
    dialog.get_by_test_id("experiment-name").fill("hello")
    choose_many(page, dialog.get_by_test_id("experiment-entrypoints"), ["hello_world"])
    dialog.get_by_test_id("experiment-create-submit").click()
    expect(page).to_have_url(re.compile(r"/experiments/\d+$"))
    screenshot("tutorial1-06-experiment")

    # The job: the entrypoint and queue chosen, a name typed.
    page.get_by_test_id("experiment-create-job").click()
    select_in_job_form(page, "hello_world", "default")
    page.get_by_test_id("param-input-name").fill("Tutorial")
    screenshot("tutorial1-07-job-new")
    job_id = submit_job_and_watch(page)
    screenshot("tutorial1-08-job-finished")
    page.get_by_test_id("job-tab-logs").click()
    expect(page.get_by_test_id("job-log")).to_contain_text("Hello, Tutorial!")
    screenshot("tutorial1-09-job-log")

    # Checked through the API: what the clicks made.
    client = client_for(server.url, "alice", PASSWORD)
    job = client.jobs.get_by_id(job_id)
    assert job["status"] == "finished"
    assert job["values"] == {"name": "Tutorial"}
    assert job["entrypoint"]["name"] == "hello_world"
    assert job["queue"]["name"] == "default"
