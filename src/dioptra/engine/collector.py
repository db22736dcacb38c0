"""Gathers issues during validation and words their location consistently."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dioptra.engine.issues import Issue, IssueKind, Severity
from dioptra.engine.source_map import SourceMap


def quoted(name: Any) -> str:
    return repr(name) if isinstance(name, str) else str(name)


def describe(step: str | None, argument: str | None) -> str:
    parts = []
    if step is not None:
        parts.append(f"step {quoted(step)}")
    if argument is not None:
        parts.append(f"argument {quoted(argument)}")
    return ", ".join(parts)


class IssueCollector:
    """Builds ``Issue`` objects: "<subject> (line N): <problem>".

    ``subject`` names the thing at fault ("step 'train', argument 'epochs'",
    "parameter 'rate'"); when omitted it is built from ``step`` and ``argument``.
    ``prefix`` (used for swap renderings) is put in front of every message and
    ``rename`` lets swap compilation show private task names the way users wrote them.
    """

    def __init__(
        self,
        source_map: SourceMap | None = None,
        *,
        prefix: str = "",
        rename: Callable[[str], str] | None = None,
    ) -> None:
        self.source_map = source_map
        self.prefix = prefix
        self.rename = rename
        self.issues: list[Issue] = []

    def add(
        self,
        kind: IssueKind,
        problem: str,
        *,
        path: Sequence[Any] = (),
        subject: str | None = None,
        step: str | None = None,
        argument: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line = self.source_map.line(path) if self.source_map is not None and path else None
        where = subject if subject is not None else describe(step, argument)
        if line is not None:
            where = f"{where} (line {line})" if where else f"line {line}"
        message = f"{where}: {problem}" if where else problem
        if self.rename is not None:
            message = self.rename(message)
        self.issues.append(
            Issue(
                kind=kind,
                severity=severity,
                message=self.prefix + message,
                step=step,
                argument=argument,
                line=line,
                path=tuple(path),
            )
        )

    def error_count(self) -> int:
        return sum(1 for issue in self.issues if issue.is_error)
