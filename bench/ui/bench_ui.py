"""The web UI's two budgets, measured with Debian's headless Chromium.

(a) **First-page weight**: everything Chromium fetches to show ``/`` and ``/jobs`` (logged
    in), recorded request by request until the network is idle, each body gzipped (level 6,
    as a server would send it). The API's JSON answers are listed apart: the budget
    (<= 300 KB gzip) is about the app itself (HTML, JS, CSS, fonts, icons).
(b) **Jobs page at scale**: a fresh server (``dioptra up``, ``DIOPTRA_DISPATCH=none`` so
    jobs stay queued) gets 10,000 jobs, then Chromium opens ``/jobs`` N times and the time
    from navigation start to the first row of the jobs table on screen is taken in the page
    itself (``performance.now()`` when the row first exists and is painted, via an init
    script). Cold runs use a new browser context each (no HTTP cache); warm runs reload
    in the same context. Goal: median <= 1 s.

The project is set up through the API (a user, the tutorial project imported through
``POST /workflows/resourceImport``, a queue, an experiment). The jobs are written by the
server's own service (``job_create.create_job``, the function behind
``POST /experiments/{id}/jobs``) in the bench process, on the server's SQLite database,
1,000 per transaction: every job goes through the same checks and writes the same rows as
one submitted over HTTP, in about a minute instead of ten.

Run (from the repository root; builds the UI when it is not built):
    .venv/bin/python bench/ui/bench_ui.py [--jobs 10000] [--runs 9] [--skip-weight]
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[2]
UI_INDEX = REPO / "src" / "dioptra" / "ui" / "index.html"
TUTORIAL = REPO / "examples" / "tutorial"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
USERNAME, PASSWORD = "bench", "Bench-pass-1!long"
BUDGET_BYTES = 300 * 1024
GOAL_SECONDS = 1.0
# The first data row of the jobs table (ResourceTable renders a PrimeVue DataTable).
FIRST_ROW = "[aria-label='Jobs'] tbody tr[data-p-index='0']"
FAST_HASHING = {
    "DIOPTRA_PASSWORD_TIME_COST": "1",
    "DIOPTRA_PASSWORD_MEMORY_KIB": "8192",
    "DIOPTRA_PASSWORD_PARALLELISM": "1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_ui_built() -> None:
    if UI_INDEX.is_file():
        return
    print("building the UI (npm ci + vite build) ...", flush=True)
    frontend = REPO / "frontend"
    if not (frontend / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True)
    subprocess.run(["npm", "run", "build"], cwd=frontend, check=True)
    if not UI_INDEX.is_file():
        sys.exit(f"the build did not produce {UI_INDEX}")


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def dioptra_up(root: Path) -> Iterator[Server]:
    """`dioptra up` on a fresh data folder, dispatch off (jobs stay queued)."""
    data_dir, log = root / "data", root / "server.log"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIOPTRA_")}
    env |= FAST_HASHING | {"DIOPTRA_DISPATCH": "none"}
    dioptra = str(Path(sys.executable).with_name("dioptra"))
    args = [dioptra, "up", "--no-browser", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("wb") as sink:
        process = subprocess.Popen(args, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", data_dir, process, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                sys.exit(f"dioptra up exited:\n{log.read_text()}")
            try:
                if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"dioptra up did not answer in 90 s:\n{log.read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


# -- setting up the project ------------------------------------------------------------------


@dataclass
class Project:
    user_id: int
    group_id: int
    experiment_id: int
    entrypoint_id: int
    queue_id: int


def set_up_project(url: str) -> Project:
    from dioptra.client import connect_json_dioptra_client
    from dioptra.client.utils import select_files_in_directory

    client = connect_json_dioptra_client(url)
    client.users.create(USERNAME, f"{USERNAME}@example.org", PASSWORD)
    client.auth.login(USERNAME, PASSWORD)
    me = client.users.get_current()
    group_id = int(me["groups"][0]["id"])
    files = [
        f
        for f in select_files_in_directory(TUTORIAL, recursive=True)
        if "__pycache__" not in f.filename
    ]
    try:
        imported = client.workflows.import_resources(group_id, files)
    finally:
        for f in files:
            f.stream.close()
    entrypoint_id = int(imported["resources"]["entrypoints"]["hello_world"])
    queue_id = int(client.queues.create(group_id, "default")["id"])
    client.entrypoints.queues.modify_by_id(entrypoint_id, [queue_id])
    experiment = client.experiments.create(group_id, "bench", entrypoints=[entrypoint_id])
    return Project(int(me["id"]), group_id, int(experiment["id"]), entrypoint_id, queue_id)


def seed_jobs(data_dir: Path, project: Project, count: int) -> float:
    """``count`` jobs through ``create_job``, 1,000 per transaction; returns seconds."""
    from sqlalchemy.orm import Session

    import dioptra.server.app  # noqa: F401  (registers every resource kind, as the server does)
    from dioptra.server.db import create_db_engine
    from dioptra.server.services.core.context import Actor, ServiceContext
    from dioptra.server.services.jobs.create import JobRequest, create_job

    engine = create_db_engine(f"sqlite:///{data_dir / 'dioptra.db'}")
    groups = frozenset({project.group_id})
    actor = Actor(project.user_id, USERNAME, groups, groups, groups)
    started = time.perf_counter()
    made = 0
    try:
        while made < count:
            with Session(engine) as db, db.begin():
                ctx = ServiceContext(db=db, actor=actor)
                for _ in range(min(1000, count - made)):
                    request = JobRequest(
                        entrypoint_id=project.entrypoint_id,
                        queue_id=project.queue_id,
                        values={"name": f"bench {made}"},
                        description=f"bench job {made}",
                    )
                    create_job(ctx, project.experiment_id, request)
                    made += 1
            print(f"  {made} jobs", flush=True)
    finally:
        engine.dispose()
    return time.perf_counter() - started


# -- the browser -------------------------------------------------------------------------------


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def logged_in_context(browser: Any, url: str, width: int = 1280, height: int = 800) -> Any:
    context = browser.new_context(base_url=url, viewport={"width": width, "height": height})
    answer = context.request.post(
        f"{url}/api/v1/auth/login", data={"username": USERNAME, "password": PASSWORD}
    )
    if not answer.ok:
        sys.exit(f"login failed: {answer.status} {answer.text()}")
    return context


@dataclass
class Fetched:
    url: str
    kind: str
    raw: int
    gzipped: int
    # What went over the wire: the body as the server sent it (compressed only if it did).
    sent: int


def record_page_weight(browser: Any, url: str, path: str) -> list[Fetched]:
    """Every response Chromium gets while opening ``path`` until the network is idle."""
    context = logged_in_context(browser, url)
    page = context.new_page()
    fetched: list[Fetched] = []
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path, wait_until="networkidle")
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        where = urlsplit(response.url).path
        kind = response.request.resource_type
        if where.startswith("/api/"):
            kind = "api"
        try:
            sent = max(0, int(response.request.sizes()["responseBodySize"]))
        except Exception:
            sent = len(body)
        gzipped = len(gzip.compress(body, compresslevel=6))
        fetched.append(Fetched(where, kind, len(body), gzipped, sent))
    context.close()
    return fetched


FIRST_ROW_PROBE = """
(selector) => {
  const look = () => {
    const row = document.querySelector(selector);
    if (row && row.getBoundingClientRect().height > 0) {
      // The frame that paints it: the next animation frame.
      requestAnimationFrame(() => { window.__firstRowAt = performance.now(); });
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


# The list request's own time (request start to last byte), from Resource Timing.
JOBS_REQUEST_TIME = """() => {
  const list = performance.getEntriesByType("resource")
    .filter((e) => new URL(e.name).pathname === "/api/v1/jobs/");
  return list.length ? list[0].responseEnd - list[0].startTime : null;
}"""


# Every resource's start and end (ms from navigation start), and the page's milestones.
TIMELINE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const loaded = nav.domContentLoadedEventEnd;
  const rows = [["document", 0, nav.responseEnd], ["DOMContentLoaded", loaded, loaded]];
  for (const e of performance.getEntriesByType("resource")) {
    const url = new URL(e.name);
    const name = url.pathname + (url.search ? "?" + url.search.slice(1, 40) : "");
    rows.push([name, e.startTime, e.responseEnd]);
  }
  rows.push(["first row painted", window.__firstRowAt, window.__firstRowAt]);
  return rows.sort((a, b) => a[1] - b[1]);
}"""


@dataclass
class Timing:
    first_row: float  # seconds from navigation start
    jobs_request: float | None  # seconds the first GET /api/v1/jobs/ took
    timeline: list[tuple[str, float, float]]


def time_first_row(context: Any, reload: bool) -> Timing:
    page = context.pages[0] if reload and context.pages else context.new_page()
    if reload:
        page.reload(wait_until="commit")
    else:
        page.goto("/jobs", wait_until="commit")
    page.wait_for_function("() => window.__firstRowAt !== undefined", timeout=30_000)
    request = page.evaluate(JOBS_REQUEST_TIME)
    return Timing(
        float(page.evaluate("() => window.__firstRowAt")) / 1000,
        None if request is None else float(request) / 1000,
        [(str(n), float(a), float(b)) for n, a, b in page.evaluate(TIMELINE)],
    )


def measure_jobs_page(browser: Any, url: str, runs: int) -> tuple[list[Timing], list[Timing]]:
    cold: list[Timing] = []
    for _ in range(runs):
        context = logged_in_context(browser, url)
        context.add_init_script(f"({FIRST_ROW_PROBE})({FIRST_ROW!r})")
        cold.append(time_first_row(context, reload=False))
        context.close()
    warm: list[Timing] = []
    context = logged_in_context(browser, url)
    context.add_init_script(f"({FIRST_ROW_PROBE})({FIRST_ROW!r})")
    time_first_row(context, reload=False)
    for _ in range(runs):
        warm.append(time_first_row(context, reload=True))
    context.close()
    return cold, warm


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def report_weight(path: str, fetched: list[Fetched]) -> int:
    app = [f for f in fetched if f.kind != "api"]
    api = [f for f in fetched if f.kind == "api"]
    total = sum(f.gzipped for f in app)
    verdict = "within" if total <= BUDGET_BYTES else "OVER"
    api_total = kb(sum(f.gzipped for f in api))
    print(
        f"\n{path}: {len(app)} app files, {kb(total)} gzip ({verdict} the 300 KB budget), "
        f"{kb(sum(f.raw for f in app))} raw, {kb(sum(f.sent for f in app))} as the server "
        f"sent them; {len(api)} API calls {api_total} gzip"
    )
    for f in sorted(app, key=lambda f: -f.gzipped):
        print(
            f"  {f.kind:10} {kb(f.gzipped):>10} gzip {kb(f.raw):>10} raw "
            f"{kb(f.sent):>10} sent  {f.url}"
        )
    for f in api:
        print(
            f"  {'api':10} {kb(f.gzipped):>10} gzip {kb(f.raw):>10} raw "
            f"{kb(f.sent):>10} sent  {f.url}"
        )
    return total


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--skip-weight", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    ensure_ui_built()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load_average()}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp, sync_playwright() as pw:
        browser = launch(pw)
        with dioptra_up(Path(tmp)) as server:
            project = set_up_project(server.url)
            print(f"chromium {browser.version}; server {server.url}")
            if not args.skip_weight:
                totals = {}
                for path in ("/", "/jobs"):
                    totals[path] = report_weight(
                        path, record_page_weight(browser, server.url, path)
                    )
            if not args.skip_jobs:
                print(f"\nseeding {args.jobs} jobs ...", flush=True)
                seconds = seed_jobs(server.data_dir, project, args.jobs)
                listed = httpx.get(
                    f"{server.url}/api/v1/jobs/",
                    params={"pageLength": 1},
                    cookies=login_cookies(server.url),
                ).json()
                print(f"seeded in {seconds:.1f} s; the API lists {listed['totalNumResults']} jobs")
                cold, warm = measure_jobs_page(browser, server.url, args.runs)
                median_cold = sorted(cold, key=lambda t: t.first_row)[len(cold) // 2]
                print("\nthe median cold run, ms from navigation start (start - end):")
                for name, start, end in median_cold.timeline:
                    print(f"  {start:7.0f} - {end:7.0f}  {name}")
                for label, timings in (("cold", cold), ("warm", warm)):
                    values = [t.first_row for t in timings]
                    requests = [t.jobs_request for t in timings if t.jobs_request is not None]
                    median = statistics.median(values)
                    request = statistics.median(requests) if requests else float("nan")
                    verdict = "within" if median <= GOAL_SECONDS else "OVER"
                    print(
                        f"/jobs first row, {label} (n={len(values)}): "
                        f"median {median * 1000:.0f} ms "
                        f"({verdict} the 1 s goal), min {min(values) * 1000:.0f}, "
                        f"max {max(values) * 1000:.0f}; of which GET /api/v1/jobs/ median "
                        f"{request * 1000:.0f} ms"
                    )
        browser.close()
    print(f"load average at the end: {load_average()}")


def login_cookies(url: str) -> httpx.Cookies:
    answer = httpx.post(
        f"{url}/api/v1/auth/login", json={"username": USERNAME, "password": PASSWORD}
    )
    answer.raise_for_status()
    return answer.cookies


if __name__ == "__main__":
    main()
