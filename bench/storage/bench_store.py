"""Throughput of the local artifact store against plain file copies.

Writes a float64 array of about 500 MB with `np.save`, then times (best and median of 3
runs, each after `os.sync()` so no step pays for the previous one's dirty pages):
- plain `shutil.copyfile` (zero-copy in the kernel) and a plain 4 MiB chunked copy, with
  and without `fsync` (the store fsyncs every file it writes before renaming it),
- `hashlib.sha256` over the file (the hashing the store does on every write),
- `ArtifactStore.put_file` (stream + sha256 + fsync + atomic rename),
- `ArtifactStore.get_to_path` (kernel copy to a temp name + rename) and a full read
  through `open_read`,
- tar.gz and zip streams of the stored folder (`iter_archive`); the random array is
  incompressible, so it goes out as stored (uncompressed) blocks.

Everything is written under a temporary folder that is removed at the end.
Run: .venv/bin/python bench/storage/bench_store.py [--megabytes 500] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import numpy as np

from dioptra.storage import ArtifactStore

CHUNK = 4 * 1024 * 1024
RUNS = 3


Result = tuple[str, float, float]  # label, best seconds, median seconds


def timed(label: str, size: int, action: Callable[[], object]) -> Result:
    """Best and median seconds of RUNS runs."""
    seconds = []
    for _ in range(RUNS):
        os.sync()  # start with no dirty pages left by the step before
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return label, min(seconds), statistics.median(seconds)


def copy_chunked(source: Path, target: Path, *, fsync: bool) -> None:
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(CHUNK):
            writer.write(chunk)
        if fsync:
            writer.flush()
            os.fsync(writer.fileno())


def read_chunked(path: Path) -> None:
    with path.open("rb") as stream:
        while stream.read(CHUNK):
            pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_store(store: ArtifactStore, key: str) -> None:
    with store.open_read(key) as stream:
        while stream.read(CHUNK):
            pass


def drain(chunks: Iterable[bytes]) -> None:
    for _ in chunks:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--dir", default=None, help="where to put the temporary data")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dioptra-bench-", dir=args.dir))
    try:
        source = work / "array.npy"
        array = np.random.default_rng(0).standard_normal(args.megabytes * 1_000_000 // 8)
        np.save(source, array)
        del array
        size = source.stat().st_size
        store = ArtifactStore(work / "store")
        key = "bench/array.npy"
        copy, back = work / "copy.npy", work / "back.npy"

        def put() -> None:
            store.put_file(key, source, overwrite=True)

        def archive(fmt: Literal["tar_gz", "zip"]) -> Iterable[bytes]:
            return store.iter_archive("bench", fmt)

        results: list[Result] = [
            timed("plain shutil.copyfile", size, lambda: shutil.copyfile(source, copy)),
            timed("plain chunked copy", size, lambda: copy_chunked(source, copy, fsync=False)),
            timed("plain chunked copy+fsync", size, lambda: copy_chunked(source, copy, fsync=True)),
            timed("plain chunked read", size, lambda: read_chunked(source)),
            timed("hashlib.sha256 of the file", size, lambda: sha256_file(source)),
            timed("store.put_file", size, put),
            timed("store.get_to_path", size, lambda: store.get_to_path(key, back)),
            timed("store.open_read (full read)", size, lambda: read_store(store, key)),
            timed("store.iter_archive tar_gz", size, lambda: drain(archive("tar_gz"))),
            timed("store.iter_archive zip", size, lambda: drain(archive("zip"))),
        ]
        assert sha256_file(back) == sha256_file(source)

        print(
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"file {size / 1e6:.1f} MB, {RUNS} runs each (source in the page cache)"
        )
        print(
            "| operation                      | best s | median s | MB/s (best) | MB/s (median) |"
        )
        print(
            "|--------------------------------|--------|----------|-------------|---------------|"
        )
        for label, best, median in results:
            megabytes = size / 1e6
            print(
                f"| {label:<30} | {best:>6.2f} | {median:>8.2f} "
                f"| {megabytes / best:>11.0f} | {megabytes / median:>13.0f} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
