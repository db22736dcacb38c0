"""Keyboard only: signing in, the skip link, creating a queue from its dialog, and finding
and opening it from the list (the "/" search shortcut, Tab to the row, Enter), without the
mouse; then the server's refusal of that name again, shown under its field (the second test
needs the first's queue). The user is registered through the API: this module is about the
keys and the messages."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from conftest import DioptraServer
from playwright.sync_api import expect
from ui_flows import PASSWORD, signed_in_at

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

USER = "kim"
ROW = "tr[data-p-selectable-row]"


def focused(page: Any) -> str:
    """A short description of the element that has the focus."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement;
                return `${e.tagName.toLowerCase()} ${e.getAttribute('aria-label') ?? ''} `
                    + `${(e.textContent ?? '').trim().slice(0, 40)}`; }"""
        )
    )


def tab_until(page: Any, predicate: str, limit: int = 40) -> None:
    """Presses Tab until ``predicate`` (JS, of the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"{limit} Tabs never reached {predicate}; last: {focused(page)}")


@pytest.fixture(scope="module")
def user(server: DioptraServer) -> str:
    body = {"username": USER, "email": f"{USER}@example.org", "password": PASSWORD}
    answer = httpx.post(
        f"{server.url}/api/v1/users/", json=body | {"confirmPassword": PASSWORD}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return USER


def test_keyboard_only(page: Any, user: str) -> None:
    # Sign in: the username field has the focus; Tab to the password; Enter submits.
    page.goto("/login")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.keyboard.type(user)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()

    # The first Tab shows the skip link; Enter moves the focus to the main area.
    page.goto("/queues")
    expect(page.get_by_role("heading", name="Queues", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # Create a queue: Tab to "New queue", Enter; type the name; Enter submits the form.
    tab_until(page, "(e) => e.tagName === 'BUTTON' && e.textContent.includes('New queue')")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="New queue")
    expect(dialog).to_be_visible()
    page.keyboard.type("keyboard-queue")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("link", name="keyboard-queue", exact=True)).to_be_visible()

    # Find it: "/" focuses the search box; then Tab to its row and open it with Enter.
    page.keyboard.press("/")
    search = page.get_by_role("searchbox", name="Search queues")
    expect(search).to_be_focused()
    page.keyboard.type("keyboard")
    expect(page).to_have_url(re.compile(r"search=keyboard"))
    expect(page.locator(ROW)).to_have_count(1)
    tab_until(page, f"(e) => Boolean(e.closest('{ROW}'))")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/queues/\d+$"))
    expect(page.get_by_role("heading", name="keyboard-queue", level=1)).to_be_visible()


def test_server_error_next_to_its_field(page: Any, user: str) -> None:
    """A name the server refuses (taken): its message under the Name field, the dialog
    still open with what was typed."""
    if not signed_in_at(page, "/queues"):
        pytest.fail("the module's session was lost")
    page.get_by_role("button", name="New queue").first.click()
    dialog = page.get_by_role("dialog", name="New queue")
    name = dialog.get_by_label(re.compile(r"^Name"))
    name.fill("keyboard-queue")
    dialog.get_by_role("button", name="Create").click()
    message = dialog.get_by_role("alert")
    expect(message).to_be_visible()
    expect(message).to_contain_text(re.compile("exist|taken|already|unique", re.I))
    expect(name).to_have_attribute("aria-describedby", re.compile(r"error"))
    expect(name).to_have_value("keyboard-queue")


def test_theme_choice_survives_a_reload(page: Any, user: str) -> None:
    """The top bar's theme toggle (pressed with Enter) switches at once and is remembered."""
    page.goto("/")
    html = page.locator("html")
    was_dark = "app-dark" in (html.get_attribute("class") or "")
    expected = re.compile(r"^(?!.*app-dark)") if was_dark else re.compile(r"app-dark")
    page.get_by_role("button", name=re.compile(r"^Switch to (dark|light) mode$")).press("Enter")
    expect(html).to_have_class(expected)
    page.reload()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(html).to_have_class(expected)
