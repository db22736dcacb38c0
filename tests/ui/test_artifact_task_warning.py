"""An artifact output naming an artifact task that no attached artifact plugin registers:
the editor marks it as a warning (not an error), the graph stays valid, and the save goes
through with a warning that jobs of it will be refused (as Dioptra 1.2.2 saves it)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import DioptraServer, shoot
from playwright.sync_api import expect
from ui_flows import fill_code, hello_world_entrypoint, save_entrypoint, toasts

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

GRAPH = "greet:\n  hello_world:\n    name: $name\n"
# Line 4 names "text", which no artifact plugin of the entrypoint registers.
ARTIFACTS = "saved:\n  contents: $greet\n  task:\n    name: text\n"


def test_unregistered_artifact_task_is_a_warning(page: Any, server: DioptraServer) -> None:
    hello_world_entrypoint(page, "frank", "warned")
    fill_code(page, "Task graph", GRAPH)
    fill_code(page, "Artifact output graph", ARTIFACTS)

    editor = page.get_by_test_id("artifact-graph-editor")
    marked = editor.locator(".cm-content .cm-line").nth(3).locator(".cm-lintRange-warning")
    expect(marked).to_be_visible(timeout=20_000)
    expect(editor.locator(".cm-lintRange-error")).to_have_count(0)
    status = page.get_by_test_id("graph-check-status")
    expect(status).to_contain_text("Graph valid")
    expect(status).to_contain_text("1 warning")
    expect(page.get_by_test_id("graph-issues")).to_contain_text("artifact task 'text'")
    # The drawing marks the output amber (a warning), not red (an error).
    node = page.get_by_test_id("dag-node-output:saved")
    expect(node).to_have_class(re.compile(r"\bdag-warning\b"))
    expect(node).not_to_have_class(re.compile(r"\bdag-problem\b"))
    shoot(page, "entrypoint-artifact-task-warning")

    save_entrypoint(page)
    expect(page.locator(".p-toast-message").filter(has_text="Saved with 1 warning")).to_be_visible()
    assert "jobs will be refused" in toasts(page)
    expect(page).to_have_url(re.compile(r"/entrypoints/\d+$"))
