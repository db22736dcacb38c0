"""Exceptions the engine raises; every one carries a message a user can act on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dioptra.engine.issues import Issue


class EngineError(Exception):
    """Base class of every error the engine raises on purpose."""


class YamlSyntaxError(EngineError):
    """The YAML text does not parse; ``line`` and ``column`` are 1-based when known."""

    heading = "invalid YAML"

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{self.heading}: {where}{problem}")
        self.problem = problem
        self.line = line
        self.column = column


class DocumentTooLargeError(YamlSyntaxError):
    """The document is over a bound of ``limits.DocumentLimits``. A ``YamlSyntaxError``,
    so every reader of YAML refuses it as it refuses text that does not parse."""

    _SIZES = {
        "bytes": "the document is {value} bytes long",
        "nodes": "the document expands to {value} YAML nodes (an alias counts as a copy"
        " of its anchor's nodes each time it is used)",
        "steps": "the graph has {value} steps",
        "step checks": "validating every swap combination means checking {value} steps"
        " (the graph's steps once per combination: the default, then one per other alias)",
    }

    heading = "document too large"

    def __init__(self, bound: str, value: int, limit: int) -> None:
        self.bound = bound
        self.value = value
        self.limit = limit
        super().__init__(f"{self._SIZES[bound].format(value=value)}; the limit is {limit} {bound}")


class ExperimentValidationError(EngineError):
    """The document has validation errors; ``issues`` lists all of them (warnings too)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        errors = [str(issue) for issue in self.issues if issue.is_error]
        count = len(errors)
        super().__init__(
            f"the experiment document has {count} error{'s' if count != 1 else ''}:\n  "
            + "\n  ".join(errors)
        )


class MissingGlobalParametersError(EngineError):
    """Global parameters without a supplied value or a default."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        super().__init__(
            "no value was supplied, and there is no default, for global parameter(s): "
            + ", ".join(repr(name) for name in self.names)
        )


class SwapError(EngineError):
    """Swap choices that do not fit the document (unknown swap or alias, missing choice)."""


class PluginLoadError(EngineError):
    """A task's plugin function cannot be imported or is not registered with pyplugs."""


class ArtifactError(EngineError):
    """An artifact task misbehaved in a way that is not an exception of its own
    (for example ``serialize`` returned a path outside the working directory)."""


class TaskExecutionError(EngineError):
    """A task (or an artifact task) raised; the original exception is ``__cause__``.

    ``step`` is the graph step (None for artifact inputs/outputs), ``task`` the task
    name, ``plugin`` its plugin path or artifact task class, ``traceback_text`` the
    formatted traceback of the original exception.
    """

    def __init__(
        self,
        message: str,
        *,
        step: str | None,
        task: str,
        plugin: str,
        traceback_text: str,
    ) -> None:
        super().__init__(message)
        self.step = step
        self.task = task
        self.plugin = plugin
        self.traceback_text = traceback_text
