"""What an entrypoint version holds, how it is stored, and the checks its body gets.

An entrypoint snapshot's ``payload`` holds the two YAML texts, the typed parameters
(defaults stay strings, as on the wire) and the artifact parameters (output types by
resource id, with the type snapshot that was latest when saved). Plugin bindings are
snapshot links (``plugins``) and queues are resource links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from dioptra.engine.assemble import ArtifactParameterSpec, EntrypointParameterSpec, YamlSection
from dioptra.engine.parameters import ParameterCoercionError, coerce_parameter
from dioptra.server.db.tables import Resource
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.core.kinds import (
    NAME_DESCRIPTION_TAG,
    NAME_SORTS,
    DeletedAccess,
    ResourceKind,
    payload_like,
    register_kind,
)
from dioptra.server.services.core.resources import visible
from dioptra.server.services.entrypoints.errors import EntrypointParameterTypeMismatchError
from dioptra.server.services.plugins.parameter_types import PARAMETER_TYPE, TypeRef
from dioptra.server.services.plugins.tasks import InputParameterNotUniqueError

ENTRYPOINT = register_kind(
    ResourceKind(
        type_name="entry_point",
        display_name="Entry Point",
        url_segment="entrypoints",
        search_fields={
            **NAME_DESCRIPTION_TAG,
            "task_graph": payload_like("task_graph"),
            "artifact_graph": payload_like("artifact_graph"),
        },
        sort_fields=NAME_SORTS,
        deleted_visible=True,
        modify_deleted=DeletedAccess.LOCKED,
    )
)


@dataclass(frozen=True)
class ParameterDecl:
    """An entrypoint parameter: its default is kept in string form."""

    name: str
    parameter_type: str
    default_value: str | None = None

    def spec(self) -> EntrypointParameterSpec:
        return EntrypointParameterSpec(self.name, self.parameter_type, self.default_value)


@dataclass(frozen=True)
class ArtifactOutputDecl:
    name: str
    parameter_type_id: int
    # Filled when stored: the type's latest snapshot at save time.
    parameter_type_snapshot_id: int | None = None


@dataclass(frozen=True)
class ArtifactParameterDecl:
    name: str
    outputs: tuple[ArtifactOutputDecl, ...] = ()


@dataclass(frozen=True)
class EntrypointContent:
    """The versioned content of an entrypoint, as a create or modify body gives it."""

    name: str
    description: str | None
    task_graph: str
    artifact_graph: str = ""
    parameters: tuple[ParameterDecl, ...] = ()
    artifact_parameters: tuple[ArtifactParameterDecl, ...] = ()
    # The graphs as parsed from a file (a resource import): validation then reports the
    # lines of that file instead of the lines of ``task_graph``'s re-serialised text.
    # Never stored; the data must be what the two texts parse to.
    source_sections: tuple[YamlSection, YamlSection] | None = field(default=None, compare=False)

    def payload(self) -> dict[str, Any]:
        return {
            "task_graph": self.task_graph,
            "artifact_graph": self.artifact_graph,
            "parameters": [
                {
                    "name": p.name,
                    "parameter_type": p.parameter_type,
                    "default_value": p.default_value,
                }
                for p in self.parameters
            ],
            "artifact_parameters": [
                {
                    "name": a.name,
                    "output_params": [
                        {
                            "name": o.name,
                            "parameter_type_id": o.parameter_type_id,
                            "parameter_type_snapshot_id": o.parameter_type_snapshot_id,
                        }
                        for o in a.outputs
                    ],
                }
                for a in self.artifact_parameters
            ],
        }


def content_from_payload(
    name: str | None, description: str | None, payload: Mapping[str, Any]
) -> EntrypointContent:
    """The content of a stored snapshot."""
    return EntrypointContent(
        name=name or "",
        description=description,
        task_graph=payload.get("task_graph", ""),
        artifact_graph=payload.get("artifact_graph") or "",
        parameters=tuple(
            ParameterDecl(p["name"], p["parameter_type"], p.get("default_value"))
            for p in payload.get("parameters", [])
        ),
        artifact_parameters=tuple(
            ArtifactParameterDecl(
                a["name"],
                tuple(
                    ArtifactOutputDecl(
                        o["name"], o["parameter_type_id"], o.get("parameter_type_snapshot_id")
                    )
                    for o in a.get("output_params", [])
                ),
            )
            for a in payload.get("artifact_parameters", [])
        ),
    )


def artifact_specs(
    content: EntrypointContent, type_refs: Mapping[int, TypeRef]
) -> list[ArtifactParameterSpec]:
    """The artifact parameters as the engine's assembly wants them (type names)."""
    return [
        ArtifactParameterSpec(
            a.name,
            [(o.name, _type_name(o, type_refs)) for o in a.outputs],
        )
        for a in content.artifact_parameters
    ]


def _type_name(output: ArtifactOutputDecl, type_refs: Mapping[int, TypeRef]) -> str:
    ref = type_refs.get(output.parameter_type_snapshot_id or 0)
    return ref.name if ref is not None else ""


# -- checks ------------------------------------------------------------------------------


def _repeated(names: Iterable[str]) -> list[str]:
    return [name for name, count in Counter(names).items() if count > 1]


def check_unique_names(content: EntrypointContent) -> None:
    """Parameter names, artifact parameter names and each artifact's output names
    are unique (``InputParameterNotUniqueError``, as 1.2)."""
    repeated = _repeated(p.name for p in content.parameters)
    if repeated:
        raise InputParameterNotUniqueError("Entrypoint", duplicates=repeated)
    repeated = _repeated(a.name for a in content.artifact_parameters)
    if repeated:
        raise InputParameterNotUniqueError("Entrypoint Artifact", duplicates=repeated)
    for artifact in content.artifact_parameters:
        repeated = _repeated(o.name for o in artifact.outputs)
        if repeated:
            raise InputParameterNotUniqueError(
                "Entrypoint Artifact Output", artifact_name=artifact.name, duplicates=repeated
            )


def check_defaults(content: EntrypointContent) -> None:
    """Every default parses as its declared type (all failures reported at once)."""
    failures = []
    for parameter in content.parameters:
        try:
            coerce_parameter(parameter.default_value, parameter.parameter_type, name=parameter.name)
        except ParameterCoercionError:
            failures.append((parameter.name, parameter.default_value, parameter.parameter_type))
    if failures:
        raise EntrypointParameterTypeMismatchError(failures)


def check_content(content: EntrypointContent) -> None:
    """The checks that need no database."""
    check_unique_names(content)
    check_defaults(content)


def resolve_artifact_types(ctx: ServiceContext, content: EntrypointContent) -> EntrypointContent:
    """The content with each artifact output's type snapshot filled in (the type's
    latest). Unknown or deleted types: 404."""
    wanted = sorted({o.parameter_type_id for a in content.artifact_parameters for o in a.outputs})
    if not wanted:
        return content
    rows = ctx.db.execute(
        select(Resource.id, Resource.latest_snapshot_id).where(
            Resource.id.in_(wanted),
            Resource.resource_type == PARAMETER_TYPE.type_name,
            ~Resource.deleted,
            visible(ctx),
        )
    ).all()
    latest = {resource_id: snapshot_id for resource_id, snapshot_id in rows}
    missing = [type_id for type_id in wanted if type_id not in latest]
    if missing:
        raise EntityDoesNotExistError(
            PARAMETER_TYPE.type_name,
            PARAMETER_TYPE.display_name,
            num_expected=len(wanted),
            num_found=len(wanted) - len(missing),
            ids_not_found=missing,
        )
    resolved = tuple(
        ArtifactParameterDecl(
            a.name,
            tuple(
                ArtifactOutputDecl(o.name, o.parameter_type_id, latest[o.parameter_type_id])
                for o in a.outputs
            ),
        )
        for a in content.artifact_parameters
    )
    return replace(content, artifact_parameters=resolved)


def artifact_type_snapshot_ids(content: EntrypointContent) -> set[int]:
    return {
        o.parameter_type_snapshot_id
        for a in content.artifact_parameters
        for o in a.outputs
        if o.parameter_type_snapshot_id is not None
    }
