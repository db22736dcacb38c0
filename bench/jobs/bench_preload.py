"""Preload benchmark: a job whose task imports matplotlib, before and after the worker
learned to preload what its jobs import.

Each round starts two servers as ``dioptra up`` does (local dispatcher, 2 runners, a
fresh data folder each, so nothing is learned yet), one running the code of ``--before``
(a ``git archive`` of that commit's ``src`` first on ``PYTHONPATH``) and one running this
tree's ``src``, in alternating order; each imports ``bench/jobs/preload_project`` and runs
``--jobs`` jobs of ``bench_draw`` one after another (import matplotlib.pyplot, draw a line,
save a PNG), measuring submit -> finished (status polled every 10 ms) and, from the job's
log, the task's own import time of matplotlib.pyplot. Also the memory of the server's
process tree (proportional set size, shared pages split between processes) when idle,
before any job, and after the jobs.

Run: .venv/bin/python bench/jobs/bench_preload.py [--rounds 3] [--jobs 6] [--before 57b3e68]
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
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_jobs import FINAL, server

from dioptra.client import DioptraClient, connect_json_dioptra_client, select_files_in_directory

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "preload_project"
REPO = HERE.parents[1]
Client = DioptraClient[dict[str, Any]]


class Deployment:
    """A user with the preload project imported, a queue and an experiment."""

    def __init__(self, url: str) -> None:
        self.client: Client = connect_json_dioptra_client(url)
        self.client.users.create("bench", "bench@example.org", "Bench-passw0rd")
        self.client.auth.login("bench", "Bench-passw0rd")
        group = int(self.client.users.get_current()["groups"][0]["id"])
        files = select_files_in_directory(
            PROJECT, recursive=True, include_pattern=r".*\.(py|toml|yml)$"
        )
        imported = self.client.workflows.import_resources(group, files)
        self.entrypoint = int(imported["resources"]["entrypoints"]["bench_draw"])
        self.queue = int(self.client.queues.create(group, "plots")["id"])
        self.client.entrypoints.queues.modify_by_id(self.entrypoint, [self.queue])
        self.experiment = int(
            self.client.experiments.create(group, "bench", entrypoints=[self.entrypoint])["id"]
        )

    def run(self) -> tuple[float, float]:
        """Submit -> finished, and the task's own import of matplotlib.pyplot (seconds)."""
        started = time.perf_counter()
        job_id = int(
            self.client.experiments.jobs.create(
                self.experiment, self.entrypoint, self.queue, values={}
            )["id"]
        )
        while (status := self.client.jobs.get_status(job_id)["status"]) not in FINAL:
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        if status != "finished":
            raise SystemExit(f"job {job_id} {status}")
        page = self.client.jobs.get_logs_by_id(job_id, index=0, page_length=1000)
        for record in page["data"]:
            found = re.search(r"import ([\d.]+) s", record["message"])
            if found:
                return elapsed, float(found[1])
        raise SystemExit(f"job {job_id} logged no import time")


def tree_pss_mib(pid: int) -> float:
    """The proportional set size of ``pid`` and all its descendants, MiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total_kib, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total_kib += int(found[1]) if found else 0
    return total_kib / 1024


@dataclass
class Variant:
    name: str
    src: Path
    # per round, per job (in the order run): submit -> finished, and the task's import
    durations: list[list[float]] = field(default_factory=list)
    imports: list[list[float]] = field(default_factory=list)
    idle_mib: list[float] = field(default_factory=list)
    busy_mib: list[float] = field(default_factory=list)

    def by_job(self, rounds: list[list[float]]) -> list[float]:
        """The median over rounds of the first job, of the second, ... (ms)."""
        return [statistics.median(values) * 1000 for values in zip(*rounds, strict=True)]


def server_pid(workdir: Path) -> int:
    """The pid of the ``dioptra up`` started in ``workdir`` (its command names it)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(workdir / "data").encode() in command and b"--port" in command:
                return int(entry.name)
    raise SystemExit("the server's process was not found")


def one_round(variant: Variant, jobs: int, workdir: Path) -> None:
    workdir.mkdir()
    env = {
        "DIOPTRA_RUNNERS": "2",
        "DIOPTRA_DISPATCH": "local",
        "PYTHONPATH": str(variant.src),
        # Learning is opt-in (the old code ignores the setting).
        "DIOPTRA_WORKER_PRELOAD_LEARNED_MAX": "16",
    }
    with server(workdir, env) as (url, _pid):
        pid = server_pid(workdir)
        deployment = Deployment(url)
        time.sleep(2)  # the fork server has finished its imports
        variant.idle_mib.append(tree_pss_mib(pid))
        runs = [deployment.run() for _ in range(jobs)]
        variant.durations.append([elapsed for elapsed, _ in runs])
        variant.imports.append([imported for _, imported in runs])
        time.sleep(2)  # a replaced fork server is gone
        variant.busy_mib.append(tree_pss_mib(pid))


def old_source(commit: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", commit, "src"], cwd=REPO, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def row(label: str, values: list[float]) -> str:
    return f"| {label} | " + " | ".join(f"{value:.0f}" for value in values) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=6, help="jobs per server")
    parser.add_argument("--before", default="57b3e68", help="the commit measured as before")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="dioptra-bench-preload-"))
    before = Variant(f"before ({args.before})", old_source(args.before, workdir))
    after = Variant("after (this tree)", REPO / "src")
    loads = [os.getloadavg()]
    for index in range(args.rounds):
        pair = (before, after) if index % 2 == 0 else (after, before)
        for variant in pair:
            one_round(variant, args.jobs, workdir / f"round{index}-{variant is after}")
            loads.append(os.getloadavg())
            print(f"round {index + 1}: {variant.name} done", file=sys.stderr)
    print(
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"{args.rounds} rounds x {args.jobs} jobs per variant; load average (1 min) "
        f"{min(load[0] for load in loads):.1f} - {max(load[0] for load in loads):.1f}"
    )
    print(
        "\nMedian over the rounds of each job of a fresh server, in the order run (ms):\n\n"
        "| | " + " | ".join(f"job {n}" for n in range(1, args.jobs + 1)) + " |\n"
        "|---|" + "---|" * args.jobs
    )
    for variant in (before, after):
        print(row(f"{variant.name}: submit -> finished", variant.by_job(variant.durations)))
        print(row(f"{variant.name}: the task's import", variant.by_job(variant.imports)))
    print("\nServer process tree, proportional set size (MiB), median of the rounds:\n")
    for variant in (before, after):
        print(
            f"- {variant.name}: idle {statistics.median(variant.idle_mib):.0f}, "
            f"after the jobs {statistics.median(variant.busy_mib):.0f}"
        )


if __name__ == "__main__":
    main()
