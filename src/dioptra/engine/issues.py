"""Validation findings: what is wrong, how badly, and where."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class IssueKind(enum.Enum):
    """The validation stage that found the problem."""

    SYNTAX = "syntax"
    SCHEMA = "schema"
    SEMANTIC = "semantic"
    TYPE = "type"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem in an experiment document.

    ``message`` is complete prose (it names the step, the argument and the line when
    known); the other fields repeat that information in structured form.
    """

    kind: IssueKind
    severity: Severity
    message: str
    step: str | None = None
    argument: str | None = None
    line: int | None = None
    path: tuple[Any, ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        # The form Dioptra 1.2 uses in its save-time error lists.
        return f"{self.kind.value}.{self.severity.value}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "message": self.message,
            "step": self.step,
            "argument": self.argument,
            "line": self.line,
            "path": list(self.path),
        }


def is_valid(issues: Iterable[Issue]) -> bool:
    """True when no issue is an error (warnings are allowed)."""
    return not any(issue.is_error for issue in issues)
