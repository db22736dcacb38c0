"""Tutorial parts 2-3: a chain of tasks that samples, perturbs and transforms data.

Every random draw comes from a generator seeded by the ``seed`` parameter, so the
same parameters always give the same arrays.
"""

from __future__ import annotations

import numpy as np

from dioptra import pyplugs

TRANSFORMS = {
    "tanh": np.tanh,
    "square": np.square,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
}


@pyplugs.register
def sample_normal_distribution(
    size: int, mean: float = 0.0, std: float = 1.0, seed: int = 0
) -> np.ndarray:
    """Draw ``size`` values from a normal distribution N(mean, std**2)."""
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    return np.random.default_rng(seed).normal(mean, std, size)


@pyplugs.register
def add_noise(data: np.ndarray, noise_std: float = 0.1, seed: int = 0) -> np.ndarray:
    """Add Gaussian noise; the noise stream is independent of the sampling one."""
    rng = np.random.default_rng([seed, 1])
    return data + rng.normal(0.0, noise_std, data.shape)


@pyplugs.register
def nonlinear_transform(data: np.ndarray, transform: str = "tanh") -> np.ndarray:
    """Apply a nonlinear function elementwise: tanh, square or sigmoid."""
    try:
        function = TRANSFORMS[transform]
    except KeyError:
        choices = ", ".join(TRANSFORMS)
        raise ValueError(f"unknown transform {transform!r}; choose one of {choices}") from None
    return np.asarray(function(data))


@pyplugs.register
def print_stats(data: np.ndarray, label: str = "data") -> dict[str, float]:
    """Print summary statistics of an array and return them."""
    stats = {
        "size": float(data.size),
        "mean": float(np.mean(data)),
        "std": float(np.std(data)),
        "min": float(np.min(data)),
        "max": float(np.max(data)),
    }
    summary = ", ".join(f"{key}={value:.4f}" for key, value in stats.items())
    print(f"{label}: {summary}")
    return stats
