"""Latency and throughput of the REST API over real HTTP (uvicorn on loopback).

For each backend (SQLite file, PostgreSQL throwaway database) the benchmark starts the
server as ``dioptra serve`` would (uvicorn, one worker), seeds N queues (default 10,000)
straight into the database, logs in, and measures from a client on the same machine:

- latency p50/p99 of ``GET /queues/?pageLength=10`` (a page of 10 from N, with the
  total count), ``GET /queues/{id}`` and ``POST /queues/``, one request at a time on a
  keep-alive connection;
- requests/second of the list and get calls with C concurrent clients (threads, each with
  its own keep-alive connection) for S seconds.

With ``--baseline REF`` a second server runs the ``src`` tree of that git revision (its
own database, seeded alike) and every round measures both servers one after the other,
so that background load on the shared machine hits the two variants alike.

Run: .venv/bin/python bench/api/bench_api.py [--backend sqlite|postgres|both]
     [--queues 10000] [--requests 500] [--concurrency 8] [--seconds 5] [--rounds 5]
     [--baseline REF]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import platform
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REPOSITORY = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"dioptra_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def source_tree(revision: str, workdir: Path) -> Path:
    """The ``src`` folder of a git revision, extracted under ``workdir``."""
    archive = workdir / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision, "src"], cwd=REPOSITORY, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "src"


@contextmanager
def server(database_url: str, workdir: Path, source: Path | None = None) -> Iterator[str]:
    """uvicorn serving the app (the installed package, or the one under ``source``); the
    app migrates its database on start."""
    port = _free_port()
    env = {
        **os.environ,
        "DIOPTRA_DATA_DIR": str(workdir / "data"),
        "DIOPTRA_DATABASE_URL": database_url,
    }
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "dioptra.server.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{address}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.1)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def seed_queues(database_url: str, count: int, user_id: int) -> None:
    """Inserts ``count`` queues as the services would write them (resource + snapshot).

    The tables are reflected, so this works on the schema of any revision."""
    engine = sa.create_engine(database_url)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        metadata = sa.MetaData()
        resource = sa.Table("resources", metadata, autoload_with=connection)
        snapshot = sa.Table("resource_snapshots", metadata, autoload_with=connection)
        first_id = (connection.scalar(sa.select(sa.func.max(resource.c.id))) or 0) + 1
        first_snapshot = (connection.scalar(sa.select(sa.func.max(snapshot.c.id))) or 0) + 1
        resources: list[dict[str, Any]] = []
        snapshots: list[dict[str, Any]] = []
        for n in range(count):
            name = f"queue-{n:05d}"
            resources.append(
                {
                    "id": first_id + n,
                    "resource_type": "queue",
                    "group_id": 1,
                    "created_on": now,
                    "deleted": False,
                    "readonly": False,
                    "latest_snapshot_id": first_snapshot + n,
                    "unique_name": name,
                }
            )
            snapshots.append(
                {
                    "id": first_snapshot + n,
                    "resource_id": first_id + n,
                    "resource_type": "queue",
                    "user_id": user_id,
                    "created_on": now,
                    "name": name,
                    "description": f"seeded queue {n}",
                    "payload": {},
                }
            )
        connection.execute(sa.insert(resource), resources)
        connection.execute(sa.insert(snapshot), snapshots)
        if engine.dialect.name == "postgresql":
            for table in ("resources", "resource_snapshots"):
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    # Fresh statistics, as autovacuum / SQLite's optimizer would have after a while.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(
            sa.text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
        )
    engine.dispose()


def logged_in_client(address: str) -> httpx.Client:
    client = httpx.Client(base_url=f"{address}/api/v1", timeout=30)
    response = client.post("/auth/login", json={"username": "bench", "password": "bench-pw"})
    response.raise_for_status()
    return client


def latencies(call: Callable[[int], httpx.Response], repeat: int, start: int = 0) -> list[float]:
    samples = []
    for n in range(start, start + repeat):
        began = time.perf_counter()
        response = call(n)
        samples.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{response.request.url}: {response.status_code} {response.text}")
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def throughput(
    clients: list[httpx.Client],
    make_call: Callable[[httpx.Client, int], httpx.Response],
    seconds: float,
) -> tuple[int, float]:
    """Requests done by the clients (one thread each) in ``seconds``, and the time taken."""
    counts = [0] * len(clients)
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        client = clients[index]
        n = 0
        while time.monotonic() < stop:
            make_call(client, n).raise_for_status()
            n += 1
        counts[index] = n

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    start = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(counts), time.monotonic() - start


@dataclass
class Variant:
    """One server under test and what was measured on it."""

    label: str
    address: str
    client: httpx.Client
    pool: list[httpx.Client]
    samples: dict[str, list[float]] = field(default_factory=dict)
    done: dict[str, tuple[int, float]] = field(default_factory=dict)


@contextmanager
def started_variant(
    label: str, backend: str, source: Path | None, args: argparse.Namespace, workdir: Path
) -> Iterator[Variant]:
    with ExitStack() as stack:
        url = stack.enter_context(database(backend, workdir))
        address = stack.enter_context(server(url, workdir, source))
        registration = httpx.post(
            f"{address}/api/v1/users/",
            json={
                "username": "bench",
                "email": "bench@example.org",
                "password": "bench-pw",
                "confirmPassword": "bench-pw",
            },
        )
        registration.raise_for_status()
        seed_queues(url, args.queues, registration.json()["id"])
        client = logged_in_client(address)
        stack.callback(client.close)
        pool = [logged_in_client(address) for _ in range(args.concurrency)]
        for member in pool:
            stack.callback(member.close)
        total = client.get("/queues/", params={"pageLength": 1}).json()["totalNumResults"]
        assert total == args.queues, total
        yield Variant(label, address, client, pool)


def latency_calls(
    client: httpx.Client, args: argparse.Namespace
) -> dict[str, tuple[Callable[[int], httpx.Response], int]]:
    middle = args.queues // 2

    def list_page(n: int) -> httpx.Response:
        index = (n * 10) % (args.queues - 10)
        return client.get("/queues/", params={"index": index, "pageLength": 10})

    def get_one(n: int) -> httpx.Response:
        return client.get(f"/queues/{7 + (n * 37) % args.queues}")

    def create(n: int) -> httpx.Response:
        return client.post("/queues/", json={"group": 1, "name": f"new-{n}"})

    def sorted_page(n: int) -> httpx.Response:
        params = {"index": middle, "pageLength": 10, "sortBy": "name"}
        return client.get("/queues/", params=params)

    def searched(n: int) -> httpx.Response:
        return client.get("/queues/", params={"pageLength": 10, "search": f"queue-0{n % 10}"})

    return {
        "list 10 of N": (list_page, args.requests),
        "get by id": (get_one, args.requests),
        "create": (create, args.requests // 2),
        "list sorted by name": (sorted_page, args.requests // 5),
        "list with search": (searched, args.requests // 5),
    }


RATE_CALLS: dict[str, Callable[[httpx.Client, int, int], httpx.Response]] = {
    "list": lambda c, n, _queues: c.get("/queues/", params={"index": (n * 10) % 9000}),
    "get": lambda c, n, queues: c.get(f"/queues/{7 + (n * 37) % queues}"),
}


def _rate_call(
    call: Callable[[httpx.Client, int, int], httpx.Response],
    queues: int,
    client: httpx.Client,
    n: int,
) -> httpx.Response:
    return call(client, n, queues)


def measure(variants: list[Variant], args: argparse.Namespace) -> None:
    """Rounds take turns (request kind by kind, and for each kind variant by variant) so
    that background load hits everything alike."""
    calls = {variant.label: latency_calls(variant.client, args) for variant in variants}
    for variant in variants:  # warm up connections and caches
        for name in ("list 10 of N", "get by id"):
            latencies(calls[variant.label][name][0], 20)
        variant.samples = {name: [] for name in calls[variant.label]}
    for round_number in range(args.rounds):
        for name in variants[0].samples:
            for variant in variants:
                call, count = calls[variant.label][name]
                share = count // args.rounds
                variant.samples[name] += latencies(call, share, start=round_number * share)
    for _ in range(args.rounds):
        for name, rate_call in RATE_CALLS.items():
            for variant in variants:
                call = functools.partial(_rate_call, rate_call, args.queues)
                count, elapsed = throughput(variant.pool, call, args.seconds / args.rounds)
                before = variant.done.get(name, (0, 0.0))
                variant.done[name] = (before[0] + count, before[1] + elapsed)


def run_backend(backend: str, args: argparse.Namespace) -> list[str]:
    with ExitStack() as stack:
        sources: list[tuple[str, Path | None]] = [("", None)]
        if args.baseline:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            sources = [(args.baseline, source_tree(args.baseline, tmp)), ("working tree", None)]
        variants = []
        for label, source in sources:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            variants.append(
                stack.enter_context(started_variant(label, backend, source, args, workdir))
            )
        measure(variants, args)
    lines = []
    for name in variants[0].samples:
        cells = [
            f"{statistics.median(v.samples[name]):.2f} ms | "
            f"{percentile(v.samples[name], 0.99):.2f} ms"
            for v in variants
        ]
        lines.append(f"| {backend} | {name} | " + " | ".join(cells) + " |")
    for name in RATE_CALLS:
        cells = [f"{v.done[name][0] / v.done[name][1]:.0f} req/s | " for v in variants]
        lines.append(
            f"| {backend} | {name}, {args.concurrency} clients | " + " | ".join(cells) + " |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queues", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also run the server of this git revision, side by side (e.g. HEAD)",
    )
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, N = {args.queues} queues"
    )
    labels = [args.baseline, "working tree"] if args.baseline else [""]
    header = " | ".join(f"{label} p50 | {label} p99".strip() for label in labels)
    print(f"| backend | request | {header} |")
    print("|---|---|" + "---|---|" * len(labels))
    for backend in backends:
        for line in run_backend(backend, args):
            print(line, flush=True)
    print(f"# load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
