"""Running an experiment document (stub: being written)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dioptra.sdk.api.artifact import ArtifactTaskInterface


@dataclass(frozen=True)
class ArtifactInput:
    task: type[ArtifactTaskInterface]
    working_dir: Path
    path: str


@dataclass(frozen=True)
class SavedArtifact:
    name: str
    task_name: str
    path: Path
    is_dir: bool


@dataclass
class RunResult:
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    artifacts: list[SavedArtifact] = field(default_factory=list)


def run_experiment(
    document: Mapping[str, Any] | str,
    parameters: Mapping[str, Any] | None = None,
    *,
    swaps: Mapping[str, str] | None = None,
    working_dir: Path,
    artifact_inputs: Mapping[str, ArtifactInput] | None = None,
    artifact_tasks: Mapping[str, type[ArtifactTaskInterface]] | None = None,
    plugin_paths: Sequence[Path] = (),
) -> RunResult:
    raise NotImplementedError
