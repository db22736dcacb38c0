"""Job benchmarks: what running a job costs on top of the work it does.

Starts the server as ``dioptra up`` does (a subprocess on a free 127.0.0.1 port, a
throwaway data dir), registers a user, imports ``bench/jobs/project`` through
``POST /workflows/resourceImport`` and measures from a client on the same machine:

- latency: a trivial job, submit (``POST /experiments/{id}/jobs``) to ``finished``
  (status polled every 10 ms), one job at a time; median of N (default 20) after 3
  warm-up jobs; also the server's own record (job created -> finished snapshot);
- throughput: 100 trivial jobs submitted at once from 8 client threads, jobs/second
  from the first submit to the last finish, with 2 workers: the local backend with 2
  runners, and (``--postgres``) PostgreSQL + procrastinate with two ``dioptra worker``
  processes of one slot each; and the CPU time (user + system) the server, its workers
  and their job processes spent per job;
- overhead: a job doing ~10 s of pure-Python CPU work vs. calling the same function
  directly in this process (same iterations);
- artifacts: a job that makes a 500 MB float64 array and saves it as an artifact
  (``np.save`` in ``serialize`` + store + register), and a job that loads it back as an
  artifact input (fetch + ``np.load`` in ``deserialize``), vs. the same two jobs with
  plain ``np.save``/``np.load`` to a path, and vs. a fresh interpreter doing the same;
  best of ``--rounds`` for each quantity. Local runners hand the file to the store and
  link inputs out of it themselves, ``dioptra worker`` processes (``--postgres``) stream
  through the API. Also: how long after the save job the server has recorded the
  artifact's sha256 (computed in the background); each round waits for it.

With ``--baseline REF`` a second deployment runs the ``src`` tree of that git revision
(``git archive``, put first on ``PYTHONPATH`` of its server and workers), and latency and
throughput are measured in ``--rounds`` paired rounds, old and new one after the other
(the order flips every round), so that background load on the shared machine hits both
alike; it prints each round and the median over rounds.

Run: .venv/bin/python bench/jobs/bench_jobs.py [--only latency,throughput,overhead,artifacts]
     [--runs 20] [--jobs 100] [--work-seconds 10] [--rounds 3] [--array-mb 500] [--postgres]
     [--baseline REF] [--profile FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from dioptra.client import DioptraClient, connect_json_dioptra_client, select_files_in_directory

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"
REPO = HERE.parents[1]
UP = "import typer; from dioptra.cli.up import up; typer.run(up)"
WORKER = "import typer; from dioptra.cli.worker import worker; typer.run(worker)"
# `dioptra up` under one cProfile per thread (event loop, request threads, runners,
# heartbeat), merged into one pstats file at exit (--profile; see PROFILE.md).
PROFILE_OUT = "BENCH_PROFILE_OUT"
PROFILED_UP = f"""
import cProfile, os, pstats, threading, typer
from dioptra.cli.up import up
profiles = [cProfile.Profile()]
def per_thread(*_):
    profile = cProfile.Profile()
    profiles.append(profile)
    profile.enable()
threading.setprofile(per_thread)
profiles[0].enable()
try:
    typer.run(up)
finally:
    merged = None
    for profile in profiles:
        profile.create_stats()
        if profile.stats:
            merged = pstats.Stats(profile) if merged is None else merged.add(profile)
    if merged is not None:
        merged.dump_stats(os.environ["{PROFILE_OUT}"])
"""
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
FINAL = {"finished", "failed", "cancelled", "timeout"}
QUEUE = "bench"
# The artifact jobs take a second or more: polling their status every 10 ms (as the
# latency bench must) would load the server they register with for nothing.
ARTIFACT_POLL = 0.05
Client = DioptraClient[dict[str, Any]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        proc = subprocess.Popen(args, env={**os.environ, **env}, stdout=out, stderr=out, cwd=REPO)
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def server(workdir: Path, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """The server's address and process id, once it answers."""
    port = free_port()
    up = PROFILED_UP if PROFILE_OUT in env else UP
    args = [sys.executable, "-c", up, "--port", str(port), "--data-dir", str(workdir / "data")]
    with process([*args, "--no-browser"], env, workdir / "server.log") as proc:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited: {(workdir / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        yield url, proc.pid


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) of these processes and all their descendants so far,
    the reaped ones included (a job process, once its fork server has waited for it)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    pending = list(pids)
    while pending:
        pid = pending.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:  # it ended meanwhile
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        for task in tasks:
            with contextlib.suppress(OSError):
                pending += [int(child) for child in (task / "children").read_text().split()]
    return total / ticks


class Deployment:
    """A logged-in user with the bench project imported, a queue and an experiment."""

    def __init__(self, url: str, pids: list[int]) -> None:
        self.pids = pids  # the server's, and its workers' when they run apart
        self.client: Client = connect_json_dioptra_client(url)
        self.client.users.create("bench", "bench@example.org", "Bench-passw0rd")
        self.client.auth.login("bench", "Bench-passw0rd")
        group = int(self.client.users.get_current()["groups"][0]["id"])
        self.token = self.client.session.request_json(
            "post", self.client.session.url, "users", "current", "tokens", json_={"name": "b"}
        )["token"]
        files = select_files_in_directory(
            PROJECT, recursive=True, include_pattern=r".*\.(py|toml|yml)$"
        )
        imported = self.client.workflows.import_resources(group, files)
        self.entrypoints = {k: int(v) for k, v in imported["resources"]["entrypoints"].items()}
        self.queue = int(self.client.queues.create(group, QUEUE)["id"])
        for entrypoint in self.entrypoints.values():
            self.client.entrypoints.queues.modify_by_id(entrypoint, [self.queue])
        created = self.client.experiments.create(
            group, "bench", entrypoints=list(self.entrypoints.values())
        )
        self.experiment = int(created["id"])

    def submit(self, entrypoint: str, values: dict[str, Any] | None = None, **kwargs: Any) -> int:
        job = self.client.experiments.jobs.create(
            self.experiment,
            self.entrypoints[entrypoint],
            self.queue,
            values={k: str(v) for k, v in (values or {}).items()},
            **kwargs,
        )
        return int(job["id"])

    def wait(self, job_id: int, poll: float = 0.01, timeout: float = 600) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while self.client.jobs.get_status(job_id)["status"] not in FINAL:
            if time.monotonic() > deadline:
                raise SystemExit(f"job {job_id} did not end in {timeout} s")
            time.sleep(poll)
        job: dict[str, Any] = self.client.jobs.get_by_id(job_id)
        if job["status"] != "finished":
            raise SystemExit(f"job {job_id} {job['status']}: {job.get('statusMessage')}")
        return job

    def log(self, job_id: int) -> list[str]:
        page = self.client.jobs.get_logs_by_id(job_id, index=0, page_length=1000)
        return [record["message"] for record in page["data"]]


def seconds_in_log(messages: list[str], pattern: str) -> float:
    for message in messages:
        found = re.search(pattern, message)
        if found:
            return float(found[1])
    raise SystemExit(f"no log line matches {pattern!r}: {messages}")


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def bench_tasks() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_tasks_direct", PROJECT / "plugins" / "bench_tasks" / "tasks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- benchmarks


@dataclass(frozen=True)
class Latency:
    client_ms: list[float]  # submit -> finished, as the client sees it
    server_ms: list[float]  # the server's record: created -> finished

    def __str__(self) -> str:
        return (
            f"median {statistics.median(self.client_ms):.0f} ms (min "
            f"{min(self.client_ms):.0f}, max {max(self.client_ms):.0f}); server record "
            f"created -> finished median {statistics.median(self.server_ms):.0f} ms"
        )


def latency(deployment: Deployment, runs: int) -> Latency:
    for _ in range(3):
        deployment.wait(deployment.submit("bench_hello"))
    client_ms, server_ms = [], []
    for _ in range(runs):
        elapsed, job = timed(lambda: deployment.wait(deployment.submit("bench_hello")))
        client_ms.append(elapsed * 1000)
        created = dt.datetime.fromisoformat(job["createdOn"])
        ended = dt.datetime.fromisoformat(job["lastModifiedOn"])
        server_ms.append((ended - created).total_seconds() * 1000)
    return Latency(client_ms, server_ms)


@dataclass(frozen=True)
class Throughput:
    jobs: int
    seconds: float
    cpu_seconds: float  # of the server, its workers and job processes (not the client's)

    @property
    def rate(self) -> float:
        return self.jobs / self.seconds

    def __str__(self) -> str:
        return (
            f"{self.seconds:.1f} s, {self.rate:.1f} jobs/s; CPU "
            f"{self.cpu_seconds / self.jobs * 1000:.0f} ms per job"
        )


def throughput(deployment: Deployment, jobs: int) -> Throughput:
    """Jobs per second, from the first submit to the last finish, and the CPU the
    platform spent on each."""
    deployment.wait(deployment.submit("bench_hello"))  # warm
    cpu_before = cpu_seconds(deployment.pids)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        job_ids = list(
            pool.map(lambda i: deployment.submit("bench_hello", {"name": f"b{i}"}), range(jobs))
        )
    for job_id in job_ids:
        deployment.wait(job_id, poll=0.05)
    elapsed = time.perf_counter() - started
    return Throughput(jobs, elapsed, cpu_seconds(deployment.pids) - cpu_before)


def overhead(deployment: Deployment, work_seconds: float, rounds: int) -> None:
    tasks = bench_tasks()
    probe, _ = timed(lambda: tasks.burn(2_000_000))
    iterations = int(2_000_000 * work_seconds / probe)
    # Alternated, best of each: on a shared machine, background load hits both alike.
    directs, jobs, in_tasks = [], [], []
    for _ in range(rounds):
        directs.append(timed(lambda: tasks.burn(iterations))[0])
        elapsed, job = timed(
            lambda: deployment.wait(deployment.submit("bench_burn", {"iterations": iterations}))
        )
        jobs.append(elapsed)
        log = deployment.log(job["id"])
        in_tasks.append(seconds_in_log(log, r"step 'work' finished in ([\d.]+) s"))
    direct, elapsed, in_task = min(directs), min(jobs), min(in_tasks)
    print(
        f"overhead, {iterations:,} iterations of CPU work (best of {rounds}): direct call "
        f"{direct:.2f} s; as a job "
        f"{elapsed:.2f} s submit -> finished (+{elapsed - direct:.2f} s, "
        f"+{(elapsed / direct - 1) * 100:.1f}%), of which the task itself {in_task:.2f} s"
    )


PLAIN_SAVE_LOAD = """
import sys, time, numpy as np
megabytes, path = int(sys.argv[1]), sys.argv[2]
started = time.perf_counter()
array = np.random.default_rng(0).random(megabytes * 1024 * 1024 // 8)
made = time.perf_counter()
np.save(path, array, allow_pickle=False)
saved = time.perf_counter()
total = float(array.sum())
del array  # one array in memory at a time, as in the jobs
started_loading = time.perf_counter()
back = np.load(path, allow_pickle=False)
loaded = time.perf_counter()
assert float(back.sum()) == total
print(made - started, saved - made, loaded - started_loading)
"""


def plain_save_and_load(megabytes: int, path: Path) -> tuple[float, ...]:
    """Seconds to make the array, np.save it and np.load it back, in a fresh process
    (as a job process is)."""
    output = subprocess.run(
        [sys.executable, "-c", PLAIN_SAVE_LOAD, str(megabytes), str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path.unlink()
    made, saved, loaded = map(float, output.split())
    return made, saved, loaded


@dataclass(frozen=True)
class ArtifactRound:
    """Seconds measured in one round of the artifact bench."""

    fresh_save: float  # plain np.save / np.load in a fresh interpreter
    fresh_load: float
    job_save: float  # plain np.save / np.load inside a job process (same kind as below)
    job_load: float
    plain_save_job: float  # submit -> finished of those two jobs
    plain_load_job: float
    save_job: float  # submit -> finished of the job saving the artifact
    make: float
    serialize: float  # np.save inside the artifact task's serialize
    store: float
    register: float
    digest_lag: float  # job finished -> sha256 recorded (0 when registered with it)
    load_job: float  # submit -> finished of the job loading it back
    fetch: float  # link, copy or download of the input
    deserialize: float  # np.load inside the artifact task's deserialize
    fetched_how: str

    @property
    def artifact_save(self) -> float:
        return self.serialize + self.store + self.register

    @property
    def artifact_load(self) -> float:
        return self.fetch + self.deserialize


def digested(deployment: Deployment, artifact_id: int) -> dict[str, Any]:
    """The artifact once its sha256 is recorded: a local runner registers it with its
    size only and the server digests it in the background. Waiting for it keeps that
    work out of the next round.

    The load job runs before this wait, right after the save job, as the plain load
    job runs right after the plain save: both read a file whose pages are still in
    memory. (This VM drops clean page cache within seconds, and the digest flushes
    the artifact to disk, so a load after the digest reads from disk.)"""
    deadline = time.monotonic() + 120
    while True:
        artifact = deployment.client.artifacts.get_by_id(artifact_id)
        if artifact["sha256"] is not None:
            return artifact
        if time.monotonic() > deadline:
            raise SystemExit(f"artifact {artifact_id} got no sha256 in 120 s")
        time.sleep(0.01)


def artifact_round(deployment: Deployment, megabytes: int, workdir: Path) -> ArtifactRound:
    _, fresh_save, fresh_load = plain_save_and_load(megabytes, workdir / "direct.npy")
    # The same jobs without the artifact machinery: np.save to, np.load from a plain path.
    plain = workdir / "plain.npy"
    values = {"megabytes": megabytes, "path": plain}
    plain_save_job, job = timed(
        lambda: deployment.wait(deployment.submit("bench_plain_save", values), ARTIFACT_POLL)
    )
    job_save = seconds_in_log(deployment.log(job["id"]), r"plain np.save in ([\d.]+) s")
    plain_load_job, job = timed(
        lambda: deployment.wait(
            deployment.submit("bench_plain_load", {"path": plain}), ARTIFACT_POLL
        )
    )
    job_load = seconds_in_log(deployment.log(job["id"]), r"plain np.load in ([\d.]+) s")
    plain.unlink()

    save_job, job = timed(
        lambda: deployment.wait(
            deployment.submit("bench_save_array", {"megabytes": megabytes}), ARTIFACT_POLL
        )
    )
    log = deployment.log(job["id"])
    make = seconds_in_log(log, r"step 'make' finished in ([\d.]+) s")
    serialize = seconds_in_log(log, r"serialize: np.save in ([\d.]+) s")
    store = seconds_in_log(log, r"stored in ([\d.]+) s")
    register = seconds_in_log(log, r"registered in ([\d.]+) s")
    saved_at = time.perf_counter()
    artifact = deployment.client.artifacts.get_by_id(job["artifacts"][0]["id"])

    load_job, job = timed(
        lambda: deployment.wait(
            deployment.submit(
                "bench_load_array",
                artifact_values={
                    "array": {"id": artifact["id"], "snapshotId": artifact["snapshot"]}
                },
            )
        )
    )
    log = deployment.log(job["id"])
    fetch_pattern = r"(linked|copied|downloaded)(?: and unpacked)? artifact \d+ .* in ([\d.]+) s"
    found = next(filter(None, (re.search(fetch_pattern, message) for message in log)), None)
    if found is None:
        raise SystemExit(f"no log line says how the input was fetched: {log}")
    deserialize = seconds_in_log(log, r"deserialize: np.load in ([\d.]+) s")
    digested(deployment, artifact["id"])
    digest_lag = time.perf_counter() - saved_at
    return ArtifactRound(
        fresh_save=fresh_save,
        fresh_load=fresh_load,
        job_save=job_save,
        job_load=job_load,
        plain_save_job=plain_save_job,
        plain_load_job=plain_load_job,
        save_job=save_job,
        make=make,
        serialize=serialize,
        store=store,
        register=register,
        digest_lag=digest_lag,
        load_job=load_job,
        fetch=float(found[2]),
        deserialize=deserialize,
        fetched_how=found[1],
    )


def artifacts(
    deployment: Deployment, megabytes: int, workdir: Path, rounds: int, label: str
) -> None:
    """Best of `rounds` for every quantity (totals are each round's own sums): on this
    shared VM, touching memory the process (or the page cache) has not used recently
    costs up to seconds for 500 MB, at random, so single rounds mislead."""
    results = [artifact_round(deployment, megabytes, workdir) for _ in range(rounds)]

    def best(quantity: Callable[[ArtifactRound], float]) -> float:
        return min(quantity(result) for result in results)

    save, load = best(lambda r: r.artifact_save), best(lambda r: r.artifact_load)
    job_save, job_load = best(lambda r: r.job_save), best(lambda r: r.job_load)
    fresh_save, fresh_load = best(lambda r: r.fresh_save), best(lambda r: r.fresh_load)
    print(f"artifacts, {label}, {megabytes} MB float64 array, best of {rounds} rounds:")
    print(
        f"  plain np.save / np.load: {job_save:.2f} / {job_load:.2f} s in a job process, "
        f"{fresh_save:.2f} / {fresh_load:.2f} s in a fresh interpreter"
    )
    print(
        f"  save job {best(lambda r: r.save_job):.2f} s submit -> finished: make_array "
        f"{best(lambda r: r.make):.2f} s, serialize (np.save) {best(lambda r: r.serialize):.2f} "
        f"s, store {best(lambda r: r.store):.3f} s, register {best(lambda r: r.register):.3f} s"
    )
    print(
        "  sha256 recorded after the save job finished (server, background): "
        + ", ".join(f"{r.digest_lag:.2f}" for r in results)
        + " s"
    )
    print(
        f"  load job {best(lambda r: r.load_job):.2f} s submit -> finished: "
        f"{results[0].fetched_how} {best(lambda r: r.fetch):.3f} s, deserialize (np.load) "
        f"{best(lambda r: r.deserialize):.2f} s"
    )
    print(
        f"  artifact save (serialize + store + register) {save:.2f} s "
        f"(rounds: {', '.join(f'{r.artifact_save:.2f}' for r in results)}): speed "
        f"{job_save / save:.2f} of plain np.save in a job process, "
        f"{fresh_save / save:.2f} of it in a fresh interpreter"
    )
    print(
        f"  artifact load (fetch + deserialize) {load:.2f} s "
        f"(rounds: {', '.join(f'{r.artifact_load:.2f}' for r in results)}): speed "
        f"{job_load / load:.2f} of plain np.load in a job process, "
        f"{fresh_load / load:.2f} of it in a fresh interpreter"
    )
    save_job, plain_save_job = best(lambda r: r.save_job), best(lambda r: r.plain_save_job)
    load_job, plain_load_job = best(lambda r: r.load_job), best(lambda r: r.plain_load_job)
    print(
        f"  whole jobs, submit -> finished: saving {save_job:.2f} s as an artifact vs "
        f"{plain_save_job:.2f} s to a plain path (speed {plain_save_job / save_job:.2f}); "
        f"loading {load_job:.2f} s vs {plain_load_job:.2f} s "
        f"(speed {plain_load_job / load_job:.2f})"
    )


# --------------------------------------------------------------------------- main


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    name = f"dioptra_bench_jobs_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_tree(revision: str, workdir: Path) -> Path:
    """The ``src`` folder of a git revision, extracted under ``workdir``."""
    archive = workdir / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision, "src"], cwd=REPO, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "src"


@dataclass(frozen=True)
class Variant:
    """The code a deployment runs: the installed package (``source`` None) or the ``src``
    tree of a git revision."""

    label: str
    source: Path | None = None
    profile: Path | None = None  # where its server's merged profile goes (local only)

    def env(self, env: dict[str, str]) -> dict[str, str]:
        if self.source is not None:
            path = [str(self.source), os.environ.get("PYTHONPATH")]
            env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, path))}
        return env


@contextmanager
def local_deployment(variant: Variant, workdir: Path) -> Iterator[Deployment]:
    """``dioptra up``: SQLite and the local dispatcher with 2 runners."""
    workdir.mkdir()
    env = variant.env({"DIOPTRA_RUNNERS": "2", "DIOPTRA_DISPATCH": "local"})
    if variant.profile is not None:
        env[PROFILE_OUT] = str(variant.profile.resolve())
    with server(workdir, env) as (url, pid):
        yield Deployment(url, [pid])


@contextmanager
def postgres_deployment(variant: Variant, workdir: Path) -> Iterator[Deployment]:
    """A throwaway PostgreSQL database, the server dispatching through procrastinate and
    two ``dioptra worker`` processes of one slot each (artifacts streamed through the API)."""
    workdir.mkdir()
    with postgres_database() as database_url:
        env = variant.env({"DIOPTRA_DISPATCH": "postgres", "DIOPTRA_DATABASE_URL": database_url})
        with server(workdir, env) as (url, pid):
            deployment = Deployment(url, [pid])
            worker = [sys.executable, "-c", WORKER, "--api", url, "--token", deployment.token]
            worker += ["--database-url", database_url, "--queue", QUEUE]
            with (
                process([*worker, "--name", "w1"], variant.env({}), workdir / "w1.log") as w1,
                process([*worker, "--name", "w2"], variant.env({}), workdir / "w2.log") as w2,
            ):
                deployment.pids += [w1.pid, w2.pid]
                time.sleep(3)  # both workers listening
                yield deployment


DEPLOYMENTS = {
    "local backend, 2 runners": local_deployment,
    "PostgreSQL, 2 dioptra workers": postgres_deployment,
}


def measure_one(
    backend: str, deployment: Deployment, args: argparse.Namespace, workdir: Path
) -> None:
    """Every chosen bench on one deployment (no baseline)."""
    chosen = set(args.only.split(","))
    local = backend == "local backend, 2 runners"
    if "latency" in chosen:
        print(
            f"latency, {backend}, submit -> finished ({args.runs} jobs): "
            f"{latency(deployment, args.runs)}"
        )
    if "throughput" in chosen:
        print(
            f"throughput, {args.jobs} trivial jobs, {backend}: {throughput(deployment, args.jobs)}"
        )
    if "overhead" in chosen and local:
        overhead(deployment, args.work_seconds, args.rounds)
    if "artifacts" in chosen:
        label = "local backend" if local else "through the API"
        artifacts(deployment, args.array_mb, workdir, args.rounds, label)


def measure_paired(
    backend: str, deployments: list[Deployment], variants: list[Variant], args: argparse.Namespace
) -> None:
    """Latency and throughput, old and new alternating round by round."""
    chosen = set(args.only.split(","))
    medians: dict[str, list[float]] = {v.label: [] for v in variants}
    rates: dict[str, list[float]] = {v.label: [] for v in variants}
    cpu: dict[str, list[float]] = {v.label: [] for v in variants}
    for round_number in range(args.rounds):
        pairs = list(zip(variants, deployments, strict=True))
        for variant, deployment in pairs if round_number % 2 == 0 else reversed(pairs):
            load = os.getloadavg()[0]
            cells = []
            if "latency" in chosen:
                result = latency(deployment, args.runs)
                medians[variant.label].append(statistics.median(result.client_ms))
                cells.append(f"latency {result}")
            if "throughput" in chosen:
                result_rate = throughput(deployment, args.jobs)
                rates[variant.label].append(result_rate.rate)
                cpu[variant.label].append(result_rate.cpu_seconds / args.jobs * 1000)
                cells.append(f"{args.jobs} jobs {result_rate}")
            print(
                f"  round {round_number + 1}, {variant.label}, load {load:.1f}: "
                + "; ".join(cells),
                flush=True,
            )
    for variant in variants:
        cells = []
        if medians[variant.label]:
            runs = medians[variant.label]
            cells.append(
                f"latency median of round medians {statistics.median(runs):.0f} ms "
                f"(rounds: {', '.join(f'{m:.0f}' for m in runs)})"
            )
        if rates[variant.label]:
            runs = rates[variant.label]
            cells.append(
                f"throughput median {statistics.median(runs):.1f} jobs/s "
                f"(rounds: {', '.join(f'{r:.1f}' for r in runs)}), CPU per job median "
                f"{statistics.median(cpu[variant.label]):.0f} ms"
            )
        print(f"{backend}, {variant.label}: " + "; ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="latency,throughput,overhead,artifacts")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--work-seconds", type=float, default=10.0)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the overhead and artifact benches; with --baseline, paired rounds",
    )
    parser.add_argument("--array-mb", type=int, default=500)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also measure latency, throughput and artifacts on PostgreSQL",
    )
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also run the code of this git revision; latency and throughput only, paired",
    )
    parser.add_argument(
        "--profile",
        metavar="FILE",
        type=Path,
        help="run the local server under cProfile (every thread) and save the merged "
        "pstats to FILE when it stops (numbers are 3-5x slower: compare shares)",
    )
    args = parser.parse_args()
    if args.profile and args.baseline:
        parser.error("--profile profiles one server: leave out --baseline")
    if args.baseline and not set(args.only.split(",")) <= {"latency", "throughput"}:
        parser.error("--baseline compares latency and throughput: add --only latency,throughput")
    load = os.getloadavg()
    print(
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="dioptra-bench-jobs-"))
    try:
        variants = [Variant("", profile=args.profile)]
        if args.baseline:
            base = workdir / "baseline"
            base.mkdir()
            variants = [
                Variant(args.baseline, source_tree(args.baseline, base)),
                Variant("working tree"),
            ]
        backends = list(DEPLOYMENTS)[: 2 if args.postgres else 1]
        for number, backend in enumerate(backends):
            with ExitStack() as stack:
                deployments = [
                    stack.enter_context(DEPLOYMENTS[backend](v, workdir / f"{number}-{i}"))
                    for i, v in enumerate(variants)
                ]
                if args.baseline:
                    measure_paired(backend, deployments, variants, args)
                else:
                    measure_one(backend, deployments[0], args, workdir / f"{number}-0")
        load = os.getloadavg()
        print(f"load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
