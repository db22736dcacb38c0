"""Tutorial part 4: artifact tasks that save task outputs as files and load them back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from dioptra.sdk.api.artifact import ArtifactTaskInterface


class NumpyArrayArtifactTask(ArtifactTaskInterface):
    """A NumPy array, saved in NumPy's ``.npy`` format."""

    @staticmethod
    def serialize(working_dir: Path, name: str, contents: np.ndarray, **kwargs: Any) -> Path:
        path = Path(working_dir) / f"{name}.npy"
        np.save(path, np.asarray(contents), allow_pickle=False)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> np.ndarray:
        return np.load(Path(working_dir) / path, allow_pickle=False)


class PngBytesArtifactTask(ArtifactTaskInterface):
    """An image already encoded as PNG bytes, saved as a ``.png`` file."""

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
