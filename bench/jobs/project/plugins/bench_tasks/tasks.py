"""Tasks of the job benchmarks: a trivial job, fixed CPU work, and a big array."""

from __future__ import annotations

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


class NpyArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: np.ndarray, **kwargs: Any) -> Path:
        path = Path(working_dir) / f"{name}.npy"
        np.save(path, contents, allow_pickle=False)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> np.ndarray:
        return np.load(Path(working_dir) / path, allow_pickle=False)
