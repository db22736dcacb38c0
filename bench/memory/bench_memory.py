"""Memory of the whole platform: ``dioptra up`` and every process it starts.

Starts ``dioptra up`` (throwaway data dir, SQLite, local runners) and reads, from
``/proc``, the RSS and PSS of every process of its tree (the server, the fork server
its runners fork jobs from, the multiprocessing resource tracker, running jobs):

- idle after start: once ``/health`` answers and the tree has settled (the fork
  server is warmed at start);
- peak while jobs run: sampled every 20 ms while N hello-world jobs run one after
  the other (the job project of ``bench/jobs``);
- idle after the jobs: once they have finished and the tree has settled again.

PSS shares each page among the processes that map it (a forked child shares its
parent's pages): the sum of PSS is what the tree costs the machine; the sum of RSS
counts shared pages once per process (the figure ``ps`` users add up).

With ``--baseline REF`` the same runs alternate between the server of that git
revision (its ``src`` tree first on ``PYTHONPATH``) and the working tree, ``--rounds``
times each, so background load and page-cache state hit both alike.

``--imports`` prints ``python -X importtime`` of the server's start (the app built as
``dioptra up`` builds it), the heaviest modules first.

Run: .venv/bin/python bench/memory/bench_memory.py [--jobs 5] [--rounds 3]
     [--baseline REF] [--imports]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
from bench_jobs import (  # the job bench's `dioptra up` and project
    REPO,
    Deployment,
    server,
    source_tree,
)

KIB = 1024
MIB = 1024 * 1024
SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class ProcessMemory:
    pid: int
    name: str
    rss: int  # bytes
    pss: int


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):  # a thread that ended meanwhile
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += _children(pid)
    return pids


def _name(pid: int) -> str:
    argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    text = " ".join(part.decode(errors="replace") for part in argv if part)
    if "forkserver" in text:
        return "fork server"
    if "resource_tracker" in text:
        return "resource tracker"
    if "from dioptra.cli.up import up" in text:
        return "dioptra up (server, runners)"
    return text[:60]


def memory_of(root: int) -> list[ProcessMemory]:
    result = []
    for pid in tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            name = _name(pid)
        except OSError:  # ended meanwhile
            continue
        fields = dict(re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.MULTILINE))
        result.append(ProcessMemory(pid, name, int(fields["Rss"]) * KIB, int(fields["Pss"]) * KIB))
    return result


def settled(root: int) -> list[ProcessMemory]:
    """The tree once its size stops changing (no process comes or goes for a while)."""
    time.sleep(SETTLE_SECONDS)
    before = memory_of(root)
    while True:
        time.sleep(1.0)
        now = memory_of(root)
        if [p.pid for p in now] == [p.pid for p in before]:
            return now
        before = now


class PeakSampler:
    """Largest sum of PSS (and of RSS) of the tree, sampled every 20 ms."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak_pss = self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            processes = memory_of(self.root)
            self.peak_pss = max(self.peak_pss, sum(p.pss for p in processes))
            self.peak_rss = max(self.peak_rss, sum(p.rss for p in processes))

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Measured:
    idle: list[list[ProcessMemory]] = field(default_factory=list)
    after_jobs: list[list[ProcessMemory]] = field(default_factory=list)
    peak_pss: list[int] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)


def _server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-Htlnp", f"sport = :{port}"], capture_output=True, text=True)
    found = re.search(r"pid=(\d+)", out.stdout)
    if found is None:
        raise SystemExit(f"no process listens on port {port}: {out.stdout!r}")
    return int(found[1])


def one_run(source: Path | None, jobs: int, measured: Measured) -> None:
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(source or REPO / "src")]))}
    with tempfile.TemporaryDirectory() as workdir, server(Path(workdir), env) as (url, pid):
        root = _server_pid(url)
        measured.idle.append(settled(root))
        deployment = Deployment(url, [pid])
        with PeakSampler(root) as sampler:
            for _ in range(jobs):
                deployment.wait(deployment.submit("bench_hello", {"name": "memory"}))
        measured.peak_pss.append(sampler.peak_pss)
        measured.peak_rss.append(sampler.peak_rss)
        measured.after_jobs.append(settled(root))


def _mib(value: float) -> str:
    return f"{value / MIB:.1f}"


def _median_sum(snapshots: list[list[ProcessMemory]], attribute: str) -> float:
    return statistics.median(sum(getattr(p, attribute) for p in snap) for snap in snapshots)


def report(label: str, measured: Measured) -> None:
    print(f"\n## {label}: {len(measured.idle)} runs (medians; MiB)")
    print("| moment | processes | sum PSS | sum RSS |")
    print("|---|---|---|---|")
    for moment, snapshots in (("idle after start", measured.idle),):
        print(
            f"| {moment} | {len(snapshots[-1])} | {_mib(_median_sum(snapshots, 'pss'))} | "
            f"{_mib(_median_sum(snapshots, 'rss'))} |"
        )
    print(
        f"| peak during jobs | | {_mib(statistics.median(measured.peak_pss))} | "
        f"{_mib(statistics.median(measured.peak_rss))} |"
    )
    snapshots = measured.after_jobs
    print(
        f"| idle after jobs | {len(snapshots[-1])} | {_mib(_median_sum(snapshots, 'pss'))} | "
        f"{_mib(_median_sum(snapshots, 'rss'))} |"
    )
    print("\nper process, idle after the jobs (last run):")
    print("| process | PSS | RSS |")
    print("|---|---|---|")
    for process in measured.after_jobs[-1]:
        print(f"| {process.name} | {_mib(process.pss)} | {_mib(process.rss)} |")


IMPORTS = """
from dioptra.server.app import create_app
from dioptra.server.settings import Settings
create_app(Settings())
"""


def imports(source: Path | None) -> None:
    """The modules the server's start imports, by cumulative import time."""
    env = {**os.environ, "PYTHONPATH": str(source or REPO / "src")}
    with tempfile.TemporaryDirectory() as workdir:
        env["DIOPTRA_DATA_DIR"] = workdir
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", IMPORTS],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stderr
    own_time: dict[str, int] = {}  # top-level package -> µs of its modules' own imports
    count = 0
    for line in err.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if found:
            count += 1
            package = found[2].split(".")[0]
            own_time[package] = own_time.get(package, 0) + int(found[1])
    print(f"\n## imports of the server's start: {count} modules; own import time by package")
    for package, micros in sorted(own_time.items(), key=lambda item: -item[1])[:20]:
        print(f"{micros / 1000:8.1f} ms  {package}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", metavar="REF", help="alternate with this git revision")
    parser.add_argument("--imports", action="store_true", help="also print -X importtime")
    args = parser.parse_args()
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    with ExitStack() as stack:
        variants: list[tuple[str, Path | None]] = [("working tree", None)]
        if args.baseline:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            variants.insert(0, (args.baseline, source_tree(args.baseline, tmp)))
        results = {label: Measured() for label, _ in variants}
        for _ in range(args.rounds):
            for label, source in variants:
                one_run(source, args.jobs, results[label])
        for label, source in variants:
            report(label, results[label])
            if args.imports:
                imports(source)
    print(f"\n# load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
