"""A burst of parallel logins beside ordinary writes, over real HTTP (uvicorn on loopback).

For each backend the benchmark starts the server as ``dioptra serve`` would (one worker,
the default argon2 cost: 64 MiB, 3 passes), registers L users and one writer, then lets
L threads log in at the same moment while the writer creates queues one after the other.
It reports the status codes of the logins, their latency, and the latency of the writes
made during the burst (before the fix, each login hashed inside its write transaction:
on SQLite every other write waited for all of them).

With ``--baseline REF`` a server running the ``src`` tree of that git revision is
measured the same way first.

Run: .venv/bin/python bench/api/bench_logins.py [--backend sqlite|postgres|both]
     [--logins 40] [--baseline REF]
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import REPOSITORY, database, server, source_tree


def _register(address: str, username: str) -> None:
    body = {
        "username": username,
        "email": f"{username}@example.org",
        "password": "bench-pw",
        "confirmPassword": "bench-pw",
    }
    httpx.post(f"{address}/api/v1/users/", json=body, timeout=60).raise_for_status()


def burst(address: str, logins: int) -> dict[str, object]:
    for n in range(logins):
        _register(address, f"user{n}")
    _register(address, "writer")
    writer = httpx.Client(base_url=f"{address}/api/v1", timeout=120)
    writer.post("/auth/login", json={"username": "writer", "password": "bench-pw"})
    clients = [httpx.Client(base_url=f"{address}/api/v1", timeout=120) for _ in range(logins)]
    start = threading.Barrier(logins + 1)
    statuses: collections.Counter[int] = collections.Counter()
    login_seconds: list[float] = []
    write_seconds: list[float] = []
    done = threading.Event()

    def log_in(n: int) -> None:
        start.wait()
        began = time.perf_counter()
        try:
            response = clients[n].post(
                "/auth/login", json={"username": f"user{n}", "password": "bench-pw"}
            )
            statuses[response.status_code] += 1
        except httpx.HTTPError:
            statuses[0] += 1
        login_seconds.append(time.perf_counter() - began)

    def write() -> None:
        start.wait()
        n = 0
        while not done.is_set():
            began = time.perf_counter()
            response = writer.post("/queues/", json={"group": 1, "name": f"q{n}"})
            write_seconds.append(time.perf_counter() - began)
            statuses[1000 + response.status_code] += 1
            n += 1

    threads = [threading.Thread(target=log_in, args=(n,)) for n in range(logins)]
    writer_thread = threading.Thread(target=write)
    for thread in [*threads, writer_thread]:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    writer_thread.join()
    for client in [*clients, writer]:
        client.close()
    return {
        "login statuses": dict(sorted((k, v) for k, v in statuses.items() if k < 1000)),
        "write statuses": dict(sorted((k - 1000, v) for k, v in statuses.items() if k >= 1000)),
        "login p50 / max s": f"{statistics.median(login_seconds):.2f} / {max(login_seconds):.2f}",
        "writes during burst": len(write_seconds),
        "write p50 / max s": f"{statistics.median(write_seconds):.2f} / {max(write_seconds):.2f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--logins", type=int, default=40)
    parser.add_argument("--baseline")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        variants: list[tuple[str, Path]] = []
        if args.baseline:
            (workdir / "baseline").mkdir()
            variants.append((args.baseline, source_tree(args.baseline, workdir / "baseline")))
        variants.append(("working tree", REPOSITORY / "src"))
        for backend in backends:
            for name, source in variants:
                run_dir = workdir / f"{backend}-{len(variants)}-{name.replace('/', '_')}"
                run_dir.mkdir(parents=True)
                with database(backend, run_dir) as url, server(url, run_dir, source) as address:
                    print(f"{backend:8} {name:14}", burst(address, args.logins), flush=True)


if __name__ == "__main__":
    main()
