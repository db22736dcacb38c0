"""Where the time of one list request goes: SQL statement by statement, then the plans.

Seeds N queues (as ``bench_api.py`` does) into a throwaway database, runs the app in
process (TestClient, no network), and for ``GET /queues/?index=i&pageLength=10``:

(or the benchmark's other two lists: ``--request sorted|search``)

- times every SQL statement the request issues (cursor execute to fetch, median of R
  requests), printing each with its share of the request;
- prints ``EXPLAIN (ANALYZE, BUFFERS)`` of each statement (PostgreSQL) or ``EXPLAIN QUERY
  PLAN`` (SQLite);
- with ``--pyinstrument``, a call-tree profile of R requests (needs ``pyinstrument``).

Run: .venv/bin/python bench/api/profile_list.py [--backend sqlite|postgres] [--queues 10000]
     [--requests 200] [--request page|sorted|search] [--pyinstrument]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import database, seed_queues

from dioptra.server.app import create_app
from dioptra.server.db import create_db_engine
from dioptra.server.settings import Settings


class StatementTimer:
    """Times each statement from before to after cursor execute (the round trip)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.recording = False
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.parameters: dict[str, Any] = {}
        sa.event.listen(engine, "before_cursor_execute", self._before)
        sa.event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        conn.info["began"] = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if self.recording:
            self.samples[statement].append((time.perf_counter() - conn.info["began"]) * 1000)
            self.parameters[statement] = params


def explain(engine: sa.Engine, statement: str, params: Any) -> str:
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else ""
    prefix = prefix or "EXPLAIN QUERY PLAN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, params).all()
    return "\n".join("    " + " | ".join(str(value) for value in row) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--queues", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument(
        "--request",
        choices=["page", "sorted", "search"],
        default="page",
        help="a page at index i, a middle page sorted by name, or a searched page",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database(args.backend, Path(tmp)) as url:
        engine = create_db_engine(url)
        settings = Settings(data_dir=Path(tmp) / "data", database_url=url)
        app = create_app(settings, engine=engine)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            body = {"username": "bench", "email": "b@example.org", "password": "bench-pw"}
            user = client.post("/api/v1/users/", json={**body, "confirmPassword": "bench-pw"})
            seed_queues(url, args.queues, user.json()["id"])
            login = {"username": "bench", "password": "bench-pw"}
            client.post("/api/v1/auth/login", json=login).raise_for_status()
            timer = StatementTimer(engine)

            def list_page(n: int) -> None:
                params: dict[str, str | int] = {"pageLength": 10}
                if args.request == "page":
                    params["index"] = (n * 10) % (args.queues - 10)
                elif args.request == "sorted":
                    params.update(index=args.queues // 2, sortBy="name")
                else:
                    params["search"] = f"queue-0{n % 10}"
                client.get("/api/v1/queues/", params=params).raise_for_status()

            for n in range(20):
                list_page(n)
            timer.recording = True
            totals = []
            for n in range(args.requests):
                began = time.perf_counter()
                list_page(n)
                totals.append((time.perf_counter() - began) * 1000)
            timer.recording = False
            request_ms = statistics.median(totals)
            print(f"# {args.backend}, {args.queues} queues: request median {request_ms:.2f} ms")
            sql_ms = 0.0
            for statement, samples in timer.samples.items():
                median = statistics.median(samples)
                per_request = len(samples) / args.requests
                sql_ms += median * per_request
                print(f"\n## {median:.3f} ms x {per_request:g}/request\n{statement}")
                print(explain(engine, statement, timer.parameters[statement]))
            print(f"\n# SQL {sql_ms:.2f} ms of {request_ms:.2f} ms per request")
            if args.pyinstrument:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0002)
                with profiler:
                    for n in range(args.requests):
                        list_page(n)
                print(profiler.output_text(unicode=False, color=False, show_all=False))
        engine.dispose()


if __name__ == "__main__":
    main()
