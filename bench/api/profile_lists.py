"""Where the time of a list request of a small project goes, in process.

Builds the project of ``bench_lists.py`` (10 plugins of 3 files with tasks, and the rest)
through the app in process (TestClient, SQLite file, no network), then for each
collection: the SQL statements one request issues, and a cProfile of R requests (the
functions with the most own time, and the cumulative time of the layers).

Run: .venv/bin/python bench/api/profile_lists.py [--requests 200] [--collection plugins]
     [--top 25]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

import httpx
import sqlalchemy as sa
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from bench_lists import COLLECTIONS, seed_project

from dioptra.server.app import create_app
from dioptra.server.db import create_db_engine
from dioptra.server.settings import Settings

T = TypeVar("T")


async def _inline(call: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    return call(*args, **kwargs)


async def profiled(client: TestClient, path: str, repeat: int) -> tuple[cProfile.Profile, float]:
    """cProfile of ``repeat`` GETs through the ASGI app on this thread: the sync routes
    run inline instead of in worker threads (which cProfile would not see)."""
    cookies = dict(client.cookies)
    transport = httpx.ASGITransport(app=client.app)
    base = str(client.base_url)
    with (
        mock.patch("fastapi.routing.run_in_threadpool", _inline),
        mock.patch("fastapi.dependencies.utils.run_in_threadpool", _inline),
    ):
        async with httpx.AsyncClient(transport=transport, base_url=base, cookies=cookies) as http:
            for _ in range(10):
                (await http.get(path)).raise_for_status()
            profile = cProfile.Profile()
            began = time.perf_counter()
            profile.enable()
            for _ in range(repeat):
                await http.get(path)
            profile.disable()
    return profile, (time.perf_counter() - began) * 1000 / repeat


def timed(client: TestClient, path: str, repeat: int) -> float:
    """Median milliseconds of a GET through the TestClient (worker threads as deployed)."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--collection", action="append", help="default: all of them")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", choices=["tottime", "cumulative"], default="tottime")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{workdir}/profile.db"
        settings = Settings(
            database_url=url, data_dir=Path(workdir) / "data", allowed_hosts=["testserver"]
        )
        engine = create_db_engine(url)
        statements: list[str] = []
        sa.event.listen(
            engine, "before_cursor_execute", lambda *a: statements.append(a[2].split("\n")[0])
        )
        with TestClient(create_app(settings, engine=engine)) as client:
            client.base_url = client.base_url.join("/api/v1")
            seed_project(client)
            for name in args.collection or COLLECTIONS:
                path = f"/{name}/"
                for _ in range(20):
                    client.get(path).raise_for_status()
                statements.clear()
                client.get(path).raise_for_status()
                print(f"## GET /api/v1/{name}/: {len(statements)} SQL statements")
                for statement in statements:
                    print(f"    {statement[:110]}")
                plain = timed(client, path, args.requests)
                health = timed(client, "http://testserver/health", args.requests)
                print(f"   in process, unprofiled: {plain:.2f} ms (health {health:.2f} ms)")
                profile, elapsed = asyncio.run(profiled(client, path, args.requests))
                print(f"   {elapsed:.2f} ms per request in process (profiled)")
                out = io.StringIO()
                stats = pstats.Stats(profile, stream=out).strip_dirs()
                stats.sort_stats(args.sort).print_stats(args.top)
                print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
