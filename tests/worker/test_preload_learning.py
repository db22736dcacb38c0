"""What the fork server preloads, learned from jobs: the learned list, the job's report,
the fork server's own imports, and a worker whose second matplotlib job forks with
matplotlib already imported."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from stub_api import WORKER_TOKEN, StubJob, StubServer, StubState

from dioptra.worker import fork_server, landlock, run_job
from dioptra.worker.confinement import ConfinementSettings
from dioptra.worker.fork_server import learn_from_job
from dioptra.worker.import_learning import (
    ENV_FORK_SERVER_PRELOAD,
    LearnedPreloads,
    PreloadSettings,
    _ImportRecorder,
    installed_spec,
    read_import_report,
    without_parents,
)
from dioptra.worker.launcher import start_process, warm_up

# -- the learned list --------------------------------------------------------------------


def test_the_learned_list_takes_no_more_once_full(tmp_path: Path) -> None:
    store = LearnedPreloads(tmp_path, ["q"], limit=3)
    store.learn(["a", "b"])
    assert store.learn(["c", "d"]) == ["a", "b", "c"]
    assert store.learn(["e"]) == ["a", "b", "c"]
    assert store.learn(["a.sub"]) == ["b", "c", "a.sub"]  # a module replaces its package
    assert LearnedPreloads(tmp_path, ["q"], limit=3).modules() == ["b", "c", "a.sub"]
    assert LearnedPreloads(tmp_path, ["q"], limit=2).modules() == ["b", "c"]


def test_a_module_replaces_its_package_in_the_list(tmp_path: Path) -> None:
    store = LearnedPreloads(tmp_path, ["q"], limit=8)
    store.learn(["matplotlib", "numpy"])
    assert store.learn(["matplotlib.pyplot"]) == ["numpy", "matplotlib.pyplot"]
    assert without_parents(["a", "a.b", "a.b.c", "ab", "a"]) == ["a.b.c", "ab"]


def test_each_set_of_queues_has_its_own_list(tmp_path: Path) -> None:
    LearnedPreloads(tmp_path, ["gpu"], limit=8).learn(["torch"])
    LearnedPreloads(tmp_path, ["cpu", "plots"], limit=8).learn(["matplotlib.pyplot"])
    assert LearnedPreloads(tmp_path, ["gpu"], limit=8).modules() == ["torch"]
    assert LearnedPreloads(tmp_path, ["plots", "cpu"], limit=8).modules() == ["matplotlib.pyplot"]
    assert len(list(tmp_path.glob("preloads-*.json"))) == 2


def test_the_list_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LearnedPreloads(tmp_path, ["q"], limit=8)
    store.learn(["numpy"])

    def crash(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    assert store.learn(["scipy"]) == ["numpy", "scipy"]  # kept in memory all the same
    assert json.loads(store.path.read_text())["modules"] == ["numpy"]
    assert [p.name for p in tmp_path.iterdir()] == [store.path.name]  # no temporary left


def test_a_damaged_list_is_an_empty_one(tmp_path: Path) -> None:
    store = LearnedPreloads(tmp_path, ["q"], limit=8)
    store.path.write_text('{"modules": ["ok", "../../etc", 3, "os;rm"]')
    assert LearnedPreloads(tmp_path, ["q"], limit=8).modules() == []
    store.path.write_text('{"modules": ["ok", "../../etc", 3, "os;rm", "a._private"]}')
    assert LearnedPreloads(tmp_path, ["q"], limit=8).modules() == ["ok"]


def test_learning_is_off_with_a_limit_of_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_WORKER_PRELOAD_LEARNED_MAX", "0")
    monkeypatch.setenv("DIOPTRA_WORKER_PRELOAD", " numpy, torch ,,")
    settings = PreloadSettings()
    assert settings.learned_preloads(Path("/nowhere"), ["q"]) is None
    assert settings.configured() == ("numpy", "torch")


# -- the job's report ----------------------------------------------------------------------


def test_only_what_plugin_code_imports_itself_is_recorded(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "probe").mkdir(parents=True)
    (plugins / "probe" / "__init__.py").write_text("")
    (plugins / "probe" / "tasks.py").write_text(
        "import importlib\nimport probe.helper\nimport yaml\n"
        "def later():\n    import _not_a_module_anywhere\n"
    )
    (plugins / "probe" / "helper.py").write_text("import tabnanny\n")
    recorder = _ImportRecorder([plugins])
    sys.path.insert(0, str(plugins))
    sys.meta_path.insert(0, recorder)  # type: ignore[arg-type]
    try:
        module: Any = __import__("probe.tasks").tasks
        with pytest.raises(ImportError):
            module.later()
        import wsgiref.simple_server  # noqa: F401  (not plugin code: not recorded)
    finally:
        sys.meta_path.remove(recorder)  # type: ignore[arg-type]
        sys.path.remove(str(plugins))
        for name in [n for n in sys.modules if n == "probe" or n.startswith("probe.")]:
            del sys.modules[name]
    # yaml was imported already (nothing to find); the plugin's own module, the standard
    # library's tabnanny and what failed are imported by plugin code, but not learnable.
    assert {"probe.helper", "tabnanny", "_not_a_module_anywhere"} <= set(recorder.names)
    assert "wsgiref.simple_server" not in recorder.names
    assert recorder.installed_imports() == []


def test_a_report_is_read_without_trusting_it(tmp_path: Path) -> None:
    report = tmp_path / "imports.json"
    assert read_import_report(report) is None
    report.write_text("[1, 2]")
    assert read_import_report(report) is None
    names = [
        "matplotlib.pyplot",
        "../x",
        "os; rm",
        "pip.__main__",
        7,
        *[f"m{i}" for i in range(99)],
    ]
    report.write_text(json.dumps({"imported": names, "notPreloaded": {"torch": "x" * 999, "": 1}}))
    found = read_import_report(report)
    assert found is not None
    assert found.imported[:2] == ("matplotlib.pyplot", "m0") and len(found.imported) == 64
    assert found.not_preloaded == {"torch": "x" * 300}


def test_an_installed_module_is_told_from_others() -> None:
    assert installed_spec("yaml") is not None  # in site-packages
    assert installed_spec("json") is None  # the standard library
    assert installed_spec("no_such_module_here") is None


# -- the fork server's imports -------------------------------------------------------------


def test_the_fork_server_survives_what_it_cannot_import(tmp_path: Path) -> None:
    (tmp_path / "explodes.py").write_text("raise RuntimeError('boom')\n")
    (tmp_path / "spins.py").write_text(
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
    )
    (tmp_path / "matplotlib.py").write_text("raise SystemExit('never imported')\n")
    requested = {
        "configured": ["explodes", "spins", "not_installed_at_all"],
        "learned": ["json", "matplotlib", "pip.__main__"],
    }
    env = {**os.environ, ENV_FORK_SERVER_PRELOAD: json.dumps(requested)}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])
    probe = "import json, dioptra.worker.preload as p; print(json.dumps(p.NOT_PRELOADED))"
    answer = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert answer.returncode == 0, answer.stderr
    failed = json.loads(answer.stdout)
    assert failed["explodes"] == "RuntimeError: boom"
    assert failed["spins"] == "it starts threads when imported"
    # A learned module must be an installed package, found first on the path.
    refused = {failed[name] for name in ("json", "matplotlib", "pip.__main__")}
    assert refused == {"not an installed package"}
    assert "not_installed_at_all" not in failed  # a configured module may be missing


# -- a worker that learns ------------------------------------------------------------------

PROBE = """
import json
import sys
import time

from dioptra import pyplugs


@pyplugs.register
def plot() -> None:
    already = "matplotlib.pyplot" in sys.modules
    began = time.perf_counter()
    import matplotlib.pyplot as plt

    imported = time.perf_counter() - began
    figure = plt.figure()
    figure.gca().plot([1, 2, 3])
    figure.savefig("plot.png")
    print("probe " + json.dumps({"already": already, "seconds": imported}))
"""
DOCUMENT = {
    "types": {},
    "parameters": {},
    "tasks": {"plot": {"plugin": "preload_probe.tasks.plot", "inputs": []}},
    "graph": {"draw": {"plot": {}}},
}


@pytest.fixture
def learning(tmp_path: Path) -> Iterator[LearnedPreloads]:
    store = LearnedPreloads(tmp_path / "state", ["default"], limit=8)
    warm_up(store)
    assert fork_server.settled(timeout=120)  # what an earlier test asked for is done
    try:
        yield store
    finally:
        warm_up()  # back to the configured modules, for the tests that follow
        fork_server.settled(timeout=120)


def _probe_job(stub: StubServer, job_id: int, work: Path) -> dict[str, Any]:
    job = stub.state.add_job(
        StubJob(job_id, DOCUMENT, plugins={"preload_probe": {"tasks.py": PROBE}})
    )
    confinement = ConfinementSettings().confinement([work])
    outcome = run_job(
        stub.url,
        job_id,
        WORKER_TOKEN,
        worker_id="t",
        work_root=work,
        confinement=confinement,
        keep_working_dir=True,
    )
    assert outcome.status == "finished", job.logs
    said = [r["message"] for r in job.logs if r["message"].startswith("probe ")]
    result: dict[str, Any] = json.loads(said[0].removeprefix("probe "))
    return result


@pytest.mark.skipif(not installed_spec("matplotlib"), reason="needs matplotlib")
def test_the_second_matplotlib_job_starts_with_matplotlib_imported(
    learning: LearnedPreloads, tmp_path: Path
) -> None:
    work = tmp_path / "jobs"
    work.mkdir()
    with StubServer(StubState()) as stub:
        first = _probe_job(stub, 1, work)
        assert not first["already"]
        assert learning.modules() == ["matplotlib.pyplot"]
        # Meanwhile jobs fork from the fork server that was there; then the new one is.
        assert fork_server.settled(timeout=120)
        second = _probe_job(stub, 2, work)
    assert second["already"] and second["seconds"] < 0.01, (first, second)
    # Kept for the next run of a worker serving the same queues.
    assert LearnedPreloads(learning.path.parent, ["default"], 8).modules() == ["matplotlib.pyplot"]
    if landlock.abi_version() >= 1:
        # A confined job that imports matplotlib builds its font cache in its own folder;
        # one forked with matplotlib imported has the fork server's fonts in memory.
        font_caches = {
            path.relative_to(work).parts[0].split("-")[2]
            for path in work.glob("*/.dioptra/tmp/matplotlib/fontlist-*.json")
        }
        assert font_caches == {"1"}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_new_fork_server_leaves_running_processes_alone(
    learning: LearnedPreloads, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    running = start_process(time.sleep, (1.0,), name="preload-test-sleeper")
    old_server = running.server_pid
    assert old_server is not None
    report = tmp_path / "imports.json"
    report.write_text(json.dumps({"imported": ["yaml"]}))
    learn_from_job(report)  # a new list: the next process comes from a new fork server
    assert fork_server.settled(timeout=120)
    after = start_process(os._exit, (0,), name="preload-test-after")
    try:
        assert after.server_pid not in (None, old_server)
        assert _alive(old_server)  # it still has a running process
        assert running.wait(timeout=30) == 0  # ended on its own, its exit code reported
    finally:
        running.close()
        after.wait(timeout=30)
        after.close()
    deadline = time.monotonic() + 10
    while _alive(old_server) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(old_server)  # stopped once its last process was gone

    # A module the fork server could not import is dropped, with a warning, for good.
    report.write_text(json.dumps({"notPreloaded": {"yaml": "ImportError: no"}}))
    with caplog.at_level(logging.WARNING, logger="dioptra.worker"):
        learn_from_job(report)
    assert learning.modules() == []
    assert "could not preload yaml (ImportError: no)" in caplog.text
    report.write_text(json.dumps({"imported": ["yaml"]}))
    learn_from_job(report)
    assert learning.modules() == []


def test_a_fork_server_that_dies_importing_never_takes_over(
    learning: LearnedPreloads,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    before = start_process(os._exit, (0,), name="preload-test-before")
    before.wait(timeout=30)
    before.close()
    (tmp_path / "crashes.py").write_text("import os\nos._exit(3)\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), *sys.path]))
    monkeypatch.setattr(fork_server._STATE, "configured", ("crashes",))
    report = tmp_path / "imports.json"
    report.write_text(json.dumps({"imported": ["some_package"]}))
    with caplog.at_level(logging.WARNING, logger="dioptra.worker"):
        learn_from_job(report)
        assert fork_server.settled(timeout=120)
    assert "preloading some_package failed: its fork server died (3)" in caplog.text
    after = start_process(os._exit, (0,), name="preload-test-after")
    try:
        assert after.wait(timeout=30) == 0
        assert after.server_pid == before.server_pid  # still the one that was there
    finally:
        after.close()
    learn_from_job(report)  # refused: not tried again
    assert fork_server._STATE.candidate is None
