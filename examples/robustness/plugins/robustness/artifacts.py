"""Artifact tasks in safe formats: models as skops (scikit-learn) or safetensors
(PyTorch), arrays as ``.npy`` without pickle, figures as PNG, tables as CSV.

A model is saved as a pickle only when the artifact output asks for it
(``args: {format: pickle}``), and ``load_model`` refuses one unless told it may.
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from dioptra.sdk.api.artifact import ArtifactTaskInterface

from ._study import is_torch_model

_SUFFIXES = {".skops": "skops", ".safetensors": "safetensors", ".pkl": "pickle"}


class ModelArtifactTask(ArtifactTaskInterface):
    """A trained model: scikit-learn as ``.skops``, PyTorch as ``.safetensors``.

    Loading gives ``{"format", "data"}``: the ``load_model`` task turns it into a model.
    """

    @staticmethod
    def serialize(
        working_dir: Path, name: str, contents: Any, format: str = "safe", **kwargs: Any
    ) -> Path:
        if format == "pickle":
            path = Path(working_dir) / f"{name}.pkl"
            path.write_bytes(pickle.dumps(contents))
        elif format != "safe":
            raise ValueError(f"format must be 'safe' or 'pickle', not {format!r}")
        elif is_torch_model(contents):
            from ._torch import model_to_safetensors

            path = Path(working_dir) / f"{name}.safetensors"
            path.write_bytes(model_to_safetensors(contents))
        else:
            import skops.io

            path = Path(working_dir) / f"{name}.skops"
            path.write_bytes(skops.io.dumps(contents))
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> dict[str, Any]:
        file = Path(working_dir) / path
        if file.suffix not in _SUFFIXES:
            raise ValueError(f"{path}: not a model artifact (.skops, .safetensors or .pkl)")
        return {"format": _SUFFIXES[file.suffix], "data": file.read_bytes()}

    @staticmethod
    def validation() -> dict[str, Any] | None:
        return {"format": {"type": "string", "enum": ["safe", "pickle"]}}


class ArraysArtifactTask(ArtifactTaskInterface):
    """Named NumPy arrays: a folder of ``.npy`` files, written and read without pickle."""

    @staticmethod
    def serialize(
        working_dir: Path, name: str, contents: dict[str, np.ndarray], **kwargs: Any
    ) -> Path:
        folder = Path(working_dir) / name
        folder.mkdir()
        for key, array in contents.items():
            np.save(folder / f"{key}.npy", np.asarray(array), allow_pickle=False)
        return folder

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> dict[str, np.ndarray]:
        folder = Path(working_dir) / path
        return {file.stem: np.load(file, allow_pickle=False) for file in folder.glob("*.npy")}


class PngArtifactTask(ArtifactTaskInterface):
    """A figure already encoded as PNG bytes."""

    @staticmethod
    def serialize(working_dir: Path, name: str, contents: bytes, **kwargs: Any) -> Path:
        if not bytes(contents[:8]).startswith(b"\x89PNG"):
            raise ValueError("the contents are not PNG-encoded bytes")
        path = Path(working_dir) / f"{name}.png"
        path.write_bytes(contents)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> bytes:
        return (Path(working_dir) / path).read_bytes()


class CsvTableArtifactTask(ArtifactTaskInterface):
    """A table (a list of rows with the same keys) as CSV; read back as strings."""

    @staticmethod
    def serialize(
        working_dir: Path, name: str, contents: list[dict[str, Any]], **kwargs: Any
    ) -> Path:
        if not contents:
            raise ValueError("the table has no rows")
        path = Path(working_dir) / f"{name}.csv"
        with path.open("w", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(contents[0]))
            writer.writeheader()
            writer.writerows(contents)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> list[dict[str, str]]:
        with (Path(working_dir) / path).open(newline="") as file:
            return list(csv.DictReader(file))
