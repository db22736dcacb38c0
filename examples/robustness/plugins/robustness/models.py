"""Train a model (scikit-learn here; the PyTorch CNN is in ``torch_models.py``) and load
one saved by another job."""

from __future__ import annotations

import io
import pickle
from typing import Any

import numpy as np

from dioptra import pyplugs

from ._study import art_classifier, log_metrics, log_to_job

SKLEARN_MODELS = ("logistic_regression", "svc")


def _sklearn_model(name: str, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import SVC

    if name == "logistic_regression":
        return LogisticRegression(max_iter=1000, random_state=seed)
    if name == "svc":
        return SVC(kernel="linear", probability=False, random_state=seed)
    raise ValueError(f"unknown model {name!r}; choose one of {', '.join(SKLEARN_MODELS)}")


@pyplugs.register
def train_sklearn_classifier(
    dataset: dict[str, Any],
    model: str = "logistic_regression",
    adversarial_epsilon: float = 0.0,
    seed: int = 0,
) -> Any:
    """Fit a scikit-learn classifier; log its clean test accuracy.

    With ``adversarial_epsilon`` > 0 this is adversarial training: the fitted model is
    attacked with FGSM (L-infinity, that epsilon) on its own training set, and refitted
    on the clean and adversarial images together.
    """
    x_train, y_train = dataset["x_train"], dataset["y_train"]
    classifier = _sklearn_model(model, seed).fit(x_train, y_train)
    if adversarial_epsilon > 0:
        from art.attacks.evasion import FastGradientMethod

        attack = FastGradientMethod(art_classifier(classifier), eps=adversarial_epsilon)
        x_adv = attack.generate(x_train).astype(x_train.dtype)
        classifier = _sklearn_model(model, seed).fit(
            np.concatenate([x_train, x_adv]), np.concatenate([y_train, y_train])
        )
        log_to_job(f"adversarial training: FGSM, epsilon {adversarial_epsilon:g}")
    accuracy = float((classifier.predict(dataset["x_test"]) == dataset["y_test"]).mean())
    log_to_job(f"trained {model}: clean test accuracy {accuracy:.4f}")
    log_metrics({"clean_accuracy": accuracy})
    return classifier


@pyplugs.register
def load_model(stored: dict[str, Any], allow_pickle: bool = False) -> Any:
    """The model in a model artifact (see ``ModelArtifactTask``).

    A pickle can run any code when it is loaded, so a pickled model is refused unless
    ``allow_pickle`` is true: set it only for a model whose origin you trust.
    """
    kind, data = stored["format"], stored["data"]
    if kind == "skops":
        import skops.io

        untrusted = skops.io.get_untrusted_types(data=data)
        if untrusted:
            raise ValueError(
                "the skops model holds types that are not known to be safe: " + ", ".join(untrusted)
            )
        return skops.io.loads(data)
    if kind == "safetensors":
        from ._torch import model_from_safetensors

        return model_from_safetensors(data)
    if kind == "pickle":
        if not allow_pickle:
            raise ValueError(
                "refusing to load a pickled model: unpickling runs arbitrary code. "
                "Set allow_pickle=true only if you trust where this artifact came from."
            )
        log_to_job("loading a pickled model (allow_pickle=true)")
        return pickle.load(io.BytesIO(data))  # the user opted in
    raise ValueError(f"unknown model format {kind!r}")
