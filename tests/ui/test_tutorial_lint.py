"""Tutorial scenario 4: a typo in a task name is marked on its line of the YAML editor
while typing, before any save, and nothing is saved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import DioptraServer
from playwright.sync_api import expect
from ui_api import client_for
from ui_flows import PASSWORD, fill_code, hello_world_entrypoint

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

# Line 5 calls a task that does not exist (hello_wrld): the mark must be on line 5.
TYPO_GRAPH = """\
greet:
  hello_world:
    name: $name
again:
  hello_wrld:
    name: $name
"""
TYPO_LINE = 5


def test_task_name_typo_is_marked(page: Any, screenshot: Any, server: DioptraServer) -> None:
    hello_world_entrypoint(page, "erin", "typo")
    fill_code(page, "Task graph", TYPO_GRAPH)

    editor = page.get_by_test_id("task-graph-editor")
    lines = editor.locator(".cm-content .cm-line")
    expect(lines).to_have_count(TYPO_GRAPH.count("\n") + 1)
    marked = lines.nth(TYPO_LINE - 1).locator(".cm-lintRange-error")
    expect(marked).to_be_visible(timeout=15_000)
    expect(marked).to_contain_text("hello_wrld")
    # No other line is marked.
    expect(editor.locator(".cm-lintRange-error")).to_have_count(1)
    # The gutter marks the same line (its number).
    gutter = editor.locator(".cm-gutter-lint .cm-gutterElement:has(.cm-lint-marker-error)")
    expect(gutter).to_have_count(1)
    line_numbers = editor.locator(".cm-lineNumbers .cm-gutterElement")
    gutter_top = gutter.bounding_box()["y"]
    number_tops = {
        (line_numbers.nth(i).text_content() or "").strip(): line_numbers.nth(i).bounding_box()["y"]
        for i in range(line_numbers.count())
    }
    assert abs(number_tops[str(TYPO_LINE)] - gutter_top) < 3, (number_tops, gutter_top)
    # Hovering shows the message, which names the typo.
    marked.hover()
    expect(page.locator(".cm-tooltip-lint")).to_contain_text("hello_wrld")
    expect(page.get_by_test_id("graph-check-status")).to_contain_text(
        re.compile("problem|error", re.I)
    )
    screenshot("tutorial4-typo-marked")

    # Nothing saved: either saving is refused up front, or the server refuses it.
    save = page.get_by_test_id("entrypoint-save")
    if save.is_enabled():
        save.click()
        expect(page).to_have_url(re.compile(r"/entrypoints/new$"))
        expect(marked).to_be_visible()
    client = client_for(server.url, "erin", PASSWORD)
    assert client.entrypoints.get(page_length=100)["totalNumResults"] == 0
