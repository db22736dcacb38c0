"""What a reference points at, for validation and type inference.

``$x.y``: output ``y`` of step ``x``, else of artifact input ``x``. ``$x``: global
parameter ``x``, else the single output of step ``x``, else of artifact input ``x``.
"""

from __future__ import annotations

from dataclasses import dataclass

from dioptra.engine.collector import quoted
from dioptra.engine.document import ArtifactInputDef, ExperimentDocument, Parameter, Port, Step
from dioptra.engine.references import Reference


@dataclass(frozen=True)
class Target:
    """A resolved reference: a parameter, or one output (``port``) of a step/artifact input."""

    parameter: Parameter | None = None
    step: Step | None = None
    artifact_input: ArtifactInputDef | None = None
    port: Port | None = None


class Unknowable(Exception):
    """The reference points into a part that is itself broken: no verdict, no issue."""


class Resolver:
    def __init__(self, model: ExperimentDocument, ambiguous: set[str]) -> None:
        self.model = model
        self.ambiguous = ambiguous
        # Each reference is resolved by several checks; remember the verdicts.
        self._verdicts: dict[str, Target | Exception] = {}

    def step_outputs(self, step: Step) -> list[Port] | None:
        """The outputs a step exposes; None when they cannot be known."""
        if step.swap is not None:
            return [Port(name, "any", step.swap.path) for name in step.swap.outputs]
        if step.invocation is None:
            return None
        task = self.model.tasks.get(step.invocation.task)
        return None if task is None else task.outputs

    def resolve(self, reference: Reference) -> Target:
        """The target, ``Unknowable`` when it lies in a broken part, ``ValueError``
        (with the problem as its message) when the reference is wrong."""
        verdict = self._verdicts.get(reference.text)
        if verdict is None:
            try:
                verdict = self._resolve(reference)
            except (Unknowable, ValueError) as problem:
                verdict = problem
            self._verdicts[reference.text] = verdict
        if isinstance(verdict, Exception):
            raise verdict
        return verdict

    def _resolve(self, reference: Reference) -> Target:
        root, output = reference.root, reference.output
        if root in self.ambiguous:
            raise Unknowable  # the name collision is reported on its own
        parameter = self.model.parameters.get(root)
        step = self.model.steps.get(root)
        artifact = self.model.artifact_inputs.get(root)
        if output is None and parameter is not None:
            return Target(parameter=parameter)
        if step is not None:
            ports = self.step_outputs(step)
            if ports is None:
                raise Unknowable
            return Target(step=step, port=self._pick(reference, ports, f"step {root!r}"))
        if artifact is not None:
            if artifact.outputs is None:
                raise Unknowable
            port = self._pick(reference, artifact.outputs, f"artifact input {root!r}")
            return Target(artifact_input=artifact, port=port)
        if parameter is not None:
            raise ValueError(
                f"reference {quoted(reference.text)}: parameter {root!r} has no outputs; "
                f"write ${root}"
            )
        raise ValueError(
            f"unresolvable reference {quoted(reference.text)}: there is no parameter, step "
            f"or artifact input named {root!r}"
        )

    @staticmethod
    def _pick(reference: Reference, ports: list[Port], owner: str) -> Port:
        if reference.output is None and len(ports) == 1:
            return ports[0]
        names = ", ".join(port.name for port in ports)
        if reference.output is None:
            if not ports:
                raise ValueError(f"reference {quoted(reference.text)}: {owner} produces no output")
            if len(ports) > 1:
                raise ValueError(
                    f"reference {quoted(reference.text)}: {owner} has several outputs "
                    f"({names}); name one, e.g. ${reference.root}.{ports[0].name}"
                )
            return ports[0]
        for port in ports:
            if port.name == reference.output:
                return port
        available = f"its outputs are {names}" if ports else "it has no outputs"
        raise ValueError(
            f"reference {quoted(reference.text)}: {owner} has no output "
            f"{reference.output!r} ({available})"
        )
