"""Errors of the entrypoint family. Class names are what clients see as ``error``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dioptra.server.services.core.errors import DioptraError


class EntrypointValidationError(DioptraError):
    """The graph does not validate (400). ``detail.reason`` maps each failed stage
    (``schema_issues``, ``swap_issues``, ``rendered_validation_errors``,
    ``missing_global_params``) to its messages; 1.2 puts the dict's repr in ``message``."""

    def __init__(self, reason: Mapping[str, Sequence[str]]) -> None:
        plain = {key: list(values) for key, values in reason.items()}
        super().__init__(repr(plain), {"reason": plain})
        self.reason = plain


class InvalidYamlError(DioptraError):
    def __init__(self, problem: str) -> None:
        super().__init__(f"Failed to parse entrypoint task graph YAML: {problem}")


class EntrypointTooLargeError(DioptraError):
    """A task or artifact graph over the engine's document limits (400): refused before
    any validation, as too costly to check."""


class EmptyGraphError(DioptraError):
    def __init__(self) -> None:
        super().__init__("Provided swaps graph is empty.")


class EntrypointSwapsRenderError(DioptraError):
    """Swap choices that do not fit the graph (missing, unknown swap, unknown alias)."""


class TasksNotFoundError(DioptraError):
    def __init__(self, task_names: Sequence[str]) -> None:
        super().__init__(
            f"Tasks {list(task_names)} are not registered in the entrypoint's plugins."
        )


class EntrypointParameterTypeMismatchError(DioptraError):
    """A parameter default does not have the form of its declared type (400)."""

    def __init__(self, failures: Sequence[tuple[str, str | None, str]]) -> None:
        values = [value for _, value, _ in failures]
        names = [name for name, _, _ in failures]
        types = [parameter_type for _, _, parameter_type in failures]
        super().__init__(
            f'Could not cast value(s) "{values}" of parameter(s) "{names}" to declared '
            f'entrypoint parameter type "{types}".'
        )


class ArtifactTaskNotRegisteredError(DioptraError):
    """A job of an entrypoint whose artifact graph names an artifact task that no bound
    artifact plugin registers (400; the save only warned)."""

    def __init__(self, entrypoint: str, task_names: Sequence[str]) -> None:
        tasks = ", ".join(repr(name) for name in task_names)
        super().__init__(
            f"The artifact output graph of entrypoint {entrypoint!r} names the artifact "
            f"task(s) {tasks}, which no attached artifact plugin registers; attach a "
            "plugin that registers them, or change the artifact output graph.",
            {"artifact_tasks": list(task_names)},
        )
