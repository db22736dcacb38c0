"""Validation of experiment documents (stub: being written)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dioptra.engine.issues import Issue
from dioptra.engine.source_map import SourceMap


def validate(
    document: Mapping[str, Any] | str,
    *,
    artifact_tasks: Mapping[str, Mapping[str, Any] | None] | None = None,
    source_map: SourceMap | None = None,
) -> list[Issue]:
    raise NotImplementedError
