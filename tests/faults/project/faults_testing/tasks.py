"""A file artifact of a given size, for the fault tests of artifact storage."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dioptra import pyplugs
from dioptra.sdk.api.artifact import ArtifactTaskInterface

CHUNK = 1024 * 1024


@pyplugs.register
def byte_count(size: int) -> int:
    return size


class BytesArtifactTask(ArtifactTaskInterface):
    """Writes ``contents`` random bytes (incompressible, so no store can shrink them)."""

    @staticmethod
    def serialize(working_dir: Path, name: str, contents: int, **kwargs: Any) -> Path:
        path = Path(working_dir) / f"{name}.bin"
        with path.open("wb") as file:
            for start in range(0, contents, CHUNK):
                file.write(os.urandom(min(CHUNK, contents - start)))
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> int:
        return (Path(working_dir) / path).stat().st_size
