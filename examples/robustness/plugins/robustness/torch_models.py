"""Train the small PyTorch CNN (on the GPU when there is one)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dioptra import pyplugs

from ._study import log_metrics, log_to_job


@pyplugs.register
def train_torch_cnn(
    dataset: dict[str, Any], epochs: int = 10, adversarial_epsilon: float = 0.0, seed: int = 0
) -> Any:
    """Fit ``DigitsCNN``; log the loss per epoch and the clean test accuracy.

    With ``adversarial_epsilon`` > 0 this is adversarial training (Madry et al.): each
    batch is replaced by PGD adversarial examples at that L-infinity epsilon.
    """
    import torch

    from ._torch import DigitsCNN, art_classifier, device

    torch.manual_seed(seed)
    np.random.seed(seed)
    model = DigitsCNN().to(device())
    classifier = art_classifier(model, torch.optim.Adam(model.parameters(), lr=1e-3))
    x_train, y_train = dataset["x_train"], dataset["y_train"]
    if adversarial_epsilon > 0:
        from art.attacks.evasion import ProjectedGradientDescent
        from art.defences.trainer import AdversarialTrainer

        pgd = ProjectedGradientDescent(
            classifier, eps=adversarial_epsilon, eps_step=adversarial_epsilon / 4, max_iter=5,
            verbose=False,
        )  # fmt: skip
        AdversarialTrainer(classifier, pgd, ratio=1.0).fit(
            x_train, y_train, nb_epochs=epochs, batch_size=64
        )
        log_to_job(f"adversarial training: PGD, epsilon {adversarial_epsilon:g}")
    else:
        classifier.fit(x_train, y_train, nb_epochs=epochs, batch_size=64)
    predicted = classifier.predict(dataset["x_test"]).argmax(axis=1)
    accuracy = float((predicted == dataset["y_test"]).mean())
    log_to_job(f"trained DigitsCNN on {device()}: clean test accuracy {accuracy:.4f}")
    log_metrics({"clean_accuracy": accuracy})
    return classifier.model.eval()
