"""The experiment document, normalised: one shape per concept, whatever form it was written in.

Parsing (``structure.py``) turns the raw mapping into these objects. A part that is
malformed is kept with its name but marked unusable (``None`` fields), so later checks
neither trip over it nor report follow-on errors about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PathKey = tuple[Any, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Port:
    """A named, typed task input or output (or an artifact input's output)."""

    name: str
    type_name: str
    path: PathKey
    required: bool = True


@dataclass
class TaskDef:
    name: str
    plugin: str | None
    inputs: list[Port] | None
    outputs: list[Port] | None
    # Declared as a list: the return value is unpacked, even for one output.
    outputs_is_list: bool
    path: PathKey
    # How messages name the task (swap compilation gives private tasks a friendly label).
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = f"task {self.name!r}"


@dataclass(frozen=True)
class Argument:
    value: Any
    path: PathKey


@dataclass
class Invocation:
    task: str
    positional: list[Argument]
    keyword: dict[str, Argument]
    path: PathKey

    def arguments(self) -> list[Argument]:
        return [*self.positional, *self.keyword.values()]


@dataclass
class SwapDef:
    name: str
    outputs: list[str]
    aliases: dict[str, Invocation | None]
    path: PathKey


@dataclass
class Step:
    name: str
    invocation: Invocation | None
    dependencies: list[tuple[str, PathKey]]
    path: PathKey
    swap: SwapDef | None = None


@dataclass
class Parameter:
    name: str
    type_name: str | None
    default: Any
    path: PathKey
    broken: bool = False

    @property
    def has_default(self) -> bool:
        return self.default is not MISSING


@dataclass
class ArtifactInputDef:
    name: str
    outputs: list[Port] | None
    path: PathKey


@dataclass
class ArtifactOutputDef:
    name: str
    contents: Any
    task_name: str | None
    args: dict[str, Any] | None
    path: PathKey
    broken: bool = False


@dataclass
class ExperimentDocument:
    types: dict[Any, Any] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    tasks: dict[str, TaskDef] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    artifact_inputs: dict[str, ArtifactInputDef] = field(default_factory=dict)
    artifact_outputs: dict[str, ArtifactOutputDef] = field(default_factory=dict)
