"""Tasks of the job benchmarks: a trivial job, fixed CPU work, and a big array."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from dioptra import pyplugs
from dioptra.sdk.api.artifact import ArtifactTaskInterface


@pyplugs.register
def hello(name: str = "bench") -> str:
    return f"Hello, {name}!"


@pyplugs.register
def burn(iterations: int) -> int:
    """A fixed amount of pure-Python CPU work."""
    total = 0
    for value in range(iterations):
        total = (total + value * value) % 1_000_003
    print(f"burned {iterations} iterations: {total}")
    return total


@pyplugs.register
def make_array(megabytes: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random(megabytes * 1024 * 1024 // 8)


@pyplugs.register
def checksum(data: np.ndarray) -> float:
    total = float(np.sum(data))
    print(f"{data.nbytes} bytes, sum {total!r}")
    return total


@pyplugs.register
def save_plain(data: np.ndarray, path: str) -> str:
    """np.save without the artifact machinery: the reference for saving an artifact
    (same kind of process, disk and page cache)."""
    started = time.perf_counter()
    np.save(path, data, allow_pickle=False)
    print(f"plain np.save in {time.perf_counter() - started:.3f} s")
    return path


@pyplugs.register
def load_plain(path: str) -> np.ndarray:
    """np.load without the artifact machinery: the reference for loading an artifact."""
    started = time.perf_counter()
    array = np.load(path, allow_pickle=False)
    print(f"plain np.load in {time.perf_counter() - started:.3f} s")
    return array


class NpyArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: np.ndarray, **kwargs: Any) -> Path:
        path = Path(working_dir) / f"{name}.npy"
        started = time.perf_counter()
        np.save(path, contents, allow_pickle=False)
        print(f"serialize: np.save in {time.perf_counter() - started:.3f} s")
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> np.ndarray:
        started = time.perf_counter()
        array = np.load(Path(working_dir) / path, allow_pickle=False)
        print(f"deserialize: np.load in {time.perf_counter() - started:.3f} s")
        return array
