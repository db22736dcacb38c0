"""Every route of the UI, photographed light and dark at 1280x800 (a few at 1920x1080).

The server is filled through the API (this test is about how pages look, not about the
way there: the tutorial scenarios do that by clicking): the tutorial project, a queue, an
experiment, finished jobs with an .npy and a .png artifact, and a failed job. Each route
is opened by its URL once signed in, waited on until nothing is loading, and shot into
``test-artifacts/screenshots/page-<name>-{light,dark}.png``.

``test_every_route_is_photographed`` keeps the list whole: a route added to a
``frontend/src/pages/*/routes.ts`` without a line here fails it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO, WIDE, DioptraServer, new_context, shoot
from playwright.sync_api import expect
from ui_api import fill_showcase
from ui_flows import sign_in

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

USERNAME, PASSWORD = "carol", "Screenshots-pass-1!"
# (screenshot name, route pattern as the router writes it, the URL to open).
# URLs are formatted with the ids fill_showcase made.
ROUTES: list[tuple[str, str, str]] = [
    ("home", "/", "/"),
    ("login", "/login", "/login"),
    ("register", "/register", "/register"),
    ("logout", "/logout", ""),  # signs out: photographed apart, at the end
    ("account", "/account", "/account"),
    ("not-found", "/:pathMatch(.*)*", "/no/such/page"),
    ("experiments", "/experiments", "/experiments"),
    ("experiment", "/experiments/:id(\\d+)", "/experiments/{experiment}"),
    (
        "experiment-job-new",
        "/experiments/:id(\\d+)/jobs/new",
        "/experiments/{experiment}/jobs/new?entrypoint={entrypoints[rescale_and_graph_array]}",
    ),
    ("jobs", "/jobs", "/jobs"),
    ("job-new", "/jobs/new", "/jobs/new"),
    ("job-finished", "/jobs/:id(\\d+)", "/jobs/{jobs[hello]}"),
    ("job-logs", "/jobs/:id(\\d+)", "/jobs/{jobs[saved]}?tab=logs"),
    ("job-failed", "/jobs/:id(\\d+)", "/jobs/{jobs[failed]}"),
    ("job-failed-logs", "/jobs/:id(\\d+)", "/jobs/{jobs[failed]}?tab=logs"),
    ("job-artifacts", "/jobs/:id(\\d+)", "/jobs/{jobs[plotted]}?tab=artifacts"),
    ("job-metrics", "/jobs/:id(\\d+)", "/jobs/{jobs[measured]}?tab=metrics"),
    ("artifacts", "/artifacts", "/artifacts"),
    ("artifact-png", "/artifacts/:id(\\d+)", "/artifacts/{artifacts[png]}"),
    ("artifact-npy", "/artifacts/:id(\\d+)", "/artifacts/{artifacts[npy]}"),
    ("entrypoints", "/entrypoints", "/entrypoints"),
    ("entrypoint-new", "/entrypoints/new", "/entrypoints/new"),
    ("entrypoint", "/entrypoints/:id(\\d+)", "/entrypoints/{entrypoints[rescale_and_graph_array]}"),
    (
        "entrypoint-chain",
        "/entrypoints/:id(\\d+)",
        "/entrypoints/{entrypoints[sample_and_save_artifact]}",
    ),
    ("plugins", "/plugins", "/plugins"),
    ("plugin", "/plugins/:id(\\d+)", "/plugins/{plugins[sample_and_transform]}"),
    (
        "plugin-files",  # the original's URL: leads to the plugin's page
        "/plugins/:id(\\d+)/files",
        "/plugins/{plugins[sample_and_transform]}/files",
    ),
    (
        "plugin-file",
        "/plugins/:id(\\d+)/files/:fileId(\\d+)",
        "/plugins/{plugins[sample_and_transform]}/files/{plugin_file}",
    ),
    (
        "plugin-file-new",
        "/plugins/:id(\\d+)/files/new",
        "/plugins/{plugins[sample_and_transform]}/files/new",
    ),
    ("parameter-types", "/parameter-types", "/parameter-types"),
    ("parameter-type-new", "/parameter-types/new", "/parameter-types/new"),
    ("parameter-type", "/parameter-types/:id(\\d+)", "/parameter-types/{parameter_type}"),
    ("plugin-params", "/pluginParams", "/pluginParams"),  # the original's URLs
    ("plugin-param", "/pluginParams/:id(\\d+)", "/pluginParams/{parameter_type}"),
    ("queues", "/queues", "/queues"),
    ("queue", "/queues/:id(\\d+)", "/queues/{queue}"),
]
WIDE_ROUTES = {"home", "jobs", "job-artifacts", "entrypoint", "plugin-file", "artifact-npy"}
PUBLIC = {"login", "register"}
# Pages taller than the screen: also photographed scrolled to this heading.
SCROLLED_TO = {"entrypoint": "Graph", "entrypoint-chain": "Graph", "entrypoint-new": "Graph"}
LOADING = ".p-datatable-mask, .p-skeleton, .p-progressspinner, [aria-busy='true']"


def bare(path: str) -> str:
    """A route path without its parameters' patterns: `/queues/:id(\\d+)` -> `/queues/:id`."""
    return re.sub(r"\([^)]*\)\*?", "", path)


def router_paths() -> set[str]:
    """Every path the router knows (each family's routes.ts, and the catch-all)."""
    paths = {"/:pathMatch"}
    for routes in (REPO / "frontend" / "src" / "pages").glob("*/routes.ts"):
        paths |= {bare(p) for p in re.findall(r'path:\s*"([^"]+)"', routes.read_text())}
    return paths


def test_every_route_is_photographed() -> None:
    listed = {bare(route) for _, route, _ in ROUTES}
    missing = sorted(router_paths() - listed)
    assert not missing, f"routes without a screenshot in test_screenshots.ROUTES: {missing}"


@pytest.fixture(scope="module")
def showcase(server: DioptraServer) -> dict[str, Any]:
    made = fill_showcase(server.url, USERNAME, PASSWORD)
    assert made["statuses"]["plotted"] == "finished", made
    return made


@pytest.fixture(scope="module")
def signed_in(ui_context: Any, showcase: dict[str, Any]) -> Any:
    tab = ui_context.new_page()
    sign_in(tab, USERNAME, PASSWORD)
    tab.close()
    return ui_context


def settle(page: Any) -> None:
    """The page drawn: its title shown, and for 400 ms in a row nothing loading (no
    spinner, skeleton or busy region), every image decoded and the fonts in (parts that
    load on demand, such as a preview, start a moment after the page)."""
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_function(
        """(selector) => {
            const quiet = [...document.querySelectorAll(selector)]
                    .every((el) => !(el.offsetWidth || el.offsetHeight))
                && [...document.images].every((img) => img.complete)
                && document.fonts.status === "loaded";
            window.__quietSince = quiet ? (window.__quietSince ?? performance.now()) : undefined;
            return quiet && performance.now() - window.__quietSince >= 400;
        }""",
        arg=LOADING,
        polling=100,
        timeout=20_000,
    )


def url_of(template: str, showcase: dict[str, Any]) -> str:
    return template.format(**showcase)


PHOTOGRAPHED = [(name, url) for name, _, url in ROUTES if url and name not in PUBLIC]


@pytest.mark.parametrize(("name", "url"), PHOTOGRAPHED, ids=[n for n, _ in PHOTOGRAPHED])
def test_page(signed_in: Any, showcase: dict[str, Any], name: str, url: str) -> None:
    tab = signed_in.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(url_of(url, showcase))
        settle(tab)
        shoot(tab, f"page-{name}")
        if name in SCROLLED_TO:
            heading = tab.get_by_role("heading", name=SCROLLED_TO[name], exact=True)
            heading.scroll_into_view_if_needed()
            tab.evaluate("(y) => window.scrollBy(0, y)", heading.bounding_box()["y"] - 60)
            settle(tab)
            shoot(tab, f"page-{name}-{SCROLLED_TO[name].lower()}")
            tab.evaluate("() => window.scrollTo(0, 0)")
        if name in WIDE_ROUTES:
            tab.set_viewport_size(WIDE)
            settle(tab)
            shoot(tab, f"page-{name}-1920")
    finally:
        tab.close()
    assert not errors, f"uncaught errors on {url}: {errors}"


@pytest.fixture(scope="module")
def signed_out(browser: Any, server: DioptraServer) -> Iterator[Any]:
    context = new_context(browser, server.url)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_page(signed_out: Any, showcase: dict[str, Any], name: str) -> None:
    tab = signed_out.new_page()
    try:
        tab.goto(f"/{name}")
        settle(tab)
        shoot(tab, f"page-{name}")
    finally:
        tab.close()


def test_sign_out(signed_in: Any, showcase: dict[str, Any]) -> None:
    """The user menu's sign-out, last (it ends the module's session)."""
    tab = signed_in.new_page()
    try:
        tab.goto("/")
        settle(tab)
        menu = tab.get_by_role("button", name=USERNAME)
        menu.click()
        shoot(tab, "user-menu")
        # The theme switches of the screenshot were clicks outside the menu: it closed.
        if not tab.get_by_role("menuitem").first.is_visible():
            menu.click()
        tab.get_by_role("menuitem", name=re.compile("Log out|Sign out", re.I)).click()
        expect(tab).to_have_url(re.compile(r"/(login|logout)"))
        settle(tab)
        shoot(tab, "page-logout")
    finally:
        tab.close()
