"""The interface plugin authors implement to save and load typed artifacts.

An artifact task is a class with three static methods. ``serialize`` writes an
in-memory object under ``working_dir`` and returns the path it wrote (a file or a
directory, which must stay inside ``working_dir``); ``deserialize`` reads it back;
``validation`` optionally returns JSON-Schema ``properties`` for the keyword
arguments ``serialize`` accepts (the ``args`` of an artifact output).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any


class ArtifactTaskInterface(ABC):
    @staticmethod
    @abstractmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        """Write ``contents`` under ``working_dir`` and return the written path."""

    @staticmethod
    @abstractmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        """Read the artifact at ``working_dir / path`` back into an object."""

    @staticmethod
    def validation() -> dict[str, Any] | None:
        """JSON-Schema ``properties`` for ``serialize``'s keyword arguments, or None."""
        return None
