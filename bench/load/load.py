"""A bounded load test: many users at once mixing reads, writes, logins and jobs.

Starts the server as ``dioptra up`` does (a subprocess on a free 127.0.0.1 port, a
throwaway data dir; with ``--backend postgres`` a throwaway PostgreSQL database and two
``dioptra worker`` processes), imports the job benchmarks' project, registers U users
(default 50) and lets each run for S seconds (default 120), one request at a time, a mix
of:

- read: a page of plugins, entrypoints, experiments, queues or jobs;
- create: a queue with a name unique to the user and the request;
- modify: a new description for one of the user's queues;
- login: the user logs in again (the 64 MiB argon2 hash, as in production);
- submit: a trivial job (``bench_hello``) whose ``name`` parameter is unique.

Afterwards it checks what each client was told against what the server holds: every
acknowledged queue exists once with its last acknowledged description, every
acknowledged job exists once and finishes, no job exists that nobody was told of. Any
5xx, lost or duplicated write, or job that does not finish makes it exit non-zero.
Prints p50/p99 per request kind (the latency a user saw, queueing included).

Run: .venv/bin/python bench/load/load.py [--backend sqlite|postgres] [--users 50]
     [--seconds 120]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
from bench_jobs import (  # the job benchmarks' server and project
    QUEUE,
    WORKER,
    Deployment,
    postgres_database,
    process,
    server,
)

PASSWORD = "Load-passw0rd!"
FINAL = {"finished", "failed", "cancelled", "timeout"}
# How often each kind of request is chosen (a mostly-reading crowd).
MIX = {"read": 50, "create": 15, "modify": 10, "login": 10, "submit": 15}
READS = ["plugins", "entrypoints", "experiments", "queues", "jobs"]


@dataclass
class Told:
    """What the server acknowledged to one user."""

    queues: dict[int, str] = field(default_factory=dict)  # id -> name
    descriptions: dict[int, str] = field(default_factory=dict)  # id -> last description
    jobs: dict[int, str] = field(default_factory=dict)  # id -> its unique name parameter


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)

    def record(self, kind: str, seconds: float, response: httpx.Response | None) -> None:
        self.latencies[kind].append(seconds * 1000)
        status = response.status_code if response is not None else 0
        self.statuses[kind][status] += 1
        if response is None or status >= 500:
            body = response.text[:200] if response is not None else "no response"
            self.errors.append(f"{kind}: {status} {body}")


class User:
    def __init__(
        self, url: str, index: int, deployment: Deployment, group: int, tally: Tally
    ) -> None:
        self.name = f"load{index}"
        self.http = httpx.AsyncClient(base_url=f"{url}/api/v1", timeout=120)
        self.deployment = deployment
        self.group = group
        self.tally = tally
        self.told = Told()
        self.count = 0
        self.random = random.Random(index)

    async def call(self, kind: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response: httpx.Response | None = await self.http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            response = None
            self.tally.errors.append(f"{kind}: {type(error).__name__} {error}")
        self.tally.record(kind, time.perf_counter() - started, response)
        return response

    async def register(self) -> None:
        body = {
            "username": self.name,
            "email": f"{self.name}@example.org",
            "password": PASSWORD,
            "confirmPassword": PASSWORD,
        }
        await self.call("register", "POST", "/users/", json=body)
        await self.login()

    async def login(self) -> None:
        body = {"username": self.name, "password": PASSWORD}
        await self.call("login", "POST", "/auth/login", json=body)

    async def step(self) -> None:
        kind = self.random.choices(list(MIX), weights=list(MIX.values()))[0]
        self.count += 1
        unique = f"{self.name}-{self.count}"
        if kind == "read":
            collection = self.random.choice(READS)
            await self.call("read", "GET", f"/{collection}/", params={"pageLength": 20})
        elif kind == "create":
            body = {"group": self.group, "name": unique, "description": "made"}
            response = await self.call("create", "POST", "/queues/", json=body)
            if response is not None and response.status_code == 200:
                created = response.json()
                self.told.queues[created["id"]] = unique
                self.told.descriptions[created["id"]] = "made"
        elif kind == "modify" and self.told.queues:
            queue_id = self.random.choice(list(self.told.queues))
            body = {"name": self.told.queues[queue_id], "description": unique}
            response = await self.call("modify", "PUT", f"/queues/{queue_id}", json=body)
            if response is not None and response.status_code == 200:
                self.told.descriptions[queue_id] = unique
        elif kind == "login":
            await self.login()
        elif kind == "submit":
            deployment = self.deployment
            body = {
                "entrypoint": deployment.entrypoints["bench_hello"],
                "queue": deployment.queue,
                "values": {"name": unique},
            }
            path = f"/experiments/{deployment.experiment}/jobs"
            response = await self.call("submit", "POST", path, json=body)
            if response is not None and response.status_code == 200:
                self.told.jobs[response.json()["id"]] = unique

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            await self.step()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(tally: Tally, seconds: float) -> None:
    total = sum(len(v) for v in tally.latencies.values())
    print(f"{total} requests in {seconds:.0f} s ({total / seconds:.0f}/s)")
    print("| kind | requests | statuses | p50 ms | p99 ms |")
    print("|---|---:|---|---:|---:|")
    for kind, values in sorted(tally.latencies.items()):
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(tally.statuses[kind].items()))
        print(
            f"| {kind} | {len(values)} | {statuses} | {statistics.median(values):.0f} "
            f"| {percentile(values, 0.99):.0f} |"
        )


def every(fetch: Any) -> list[dict[str, Any]]:
    """All rows of a paged list (``fetch(index, page_length)``)."""
    rows: list[dict[str, Any]] = []
    while True:
        page = fetch(len(rows), 1000)["data"]
        rows += page
        if len(page) < 1000:
            return rows


def check(
    deployment: Deployment, users: list[User], setup_jobs: set[int], settle_seconds: float
) -> list[str]:
    """What the clients were told against what the server holds."""
    problems: list[str] = []
    client = deployment.client
    queues = every(lambda index, length: client.queues.get(index=index, page_length=length))
    by_name = Counter(q["name"] for q in queues)
    held = {q["id"]: q for q in queues}
    told_queues = {i: n for u in users for i, n in u.told.queues.items()}
    for queue_id, name in told_queues.items():
        queue = held.get(queue_id)
        if queue is None or queue["name"] != name:
            problems.append(f"queue {queue_id} ({name}) was acknowledged but is not there")
    descriptions = {i: d for u in users for i, d in u.told.descriptions.items()}
    for queue_id, description in descriptions.items():
        if queue_id in held and held[queue_id]["description"] != description:
            problems.append(
                f"queue {queue_id}: description {held[queue_id]['description']!r}, "
                f"last acknowledged {description!r}"
            )
    problems += [f"queue name {n} held {c} times" for n, c in by_name.items() if c > 1]
    setup_queues = {deployment.queue}
    unknown = set(held) - set(told_queues) - setup_queues
    problems += [f"queue {i} ({held[i]['name']}) was never acknowledged" for i in unknown]

    told_jobs = {i: n for u in users for i, n in u.told.jobs.items()}
    deadline = time.monotonic() + settle_seconds
    while True:
        jobs = every(
            lambda index, length: client.experiments.jobs.get(
                deployment.experiment, index=index, page_length=length
            )
        )
        pending = [j for j in jobs if j["id"] in told_jobs and j["status"] not in FINAL]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(1)
    held_jobs = {j["id"]: j for j in jobs}
    for job_id, name in told_jobs.items():
        job = held_jobs.get(job_id)
        if job is None:
            problems.append(f"job {job_id} ({name}) was acknowledged but is not there")
        elif job["status"] != "finished":
            problems.append(f"job {job_id} ended {job['status']}: {job.get('statusMessage')}")
    extra = set(held_jobs) - set(told_jobs) - setup_jobs
    problems += [f"job {i} was never acknowledged" for i in extra]
    names = Counter(told_jobs.values())
    problems += [f"job name {n} acknowledged {c} times" for n, c in names.items() if c > 1]
    print(
        f"checked: {len(told_queues)} queues, {len(descriptions)} descriptions, "
        f"{len(told_jobs)} jobs finished exactly once"
        if not problems
        else f"checked: {len(problems)} problems"
    )
    return problems


async def crowd(
    url: str, deployment: Deployment, group: int, count: int, seconds: float
) -> tuple[list[User], list[str]]:
    tally = Tally()
    users = [User(url, i, deployment, group, tally) for i in range(count)]
    await asyncio.gather(*(u.register() for u in users))
    started = time.monotonic()
    await asyncio.gather(*(u.run(started + seconds) for u in users))
    elapsed = time.monotonic() - started
    await asyncio.gather(*(u.http.aclose() for u in users))
    report(tally, elapsed)
    if tally.errors:
        print(f"{len(tally.errors)} errors, first ones:")
        for error in tally.errors[:10]:
            print(f"  {error}")
    return users, tally.errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--logs", type=Path, help="copy the server's and workers' logs here")
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {args.backend}, "
        f"{args.users} users, {args.seconds:.0f} s"
    )
    workdir = Path(tempfile.mkdtemp(prefix="dioptra-load-"))
    try:
        with ExitStack() as stack:
            env = {"DIOPTRA_RUNNERS": "2", "DIOPTRA_DISPATCH": "local"}
            database_url = ""
            if args.backend == "postgres":
                database_url = stack.enter_context(postgres_database())
                env = {"DIOPTRA_DISPATCH": "postgres", "DIOPTRA_DATABASE_URL": database_url}
            url = stack.enter_context(server(workdir, env))
            deployment = Deployment(url)
            if args.backend == "postgres":
                worker = [sys.executable, "-c", WORKER, "--api", url, "--token", deployment.token]
                worker += ["--database-url", database_url, "--queue", QUEUE]
                for name in ("w1", "w2"):
                    log = workdir / f"{name}.log"
                    stack.enter_context(process([*worker, "--name", name], {}, log))
            group = int(deployment.client.users.get_current()["groups"][0]["id"])
            first_job = deployment.submit("bench_hello")  # workers warm before the crowd
            deployment.wait(first_job, timeout=120)
            users, errors = asyncio.run(crowd(url, deployment, group, args.users, args.seconds))
            problems = check(deployment, users, {first_job}, settle_seconds=300)
            for problem in problems[:20]:
                print(f"  {problem}")
            if problems or errors:
                raise SystemExit(1)
    finally:
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in workdir.glob("*.log"):
                shutil.copy(log, args.logs / log.name)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
