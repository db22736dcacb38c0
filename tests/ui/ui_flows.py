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
# Tutorial part 1's plugin code, as a user pastes it.
HELLO_WORLD = '''\
"""Tutorial part 1: a task that greets."""

from dioptra import pyplugs


@pyplugs.register
def hello_world(name: str) -> str:
    greeting = f"Hello, {name}!"
    print(greeting)
    return greeting
'''


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


def signed_in_at(page: Any, path: str) -> bool:
    """Opens ``path``; whether the browser's session was still signed in. The app learns
    that it is not only once its session check answers, and then moves to the sign-in
    page: the URL right after ``goto`` does not say."""
    page.goto(path)
    shell = page.get_by_role("navigation", name="Main")
    login = page.get_by_role("button", name="Sign in")
    expect(shell.or_(login)).to_be_visible()
    return not login.is_visible()


def open_section(page: Any, label: str) -> None:
    """A section of the side navigation (Experiments, Jobs, ...)."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()


def toasts(page: Any) -> str:
    """The toasts on screen (a refused save explains itself there)."""
    return " | ".join(t.strip() for t in page.locator(".p-toast-message").all_inner_texts())


def expect_saved(page: Any, url: re.Pattern[str], timeout: int = 20_000) -> None:
    """A save that moves to ``url``; if it does not, the failure shows the page's toasts
    and the messages next to fields."""
    try:
        expect(page).to_have_url(url, timeout=timeout)
    except AssertionError as error:
        alerts = " | ".join(page.get_by_role("alert").all_inner_texts())
        raise AssertionError(f"not saved; toasts: {toasts(page)}; alerts: {alerts}") from error


def choose(page: Any, control: Any, option: str) -> None:
    """Pick ``option`` in a PrimeVue Select (one choice; the overlay closes by itself)."""
    control.click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def choose_many(page: Any, control: Any, options: list[str]) -> None:
    """Tick ``options`` in a PrimeVue MultiSelect, then close its overlay."""
    control.click()
    for option in options:
        page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_have_count(0)


def fill_code(page: Any, editor_label: str, text: str) -> None:
    """Replace the text of a CodeMirror editor (found by its accessible name), as a paste
    would: no auto-indent on the way."""
    editor = page.get_by_role("textbox", name=editor_label, exact=True)
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    expect(editor).to_contain_text(text.strip().splitlines()[0])


def create_queue(page: Any, name: str) -> None:
    open_section(page, "Queues")
    page.get_by_role("button", name="New queue").first.click()
    dialog = page.get_by_role("dialog", name="New queue")
    field(dialog, "Name").fill(name)
    dialog.get_by_role("button", name="Create").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()


def create_plugin(page: Any, name: str, description: str = "") -> None:
    """Plugins > New plugin; ends on the new plugin's page."""
    open_section(page, "Plugins")
    page.get_by_test_id("plugin-create").click()
    dialog = page.get_by_role("dialog", name="New plugin")
    field(dialog, "Name").fill(name)
    if description:
        field(dialog, "Description").fill(description)
    dialog.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/plugins/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def add_plugin_file(
    page: Any,
    filename: str,
    code: str,
    tasks: list[str],
    *,
    types: dict[str, str] | None = None,
    create: set[str] | frozenset[str] = frozenset(),
) -> None:
    """From a plugin's page: "New file", its name, the code pasted, "Import tasks" with
    ``tasks`` ticked and the suggested types mapped (``types``: suggested -> group type,
    those in ``create`` made there), then "Create file"."""
    page.get_by_test_id("plugin-file-create").first.click()
    expect(page).to_have_url(re.compile(r"/files/new$"))
    field(page, "Filename").fill(filename)
    fill_code(page, "Python code", code)
    page.get_by_test_id("import-tasks").click()
    dialog = page.get_by_test_id("import-tasks-dialog")
    for task in tasks:
        box = dialog.get_by_role(
            "checkbox", name=re.compile(rf"^Register (function|artifact) task {task}$")
        )
        expect(box).to_be_visible()
        if not box.is_checked():
            box.check()
    map_or_create_types(dialog, page, types or {}, set(create))
    dialog.get_by_test_id("import-tasks-apply").click()
    expect(dialog).to_be_hidden()
    page.get_by_test_id("save-file").click()
    expect_saved(page, re.compile(r"/files/\d+$"))


def pick_type(page: Any, control: Any, type_name: str) -> None:
    """Choose a parameter type in a ParameterTypePicker (a filterable Select)."""
    control.click()
    page.get_by_test_id(f"type-option-{type_name}").click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def map_or_create_types(dialog: Any, page: Any, types: dict[str, str], create: set[str]) -> None:
    """In the import dialog: each suggested type (the analysis' name) mapped to a group
    type, or a new type of that name created there (``create``)."""
    for suggested, target in types.items():
        row = dialog.get_by_test_id(f"suggested-type-{suggested}")
        expect(row).to_be_visible()
        if target in create:
            row.get_by_role("textbox", name=f"Name of the new type for {suggested}").fill(target)
            row.get_by_test_id(f"create-type-{suggested}").click()
        else:
            pick_type(page, row.get_by_role("combobox", name=f"Type for {suggested}"), target)
        # Not the select's "Not mapped" placeholder: the mark a mapped row shows.
        expect(row.get_by_text("mapped", exact=True)).to_be_visible()


def new_entrypoint(page: Any, name: str) -> None:
    open_section(page, "Entrypoints")
    page.get_by_test_id("new-entrypoint").first.click()
    expect(page).to_have_url(re.compile(r"/entrypoints/new$"))
    field(page, "Name").fill(name)


def hello_world_entrypoint(page: Any, username: str, name: str) -> None:
    """A new user's hello_world plugin, and a new entrypoint ``name`` using it (parameter
    ``name``), left unsaved in the editor."""
    register_and_sign_in(page, username)
    create_plugin(page, "hello_world")
    add_plugin_file(page, "tasks.py", HELLO_WORLD, ["hello_world"])
    new_entrypoint(page, name)
    add_parameters(page, [("name", "string", "World")])
    choose_many(page, page.get_by_test_id("task-plugins-select"), ["hello_world"])


def add_parameters(page: Any, parameters: list[tuple[str, str, str | None]]) -> None:
    """Entrypoint parameters: (name, type, default or None), appended in order."""
    start = page.get_by_role("textbox", name=re.compile(r"^Parameter \d+ name$")).count()
    for offset, (name, type_, default) in enumerate(parameters):
        n = start + offset + 1
        page.get_by_test_id("add-parameter").click()
        page.get_by_role("textbox", name=f"Parameter {n} name").fill(name)
        type_select = page.get_by_role("combobox", name=f"Parameter {n} type")
        if type_ != "string":
            choose(page, type_select, type_)
        has_default = page.get_by_role("checkbox", name=f"Parameter {n} has a default")
        if default is None:
            if has_default.is_checked():
                has_default.uncheck()
        else:
            if not has_default.is_checked():
                has_default.check()
            page.get_by_role("textbox", name=f"Parameter {n} default value").fill(default)


def graph_checked_ok(page: Any) -> None:
    """The entrypoint editor's live check reports no problem."""
    expect(page.get_by_test_id("graph-check-status")).not_to_contain_text(
        re.compile("problem|error|checking", re.I), timeout=20_000
    )


def save_entrypoint(page: Any) -> int:
    page.get_by_test_id("entrypoint-save").click()
    expect_saved(page, re.compile(r"/entrypoints/\d+$"))
    expect(page.get_by_test_id("entrypoint-save")).to_be_visible()
    return int(page.url.rsplit("/", 1)[1])


def submit_job_and_watch(page: Any, timeout_ms: int = JOB_TIMEOUT_MS) -> int:
    """Submits the job form, lands on the job page and waits there, without reloading,
    until it shows ``finished``. Returns the job's id."""
    page.get_by_test_id("job-submit").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    job_id = int(page.url.rsplit("/", 1)[1])
    page.evaluate("() => { window.__sameDocument = true; }")
    status = page.get_by_test_id("job-page-status")
    expect(status).to_have_attribute(
        "data-status", re.compile(r"^(finished|failed|cancelled|timeout)$"), timeout=timeout_ms
    )
    if status.get_attribute("data-status") != "finished":
        page.get_by_test_id("job-tab-logs").click()
        raise AssertionError(
            f"job {job_id} ended {status.get_attribute('data-status')}:\n"
            + (page.get_by_test_id("job-log").text_content() or "")[-3000:]
        )
    assert page.evaluate("() => window.__sameDocument === true"), "the job page reloaded"
    return job_id


def select_in_job_form(page: Any, entrypoint: str, queue: str) -> None:
    """The job form's entrypoint and queue (either may be chosen already)."""
    expect(page.get_by_test_id("job-form")).to_be_visible()
    control = page.get_by_test_id("job-entrypoint")
    if entrypoint not in (control.text_content() or ""):
        choose(page, control, entrypoint)
    control = page.get_by_test_id("job-queue")
    expect(control).not_to_contain_text("Choose an entrypoint first")
    if queue not in (control.text_content() or ""):
        choose(page, control, queue)
