"""Where the milliseconds of one hello-world job go, stage by stage (local backend).

Needs the temporary marks of ``marks.patch`` (not kept in the code: each mark is a line
appended to ``$TRACE_FILE`` by the server, the runner and the job process):

    git apply bench/jobs/timeline/marks.patch
    .venv/bin/python bench/jobs/timeline/job_timeline.py --runs 40
    git checkout src && rm src/dioptra/_tracemark.py

Prints the median time between consecutive stages over ``--runs`` jobs, submitted one
after the other by the bench's client (status polled every 10 ms, as ``bench_jobs.py``
does). The route's marks come twice where a request runs its checks before it writes;
``route_in`` is the last pass.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench_jobs

STAGES = [
    "client_start",
    "route_in",
    "route_created",
    "route_out",
    "client_submitted",
    "runner_got",
    "sup_begin",
    "sup_claimed",
    "sup_forked",
    "child_start",
    "child_prepared",
    "child_confined",
    "child_imported",
    "child_ran",
    "child_body_done",
    "child_exit",
    "sup_childdone",
    "sup_reported",
    "client_done",
]


def client_mark(trace: Path, job_id: int, stage: str, at: float) -> None:
    with trace.open("a") as out:
        out.write(f"{job_id} {stage} {at:.6f} {os.getpid()}\n")


def stage_times(trace: Path) -> dict[str, dict[str, float]]:
    """job id -> stage -> first time seen (the route's unnamed entry marks are given to
    the job whose creation follows them)."""
    jobs: dict[str, dict[str, float]] = collections.defaultdict(dict)
    entries: list[float] = []
    for line in trace.read_text().splitlines():
        job, stage, at, _pid = line.split()
        if job == "-":
            entries.append(float(at))
            continue
        if stage == "route_created" and entries:
            jobs[job]["route_in"] = entries[-1]
        jobs[job].setdefault(stage, float(at))
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.log"
        os.environ["TRACE_FILE"] = str(trace)  # the server and its children inherit it
        variant = bench_jobs.Variant("working tree")
        with bench_jobs.local_deployment(variant, Path(folder) / "bench") as deployment:
            for _ in range(3):  # warm
                deployment.wait(deployment.submit("bench_hello"))
            trace.unlink(missing_ok=True)
            for _ in range(args.runs):
                started = time.time()
                job_id = deployment.submit("bench_hello")
                client_mark(trace, job_id, "client_submitted", time.time())
                deployment.wait(job_id)
                client_mark(trace, job_id, "client_done", time.time())
                client_mark(trace, job_id, "client_start", started)
        jobs = stage_times(trace)
    steps: dict[str, list[float]] = collections.defaultdict(list)
    jobs = {job: stages for job, stages in jobs.items() if "client_start" in stages}
    for stages in jobs.values():
        seen = [stage for stage in STAGES if stage in stages]
        for before, after in itertools.pairwise(seen):
            steps[f"{before} -> {after}"].append((stages[after] - stages[before]) * 1000)
        steps["total"].append((stages["client_done"] - stages["client_start"]) * 1000)
    print(f"{len(jobs)} jobs, load average {os.getloadavg()[0]:.1f}")
    for step, values in steps.items():
        print(f"  {step:36s} median {statistics.median(values):5.1f} ms")


if __name__ == "__main__":
    main()
