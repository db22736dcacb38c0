"""What the study's tasks share: logging to the job, ART wrappers, norms, threat models."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from typing import Any

import numpy as np

LOGGER = logging.getLogger("robustness")

CLIP_VALUES = (0.0, 1.0)
IMAGE_SIDE = 8  # digits are 8x8; arrays hold them as flat rows of 64
N_CLASSES = 10
NORMS = {"inf": np.inf, "2": 2}
WHITE_BOX_ATTACKS = ("fgsm", "pgd")
BLACK_BOX_ATTACKS = ("hopskipjump",)


def _configure_art() -> None:
    """ART makes ``~/.art/data`` when it is first imported, and fails where it cannot.

    A job may write only in its own folder and the temporary folder (SECURITY.md, "Job
    processes"): where the home folder is not writable, ART's configuration is imported
    with ``HOME`` pointing at the temporary folder, so ART's folder goes there.
    """
    try:
        os.makedirs(os.path.expanduser(os.path.join("~", ".art", "data")), exist_ok=True)
    except OSError:
        home = os.environ.get("HOME")
        os.environ["HOME"] = tempfile.gettempdir()
        try:
            import art.config  # noqa: F401
        finally:
            if home is None:
                del os.environ["HOME"]
            else:
                os.environ["HOME"] = home


_configure_art()


def log_to_job(message: str) -> None:
    """A line in the job's log (and on the terminal of `dioptra engine run`)."""
    LOGGER.info(message)


def log_metrics(metrics: Mapping[str, float], step: int | None = None) -> None:
    """Record metrics of the running job; outside a job there is nowhere to record them."""
    job_id = os.environ.get("__JOB_ID")
    if job_id is None:
        return
    from dioptra.sdk.utilities.auth_client import get_authenticated_worker_client

    client = get_authenticated_worker_client(LOGGER, "json")
    for name, value in metrics.items():
        client.jobs.append_metric_by_id(
            job_id=job_id, metric_name=name, metric_value=float(value), metric_step=step
        )


def is_torch_model(model: Any) -> bool:
    """Whether ``model`` is a PyTorch module (told without importing PyTorch)."""
    return any(cls.__module__.startswith("torch.") for cls in type(model).__mro__)


def art_classifier(model: Any) -> Any:
    """The ART estimator of a fitted scikit-learn classifier or a PyTorch module."""
    if is_torch_model(model):
        from ._torch import art_classifier as torch_art_classifier

        return torch_art_classifier(model)
    from art.estimators.classification import SklearnClassifier

    return SklearnClassifier(model, clip_values=CLIP_VALUES)


def predicted_labels(classifier: Any, x: np.ndarray) -> np.ndarray:
    return np.asarray(classifier.predict(x)).argmax(axis=1)


def perturbation_norms(x_clean: np.ndarray, x_adv: np.ndarray) -> dict[str, float]:
    """Mean L2 and L-infinity size of the perturbations, over the samples."""
    delta = x_adv.astype(np.float64) - x_clean.astype(np.float64)
    return {
        "perturbation_l2_mean": float(np.linalg.norm(delta, ord=2, axis=1).mean()),
        "perturbation_linf_mean": float(np.abs(delta).max(axis=1).mean()),
    }


def threat_model(
    access: str, attack: str, norm: str, epsilon: float, max_queries: int = 0
) -> dict[str, Any]:
    """What the attacker knows and may do, checked: the record every attack job logs."""
    known = {"white-box": WHITE_BOX_ATTACKS, "black-box": BLACK_BOX_ATTACKS}
    if access not in known:
        raise ValueError(f"access must be white-box or black-box, not {access!r}")
    if attack not in known[access]:
        raise ValueError(
            f"{attack!r} is not a {access} attack; {access} attacks: {', '.join(known[access])}"
        )
    if norm not in NORMS:
        raise ValueError(f"norm must be 'inf' or '2', not {norm!r}")
    if epsilon < 0:
        raise ValueError(f"epsilon must not be negative, not {epsilon}")
    if access == "black-box" and max_queries < 1:
        raise ValueError("a black-box attack needs a query budget: set max_queries >= 1")
    return {
        "access": access,
        "attack": attack,
        "norm": norm,
        "epsilon": float(epsilon),
        "query_budget": int(max_queries) if access == "black-box" else None,
    }


def describe(threat: Mapping[str, Any]) -> str:
    budget = threat["query_budget"]
    return (
        f"threat model: {threat['access']} {threat['attack']}, L{threat['norm']} norm, "
        f"epsilon {threat['epsilon']:g}, query budget "
        f"{'none (gradients)' if budget is None else f'{budget} per sample'}"
    )
