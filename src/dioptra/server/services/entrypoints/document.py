"""The engine document of an entrypoint version, and its save-time validation.

The document is assembled by ``dioptra.engine.assemble`` from the version's content
and the plugin snapshots it is bound to (as Dioptra's ``.../config`` does); validation
is the engine's ``validate_swappable``. This module sorts the engine's findings into
Dioptra 1.2's stages, which save, lint and ``detail.reason`` report:

1. the task graph must parse and not be empty (``InvalidYamlError``, ``EmptyGraphError``),
   and neither graph may be over the engine's limits (``EntrypointTooLargeError``);
2. ``schema_issues``: the document's shape (no task plugin, a list parameter without a
   default, a malformed step, ...); when there are any, nothing else is reported;
3. ``swap_issues``: steps or swap aliases naming a task no bound plugin registers, and
   the swap rules; when there are any, nothing else is reported;
4. full saves only: cycles (``swap_issues`` and ``rendered_validation_errors``), every
   other finding (``rendered_validation_errors``, prefixed ``[Swap combination {...}]``
   as 1.2 does), and references to undeclared globals (``missing_global_params``).

Lint stops after stage 3. Messages name the step, argument and line in the YAML text.
An artifact output naming an artifact task that no bound artifact plugin registers is a
``warning`` at every stage, never a failure (Dioptra 1.2.2 saves it); jobs refuse it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dioptra.engine import Issue, IssueKind, Severity, SourceMap, validate_swappable
from dioptra.engine import assemble as engine_assembly
from dioptra.engine.collector import IssueCollector
from dioptra.engine.swaps import graph_reference_roots, list_swaps
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.entrypoints.errors import (
    EmptyGraphError,
    EntrypointTooLargeError,
    EntrypointValidationError,
    InvalidYamlError,
)
from dioptra.server.services.entrypoints.plugins import Bindings
from dioptra.server.services.entrypoints.version import (
    EntrypointContent,
    artifact_specs,
    artifact_type_snapshot_ids,
)
from dioptra.server.services.plugins import plugins as plugin_service
from dioptra.server.services.plugins.parameter_types import group_type_definitions, load_type_refs

# Order of the categories in ``detail.reason`` (as 1.2 builds it).
REASON_ORDER = (
    "missing_global_params",
    "rendered_validation_errors",
    "swap_issues",
    "schema_issues",
)
# Findings that 1.2 makes before rendering any swap combination: tasks that no bound
# plugin registers, and the swap rules. Recognised by the engine's wording.
_PRE_RENDER_MARKERS = (
    "unknown task ",
    "is already used in step",
    "'?outputs' names",
    "same ordered output types",
    "at most one swap",
)
_CYCLE_MARKER = "depend on each other in a cycle"


@dataclass(frozen=True)
class DocumentSource:
    """What an entrypoint version's document is made from."""

    group_id: int
    content: EntrypointContent
    bindings: Bindings


@dataclass(frozen=True)
class EntrypointDocument:
    document: dict[str, Any]
    source_map: SourceMap
    # Artifact task class names the engine's validation takes as known: those of the
    # artifact plugins, and those the artifact graph names that none registers (so that
    # validation leaves them to ``warnings``).
    artifact_tasks: dict[str, None]
    # The artifact tasks the artifact graph names that no bound artifact plugin
    # registers, and the save-time warning of each artifact output naming one.
    unregistered_artifact_tasks: tuple[str, ...] = ()
    warnings: tuple[Issue, ...] = ()


def _issue_text(kind: IssueKind, message: str) -> str:
    return str(Issue(kind, Severity.ERROR, message))


@dataclass(frozen=True)
class _Pieces:
    """What a document is assembled from, as read from the database."""

    assembly: dict[str, Any]  # the keyword arguments of ``engine.assemble.assemble``
    registered: tuple[str, ...]  # the artifact tasks of the bound artifact plugins

    def fingerprint(self) -> str:
        """Equal for equal pieces (a change of any of them, such as a group's parameter
        type, changes it); the snapshots named by id never change."""
        return hashlib.sha256(repr((self.assembly, self.registered)).encode()).hexdigest()


def _read_pieces(
    ctx: ServiceContext, source: DocumentSource, extra_types: dict[str, Any] | None
) -> _Pieces:
    content = source.content
    sections = content.source_sections  # the lines of the file it came from, if known
    task_plugins = list(source.bindings.plugins)
    artifact_plugins = list(source.bindings.artifact_plugins)
    type_refs = load_type_refs(ctx, artifact_type_snapshot_ids(content))
    definitions: dict[str, Any] = {ref.name: ref.structure for ref in type_refs.values()}
    definitions.update(plugin_service.task_type_definitions(ctx, task_plugins))
    registered = tuple(
        task.name
        for plugin in plugin_service.plugin_snapshot_specs(ctx, artifact_plugins)
        for plugin_file in plugin.files
        for task in plugin_file.artifact_tasks
    )
    assembly = {
        "plugins": plugin_service.plugin_snapshot_specs(ctx, task_plugins),
        "task_graph": sections[0] if sections else content.task_graph,
        "artifact_graph": sections[1] if sections else content.artifact_graph,
        "parameters": [parameter.spec() for parameter in content.parameters],
        "artifact_parameters": artifact_specs(content, type_refs),
        "type_definitions": definitions,
        "extra_types": (
            group_type_definitions(ctx, source.group_id) if extra_types is None else extra_types
        ),
    }
    return _Pieces(assembly, registered)


def _assembled(pieces: _Pieces) -> EntrypointDocument:
    try:
        assembly = engine_assembly.assemble(**pieces.assembly)
    except engine_assembly.EmptyGraphError:
        raise EmptyGraphError() from None
    except engine_assembly.SectionTooLargeError as error:
        raise EntrypointTooLargeError(
            f"The entrypoint's {error.section} is too large: {error.error.problem}",
            {
                "section": error.section,
                "bound": error.error.bound,
                "limit": error.error.limit,
                "value": error.error.value,
            },
        ) from None
    except engine_assembly.InvalidYamlError as error:
        if error.section == "task graph":
            raise InvalidYamlError(str(error)) from None
        raise EntrypointValidationError(
            {"schema_issues": [_issue_text(IssueKind.SYNTAX, str(error))]}
        ) from None
    except engine_assembly.UnknownTypeError as error:
        raise EntrypointValidationError(
            {"schema_issues": [_issue_text(IssueKind.SCHEMA, str(error))]}
        ) from None
    registered = list(pieces.registered)
    unregistered = _unregistered_artifact_tasks(assembly.document, registered)
    return EntrypointDocument(
        assembly.document,
        assembly.source_map,
        artifact_tasks=dict.fromkeys([*registered, *unregistered.values()]),
        unregistered_artifact_tasks=tuple(sorted(set(unregistered.values()))),
        warnings=_artifact_task_warnings(unregistered, registered, assembly.source_map),
    )


def build_document(
    ctx: ServiceContext, source: DocumentSource, extra_types: dict[str, Any] | None = None
) -> EntrypointDocument:
    """The engine document, exactly as the config endpoint serves it before swaps.

    ``extra_types``: the group's parameter types, when the caller has read them already.
    Raises ``InvalidYamlError`` / ``EmptyGraphError`` for the task graph,
    ``EntrypointTooLargeError`` for a graph over the engine's limits, and
    ``EntrypointValidationError`` (``schema_issues``) for an artifact graph that does
    not parse or a type that cannot be found.
    """
    return _assembled(_read_pieces(ctx, source, extra_types))


def _unregistered_artifact_tasks(document: dict[str, Any], registered: list[str]) -> dict[str, str]:
    """Artifact output -> the artifact task it names, where no bound artifact plugin
    registers that task (malformed outputs are left to the schema checks).

    As in Dioptra 1.2.2 such an entrypoint saves (its job would fail at the artifact
    output); here the save warns and job submission refuses it."""
    outputs = document.get("artifact_outputs")
    found: dict[str, str] = {}
    for name, output in outputs.items() if isinstance(outputs, Mapping) else ():
        task = output.get("task") if isinstance(output, Mapping) else None
        task_name = task.get("name") if isinstance(task, Mapping) else None
        if isinstance(task_name, str) and task_name and task_name not in registered:
            found[str(name)] = task_name
    return found


def _artifact_task_warnings(
    unregistered: Mapping[str, str], registered: list[str], source_map: SourceMap
) -> tuple[Issue, ...]:
    collector = IssueCollector(source_map)
    known = ", ".join(map(repr, registered)) or "none"
    for name, task_name in unregistered.items():
        collector.add(
            IssueKind.SEMANTIC,
            f"no attached artifact plugin registers the artifact task {task_name!r} "
            f"(registered: {known}); jobs of this entrypoint are refused until one does",
            path=("artifact_outputs", name, "task", "name"),
            subject=f"artifact output {name!r}",
            severity=Severity.WARNING,
        )
    return tuple(collector.issues)


@dataclass
class ValidationReport:
    schema_issues: list[str] = field(default_factory=list)
    swap_issues: list[str] = field(default_factory=list)
    rendered_validation_errors: list[str] = field(default_factory=list)
    missing_global_params: list[str] = field(default_factory=list)
    # Findings that do not stop a save (an artifact task no artifact plugin registers).
    warnings: list[str] = field(default_factory=list)

    def reason(self) -> dict[str, list[str]]:
        """The non-empty categories, in 1.2's order."""
        return {key: getattr(self, key) for key in REASON_ORDER if getattr(self, key)}

    @property
    def valid(self) -> bool:
        return not self.reason()

    def raise_if_invalid(self) -> None:
        if not self.valid:
            raise EntrypointValidationError(self.reason())

    def lint_issues(self) -> list[dict[str, str]]:
        """``:lint``'s issues: schema findings are about the ``entrypoint``, the rest
        about the ``graph``."""
        issues = [{"path": "entrypoint", "message": m} for m in self.schema_issues]
        issues += [{"path": "graph", "message": m} for m in self.swap_issues]
        issues += [{"path": "graph", "message": m} for m in self.rendered_validation_errors]
        issues += [
            {"path": "graph", "message": f"undeclared global parameter: {name}"}
            for name in self.missing_global_params
        ]
        return issues

    def warning_entries(self) -> list[dict[str, str]]:
        """The warnings as save responses and ``:lint`` show them (about the graph)."""
        return [{"path": "graph", "message": message} for message in self.warnings]


@dataclass(frozen=True)
class LintResult:
    valid: bool
    issues: list[dict[str, str]]
    warnings: list[dict[str, str]] = field(default_factory=list)


def _is_pre_render(issue: Issue) -> bool:
    return any(marker in issue.message for marker in _PRE_RENDER_MARKERS)


def _is_schema(issue: Issue) -> bool:
    return issue.kind in (IssueKind.SYNTAX, IssueKind.SCHEMA)


def _is_graph_cycle(issue: Issue) -> bool:
    return issue.path[:1] == ("graph",) and _CYCLE_MARKER in issue.message


def _as_rendered(issue: Issue, has_swaps: bool) -> str:
    """Without swaps every finding belongs to the single combination ``{}``; with swaps
    the engine has prefixed the ones found in a combination already."""
    if has_swaps or issue.message.startswith("[Swap combination"):
        return str(issue)
    return str(Issue(issue.kind, issue.severity, f"[Swap combination {{}}] {issue.message}"))


def declared_globals(content: EntrypointContent) -> set[str]:
    return {p.name for p in content.parameters} | {a.name for a in content.artifact_parameters}


def check_document(
    document: EntrypointDocument, content: EntrypointContent, *, full: bool
) -> ValidationReport:
    """Sorts the engine's findings into 1.2's stages (see the module doc)."""
    issues = [
        issue
        for issue in validate_swappable(
            document.document,
            artifact_tasks=document.artifact_tasks,
            source_map=document.source_map,
        )
        if issue.is_error
    ]
    report = ValidationReport(warnings=[str(warning) for warning in document.warnings])
    pre_render = [issue for issue in issues if _is_pre_render(issue)]
    schema = [issue for issue in issues if _is_schema(issue) and issue not in pre_render]
    if schema:
        report.schema_issues = [str(issue) for issue in schema]
        return report
    if pre_render:
        report.swap_issues = [str(issue) for issue in pre_render]
        return report
    if not full:
        return report
    has_swaps = bool(list_swaps(document.document))
    for issue in issues:
        if _is_graph_cycle(issue):
            report.swap_issues.append(str(issue))
        report.rendered_validation_errors.append(_as_rendered(issue, has_swaps))
    missing = graph_reference_roots(document.document) - declared_globals(content)
    report.missing_global_params = sorted(missing)
    return report


def validate_source(
    ctx: ServiceContext, source: DocumentSource, *, full: bool = True
) -> ValidationReport:
    """Builds and checks the document (raises for a task graph that does not parse or
    is too large). The report is kept in ``ctx.memo`` under everything it depends on:
    a request that checks before it writes (``api.v1.core.deps.checks_first``) finds it
    there in its write transaction and does not validate again."""
    pieces = _read_pieces(ctx, source, None)
    key = (
        "entrypoint validation",
        full,
        pieces.fingerprint(),
        *sorted(declared_globals(source.content)),
    )
    known = ctx.memo.get(key)
    if isinstance(known, ValidationReport):
        return known
    ctx.costly_work_ahead()
    try:
        report = check_document(_assembled(pieces), source.content, full=full)
    except EntrypointValidationError as error:
        report = ValidationReport(**error.reason)
    ctx.memo[key] = report
    return report


def lint_report(ctx: ServiceContext, source: DocumentSource) -> LintResult:
    """What ``:lint`` answers: parse errors become issues, never errors."""
    try:
        report = validate_source(ctx, source, full=False)
    except (InvalidYamlError, EmptyGraphError) as error:
        return LintResult(False, [{"path": "graph", "message": error.message}])
    return LintResult(report.valid, report.lint_issues(), report.warning_entries())
