"""Attack a model with ART: FGSM and PGD (white box) and HopSkipJump (black box)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dioptra import pyplugs

from ._study import (
    NORMS,
    art_classifier,
    describe,
    log_metrics,
    log_to_job,
    perturbation_norms,
    predicted_labels,
    threat_model,
)


@pyplugs.register
def declare_threat_model(
    access: str, attack: str, norm: str, epsilon: float, max_queries: int = 0
) -> dict[str, Any]:
    """Check and log the threat model of an attack job (its parameters say the same)."""
    threat = threat_model(access, attack, norm, epsilon, max_queries)
    log_to_job(describe(threat))
    return threat


class _QueryCounter:
    """Counts the images a black-box attack sends to ``predict`` (its queries)."""

    def __init__(self, classifier: Any) -> None:
        self.count = 0
        self._predict = classifier.predict
        classifier.predict = self

    def __call__(self, x: np.ndarray, *args: Any, **kwargs: Any) -> np.ndarray:
        self.count += len(x)
        return self._predict(x, *args, **kwargs)


def _project(x_clean: np.ndarray, x_adv: np.ndarray, norm: str, epsilon: float) -> np.ndarray:
    """``x_adv`` moved back into the epsilon ball around ``x_clean`` (and into [0, 1])."""
    delta = x_adv.astype(np.float64) - x_clean
    if NORMS[norm] == np.inf:
        delta = np.clip(delta, -epsilon, epsilon)
    else:
        lengths = np.linalg.norm(delta, axis=1, keepdims=True)
        delta *= np.minimum(1.0, epsilon / np.maximum(lengths, 1e-12))
    return np.clip(x_clean + delta, 0.0, 1.0).astype(x_clean.dtype)


def _hopskipjump_iterations(budget: int, max_eval: int) -> int:
    # Each iteration spends up to max_eval queries estimating the gradient, plus about
    # 25 on its binary and step-size searches.
    return max(1, budget // (max_eval + 25))


def adversarial_examples(
    model: Any,
    x: np.ndarray,
    threat: dict[str, Any],
    max_iter: int = 10,
    seed: int = 0,
) -> tuple[np.ndarray, int]:
    """Adversarial versions of ``x`` within the threat model; and the queries spent."""
    from art.attacks.evasion import FastGradientMethod, HopSkipJump, ProjectedGradientDescent

    classifier = art_classifier(model)
    norm, epsilon = NORMS[threat["norm"]], threat["epsilon"]
    np.random.seed(seed)  # ART draws from NumPy's global generator
    if epsilon == 0:
        return x.copy(), 0
    if threat["attack"] == "fgsm":
        return FastGradientMethod(classifier, norm=norm, eps=epsilon).generate(x), 0
    if threat["attack"] == "pgd":
        attack = ProjectedGradientDescent(
            classifier, norm=norm, eps=epsilon, eps_step=epsilon / 4, max_iter=max_iter,
            verbose=False,
        )  # fmt: skip
        return attack.generate(x), 0
    counter = _QueryCounter(classifier)
    max_eval = 50
    attack = HopSkipJump(
        classifier, norm=norm, max_iter=_hopskipjump_iterations(threat["query_budget"], max_eval),
        max_eval=max_eval, init_eval=10, verbose=False,
    )  # fmt: skip
    x_adv = _project(x, attack.generate(x), threat["norm"], epsilon)
    return x_adv, counter.count


def attack_outcome(model: Any, x: np.ndarray, x_adv: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Clean and adversarial accuracy, attack success rate and perturbation norms.

    The success rate counts, among the images the model gets right, those the attack
    turns into a mistake.
    """
    classifier = art_classifier(model)
    clean_right = predicted_labels(classifier, x) == y
    adversarial_right = predicted_labels(classifier, x_adv) == y
    flipped = clean_right & ~adversarial_right
    return {
        "clean_accuracy": float(clean_right.mean()),
        "adversarial_accuracy": float(adversarial_right.mean()),
        "attack_success_rate": float(flipped.sum() / max(1, clean_right.sum())),
        **perturbation_norms(x, x_adv),
    }


@pyplugs.register
def attack_model(
    model: Any,
    samples: dict[str, np.ndarray],
    threat: dict[str, Any],
    max_iter: int = 10,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Attack the samples; log the outcome; return ``x_clean``, ``x_adv`` and ``y``."""
    x, y = samples["x"], samples["y"]
    x_adv, queries = adversarial_examples(model, x, threat, max_iter, seed)
    outcome = attack_outcome(model, x, x_adv, y)
    if threat["query_budget"] is not None:
        outcome["queries_per_sample"] = queries / len(x)
    log_metrics(outcome)
    log_to_job(
        f"{describe(threat)}: "
        + ", ".join(f"{name} {value:.4f}" for name, value in outcome.items())
    )
    return {"x_clean": x, "x_adv": x_adv.astype(x.dtype), "y": y}


def accuracy_curve(
    model: Any,
    samples: dict[str, np.ndarray],
    threats: list[dict[str, Any]],
    max_iter: int = 10,
    seed: int = 0,
) -> list[dict[str, float]]:
    """One row per threat model (per epsilon): its epsilon and the attack's outcome."""
    rows = []
    for index, threat in enumerate(threats):
        x_adv, _ = adversarial_examples(model, samples["x"], threat, max_iter, seed)
        outcome = attack_outcome(model, samples["x"], x_adv, samples["y"])
        rows.append({"epsilon_index": index, "epsilon": threat["epsilon"], **outcome})
    return rows


@pyplugs.register
def epsilon_sweep(
    model: Any,
    samples: dict[str, np.ndarray],
    access: str,
    attack: str,
    norm: str,
    epsilons: list[float],
    max_queries: int = 0,
    max_iter: int = 10,
    seed: int = 0,
) -> list[dict[str, float]]:
    """The attack at each epsilon: accuracy versus epsilon, as table rows.

    Each epsilon's outcome is logged as metrics at step = its index in ``epsilons``, so
    the experiment's metrics view draws the curves of several sweeps side by side.
    """
    if not epsilons:
        raise ValueError("epsilons is empty: give at least one")
    threats = [threat_model(access, attack, norm, eps, max_queries) for eps in epsilons]
    for threat in threats:
        log_to_job(describe(threat))
    rows = accuracy_curve(model, samples, threats, max_iter, seed)
    for row in rows:
        step = int(row["epsilon_index"])
        log_metrics({name: v for name, v in row.items() if name != "epsilon_index"}, step=step)
        log_to_job(
            f"epsilon {row['epsilon']:g}: adversarial accuracy {row['adversarial_accuracy']:.4f}"
        )
    return rows
