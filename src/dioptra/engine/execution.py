"""``run_experiment``: validate, load artifact inputs, run the steps, save artifact outputs.

Steps run one at a time in dependency order (references to steps plus explicit
``dependencies``). A task's exception stops the run as a ``TaskExecutionError`` that
names the step, the task and the original error.
"""

from __future__ import annotations

import copy
import graphlib
import logging
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dioptra.engine.collector import IssueCollector
from dioptra.engine.document import ExperimentDocument, Port, Step, TaskDef
from dioptra.engine.errors import (
    ArtifactError,
    EngineError,
    ExperimentValidationError,
    MissingGlobalParametersError,
    SwapError,
    TaskExecutionError,
)
from dioptra.engine.plugins import load_task_function, plugin_search_path
from dioptra.engine.references import Reference, resolve_value
from dioptra.engine.semantics import step_edges
from dioptra.engine.structure import parse_document
from dioptra.engine.swap_choice import check_swaps, choose, swap_steps
from dioptra.engine.validation import (
    apply_private_labels,
    check_definitions,
    check_graph,
    guarded,
    load_document,
    private_name_renamer,
)
from dioptra.sdk.api.artifact import ArtifactTaskInterface

logger = logging.getLogger("dioptra.engine")


@dataclass(frozen=True)
class ArtifactInput:
    """A stored artifact to load: ``task.deserialize(working_dir, path)``."""

    task: type[ArtifactTaskInterface]
    working_dir: Path
    path: str


@dataclass(frozen=True)
class SavedArtifact:
    """An artifact output written by ``serialize``; ``path`` lies inside the working dir."""

    name: str
    task_name: str
    path: Path
    is_dir: bool


@dataclass
class RunResult:
    """``outputs``: step -> output name -> value; ``artifacts``: in document order."""

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
    """Validate and run ``document`` (a mapping or YAML text).

    ``parameters`` supplies global values (defaults fill the rest; undeclared ones are
    dropped with a warning); ``swaps`` chooses an alias per swap; ``artifact_tasks``
    maps the artifact task names of ``artifact_outputs`` to their classes;
    ``plugin_paths`` are the directories plugin modules are imported from.
    """
    classes = dict(artifact_tasks or {})
    model = _validated_model(document, swaps or {}, classes)
    run = _Run(model, Path(working_dir), classes)
    run.globals = _resolve_globals(model, parameters or {})
    with plugin_search_path(plugin_paths):
        used = {step.invocation.task for step in model.steps.values() if step.invocation}
        functions = {
            name: load_task_function(task.plugin or "", task.label)
            for name, task in model.tasks.items()
            if name in used
        }
        run.load_artifact_inputs(artifact_inputs or {})
        for step_name in _execution_order(model):
            run.run_step(model.steps[step_name], functions)
        artifacts = run.save_artifact_outputs()
    return RunResult(outputs=run.step_outputs, artifacts=artifacts)


def _validated_model(
    document: Mapping[str, Any] | str,
    swaps: Mapping[str, str],
    classes: Mapping[str, type[ArtifactTaskInterface]],
) -> ExperimentDocument:
    data, source_map, syntax_issue = load_document(document, None)
    if syntax_issue is not None:
        raise ExperimentValidationError([syntax_issue])
    schemas = {name: _argument_schema(name, cls) for name, cls in classes.items()}
    collector = IssueCollector(source_map, rename=private_name_renamer(document))
    result: list[ExperimentDocument] = []
    bad_choices: list[SwapError] = []

    def work() -> None:
        model = parse_document(data, collector)
        if model is None:
            return
        apply_private_labels(model, document)
        try:
            _check_swap_choices(model, swaps)
        except SwapError as error:
            bad_choices.append(error)
            return
        registry = check_definitions(model, collector)
        check_swaps(model, collector)
        chosen = choose(model, swaps, collector)
        check_graph(chosen, registry, schemas, collector)
        result.append(chosen)

    issues = guarded(collector, work)
    if bad_choices:
        raise bad_choices[0]
    if collector.error_count() or not result:
        raise ExperimentValidationError(issues)
    for issue in issues:
        logger.warning("%s", issue)
    return result[0]


def _check_swap_choices(model: ExperimentDocument, swaps: Mapping[str, str]) -> None:
    offered = {step.swap.name: step.swap for step in swap_steps(model) if step.swap is not None}
    for name, alias in swaps.items():
        if name not in offered:
            known = ", ".join(map(repr, offered)) or "none"
            raise SwapError(f"unknown swap {name!r}: the graph's swaps are {known}")
        if alias not in offered[name].aliases:
            aliases = ", ".join(map(repr, offered[name].aliases))
            raise SwapError(f"swap {name!r} has no alias {alias!r} (its aliases: {aliases})")


def _argument_schema(name: str, cls: type[ArtifactTaskInterface]) -> Mapping[str, Any] | None:
    if not callable(getattr(cls, "serialize", None)):
        raise EngineError(
            f"artifact task {name!r} is not an artifact task class (it has no serialize); "
            "subclass dioptra.sdk.api.artifact.ArtifactTaskInterface"
        )
    validation = getattr(cls, "validation", None)
    if not callable(validation):
        return None
    try:
        schema = validation()
    except Exception as error:
        raise EngineError(
            f"artifact task {name!r}: validation() failed ({type(error).__name__}: {error})"
        ) from error
    return schema if isinstance(schema, Mapping) else None


def _resolve_globals(model: ExperimentDocument, supplied: Mapping[str, Any]) -> dict[str, Any]:
    extra = [name for name in supplied if name not in model.parameters]
    if extra:
        logger.warning(
            "ignoring values for undeclared global parameters: %s", ", ".join(map(repr, extra))
        )
    values: dict[str, Any] = {}
    missing = []
    for name, parameter in model.parameters.items():
        if name in supplied:
            values[name] = supplied[name]
        elif parameter.has_default:
            values[name] = copy.deepcopy(parameter.default)
        else:
            missing.append(name)
    if missing:
        raise MissingGlobalParametersError(missing)
    return values


def _execution_order(model: ExperimentDocument) -> list[str]:
    sorter = graphlib.TopologicalSorter(
        {name: step_edges(step, model, set()) for name, step in model.steps.items()}
    )
    return list(sorter.static_order())  # validation has ruled out cycles


def _failure(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


class _Run:
    def __init__(
        self,
        model: ExperimentDocument,
        working_dir: Path,
        classes: Mapping[str, type[ArtifactTaskInterface]],
    ) -> None:
        self.model = model
        self.working_dir = working_dir
        self.classes = classes
        self.globals: dict[str, Any] = {}
        self.step_outputs: dict[str, dict[str, Any]] = {}
        self.artifact_values: dict[str, dict[str, Any]] = {}

    def lookup(self, reference: Reference) -> Any:
        root, output = reference.root, reference.output
        if output is None and root in self.globals:
            return self.globals[root]
        for owner, produced in (
            ("step", self.step_outputs),
            ("artifact input", self.artifact_values),
        ):
            if root not in produced:
                continue
            values = produced[root]
            if output is None:
                if len(values) == 1:
                    return next(iter(values.values()))
                raise EngineError(
                    f"reference {reference.text!r}: {owner} {root!r} produced "
                    f"{len(values)} outputs, not exactly one"
                )
            if output in values:
                return values[output]
            raise EngineError(
                f"reference {reference.text!r}: {owner} {root!r} produced no output {output!r}"
            )
        raise EngineError(f"unresolvable reference {reference.text!r}")

    def load_artifact_inputs(self, supplied: Mapping[str, ArtifactInput]) -> None:
        extra = [name for name in supplied if name not in self.model.artifact_inputs]
        if extra:
            logger.warning("ignoring undeclared artifact inputs: %s", ", ".join(map(repr, extra)))
        for name, declared in self.model.artifact_inputs.items():
            artifact = supplied.get(name)
            if artifact is None:
                raise EngineError(f"no artifact was supplied for artifact input {name!r}")
            task_name = getattr(artifact.task, "__name__", repr(artifact.task))
            logger.info("loading artifact input %r with %s", name, task_name)
            try:
                value = artifact.task.deserialize(Path(artifact.working_dir), artifact.path)
            except Exception as error:
                raise TaskExecutionError(
                    f"artifact input {name!r}: {task_name}.deserialize failed: "
                    f"{type(error).__name__}: {error}",
                    step=None,
                    task=task_name,
                    plugin=_qualified(artifact.task),
                    traceback_text=_failure(error),
                ) from error
            ports = declared.outputs or []
            where = f"artifact input {name!r} ({task_name}.deserialize)"
            self.artifact_values[name] = self._bind(value, ports, len(ports) > 1, where, None)

    def run_step(self, step: Step, functions: Mapping[str, Callable[..., Any]]) -> None:
        invocation = step.invocation
        assert invocation is not None  # validation guarantees every step is callable
        task = self.model.tasks[invocation.task]
        args = [resolve_value(argument.value, self.lookup) for argument in invocation.positional]
        kwargs = {
            name: resolve_value(argument.value, self.lookup)
            for name, argument in invocation.keyword.items()
        }
        logger.info("step %r (%s) started", step.name, task.label)
        started = time.perf_counter()
        try:
            result = functions[invocation.task](*args, **kwargs)
        except Exception as error:
            raise self._task_error(step, task, error) from error
        self.step_outputs[step.name] = self._bind(
            result, task.outputs or [], task.outputs_is_list, f"step {step.name!r}", (step, task)
        )
        logger.info("step %r finished in %.3f s", step.name, time.perf_counter() - started)

    @staticmethod
    def _task_error(step: Step, task: TaskDef, error: Exception) -> TaskExecutionError:
        return TaskExecutionError(
            f"step {step.name!r} failed in {task.label} (plugin {task.plugin!r}): "
            f"{type(error).__name__}: {error}",
            step=step.name,
            task=task.name,
            plugin=task.plugin or "",
            traceback_text=_failure(error),
        )

    def _bind(
        self,
        value: Any,
        ports: list[Port],
        unpack: bool,
        where: str,
        step_task: tuple[Step, TaskDef] | None,
    ) -> dict[str, Any]:
        """Output name -> value: the whole value for a single output, else unpacked."""
        if not ports:
            return {}
        if not unpack:
            return {ports[0].name: value}
        names = [port.name for port in ports]
        try:
            values = list(value)
        except TypeError:
            message = (
                f"{where}: declares the outputs {names}, so it must return an iterable of "
                f"{len(names)} value(s), but it returned {type(value).__name__}"
            )
            if step_task is None:
                raise EngineError(message) from None
            step, task = step_task
            raise TaskExecutionError(
                message, step=step.name, task=task.name, plugin=task.plugin or "", traceback_text=""
            ) from None
        except Exception as error:  # a generator that fails while being unpacked
            if step_task is None:
                raise EngineError(f"{where}: {type(error).__name__}: {error}") from error
            raise self._task_error(*step_task, error) from error
        if len(values) != len(names):
            logger.warning(
                "%s returned %d values for the %d outputs %s", where, len(values), len(names), names
            )
        return dict(zip(names, values, strict=False))

    def save_artifact_outputs(self) -> list[SavedArtifact]:
        saved = []
        for name, output in self.model.artifact_outputs.items():
            task_name = output.task_name or ""
            cls = self.classes[task_name]  # validation checked the name
            contents = resolve_value(output.contents, self.lookup)
            logger.info("saving artifact output %r with %s", name, task_name)
            try:
                returned = cls.serialize(self.working_dir, name, contents, **(output.args or {}))
            except Exception as error:
                raise TaskExecutionError(
                    f"artifact output {name!r}: {task_name}.serialize failed: "
                    f"{type(error).__name__}: {error}",
                    step=None,
                    task=task_name,
                    plugin=_qualified(cls),
                    traceback_text=_failure(error),
                ) from error
            path = _confined(returned, self.working_dir, f"artifact output {name!r} ({task_name})")
            saved.append(SavedArtifact(name, task_name, path, path.is_dir()))
        return saved


def _qualified(cls: Any) -> str:
    return f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', repr(cls))}"


def _confined(returned: Any, working_dir: Path, where: str) -> Path:
    """The path ``serialize`` returned, if it is an existing file or directory strictly
    inside the working directory once symlinks are resolved."""
    if not isinstance(returned, str | Path):
        raise ArtifactError(
            f"{where}: serialize must return the path it wrote, not {type(returned).__name__}"
        )
    root = working_dir.resolve()
    candidate = Path(returned)
    if not candidate.is_absolute():
        candidate = root / candidate
    resolved = candidate.resolve()
    if resolved == root or not resolved.is_relative_to(root):
        raise ArtifactError(
            f"{where}: serialize returned {str(returned)!r}, which is outside the working "
            f"directory {str(root)!r}; artifacts must be written inside it"
        )
    if not resolved.exists():
        raise ArtifactError(f"{where}: serialize returned {str(returned)!r}, which does not exist")
    return resolved
