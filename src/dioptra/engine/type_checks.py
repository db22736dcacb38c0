"""Type checking: every invocation argument and every parameter default (§3.4)."""

from __future__ import annotations

from typing import Any

from dioptra.engine.collector import IssueCollector
from dioptra.engine.document import Argument, ExperimentDocument, Parameter, Port, Step, TaskDef
from dioptra.engine.issues import IssueKind
from dioptra.engine.references import Reference
from dioptra.engine.resolution import Resolver, Unknowable
from dioptra.engine.semantics import argument_label
from dioptra.engine.type_definitions import TypeRegistry
from dioptra.engine.type_system import Type, infer_type, is_compatible

TYPE = IssueKind.TYPE


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class TypeChecker:
    def __init__(
        self, model: ExperimentDocument, registry: TypeRegistry, resolver: Resolver
    ) -> None:
        self.model = model
        self.registry = registry
        self.resolver = resolver
        self._parameter_types: dict[str, Type | None] = {}

    def parameter_type(self, parameter: Parameter) -> Type | None:
        """Declared type, else the type inferred from the default."""
        if parameter.name not in self._parameter_types:
            found: Type | None = None
            if parameter.broken:
                found = None
            elif parameter.type_name is not None:
                found = self.registry.get(parameter.type_name)
            elif parameter.has_default:
                found = infer_type(parameter.default)
            self._parameter_types[parameter.name] = found
        return self._parameter_types[parameter.name]

    def reference_type(self, reference: Reference) -> Type | None:
        try:
            target = self.resolver.resolve(reference)
        except (Unknowable, ValueError):
            return None  # reported (or unknowable) elsewhere
        if target.parameter is not None:
            return self.parameter_type(target.parameter)
        if target.step is not None and target.step.swap is not None:
            return None  # an unrendered swap: its output types depend on the choice
        return None if target.port is None else self.registry.get(target.port.type_name)

    def check(self, collector: IssueCollector) -> None:
        for parameter in self.model.parameters.values():
            self._check_default(parameter, collector)
        for step in self.model.steps.values():
            invocation = step.invocation
            task = self.model.tasks.get(invocation.task) if invocation is not None else None
            if invocation is None or task is None or task.inputs is None:
                continue
            for index, argument in enumerate(invocation.positional[: len(task.inputs)]):
                self._check_argument(step, task, task.inputs[index], argument, index, collector)
            by_name = {port.name: port for port in task.inputs}
            for keyword, argument in invocation.keyword.items():
                if keyword in by_name:
                    self._check_argument(step, task, by_name[keyword], argument, None, collector)

    def _check_default(self, parameter: Parameter, collector: IssueCollector) -> None:
        if parameter.broken or parameter.type_name is None or not parameter.has_default:
            return
        declared = self.registry.get(parameter.type_name)
        given = infer_type(parameter.default)
        if declared is None or given is None or is_compatible(given, declared):
            return
        collector.add(
            TYPE,
            f"the default {_show(parameter.default)} has type {given}, which does not fit "
            f"the declared type {declared}",
            path=(*parameter.path, "default"),
            subject=f"parameter {parameter.name!r}",
        )

    def _check_argument(
        self,
        step: Step,
        task: TaskDef,
        port: Port,
        argument: Argument,
        index: int | None,
        collector: IssueCollector,
    ) -> None:
        expected = self.registry.get(port.type_name)
        if expected is None:
            return
        given = infer_type(argument.value, self.reference_type)
        if given is None or is_compatible(given, expected):
            return
        label = port.name if index is None else argument_label(index, task)
        collector.add(
            TYPE,
            f"input {port.name!r} of {task.label} expects {expected}, but the value "
            f"{_show(argument.value)} has type {given}",
            path=argument.path,
            step=step.name,
            argument=label,
        )
