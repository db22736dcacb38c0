"""The PyTorch side of the study: a small CNN for 8x8 digits, its ART estimator and its
safetensors form. Imported only by PyTorch tasks (PyTorch is the optional ``torch``
extra)."""

from __future__ import annotations

import json
from typing import Any

import torch
from torch import nn

from ._study import CLIP_VALUES, IMAGE_SIDE, N_CLASSES

ARCHITECTURE = "digits_cnn_v1"


class DigitsCNN(nn.Module):
    """Two 3x3 convolutions and a linear layer, for flat rows of 8x8 pixels."""

    def __init__(self, channels: int = 16) -> None:
        super().__init__()
        self.channels = channels
        self.features = nn.Sequential(
            nn.Conv2d(1, channels, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(channels, 2 * channels, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(2 * channels * (IMAGE_SIDE // 2) ** 2, N_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        images = x.reshape(-1, 1, IMAGE_SIDE, IMAGE_SIDE)
        return self.classifier(self.features(images).flatten(1))


def device() -> torch.device:
    """The GPU when there is one."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def art_classifier(model: nn.Module, optimizer: torch.optim.Optimizer | None = None) -> Any:
    """ART's estimator of ``model`` (``optimizer`` is needed only to train it)."""
    from art.estimators.classification import PyTorchClassifier

    return PyTorchClassifier(
        model=model,
        loss=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        input_shape=(IMAGE_SIDE * IMAGE_SIDE,),
        nb_classes=N_CLASSES,
        clip_values=CLIP_VALUES,
        device_type="gpu" if torch.cuda.is_available() else "cpu",
    )


def model_to_safetensors(model: nn.Module) -> bytes:
    """The weights, and in the metadata what rebuilds the module around them."""
    from safetensors.torch import save

    if not isinstance(model, DigitsCNN):
        raise TypeError(f"only DigitsCNN models are saved, not {type(model).__name__}")
    weights = {
        name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()
    }
    metadata = {"architecture": ARCHITECTURE, "config": json.dumps({"channels": model.channels})}
    return save(weights, metadata=metadata)


def model_from_safetensors(data: bytes) -> nn.Module:
    from safetensors.torch import load

    header_length = int.from_bytes(data[:8], "little")
    metadata = json.loads(data[8 : 8 + header_length]).get("__metadata__", {})
    if metadata.get("architecture") != ARCHITECTURE:
        raise ValueError(f"not a {ARCHITECTURE} model: {metadata.get('architecture')!r}")
    model = DigitsCNN(**json.loads(metadata["config"]))
    model.load_state_dict(load(data))
    return model.to(device()).eval()
