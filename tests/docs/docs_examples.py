"""The runnable examples of the docs: what a page's code blocks are, and running them as a
reader would (the convention is in tests/docs/README.md).

Parsing is separate from running so that the parser's rules are unit-tested on small samples
and every page is checked for mistakes (a skip without its reason, a broken ``continues``)
even when it runs nothing.
"""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
# The folders whose pages' examples run (relative to docs/).
RUNNABLE_FOLDERS = ("tutorials", "how-to")
RUNNABLE_LANGUAGES = frozenset({"bash", "python"})
TRACKS = ("python", "cli")
# Content tab titles that decide a block's track; blocks in other tabs, or outside tabs,
# belong to both tracks.
TAB_TRACKS: dict[str, frozenset[str]] = {
    "Python client": frozenset({"python"}),
    "CLI": frozenset({"cli"}),
    "Web UI": frozenset(),
}

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
TAB = re.compile(r'^(?P<indent>[ \t]*)===[!+]?[ \t]+"(?P<title>[^"]*)"')
TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')
DIRECTIVE = re.compile(r"^<!--\s*docs-test:(?P<body>.*?)-->$")


class DocsTestError(Exception):
    """A page breaks the convention (told as ``page:line: what``)."""


@dataclass(frozen=True)
class Block:
    page: str  # relative to docs/, e.g. "tutorials/hello-world.md"
    line: int  # 1-based line of the opening fence
    language: str
    code: str  # dedented to the fence's indentation
    tracks: frozenset[str]
    title: str | None = None  # a file to write, relative to the working directory
    skip_reason: str | None = None

    @property
    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"

    @property
    def is_file(self) -> bool:
        return self.title is not None

    @property
    def runs(self) -> bool:
        return (
            self.skip_reason is None
            and self.title is None
            and self.language in RUNNABLE_LANGUAGES
            and bool(self.tracks)
        )

    def acts_in(self, track: str) -> bool:
        """Whether the harness runs or writes this block in ``track``."""
        return self.skip_reason is None and track in self.tracks and (self.runs or self.is_file)


@dataclass
class Page:
    path: str
    blocks: list[Block] = field(default_factory=list)
    continues: str | None = None

    def acting(self, track: str) -> list[Block]:
        return [block for block in self.blocks if block.acts_in(track)]


def _indent_width(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def _dedent(line: str, width: int) -> str:
    """``line`` without up to ``width`` columns of leading indentation."""
    expanded = line.expandtabs(4)
    removable = min(width, _indent_width(expanded))
    return expanded[removable:]


def parse_page(text: str, path: str) -> Page:
    """The code blocks of a page, each with its tracks, title and skip reason."""
    page = Page(path)
    lines = text.splitlines()
    tabs: list[tuple[int, str]] = []  # open content tabs: (indentation, title)
    pending_skip: tuple[int, str] | None = None  # (line, reason) of a skip awaiting its fence
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        stripped = line.strip()
        if not stripped:
            continue
        width = _indent_width(line)
        # A non-blank line closes every tab it is not indented into.
        while tabs and width <= tabs[-1][0]:
            tabs.pop()
        directive = DIRECTIVE.match(stripped)
        if directive:
            if pending_skip is not None:
                raise DocsTestError(
                    f"docs/{path}:{pending_skip[0]}: a skip marker must be followed by a code block"
                )
            pending_skip = _directive(page, directive["body"].strip(), path, number)
            continue
        if "docs-test" in stripped and stripped.startswith("<!--"):
            raise DocsTestError(
                f"docs/{path}:{number}: a docs-test marker is one line: "
                "<!-- docs-test: skip REASON --> or <!-- docs-test: continues PAGE -->"
            )
        fence = FENCE.match(line)
        if fence is None:
            if pending_skip is not None:
                raise DocsTestError(
                    f"docs/{path}:{pending_skip[0]}: a skip marker must be followed by a code block"
                )
            tab = TAB.match(line)
            if tab:
                tabs.append((width, tab["title"]))
            continue
        start, marker, info = number, fence["fence"], fence["info"]
        body: list[str] = []
        while number < len(lines):
            candidate = lines[number]
            number += 1
            closing = FENCE.match(candidate)
            if (
                closing
                and not closing["info"]
                and closing["fence"][0] == marker[0]
                and len(closing["fence"]) >= len(marker)
            ):
                break
            body.append(_dedent(candidate, width))
        else:
            raise DocsTestError(f"docs/{path}:{start}: this code block is never closed")
        language = info.split(None, 1)[0].lstrip("{.").rstrip("}").lower() if info else ""
        title = TITLE.search(info)
        page.blocks.append(
            Block(
                page=path,
                line=start,
                language=language,
                code="\n".join(body) + "\n",
                tracks=_tracks(tabs),
                title=_checked_title(title["title"], path, start) if title else None,
                skip_reason=pending_skip[1] if pending_skip else None,
            )
        )
        pending_skip = None
    if pending_skip is not None:
        raise DocsTestError(
            f"docs/{path}:{pending_skip[0]}: a skip marker must be followed by a code block"
        )
    return page


def _directive(page: Page, body: str, path: str, number: int) -> tuple[int, str] | None:
    """Applies a ``docs-test:`` marker; a skip is returned to wait for its fence."""
    verb, _, argument = body.partition(" ")
    argument = argument.strip()
    if verb == "skip":
        if not argument:
            raise DocsTestError(
                f"docs/{path}:{number}: say why the block is skipped: "
                "<!-- docs-test: skip REASON -->"
            )
        return number, argument
    if verb == "continues":
        if page.continues is not None:
            raise DocsTestError(f"docs/{path}:{number}: a page continues at most one page")
        if page.blocks:
            raise DocsTestError(
                f"docs/{path}:{number}: `continues` goes before the page's first code block"
            )
        if not argument.endswith(".md") or argument.startswith(("/", "docs/")):
            raise DocsTestError(
                f"docs/{path}:{number}: name the page relative to docs/, "
                "e.g. <!-- docs-test: continues tutorials/hello-world.md -->"
            )
        page.continues = argument
        return None
    raise DocsTestError(
        f"docs/{path}:{number}: unknown docs-test marker {verb!r} (skip REASON, continues PAGE)"
    )


def _tracks(tabs: list[tuple[int, str]]) -> frozenset[str]:
    tracks = frozenset(TRACKS)
    for _, title in tabs:
        if title in TAB_TRACKS:
            tracks &= TAB_TRACKS[title]
    return tracks


def _checked_title(title: str, path: str, line: int) -> str:
    target = Path(title)
    if not title or target.is_absolute() or ".." in target.parts:
        raise DocsTestError(
            f'docs/{path}:{line}: title="{title}" must be a relative path inside the working '
            "directory (the block is written there)"
        )
    return title


# ---------------------------------------------------------------------------------------------
# The pages


def runnable_pages() -> list[str]:
    """Pages whose examples run, relative to docs/."""
    return sorted(
        str(path.relative_to(DOCS))
        for folder in RUNNABLE_FOLDERS
        for path in (DOCS / folder).glob("*.md")
    )


def load_page(path: str) -> Page:
    file = DOCS / path
    if not file.is_file():
        raise DocsTestError(f"docs/{path}: no such page")
    return parse_page(file.read_text(encoding="utf-8"), path)


def chain(path: str) -> list[Page]:
    """The pages a track of ``path`` runs, first the one it ultimately continues."""
    pages: list[Page] = []
    seen: list[str] = []
    current: str | None = path
    while current is not None:
        if current in seen:
            raise DocsTestError(f"docs/{path}: `continues` goes round: {' -> '.join(seen)}")
        seen.append(current)
        try:
            page = load_page(current)
        except DocsTestError as error:
            if current == path:
                raise
            raise DocsTestError(
                f"docs/{seen[-2]}: continues {current}, which fails: {error}"
            ) from None
        pages.append(page)
        current = page.continues
    return pages[::-1]


# ---------------------------------------------------------------------------------------------
# Running a track


# Cheap password hashing for the harness's servers (a reader's server hashes at full cost;
# nothing a page shows depends on it), a headless matplotlib, and wide plain tables.
SERVER_ENV = {
    "DIOPTRA_PASSWORD_TIME_COST": "1",
    "DIOPTRA_PASSWORD_MEMORY_KIB": "8192",
    "DIOPTRA_PASSWORD_PARALLELISM": "1",
}
READER_ENV = {"MPLBACKEND": "Agg", "COLUMNS": "200", "NO_COLOR": "1"}
BLOCK_TIMEOUT_S = float(os.environ.get("DOCS_TEST_BLOCK_TIMEOUT", "300"))


class ExampleFailed(AssertionError):
    pass


@dataclass
class Reader:
    """One reader following one track: their folder, their server and their shells."""

    root: Path
    workdir: Path
    env: dict[str, str]
    server_log: Path
    server: subprocess.Popen[bytes] | None = None
    shell_groups: list[int] = field(default_factory=list)
    python: PythonSession | None = None

    def run(self, block: Block, track: str) -> None:
        __tracebackhide__ = True  # a failure shows the page's line and output, not ours
        if block.is_file:
            assert block.title is not None
            target = self.workdir / block.title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
        elif block.language == "bash":
            self._bash(block, track)
        else:
            if self.python is None:
                self.python = PythonSession(self)
            self.python.run(block, track)

    def _bash(self, block: Block, track: str) -> None:
        __tracebackhide__ = True
        scripts = self.root / "blocks"
        scripts.mkdir(exist_ok=True)
        name = f"{block.page.replace('/', '_').removesuffix('.md')}-L{block.line}"
        script, output = scripts / f"{name}.sh", scripts / f"{name}.out"
        script.write_text(block.code, encoding="utf-8")
        # Output to a file, not a pipe: a server or worker a block leaves running in the
        # background must not keep the harness waiting for the pipe to close. Its own
        # session, so that what it left running is stopped with the track.
        with output.open("wb") as sink:
            process = subprocess.Popen(
                ["bash", "-euo", "pipefail", str(script)],
                cwd=self.workdir,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.shell_groups.append(process.pid)
        try:
            code = process.wait(BLOCK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid, signal.SIGKILL)
            process.wait()
            self.fail(block, track, f"did not finish in {BLOCK_TIMEOUT_S:.0f} s", output)
        if code != 0:
            self.fail(block, track, f"exited {code}", output)

    def fail(self, block: Block, track: str, what: str, output: Path | str) -> None:
        __tracebackhide__ = True
        text = output if isinstance(output, str) else output.read_text(errors="replace")
        log = self.server_log.read_text(errors="replace")[-3000:]
        raise ExampleFailed(
            f"{block.where}: the {block.language} block ({track} track) {what}\n"
            f"----- its code -----\n{block.code}"
            f"----- its output -----\n{text[-6000:]}\n"
            f"----- the server's log (end) -----\n{log}"
        )

    def close(self) -> None:
        if self.python is not None:
            self.python.close()
            self.python = None
        for group in self.shell_groups:
            _kill_group(group, signal.SIGTERM)
        self.shell_groups.clear()
        if self.server is not None:
            self.server.send_signal(signal.SIGINT)
            try:
                self.server.wait(30)
            except subprocess.TimeoutExpired:
                _kill_group(self.server.pid, signal.SIGKILL)
                self.server.wait(10)
            self.server = None


def _kill_group(group: int, signum: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)


# The process that runs a track's python blocks in one namespace, as pasted into one REPL.
# It reads the path of a block's file on its command pipe, runs it, and answers "ok" or
# "error" on its result pipe; its stdin stays free (and empty) for the blocks.
PYTHON_DRIVER = textwrap.dedent(
    """
    import linecache, os, sys, traceback
    commands = os.fdopen(int(sys.argv[1]), "r")
    results = os.fdopen(int(sys.argv[2]), "w")
    namespace = {"__name__": "__main__"}
    for request in commands:
        block_file, page_file, shown_name = request.rstrip("\\n").split("\\t")
        with open(page_file, encoding="utf-8") as handle:
            page_lines = handle.read().splitlines(keepends=True)
        # Tracebacks name the page and its lines, and quote them.
        linecache.cache[shown_name] = (0, None, page_lines, shown_name)
        with open(block_file, encoding="utf-8") as handle:
            source = handle.read()
        try:
            exec(compile(source, shown_name, "exec"), namespace)
        except BaseException:
            traceback.print_exc()
            answer = "error"
        else:
            answer = "ok"
        sys.stdout.flush()
        sys.stderr.flush()
        results.write(answer + "\\n")
        results.flush()
    """
)


class PythonSession:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.output = reader.root / "python.out"
        command_read, self.commands = os.pipe()
        self.results, result_write = os.pipe()
        with self.output.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-u", "-c", PYTHON_DRIVER, str(command_read), str(result_write)],
                cwd=reader.workdir,
                env=reader.env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                pass_fds=(command_read, result_write),
                start_new_session=True,
            )
        os.close(command_read)
        os.close(result_write)
        self.blocks = reader.root / "blocks"
        self.blocks.mkdir(exist_ok=True)

    def run(self, block: Block, track: str) -> None:
        __tracebackhide__ = True
        # Blank lines first, so that the block's line numbers are the page's.
        source = "\n" * block.line + block.code
        file = self.blocks / f"{block.page.replace('/', '_').removesuffix('.md')}-L{block.line}.py"
        file.write_text(source, encoding="utf-8")
        start = self.output.stat().st_size
        os.write(self.commands, f"{file}\t{DOCS / block.page}\tdocs/{block.page}\n".encode())
        answer = self._answer()
        with self.output.open("rb") as handle:
            handle.seek(start)
            text = handle.read().decode(errors="replace")
        if answer is None:
            self.close()
            self.reader.fail(block, track, f"did not finish in {BLOCK_TIMEOUT_S:.0f} s", text)
        elif answer == "":
            self.reader.fail(block, track, "ended the Python process", text)
        elif answer != "ok":
            self.reader.fail(block, track, "raised", text)

    def _answer(self) -> str | None:
        """The driver's answer; "" when it died, None when it ran out of time."""
        deadline = time.monotonic() + BLOCK_TIMEOUT_S
        received = b""
        while not received.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.results], [], [], left)
            if ready:
                chunk = os.read(self.results, 64)
                if not chunk:
                    return ""
                received += chunk
        return received.decode().strip()

    def close(self) -> None:
        for fd in (self.commands, self.results):
            with suppress(OSError):
                os.close(fd)
        _kill_group(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            _kill_group(self.process.pid, signal.SIGKILL)
            self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def reader_env(root: Path) -> dict[str, str]:
    """A reader's shell: no DIOPTRA_* setting of ours, the venv's commands first on PATH,
    and their own config folder (where `dioptra up` records itself and logins are saved)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DIOPTRA_")}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([venv_bin, env.get("PATH", "")])
    env["DIOPTRA_CONFIG_DIR"] = str(root / "config")
    env["HOME"] = str(root / "home")
    # A HOME of their own, so nothing of this machine's user leaks in (a saved login, a
    # pip config); a reader's venv still is the one found first on PATH.
    (root / "home").mkdir(exist_ok=True)
    env.update(READER_ENV)
    return env


def start_reader(root: Path) -> Reader:
    """A fresh working directory, and `dioptra up --no-browser` started there the way a
    reader starts it, on a free port and a data folder of its own (``close()`` stops it)."""
    workdir = root / "work"
    workdir.mkdir(parents=True)
    # The reader works in a clone: the examples the pages use are where they are there.
    (workdir / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    env = reader_env(root)
    log = root / "server.log"
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("dioptra")),
        "up",
        "--no-browser",
        "--port",
        str(port),
        "--data-dir",
        str(root / "data"),
    ]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command,
            cwd=workdir,
            env={**env, **SERVER_ENV},
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    reader = Reader(root=root, workdir=workdir, env=env, server_log=log, server=server)
    try:
        _wait_until_ready(f"http://127.0.0.1:{port}", root / "config" / "server.json", server, log)
    except BaseException:
        reader.close()
        raise
    return reader


def _wait_until_ready(
    url: str, record: Path, server: subprocess.Popen[bytes], log: Path, timeout: float = 120
) -> None:
    """Healthy, and its address recorded for the reader's commands to find."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"`dioptra up` exited {server.returncode}:\n{log.read_text()}")
        try:
            if record.is_file() and httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"`dioptra up` was not ready within {timeout:.0f} s:\n{log.read_text()}")


class Readers:
    """One live reader per track, kept from one page's test to the next.

    A page runs on a fresh reader after the pages it continues, unless the live reader of
    its track has run exactly those pages (the test of the page it continues just passed):
    then only its own blocks run, on the state a fresh run would have reached anyway. Tests
    in chain order (``ordered_cases``) so run each page once; any other order or a failure
    only costs a fresh start.
    """

    def __init__(self, new_root: Callable[[], Path]) -> None:
        self.new_root = new_root
        self.live: dict[str, tuple[Reader, list[str]]] = {}

    def run(self, path: str, track: str) -> None:
        __tracebackhide__ = True
        pages = chain(path)
        before = [page.path for page in pages[:-1]]
        reader, done = self.live.pop(track, (None, []))
        if reader is None or done != before:
            if reader is not None:
                reader.close()
            reader, done = start_reader(self.new_root()), []
        try:
            for page in pages[len(done) :]:
                for block in page.acting(track):
                    reader.run(block, track)
                done.append(page.path)
        except BaseException:
            reader.close()
            raise
        self.live[track] = (reader, done)

    def close(self) -> None:
        for reader, _ in self.live.values():
            reader.close()
        self.live.clear()


def ordered_pages(paths: list[str]) -> list[str]:
    """``paths`` with each page right after the one it continues (depth first), so that a
    chain of tutorials runs in reading order."""
    continued: dict[str | None, list[str]] = {}
    for path in paths:
        try:
            parent = load_page(path).continues
        except DocsTestError:
            parent = None
        continued.setdefault(parent if parent in paths else None, []).append(path)
    ordered: list[str] = []

    def visit(parent: str | None) -> None:
        for child in sorted(continued.get(parent, [])):
            if child not in ordered:
                ordered.append(child)
                visit(child)

    visit(None)
    # Pages in a `continues` cycle have no root; test_every_page_follows_the_convention
    # names the cycle, and they still get a test each.
    return ordered + sorted(set(paths) - set(ordered))


# The robustness study trains and attacks models: minutes, where the other pages take seconds.
SLOW_PAGES = {"tutorials/robustness-study.md": 900}


def example_cases(
    section: str, track: str, *, only: str | None = None, but: str | None = None
) -> list[object]:
    """pytest params (page, track) of the pages of `section` ("tutorials", "how-to") that run
    or write something in `track`, in reading order; `only` / `but` keep or drop one page.
    The example tests are split over several files by section and track so that pytest-xdist
    (a file per worker) runs them side by side; a page whose chain ran in another file
    replays it (see `Readers`), so the split changes the time, not the result."""
    found: list[object] = []
    for path in ordered_pages(runnable_pages()):
        if not path.startswith(f"{section}/") or (only and path != only) or (but and path == but):
            continue
        try:
            page = load_page(path)
        except DocsTestError:
            continue  # test_every_page_follows_the_convention says what is wrong
        if page.acting(track):
            marks = [pytest.mark.slow, pytest.mark.timeout(SLOW_PAGES.get(path, 300))]
            found.append(pytest.param(path, track, id=f"{path}:{track}", marks=marks))
    return found
