"""The browser-test harness: headless Chromium (Debian's) driving a real `dioptra up`.

- Chromium: ``/usr/bin/chromium``; when missing, Debian's package is installed with
  apt-get (CI runs as root). Playwright never downloads a browser here.
- The server: the checkout's own ``dioptra up --no-browser`` on a fresh data folder and a
  free port, with no inherited ``DIOPTRA_*`` setting; one per test module (a scenario starts
  from an empty server), stopped at the end of the module.
- The web UI must be built (``src/dioptra/ui/index.html``): the tests fail, never skip,
  when it is not, or when Chromium cannot be had.
- ``page``: a fresh tab per test at 1280x800 in the module's browser context (so a login
  carries over between the tests of one module); uncaught page errors fail the test, and a
  failing test leaves a screenshot in ``test-artifacts/failures/``.
- ``shoot(page, name)``: ``<name>-light.png`` and ``<name>-dark.png`` in
  ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import dioptra

REPO = Path(__file__).resolve().parents[2]
# The built UI of the dioptra package the server runs (the checkout's src/dioptra/ui).
UI_INDEX = Path(dioptra.__file__).resolve().parent / "ui" / "index.html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"
DESKTOP = {"width": 1280, "height": 800}
WIDE = {"width": 1920, "height": 1080}
# Cheap password hashing (tests, not production), headless matplotlib, quick watchdog.
TEST_ENV = {
    "DIOPTRA_PASSWORD_TIME_COST": "1",
    "DIOPTRA_PASSWORD_MEMORY_KIB": "8192",
    "DIOPTRA_PASSWORD_PARALLELISM": "1",
    "MPLBACKEND": "Agg",
}
# The UI keeps its theme choice here (see frontend/src/composables/useTheme.ts).
THEME_STORAGE_KEY = "dioptra.theme"
DARK_CLASS = "app-dark"

# Every wait is Playwright's auto-waiting with these limits (milliseconds). They are
# generous because `make test` runs the whole suite side by side on as few as two cores
# (load ~13): a select's options once took over 15 s to appear there. They bound waits, they
# do not measure speed (bench/ui does).
ACTION_TIMEOUT_MS = 45_000
NAVIGATION_TIMEOUT_MS = 60_000
EXPECT_TIMEOUT_MS = 30_000


def _dioptra_command() -> str:
    """The checkout's own ``dioptra`` (next to this interpreter, i.e. ``.venv/bin``)."""
    beside = Path(sys.executable).with_name("dioptra")
    if beside.is_file():
        return str(beside)
    found = shutil.which("dioptra", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"no `dioptra` command next to {sys.executable}: run make setup", pytrace=False)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_environment() -> dict[str, str]:
    """This environment without any DIOPTRA_* setting another module may have left."""
    return {k: v for k, v in os.environ.items() if not k.startswith("DIOPTRA_")}


def require_built_ui() -> None:
    if not UI_INDEX.is_file():
        pytest.fail(
            f"the web UI is not built: run make setup (needs Node.js 20+); {UI_INDEX} is missing",
            pytrace=False,
        )


def ensure_chromium() -> Path:
    """Debian's Chromium, installed with apt-get when missing (never a downloaded build)."""
    if CHROMIUM.is_file():
        return CHROMIUM
    steps = (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"])
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in steps:
        try:
            done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            pytest.fail(
                f"Chromium is missing ({CHROMIUM}) and `{' '.join(step)}` could not run: "
                f"{error}. Install Debian's chromium package (apt-get install chromium).",
                pytrace=False,
            )
        if done.returncode != 0:
            pytest.fail(
                f"Chromium is missing ({CHROMIUM}) and `{' '.join(step)}` failed "
                f"(exit {done.returncode}; root is needed):\n{done.stdout[-2000:]}"
                f"{done.stderr[-2000:]}",
                pytrace=False,
            )
    if not CHROMIUM.is_file():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing", pytrace=False)
    return CHROMIUM


# -- the server ----------------------------------------------------------------------------


@dataclass
class DioptraServer:
    """A running ``dioptra up``: its URL, data folder and log."""

    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def api(self, cookies: Any = None) -> httpx.Client:
        """A plain HTTP client on the API, for CHECKING results (never to set things up)."""
        return httpx.Client(base_url=f"{self.url}/api/v1", cookies=cookies, timeout=30)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def start_server(root: Path, env: dict[str, str] | None = None) -> DioptraServer:
    """``dioptra up --no-browser`` on a fresh data folder under ``root`` and a free port;
    returns once ``/health`` answers (a deadline, never a blind sleep)."""
    require_built_ui()
    data_dir, log_path = root / "data", root / "server.log"
    port = _free_port()
    args = [_dioptra_command(), "up", "--no-browser", "--port", str(port)]
    args += ["--data-dir", str(data_dir)]
    with log_path.open("wb") as sink:
        process = subprocess.Popen(
            args,
            cwd=REPO,
            env={
                **_clean_environment(),
                **TEST_ENV,
                # Its own config folder: the record of where it listens stays out of the user's.
                "DIOPTRA_CONFIG_DIR": str(root / "config"),
                **(env or {}),
            },
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = DioptraServer(f"http://127.0.0.1:{port}", data_dir, log_path, process)
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise AssertionError(f"`dioptra up` exited ({process.returncode}):\n{server.log()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise AssertionError(f"`dioptra up` did not answer within 90 s:\n{server.log()}")
        time.sleep(0.1)  # the polling interval of a deadline-bound wait
    return server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DioptraServer]:
    """A fresh, empty `dioptra up` for this module (local runners run its jobs)."""
    started = start_server(tmp_path_factory.mktemp("ui-server"))
    try:
        yield started
    finally:
        started.stop()


# -- the browser ---------------------------------------------------------------------------


# Module scope, not session: the sync API keeps an event loop running in the main thread
# while it is open, and tests collected after tests/ui (asyncio.run in unit tests) need it gone.
@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Any]:
    ensure_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Python Playwright is not installed: run make setup (the dev extra)", pytrace=False
        )
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Any) -> Iterator[Any]:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    launched = playwright_instance.chromium.launch(
        executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS
    )
    try:
        yield launched
    finally:
        launched.close()


def new_context(browser: Any, base_url: str, viewport: dict[str, int] = DESKTOP) -> Any:
    context = browser.new_context(
        base_url=base_url,
        viewport=viewport,
        accept_downloads=True,
        locale="en-US",
        timezone_id="UTC",
        color_scheme="light",
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context


@pytest.fixture(scope="module")
def ui_context(browser: Any, server: DioptraServer) -> Iterator[Any]:
    """One browser context per module: cookies (the login) carry over between its tests."""
    context = new_context(browser, server.url)
    try:
        yield context
    finally:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(ui_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new tab at 1280x800; uncaught script errors and console errors (Vue's report of an
    error in a component) fail the test. A failing test leaves
    its last screen and its API calls and console messages in test-artifacts/failures/."""
    tab = ui_context.new_page()
    errors: list[str] = []
    journal: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"{tab.url}: {error}"))
    tab.on("console", lambda m: on_console(m))

    def on_console(message: Any) -> None:
        journal.append(f"console.{message.type}: {message.text}")
        # Vue reports an error thrown in a component (setup, a watcher, a handler) with
        # console.error; a refused request ("Failed to load resource") is not one.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"{tab.url}: console.error: {message.text}")

    tab.on(
        "response",
        lambda r: (
            journal.append(f"{r.status} {r.request.method} {r.url}") if "/api/" in r.url else None
        ),
    )
    try:
        yield tab
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed and not tab.is_closed():
            FAILURES.mkdir(parents=True, exist_ok=True)
            name = request.node.name.replace("/", "_")
            (FAILURES / f"{name}.log").write_text("\n".join(journal) + "\n")
            # The page may be gone; the test's own failure is what matters.
            with contextlib.suppress(Exception):
                tab.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
        if not tab.is_closed():
            tab.close()
    assert not errors, "errors in the page:\n" + "\n".join(errors)


# -- screenshots ---------------------------------------------------------------------------


def current_theme(page: Any) -> str:
    dark = page.evaluate("(cls) => document.documentElement.classList.contains(cls)", DARK_CLASS)
    return "dark" if dark else "light"


def set_theme(page: Any, theme: str) -> None:
    """Light or dark through the UI's own toggle (the shell's top bar, the sign-in card);
    a page without one (none should lack it) gets the toggle's localStorage key and class."""
    if current_theme(page) == theme:
        return
    toggle = page.get_by_role("button", name=re.compile(r"^Switch to (dark|light) mode$"))
    if toggle.count() > 0:
        # A synthetic click: no hover, so no tooltip in the screenshot.
        toggle.first.dispatch_event("click")
    else:
        page.evaluate(
            """([key, cls, dark]) => {
                localStorage.setItem(key, dark ? 'dark' : 'light');
                document.documentElement.classList.toggle(cls, dark);
            }""",
            [THEME_STORAGE_KEY, DARK_CLASS, theme == "dark"],
        )
    page.wait_for_function(
        "([cls, dark]) => document.documentElement.classList.contains(cls) === dark",
        arg=[DARK_CLASS, theme == "dark"],
    )


TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def shoot(page: Any, name: str, *, full_page: bool = False) -> list[Path]:
    """``<name>-light.png`` and ``<name>-dark.png`` of the page as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    before = current_theme(page)
    for theme in ("light", "dark"):
        set_theme(page, theme)
        # Two animation frames: the new colours are painted before the capture.
        page.evaluate(TWO_FRAMES)
        path = SCREENSHOTS / f"{name}-{theme}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        written.append(path)
    set_theme(page, before)
    return written


@pytest.fixture
def screenshot(page: Any) -> Callable[..., list[Path]]:
    return lambda name, **kwargs: shoot(page, name, **kwargs)
