"""``validate``: every issue of an experiment document, at once, never an exception.

Stages (a later one skips only what earlier failures make meaningless; broken parts
are kept by name so they cause no follow-on issues):
1. syntax (YAML text) and structure (the shape of every section);
2. definitions: types, tasks, parameters, artifact inputs;
3. the graph: names, invocations, references, dependencies, cycles, artifact outputs;
4. types of every argument and parameter default.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from dioptra.engine.collector import IssueCollector
from dioptra.engine.document import ExperimentDocument
from dioptra.engine.errors import YamlSyntaxError
from dioptra.engine.issues import Issue, IssueKind, Severity
from dioptra.engine.limits import check_step_count
from dioptra.engine.resolution import Resolver
from dioptra.engine.semantics import (
    check_artifact_outputs,
    check_cycles,
    check_parameters_and_inputs,
    check_steps,
    check_tasks,
    name_collisions,
)
from dioptra.engine.source_map import SourceMap, load_yaml
from dioptra.engine.structure import parse_document
from dioptra.engine.swap_choice import check_swaps, choose
from dioptra.engine.type_checks import TypeChecker
from dioptra.engine.type_definitions import TypeRegistry, build_types

logger = logging.getLogger("dioptra.engine")

ArtifactTaskSchemas = Mapping[str, Mapping[str, Any] | None]


def load_document(
    document: Mapping[str, Any] | str, source_map: SourceMap | None
) -> tuple[Any, SourceMap | None, Issue | None]:
    """The data of ``document`` (parsing YAML text), its source map, or a syntax issue
    (which is also the answer for a document over the bounds of ``limits``)."""
    data: Any = document
    loaded: SourceMap | None = source_map
    try:
        if isinstance(document, str):
            data, loaded = load_yaml(document)
        check_step_count(data.get("graph") if isinstance(data, Mapping) else None)
    except YamlSyntaxError as error:
        return None, None, Issue(IssueKind.SYNTAX, Severity.ERROR, str(error), line=error.line)
    return data, loaded, None


def private_name_renamer(document: Any) -> Callable[[str], str] | None:
    """For documents from ``compile_swaps``: show private task names as written."""
    labels: Mapping[str, str] | None = getattr(document, "private_tasks", None)
    if not labels:
        return None
    pattern = re.compile("|".join(re.escape(repr(name)) for name in sorted(labels, key=len)[::-1]))

    def rename(message: str) -> str:
        return pattern.sub(lambda match: labels[match.group(0)[1:-1]], message)

    return rename


def apply_private_labels(model: ExperimentDocument, document: Any) -> None:
    """Give the private tasks of a ``compile_swaps`` document their friendly labels."""
    labels: Mapping[str, str] | None = getattr(document, "private_tasks", None)
    for name, label in (labels or {}).items():
        task = model.tasks.get(name)
        if task is not None:
            task.label = f"task {label}"


def check_definitions(model: ExperimentDocument, collector: IssueCollector) -> TypeRegistry:
    registry = build_types(model.types, collector)
    check_tasks(model, registry, collector)
    check_parameters_and_inputs(model, registry, collector)
    return registry


def check_graph(
    model: ExperimentDocument,
    registry: TypeRegistry,
    artifact_tasks: ArtifactTaskSchemas | None,
    collector: IssueCollector,
) -> None:
    ambiguous = name_collisions(model, collector)
    resolver = Resolver(model, ambiguous)
    check_steps(model, resolver, collector)
    check_artifact_outputs(model, resolver, artifact_tasks, collector)
    check_cycles(model, ambiguous, collector)
    TypeChecker(model, registry, resolver).check(collector)


def guarded(collector: IssueCollector, work: Callable[[], None]) -> list[Issue]:
    """Run ``work``; whatever happens, answer with issues rather than an exception."""
    try:
        work()
    except RecursionError:
        collector.add(IssueKind.SCHEMA, "the document is nested too deeply", subject="document")
    except Exception as error:  # a validator bug must not become a server error
        logger.exception("internal error while validating an experiment document")
        collector.add(
            IssueKind.SCHEMA,
            f"internal validator error ({type(error).__name__}: {error}); please report it",
            subject="document",
        )
    return collector.issues


def validate(
    document: Mapping[str, Any] | str,
    *,
    artifact_tasks: ArtifactTaskSchemas | None = None,
    source_map: SourceMap | None = None,
) -> list[Issue]:
    """Every issue of ``document`` (a mapping, or YAML text).

    ``artifact_tasks`` maps the artifact task names that may appear in
    ``artifact_outputs`` to JSON-Schema ``properties`` for their ``args`` (or None);
    when it is None, artifact task names are not checked. ``source_map`` gives lines
    for a document that was assembled from YAML (see ``SourceMap.nest``); YAML text
    brings its own. Swap steps with a single alias (rendered documents) are compiled
    before the checks, keeping their lines; validating a rendered document is better
    than validating the output of ``compile_swaps``, whose paths no longer match.
    """
    data, loaded_map, syntax_issue = load_document(document, source_map)
    if syntax_issue is not None:
        return [syntax_issue]
    collector = IssueCollector(loaded_map, rename=private_name_renamer(document))

    def work() -> None:
        model = parse_document(data, collector)
        if model is None:
            return
        apply_private_labels(model, document)
        registry = check_definitions(model, collector)
        check_swaps(model, collector)
        check_graph(choose(model, {}, collector), registry, artifact_tasks, collector)

    return guarded(collector, work)
