"""Evaluate a model on saved adversarial examples, with or without a preprocessing
defence; draw the accuracy-versus-epsilon curve."""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from dioptra import pyplugs

from ._study import CLIP_VALUES, IMAGE_SIDE, log_metrics, log_to_job, perturbation_norms
from .attacks import attack_outcome

DEFENCES = ("none", "feature_squeezing", "spatial_smoothing")


def defend(x: np.ndarray, defence: str) -> np.ndarray:
    """``x`` after an ART preprocessing defence (``none`` leaves it as it is)."""
    from art.defences.preprocessor import FeatureSqueezing, SpatialSmoothing

    if defence == "none":
        return x
    if defence == "feature_squeezing":
        return FeatureSqueezing(clip_values=CLIP_VALUES, bit_depth=2)(x)[0].astype(x.dtype)
    if defence == "spatial_smoothing":
        images = x.reshape(-1, 1, IMAGE_SIDE, IMAGE_SIDE)
        smoothed = SpatialSmoothing(window_size=2, channels_first=True, clip_values=CLIP_VALUES)
        return smoothed(images)[0].reshape(x.shape).astype(x.dtype)
    raise ValueError(f"unknown defence {defence!r}; choose one of {', '.join(DEFENCES)}")


@pyplugs.register
def evaluate_robustness(
    model: Any, adversarial_set: dict[str, np.ndarray], defence: str = "none"
) -> list[dict[str, Any]]:
    """Clean and adversarial accuracy, attack success rate and perturbation norms of
    the model behind ``defence``; logged as metrics and returned as a one-row table."""
    x, x_adv, y = adversarial_set["x_clean"], adversarial_set["x_adv"], adversarial_set["y"]
    outcome = {
        **attack_outcome(model, defend(x, defence), defend(x_adv, defence), y),
        # The perturbation is the attacker's: measured before the defence.
        **perturbation_norms(x, x_adv),
    }
    log_metrics(outcome)
    log_to_job(
        f"defence {defence}, {len(y)} samples: "
        + ", ".join(f"{name} {value:.4f}" for name, value in outcome.items())
    )
    return [{"defence": defence, "samples": len(y), **outcome}]


@pyplugs.register
def plot_accuracy_curve(
    curve: list[dict[str, Any]], title: str = "Accuracy versus epsilon"
) -> bytes:
    """The adversarial accuracy (and attack success rate) against epsilon, as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    epsilons = [row["epsilon"] for row in curve]
    figure = Figure(figsize=(6, 4), dpi=100)
    axes = figure.add_subplot()
    axes.plot(epsilons, [row["adversarial_accuracy"] for row in curve], "o-", label="accuracy")
    axes.plot(
        epsilons, [row["attack_success_rate"] for row in curve], "s--",
        label="attack success rate",
    )  # fmt: skip
    axes.set_xlabel("epsilon")
    axes.set_ylim(-0.02, 1.02)
    axes.grid(alpha=0.3)
    axes.legend()
    axes.set_title(title)
    figure.tight_layout()
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()
