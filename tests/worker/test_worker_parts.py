"""The worker's small parts: timeouts, output splitting, severities, log batching, the
bundle cache, the dispatch settings and the command-line errors."""

from __future__ import annotations

import importlib.util
import marshal
import threading
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dioptra.server.dispatch import DispatchSettings, create_dispatcher, local_api_url
from dioptra.server.settings import Settings
from dioptra.worker import TimeoutFormatError, parse_timeout
from dioptra.worker.bundle_cache import BundleCache
from dioptra.worker.errors import JobFailure
from dioptra.worker.inputs import job_swaps, plugin_module_name
from dioptra.worker.logs import (
    MAX_MESSAGE_CHARS,
    MAX_RECORDS_PER_POST,
    LineSplitter,
    LogForwarder,
    LogRecord,
    StderrClassifier,
    parse_record_line,
)
from dioptra.worker.queue_worker import psycopg_conninfo, split_queue_names


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30),
        ("10m", 600),
        ("24h", 86400),
        ("1d", 86400),
        ("2w", 1209600),
        ("90", 90),
        (" 1.5h ", 5400),
        (45, 45),
        ("3M", 180),
    ],
)
def test_timeouts_are_read_the_dioptra_way(text: str | int, seconds: float) -> None:
    assert parse_timeout(text) == seconds


@pytest.mark.parametrize("text", ["soon", "10 minutes", "-5s", "0", "1y", "h"])
def test_bad_timeouts_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(TimeoutFormatError, match="timeout"):
        parse_timeout(text)


def test_no_timeout() -> None:
    assert parse_timeout(None) is None and parse_timeout("") is None


def test_lines_are_split_across_reads_and_carriage_returns_keep_the_last_state() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"one\ntw") == ["one"]
    assert splitter.feed(b"o\n\n10%\r50%\r100%\nhalf") == ["two", "100%"]
    assert splitter.feed("é".encode()[:1]) == []
    assert splitter.finish() == ["half\ufffd"]
    assert splitter.finish() == []


def test_stderr_tracebacks_are_errors_and_other_lines_warnings() -> None:
    classify = StderrClassifier().severity
    lines = [
        "UserWarning: deprecated",
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in <module>',
        "    boom()",
        "ValueError: boom",
        "epoch 1: loss 0.3",
        "KeyError: 'x'",
    ]
    assert [classify(line) for line in lines] == [
        "WARNING",
        "ERROR",
        "ERROR",
        "ERROR",
        "ERROR",
        "WARNING",
        "ERROR",
    ]


def test_record_lines_keep_their_severity_and_anything_else_is_kept_as_info() -> None:
    record = parse_record_line('{"severity": "warning", "loggerName": "x", "message": "m"}')
    assert record == LogRecord("WARNING", "x", "m")
    assert parse_record_line("not json") == LogRecord("INFO", "job", "not json")
    assert parse_record_line('{"severity": "LOUD", "message": "m"}').severity == "INFO"
    long = parse_record_line('{"severity": "INFO", "message": "' + "x" * 40_000 + '"}')
    assert len(long.message) < MAX_MESSAGE_CHARS + 20 and long.message.endswith("(truncated)")


class FakeSink:
    def __init__(self, fail: int = 0) -> None:
        self.batches: list[list[dict[str, str]]] = []
        self.fail = fail

    def post_logs(self, records: list[dict[str, str]], retry_for: float = 0.0) -> None:
        if self.fail:
            self.fail -= 1
            raise ConnectionError("server away")
        self.batches.append(records)


def test_logs_are_sent_in_batches_of_fifty_or_when_due() -> None:
    sink = FakeSink()
    forwarder = LogForwarder(sink, flush_seconds=60, batch_size=50)
    for index in range(49):
        forwarder.add_text("INFO", "stdout", f"line {index}")
    forwarder.flush_if_due()
    assert sink.batches == []  # neither 50 lines nor 60 s yet
    forwarder.add_text("INFO", "stdout", "line 49")
    forwarder.flush_if_due()
    assert [len(batch) for batch in sink.batches] == [50]
    assert sink.batches[0][0] == {"severity": "INFO", "loggerName": "stdout", "message": "line 0"}
    forwarder.add_text("ERROR", "x", "late")
    assert forwarder.seconds_to_flush() is not None
    forwarder.flush()
    assert sink.batches[-1] == [{"severity": "ERROR", "loggerName": "x", "message": "late"}]
    assert forwarder.seconds_to_flush() is None and forwarder.sent == 51


def test_logs_survive_a_failed_post_and_go_with_the_next() -> None:
    sink = FakeSink(fail=1)
    forwarder = LogForwarder(sink, flush_seconds=0)
    forwarder.add_text("INFO", "stdout", "kept")
    assert forwarder.flush() is False and forwarder.pending == 1
    assert forwarder.flush() is True
    assert sink.batches == [[{"severity": "INFO", "loggerName": "stdout", "message": "kept"}]]


def test_the_last_batch_is_left_to_go_with_the_status() -> None:
    sink = FakeSink()
    forwarder = LogForwarder(sink, flush_seconds=60)
    for index in range(MAX_RECORDS_PER_POST + 3):
        forwarder.add_text("INFO", "stdout", f"line {index}")
    final = forwarder.final_batch()
    assert [len(batch) for batch in sink.batches] == [MAX_RECORDS_PER_POST]  # oldest first
    assert [record.message for record in final] == [
        f"line {index}" for index in range(MAX_RECORDS_PER_POST, MAX_RECORDS_PER_POST + 3)
    ]
    assert forwarder.pending == 3  # still pending until sent
    forwarder.mark_sent(len(final))
    assert (forwarder.pending, forwarder.sent) == (0, MAX_RECORDS_PER_POST + 3)
    assert forwarder.seconds_to_flush() is None


def test_job_failures_carry_one_line_and_keep_the_details() -> None:
    failure = JobFailure("step 'x' failed: boom\nmore", "Traceback ...")
    assert str(failure) == "step 'x' failed: boom" and failure.details == "Traceback ..."
    assert JobFailure("a\nb").details == "a\nb"


def test_plugin_module_names_follow_the_file_path() -> None:
    assert plugin_module_name("p", "tasks.py") == "p.tasks"
    assert plugin_module_name("p", "sub/ops.py") == "p.sub.ops"
    assert plugin_module_name("p", "sub/__init__.py") == "p.sub"
    swaps = [{"swapName": "model", "taskAlias": "small", "taskName": "fit"}]
    assert job_swaps({"swaps": swaps}) == {"model": "small"}


def test_the_bundle_cache_fills_a_folder_once(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path, "http://server:5000")
    calls: list[Path] = []

    def fill(folder: Path) -> None:
        calls.append(folder)
        folder.mkdir()
        (folder / "tasks.py").write_text("x = 1\n")

    first = cache.folder("entrypoint-1-2-plugins", fill)
    second = cache.folder("entrypoint-1-2-plugins", fill)
    assert first == second and len(calls) == 1
    assert (first / "tasks.py").read_text() == "x = 1\n"
    other_server = BundleCache(tmp_path, "http://elsewhere:5000")
    assert other_server.folder("entrypoint-1-2-plugins", fill) != first


def test_cached_bundles_hold_their_compiled_modules(tmp_path: Path) -> None:
    """Jobs import plugins from bytecode compiled once (a confined job cannot write it);
    a file that does not compile is left as it is, for its import to report."""
    cache = BundleCache(tmp_path, "http://server")

    def fill(folder: Path) -> None:
        (folder / "pkg").mkdir(parents=True)
        (folder / "pkg" / "tasks.py").write_text("def fail():\n    raise ValueError('x')\n")
        (folder / "broken.py").write_text("def (:\n")

    folder = cache.folder("b", fill)
    compiled = Path(importlib.util.cache_from_source(str(folder / "pkg" / "tasks.py")))
    assert compiled.is_file()
    assert not Path(importlib.util.cache_from_source(str(folder / "broken.py"))).exists()
    code = marshal.loads(compiled.read_bytes()[16:])  # after the pyc header
    assert code.co_filename == str(folder / "pkg" / "tasks.py")  # not the staging folder


def test_a_failed_fill_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path, "http://server")

    def broken(folder: Path) -> None:
        folder.mkdir()
        raise JobFailure("download failed")

    with pytest.raises(JobFailure):
        cache.folder("b", broken)
    assert not list((tmp_path / cache.server).iterdir())


def test_concurrent_fills_end_with_one_folder(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path, "http://server")
    barrier = threading.Barrier(4)
    results: list[Path] = []

    def fill(folder: Path) -> None:
        folder.mkdir()
        barrier.wait()
        (folder / "f").write_text("x")

    threads = [
        threading.Thread(target=lambda: results.append(cache.folder("same", fill)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert [p.name for p in (tmp_path / cache.server).iterdir()] == ["same"]


def test_queue_names_and_database_urls() -> None:
    assert split_queue_names(["a", "b,c", " a ", ""]) == ["a", "b", "c"]
    assert psycopg_conninfo("postgresql+psycopg://u@h:5432/db") == "postgresql://u@h:5432/db"
    assert psycopg_conninfo("postgres://u@h/db") == "postgresql://u@h/db"


def test_dispatch_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DIOPTRA_DISPATCH", raising=False)
    assert DispatchSettings().dispatch == "none"
    settings = Settings(data_dir=tmp_path, host="0.0.0.0", port=6000)
    assert local_api_url(settings, DispatchSettings()) == "http://127.0.0.1:6000"
    given = DispatchSettings(local_api_url="http://10.0.0.5:7000/")
    assert local_api_url(settings, given) == "http://10.0.0.5:7000"
    assert create_dispatcher(settings, None, DispatchSettings()) is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="PostgreSQL"):
        create_dispatcher(settings, None, DispatchSettings(dispatch="postgres"))  # type: ignore[arg-type]


def _cli(command: Any) -> typer.Typer:
    app = typer.Typer()
    app.command()(command)
    return app


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--api", "http://x", "--database-url", "postgresql://h/db"], {}, "queue"),
        (["-q", "a", "--database-url", "postgresql://h/db"], {}, "--api URL"),
        (["-q", "a", "--api", "http://x", "--database-url", "sqlite:///x"], {}, "PostgreSQL"),
        (
            ["-q", "a", "--api", "http://x", "--database-url", "postgresql://h/db"],
            {},
            "credentials",
        ),
    ],
)
def test_the_worker_command_explains_what_is_missing(
    args: list[str], env: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dioptra.cli.commands import options
    from dioptra.cli.worker import worker

    # The root command's options of an earlier invocation in this process (a test's
    # `dioptra --api ...`) must not stand in for the missing --api.
    monkeypatch.setattr(options, "_current_options", None)
    for name in (
        "DIOPTRA_API",
        "DIOPTRA_API_TOKEN",
        "DIOPTRA_DATABASE_URL",
        "DIOPTRA_WORKER_USERNAME",
        "DIOPTRA_WORKER_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    if "--queue" not in args and "-q" not in args:
        args = [*args, "--queue", ""]
    result = CliRunner().invoke(_cli(worker), args, env=env)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_up_refuses_a_port_in_use(tmp_path: Path) -> None:
    import socket

    from dioptra.cli.up import up

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            _cli(up), ["--port", str(port), "--data-dir", str(tmp_path), "--no-browser"]
        )
    assert result.exit_code == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.output
    assert "--port" in result.output


def test_the_worker_never_imports_the_server() -> None:
    """Layers: a worker reaches the server only over REST, so it runs on machines
    without the server's stack (DESIGN §2)."""
    import subprocess
    import sys

    code = (
        "import sys, dioptra.worker, dioptra.worker.queue_worker, dioptra.worker.process, "
        "dioptra.worker.inputs, dioptra.worker.outputs, dioptra.cli.worker\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'sqlalchemy', 'uvicorn', 'alembic') or m.startswith('dioptra.server')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
