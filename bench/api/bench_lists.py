"""The list endpoints of a small, realistic project, against ``GET /health``.

A user's project, made through the API as a user would: 10 plugins of 3 files with
tasks (function and artifact tasks, typed parameters), entrypoints over them, experiments,
queues, parameter types, tags, jobs, artifacts, models, a few users. Every collection is
then read one request at a time on a keep-alive connection (``/health`` too, the
yardstick: the HTTP stack alone), at ``/x/`` and, for plugins and queues, at ``/x`` (the
published client asks without the slash; a server that redirects costs a second round
trip, followed as the client follows it). For each request: the median wall time and
the server's CPU time per request (user + system, all its threads, read from
``/proc``): on a shared machine the wall time follows the load, the CPU time far less.

``--client`` also times ``client.plugins.get()`` of the published 1.2.2 client (the
compat venv of ``tests/compat``), which asks for ``/api/v1/plugins``.

With ``--baseline REF`` a second server runs the ``src`` tree of that git revision and
each round measures both, one after the other.

Run: .venv/bin/python bench/api/bench_lists.py [--backend sqlite|postgres]
     [--requests 300] [--rounds 5] [--baseline REF] [--client]
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
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import REPOSITORY, database, server, source_tree

PASSWORD = "bench-password"
INTEGER, NUMBER, STRING = 3, 4, 2  # builtin parameter types of the public group

# Collections as the UI and the client read them (path without the prefix).
COLLECTIONS = [
    "plugins",
    "entrypoints",
    "experiments",
    "jobs",
    "artifacts",
    "queues",
    "pluginParameterTypes",
    "models",
    "tags",
    "groups",
    "users",
]

TASK_FILE = """from dioptra import pyplugs


@pyplugs.register
def load(n: int) -> int:
    return n


@pyplugs.register
def fit(data: int, epochs: int) -> float:
    return data / epochs
"""


def _ok(response: httpx.Response) -> Any:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request.url}: {response.status_code} {response.text}")
    return response.json()


def _task(name: str, inputs: list[tuple[str, int]], outputs: list[tuple[str, int]]) -> Any:
    return {
        "name": name,
        "inputParams": [{"name": n, "parameterType": t, "required": True} for n, t in inputs],
        "outputParams": [{"name": n, "parameterType": t} for n, t in outputs],
    }


def seed_project(client: httpx.Client) -> None:
    """Registers ``bench`` (and 4 more users), logs ``client`` in (its base URL ends in
    ``/api/v1``) and builds the project."""
    for n in range(5):
        name = "bench" if n == 0 else f"user{n}"
        body = {"username": name, "email": f"{name}@example.org"}
        _ok(
            client.post("/users/", json={**body, "password": PASSWORD, "confirmPassword": PASSWORD})
        )
    _ok(client.post("/auth/login", json={"username": "bench", "password": PASSWORD}))
    tags = [_ok(client.post("/tags/", json={"group": 1, "name": f"tag{n}"})) for n in range(10)]
    for n in range(10):
        structure = {"list": "integer"} if n % 2 else None
        _ok(
            client.post(
                "/pluginParameterTypes/",
                json={"group": 1, "name": f"type{n}", "structure": structure},
            )
        )
    queues = [_ok(client.post("/queues/", json={"group": 1, "name": f"q{n}"})) for n in range(10)]
    plugins = []
    for n in range(10):
        plugin = _ok(client.post("/plugins/", json={"group": 1, "name": f"plugin{n}"}))
        for f in range(3):
            functions = [
                _task("load", [("n", INTEGER)], [("data", INTEGER)]),
                _task("fit", [("data", INTEGER), ("epochs", INTEGER)], [("model", NUMBER)]),
            ]
            artifacts = []
            if f == 2:
                artifacts = [{"name": "Saver", "outputParams": [{"name": "v", "parameterType": 4}]}]
            body = {
                "filename": f"tasks_{f}.py",
                "contents": TASK_FILE,
                "tasks": {"functions": functions, "artifacts": artifacts},
            }
            _ok(client.post(f"/plugins/{plugin['id']}/files", json=body))
        _ok(client.post(f"/plugins/{plugin['id']}/tags", json={"ids": [tags[n]["id"]]}))
        plugins.append(plugin)
    entrypoints = []
    for n in range(10):
        body = {
            "group": 1,
            "name": f"ep{n}",
            "taskGraph": "prep:\n  load: [$n]\nfit:\n  fit: [$prep.data, 3]\n",
            "artifactGraph": "saved:\n  contents: $fit.model\n  task:\n    name: Saver\n",
            "parameters": [{"name": "n", "defaultValue": "3", "parameterType": "integer"}],
            "plugins": [plugins[n]["id"]],
            "artifactPlugins": [plugins[n]["id"]],
            "queues": [queues[n]["id"]],
        }
        entrypoints.append(_ok(client.post("/entrypoints/", json=body)))
    experiments = [
        _ok(
            client.post(
                "/experiments/",
                json={"group": 1, "name": f"ex{n}", "entrypoints": [entrypoints[n]["id"]]},
            )
        )
        for n in range(10)
    ]
    for n in range(10):
        job = _ok(
            client.post(
                f"/experiments/{experiments[n]['id']}/jobs",
                json={"entrypoint": entrypoints[n]["id"], "queue": queues[n]["id"]},
            )
        )
        claim = _ok(client.post(f"/jobs/{job['id']}/claim", json={"worker": "bench"}))
        as_job = {"Authorization": f"Bearer {claim['token']}"}
        uploaded = _ok(
            client.post(
                f"/jobs/{job['id']}/artifactUploads",
                params={"name": "saved", "filename": "v.txt", "isDir": "false"},
                content=b"0.5",
                headers=as_job,
            )
        )
        uri = uploaded["artifactUri"]
        body = {"group": 1, "job": job["id"], "artifactUri": uri}
        _ok(client.post("/artifacts/", json=body, headers=as_job))
    for n in range(10):
        _ok(client.post("/models/", json={"group": 1, "name": f"model{n}"}))


def listening_pid(address: str) -> int:
    """The server process listening at ``address`` (from ``ss``)."""
    port = address.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-Htlnp", f"sport = :{port}"], capture_output=True, text=True)
    found = re.search(r"pid=(\d+)", out.stdout)
    if found is None:
        raise RuntimeError(f"no process listens on port {port}")
    return int(found[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (ended ones included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Variant:
    label: str
    address: str
    client: httpx.Client
    pid: int = 0
    samples: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # server CPU seconds per request kind
    client_samples: list[float] = field(default_factory=list)


@contextmanager
def started_variant(
    label: str, backend: str, source: Path | None, workdir: Path
) -> Iterator[Variant]:
    with ExitStack() as stack:
        url = stack.enter_context(database(backend, workdir))
        address = stack.enter_context(server(url, workdir, source))
        client = stack.enter_context(httpx.Client(base_url=f"{address}/api/v1", timeout=60))
        seed_project(client)
        for name in COLLECTIONS:  # every collection holds what the project made
            assert _ok(client.get(f"/{name}/"))["totalNumResults"] >= 1, name
        yield Variant(label, address, client, listening_pid(address))


def requests_of(variant: Variant) -> dict[str, str]:
    """Request name -> URL (the slashless form follows a redirect, as clients do)."""
    calls = {"health": f"{variant.address}/health"}
    for name in COLLECTIONS:
        calls[f"{name}/"] = f"/{name}/"
    calls["plugins (no slash)"] = "/plugins"
    calls["queues (no slash)"] = "/queues"
    return calls


def timed_once(client: httpx.Client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url, follow_redirects=True)
    elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return elapsed


CLIENT_SCRIPT = """
import statistics, sys, time
from dioptra.client import connect_json_dioptra_client
client = connect_json_dioptra_client(sys.argv[1])
client.auth.login("bench", sys.argv[2])
for _ in range(20):
    client.plugins.get()
samples = []
for _ in range(int(sys.argv[3])):
    began = time.perf_counter()
    client.plugins.get()
    samples.append((time.perf_counter() - began) * 1000)
print(" ".join(f"{s:.4f}" for s in samples))
"""


def client_python() -> Path:
    sys.path.insert(0, str(REPOSITORY / "tests" / "compat"))
    from compat_venv import build_client_venv, cache_root

    return build_client_venv(cache_root())


def client_samples(python: Path, address: str, repeat: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(python), "-c", CLIENT_SCRIPT, address, PASSWORD, str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return [float(value) for value in out.split()]


def measure(variants: list[Variant], args: argparse.Namespace, python: Path | None) -> None:
    """Request by request, the variants take turns (and /health with them), so that the
    bursts of load of a shared machine hit every variant and every request alike."""
    urls = {variant.label: requests_of(variant) for variant in variants}
    for variant in variants:
        variant.samples = {name: [] for name in urls[variant.label]}
        for url in urls[variant.label].values():  # warm up
            for _ in range(10):
                timed_once(variant.client, url)
        variant.cpu = dict.fromkeys(variant.samples, 0.0)
    share = args.requests // args.rounds
    for _ in range(args.rounds):
        for name in variants[0].samples:
            # Only this kind of request reaches the servers meanwhile: the CPU each server
            # spends is this kind's (wall time depends on the machine's load, CPU less so).
            began = {variant.label: cpu_seconds(variant.pid) for variant in variants}
            for _ in range(share):
                for variant in variants:
                    url = urls[variant.label][name]
                    variant.samples[name].append(timed_once(variant.client, url))
            for variant in variants:
                variant.cpu[name] += cpu_seconds(variant.pid) - began[variant.label]
        if python is not None:
            for variant in variants:
                variant.client_samples += client_samples(python, variant.address, share)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", metavar="REF", help="also run this git revision's server")
    parser.add_argument(
        "--client", action="store_true", help="also time the 1.2.2 client's plugins.get()"
    )
    args = parser.parse_args()
    python = client_python() if args.client else None
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, backend {args.backend}"
    )
    with ExitStack() as stack:
        sources: list[tuple[str, Path | None]] = [("working tree", None)]
        if args.baseline:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            sources.insert(0, (args.baseline, source_tree(args.baseline, tmp)))
        variants = []
        for label, source in sources:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            variants.append(
                stack.enter_context(started_variant(label, args.backend, source, workdir))
            )
        measure(variants, args, python)
    header = " | ".join(f"{v.label} p50 | x health | server CPU | x health" for v in variants)
    print(f"| request | {header} |")
    print("|---|" + "---|---|---|---|" * len(variants))
    rows = list(variants[0].samples)
    for name in rows:
        cells = []
        for variant in variants:
            median = statistics.median(variant.samples[name])
            health = statistics.median(variant.samples["health"])
            count = len(variant.samples[name])
            cpu = variant.cpu[name] * 1000 / count
            cpu_health = variant.cpu["health"] * 1000 / count
            cells.append(
                f"{median:.2f} ms | {median / health:.1f}x | {cpu:.2f} ms | {cpu / cpu_health:.1f}x"
            )
        print(f"| `GET {name}` | " + " | ".join(cells) + " |")
    if python is not None:
        cells = []
        for variant in variants:
            median = statistics.median(variant.client_samples)
            health = statistics.median(variant.samples["health"])
            cells.append(f"{median:.2f} ms | {median / health:.1f}x | | ")
        print("| 1.2.2 client `plugins.get()` | " + " | ".join(cells) + " |")
    print(f"# load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
