"""Steps the scenarios share, each done as a person would: by clicking and typing.

Controls are found by role and accessible name (labels, aria-labels), and by ``data-testid``
where a name is not enough. Every wait is Playwright's auto-waiting ``expect``.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

PASSWORD = "Tutorial-pass-1!long"
# A job watched live may take a while on a busy 2-core machine (workers start a process).
JOB_TIMEOUT_MS = 120_000


def field(scope: Any, label: str) -> Any:
    """The control of a form field by its label (a required field's label ends with "*")."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))


def register_and_sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """From the sign-in page: create an account, then sign in with it."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_role("link", name="Create an account").click()
    expect(page).to_have_url(re.compile(r"/register"))
    field(page, "Username").fill(username)
    field(page, "Email").fill(f"{username}@example.org")
    field(page, "Password").fill(password)
    field(page, "Confirm password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_text("Account created")).to_be_visible()
    expect(field(page, "Username")).to_have_value(username)
    sign_in(page, username, password, already_there=True)


def sign_in(
    page: Any, username: str, password: str = PASSWORD, *, already_there: bool = False
) -> None:
    if not already_there:
        page.goto("/login")
        field(page, "Username").fill(username)
    field(page, "Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def open_section(page: Any, label: str) -> None:
    """A section of the side navigation (Experiments, Jobs, ...)."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()
