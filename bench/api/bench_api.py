"""Latency and throughput of the REST API over real HTTP (uvicorn on loopback).

For each backend (SQLite file, PostgreSQL throwaway database) the benchmark starts the
server as ``dioptra serve`` would (uvicorn, one worker), seeds N queues (default 10,000)
straight into the database, logs in, and measures from a client on the same machine:

- latency p50/p99 of ``GET /queues/?pageLength=10`` (a page of 10 from N, with the
  total count), ``GET /queues/{id}`` and ``POST /queues/``, one request at a time on a
  keep-alive connection;
- requests/second of the list and get calls with C concurrent clients (threads, each with
  its own keep-alive connection) for S seconds.

Run: .venv/bin/python bench/api/bench_api.py [--backend sqlite|postgres|both]
     [--queues 10000] [--requests 500] [--concurrency 8] [--seconds 5] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import sqlalchemy as sa

from dioptra.server.db import create_db_engine, upgrade_database
from dioptra.server.db.models import Resource, ResourceSnapshot

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


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


@contextmanager
def server(database_url: str, workdir: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "DIOPTRA_DATA_DIR": str(workdir / "data"),
        "DIOPTRA_DATABASE_URL": database_url,
    }
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
    """Inserts ``count`` queues as the services would write them (resource + snapshot)."""
    engine = create_db_engine(database_url)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        first_id = (connection.scalar(sa.select(sa.func.max(Resource.id))) or 0) + 1
        first_snapshot = (connection.scalar(sa.select(sa.func.max(ResourceSnapshot.id))) or 0) + 1
        resources, snapshots = [], []
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
        connection.execute(sa.insert(Resource), resources)
        connection.execute(sa.insert(ResourceSnapshot), snapshots)
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
    address: str,
    make_call: Callable[[httpx.Client, int], httpx.Response],
    threads: int,
    seconds: float,
) -> float:
    clients = [logged_in_client(address) for _ in range(threads)]
    counts = [0] * threads
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        client = clients[index]
        n = 0
        while time.monotonic() < stop:
            make_call(client, n).raise_for_status()
            n += 1
        counts[index] = n

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    start = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - start
    for client in clients:
        client.close()
    return sum(counts) / elapsed


def run_backend(backend: str, args: argparse.Namespace) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        workdir = Path(tmp)
        engine = create_db_engine(url)
        upgrade_database(engine)
        engine.dispose()
        with server(url, workdir) as address:
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
            total = client.get("/queues/", params={"pageLength": 1}).json()["totalNumResults"]
            assert total == args.queues, total
            middle = args.queues // 2

            def list_page(n: int) -> httpx.Response:
                index = (n * 10) % (args.queues - 10)
                return client.get("/queues/", params={"index": index, "pageLength": 10})

            def get_one(n: int) -> httpx.Response:
                return client.get(f"/queues/{7 + (n * 37) % args.queues}")

            def create(n: int) -> httpx.Response:
                return client.post("/queues/", json={"group": 1, "name": f"new-{n}"})

            for call in (list_page, get_one):  # warm up connections and caches
                latencies(call, 20)

            def sorted_page(n: int) -> httpx.Response:
                params = {"index": middle, "pageLength": 10, "sortBy": "name"}
                return client.get("/queues/", params=params)

            def searched(n: int) -> httpx.Response:
                return client.get(
                    "/queues/", params={"pageLength": 10, "search": f"queue-0{n % 10}"}
                )

            calls = {
                "list 10 of N": (list_page, args.requests),
                "get by id": (get_one, args.requests),
                "create": (create, args.requests // 2),
                "list sorted by name": (sorted_page, args.requests // 5),
                "list with search": (searched, args.requests // 5),
            }
            # Rounds take turns so that background load hits every kind of request alike.
            results: dict[str, list[float]] = {name: [] for name in calls}
            for round_number in range(args.rounds):
                for name, (call, count) in calls.items():
                    share = count // args.rounds
                    results[name] += latencies(call, share, start=round_number * share)
            client.close()
            rates = {
                "list": throughput(
                    address,
                    lambda c, n: c.get("/queues/", params={"index": (n * 10) % 9000}),
                    args.concurrency,
                    args.seconds,
                ),
                "get": throughput(
                    address,
                    lambda c, n: c.get(f"/queues/{7 + (n * 37) % args.queues}"),
                    args.concurrency,
                    args.seconds,
                ),
            }
    lines = [
        f"| {backend} | {name} | {statistics.median(samples):.2f} ms "
        f"| {percentile(samples, 0.99):.2f} ms |"
        for name, samples in results.items()
    ]
    lines += [
        f"| {backend} | {name}: {rate:.0f} req/s ({args.concurrency} clients) | | |"
        for name, rate in rates.items()
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queues", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, N = {args.queues} queues"
    )
    print("| backend | request | p50 | p99 |")
    print("|---|---|---|---|")
    for backend in backends:
        for line in run_backend(backend, args):
            print(line, flush=True)


if __name__ == "__main__":
    main()
