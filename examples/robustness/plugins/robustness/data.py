"""Data that needs no download: scikit-learn's digits (1797 8x8 images, MNIST-like)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dioptra import pyplugs

from ._study import log_to_job


@pyplugs.register
def load_digits_split(test_size: float = 0.3, seed: int = 0) -> dict[str, Any]:
    """The digits in [0, 1] as float32 rows of 64 pixels, split into train and test.

    The split is stratified and fixed by ``seed``, so every job of a study that uses the
    same seed sees the same test images.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    images, labels = load_digits(return_X_y=True)
    images = (images / 16.0).astype(np.float32)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=test_size, random_state=seed, stratify=labels
    )
    log_to_job(f"digits: {len(x_train)} training and {len(x_test)} test images (seed {seed})")
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


@pyplugs.register
def test_samples(dataset: dict[str, Any], n_samples: int = 200) -> dict[str, np.ndarray]:
    """The first ``n_samples`` test images and their labels (``x``, ``y``)."""
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, not {n_samples}")
    return {"x": dataset["x_test"][:n_samples], "y": dataset["y_test"][:n_samples]}
