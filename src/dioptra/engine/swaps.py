"""Swaps (Dioptra 1.2): steps that offer several task choices (stub: being written)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dioptra.engine.issues import Issue
from dioptra.engine.source_map import SourceMap


@dataclass(frozen=True)
class SwapInfo:
    swap_name: str
    step: str
    aliases: dict[str, str]
    outputs: list[str]


def list_swaps(document: Mapping[str, Any]) -> list[SwapInfo]:
    raise NotImplementedError


def render_swaps(
    document: Mapping[str, Any], choices: Mapping[str, str], *, partial: bool = False
) -> dict[str, Any]:
    raise NotImplementedError


def compile_swaps(document: Mapping[str, Any], choices: Mapping[str, str]) -> dict[str, Any]:
    raise NotImplementedError


def validate_swappable(
    document: Mapping[str, Any] | str,
    *,
    artifact_tasks: Mapping[str, Mapping[str, Any] | None] | None = None,
    source_map: SourceMap | None = None,
) -> list[Issue]:
    raise NotImplementedError


def graph_reference_roots(document: Mapping[str, Any]) -> set[str]:
    raise NotImplementedError
