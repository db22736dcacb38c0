"""/entrypoints: the standard family with validated saves (Dioptra 1.2).

Create and PUT take ``?validateOnly=`` (the whole save, then rolled back). PUT names the
exact plugin snapshots (``pluginSnapshotIds``, ``artifactPluginSnapshotIds``); drafts of
an existing entrypoint have no such fields and keep its bindings when committed. The
other routes (plugins, queues, lint, config, swaps, bundles) are in
``routes``.
"""

from dataclasses import replace
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, checks_first
from dioptra.server.api.v1.core.fields import Description, Name
from dioptra.server.api.v1.core.links import LinkedRefOut, render_refs
from dioptra.server.api.v1.core.resource_api import STANDARD_ROUTES, ResourceApi, ResourceOut
from dioptra.server.api.v1.core.resource_routes import resource_router
from dioptra.server.api.v1.core.wire import OutModel, WireModel, ok, url
from dioptra.server.api.v1.plugins.plugins import render_tasks, type_ref
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.names import IDENTIFIER_PATTERN
from dioptra.server.services.core.resources import SnapshotView
from dioptra.server.services.entrypoints import entrypoints as service
from dioptra.server.services.entrypoints import queues as entrypoint_queues
from dioptra.server.services.entrypoints.plugins import BoundPlugin, Role, bound_plugins
from dioptra.server.services.entrypoints.version import (
    ENTRYPOINT,
    ArtifactOutputDecl,
    ArtifactParameterDecl,
    EntrypointContent,
    ParameterDecl,
    artifact_type_snapshot_ids,
)
from dioptra.server.services.plugins.parameter_types import TypeRef, load_type_refs

# -- request bodies ------------------------------------------------------------------------


def _python_parameter_name(value: str) -> str:
    if not IDENTIFIER_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "identifier",
            f"'{value}' is not a compatible name for a Python function parameter. A Python "
            "function parameter must start with a letter or underscore, followed by "
            "letters, numbers, or underscores. In addition, '_' is not a valid Python "
            "function parameter.",
        )
    return value


ParameterName = Annotated[str, AfterValidator(_python_parameter_name)]
ParameterTypeName = Literal["string", "float", "integer", "boolean", "list", "mapping"]


class ParameterIn(WireModel):
    name: Name
    default_value: str | None = Field(None, description="String form, coerced to the type.")
    parameter_type: ParameterTypeName


class ArtifactOutputIn(WireModel):
    name: ParameterName
    parameter_type: int = Field(description="Id of a plugin parameter type.")


class ArtifactParameterIn(WireModel):
    name: ParameterName
    output_params: list[ArtifactOutputIn] = Field(default_factory=list)


class EntrypointFields(WireModel):
    """The versioned content (the body of a modification draft and of ``{id}:lint``)."""

    name: Name
    description: Description | None = None
    task_graph: str = Field(description="YAML: the steps of the task graph.")
    artifact_graph: str = Field("", description="YAML: the artifact outputs.")
    parameters: list[ParameterIn] = Field(default_factory=list)
    artifact_parameters: list[ArtifactParameterIn] = Field(default_factory=list)
    queues: list[int] = Field(default_factory=list, description="Queue ids (replaced).")


class EntrypointCreateBody(EntrypointFields):
    group: int = Field(description="Id of the group that will own the entrypoint.")
    plugins: list[int] = Field(default_factory=list, description="Plugin ids (latest bound).")
    artifact_plugins: list[int] = Field(default_factory=list, description="Plugin ids.")


class EntrypointPutBody(EntrypointFields):
    plugin_snapshot_ids: list[int] = Field(
        description="Every task plugin to keep bound: its bound or latest snapshot id."
    )
    artifact_plugin_snapshot_ids: list[int] = Field(
        description="Every artifact plugin to keep bound: its bound or latest snapshot id."
    )


def content_of(body: EntrypointFields) -> EntrypointContent:
    return EntrypointContent(
        name=body.name,
        description=body.description,
        task_graph=body.task_graph,
        artifact_graph=body.artifact_graph,
        parameters=tuple(
            ParameterDecl(p.name, p.parameter_type, p.default_value) for p in body.parameters
        ),
        artifact_parameters=tuple(
            ArtifactParameterDecl(
                a.name, tuple(ArtifactOutputDecl(o.name, o.parameter_type) for o in a.output_params)
            )
            for a in body.artifact_parameters
        ),
    )


# -- responses -------------------------------------------------------------------------------


class PluginFileEntryOut(OutModel):
    id: int
    filename: str
    snapshot_id: int
    url: str
    tasks: dict[str, Any]


class BoundPluginOut(OutModel):
    id: int
    name: str
    snapshot_id: int
    latest_snapshot: bool
    url: str
    files: list[PluginFileEntryOut]


class ParameterOut(OutModel):
    name: str
    default_value: str | None
    parameter_type: str


class IssueOut(OutModel):
    """A finding about an entrypoint: ``path`` is ``entrypoint`` or ``graph``."""

    path: str
    message: str


class EntrypointOut(ResourceOut):
    name: str
    description: str | None
    task_graph: str
    artifact_graph: str
    parameters: list[ParameterOut]
    artifact_parameters: list[dict[str, Any]]
    plugins: list[BoundPluginOut]
    artifact_plugins: list[BoundPluginOut]
    queues: list[LinkedRefOut] | None = None
    warnings: list[IssueOut] | None = Field(
        None,
        description="Ours, in create and PUT responses only, and only when there are any: "
        "findings that did not stop the save but will stop a job (an artifact task no "
        "attached artifact plugin registers).",
    )


def render_bound_plugin(plugin: BoundPlugin) -> dict[str, Any]:
    """An entry of ``plugins`` / ``artifactPlugins`` (``latestSnapshot`` warns of an
    out-of-date binding)."""
    return {
        "id": plugin.plugin_id,
        "name": plugin.name,
        "snapshotId": plugin.snapshot_id,
        "latestSnapshot": plugin.latest,
        "url": url("plugins", plugin.plugin_id, "snapshots", plugin.snapshot_id),
        "files": [
            {
                "id": f.file_id,
                "filename": f.filename,
                "snapshotId": f.file_snapshot_id,
                "url": url(
                    "plugins", plugin.plugin_id, "files", f.file_id, "snapshots", f.file_snapshot_id
                ),
                "tasks": render_tasks(f.tasks),
            }
            for f in plugin.files
        ],
    }


def _render_artifact_parameters(
    content: EntrypointContent, types: dict[int, TypeRef]
) -> list[dict[str, Any]]:
    def output(o: ArtifactOutputDecl) -> dict[str, Any]:
        ref = types.get(o.parameter_type_snapshot_id or 0)
        return {"name": o.name, "parameterType": type_ref(ref) if ref is not None else None}

    return [
        {"name": a.name, "outputParams": [output(o) for o in a.outputs]}
        for a in content.artifact_parameters
    ]


_VERSION, _PLUGINS, _TYPES, _QUEUES = "version", "plugins", "types", "queues"


class EntrypointFamily(ResourceApi):
    def create(self, ctx: ServiceContext, body: BaseModel) -> SnapshotView:
        assert isinstance(body, EntrypointCreateBody)
        return service.create(
            ctx,
            body.group,
            content_of(body),
            plugin_ids=body.plugins,
            artifact_plugin_ids=body.artifact_plugins,
            queue_ids=body.queues,
        )

    def modify(self, ctx: ServiceContext, resource_id: int, body: BaseModel) -> SnapshotView:
        assert isinstance(body, EntrypointFields)
        # A PUT names exact plugin snapshots; a committed draft keeps the bindings.
        plugin_ids = artifact_ids = None
        if isinstance(body, EntrypointPutBody):
            plugin_ids = body.plugin_snapshot_ids
            artifact_ids = body.artifact_plugin_snapshot_ids
        return service.modify(
            ctx,
            resource_id,
            content_of(body),
            queue_ids=body.queues,
            plugin_snapshot_ids=plugin_ids,
            artifact_plugin_snapshot_ids=artifact_ids,
        )

    def enrich(self, ctx: ServiceContext, views: list[SnapshotView]) -> list[SnapshotView]:
        """Bindings, plugin entries, artifact types and queues for all views at once."""
        versions = service.versions_of(ctx, views)
        plugin_ids = {s for v in versions for role in Role for s in v.bindings.of(role)}
        plugins = bound_plugins(ctx, plugin_ids)
        types = load_type_refs(
            ctx, {s for v in versions for s in artifact_type_snapshot_ids(v.content)}
        )
        queues = entrypoint_queues.linked_queues(ctx, [view.resource_id for view in views])
        return [
            replace(
                view,
                extras={
                    **view.extras,
                    _VERSION: version,
                    _PLUGINS: plugins,
                    _TYPES: types,
                    _QUEUES: queues.get(view.resource_id, []),
                },
            )
            for view, version in zip(views, versions, strict=True)
        ]

    def render_fields(self, view: SnapshotView) -> dict[str, Any]:
        version: service.EntrypointVersion = view.extras[_VERSION]
        plugins: dict[int, BoundPlugin] = view.extras[_PLUGINS]
        content = version.content

        def entries(role: Role) -> list[dict[str, Any]]:
            ids = version.bindings.of(role)
            return [render_bound_plugin(plugins[s]) for s in ids if s in plugins]

        return {
            "name": view.name,
            "description": view.description,
            "taskGraph": content.task_graph,
            "artifactGraph": content.artifact_graph,
            "parameters": [
                {
                    "name": p.name,
                    "defaultValue": p.default_value,
                    "parameterType": p.parameter_type,
                }
                for p in content.parameters
            ],
            "artifactParameters": _render_artifact_parameters(content, view.extras[_TYPES]),
            "plugins": entries(Role.TASK),
            "artifactPlugins": entries(Role.ARTIFACT),
        }

    def render(self, view: SnapshotView, *, snapshot_item: bool = False) -> dict[str, Any]:
        body = super().render(view, snapshot_item=snapshot_item)
        # Queue links are resource-level, not part of a version: snapshots omit them.
        if not snapshot_item:
            body["queues"] = render_refs(view.extras[_QUEUES], "queues")
        # Only when there are some: 1.2.2's clients compare a save's answer with a GET's.
        if warnings := view.extras.get(service.SAVE_WARNINGS):
            body["warnings"] = warnings
        return body


ENTRYPOINTS = EntrypointFamily(
    ENTRYPOINT,
    create_body=EntrypointCreateBody,
    modify_body=EntrypointFields,
    response_model=EntrypointOut,
    routes=STANDARD_ROUTES - {"create", "modify"},
    delete_returns_ids=True,
)
router = resource_router(ENTRYPOINTS)

# What a validateOnly response leaves out: nothing was stored.
_NOT_CREATED = ("id", "snapshot", "createdOn", "snapshotCreatedOn", "lastModifiedOn")
_NOT_MODIFIED = ("snapshot", "snapshotCreatedOn", "lastModifiedOn")


def _without(body: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in keys}


@router.post("/entrypoints/", response_model=EntrypointOut, summary="Create an entrypoint")
@checks_first
def create_entrypoint(ctx: Ctx, body: EntrypointCreateBody, validateOnly: bool = False) -> Response:
    """Validates the graph against the plugins (their latest snapshots); with
    ``validateOnly`` nothing is stored."""
    with service.dry_run(ctx, validateOnly):
        rendered = ENTRYPOINTS.render_one(ctx, ENTRYPOINTS.create(ctx, body))
    return ok(_without(rendered, _NOT_CREATED) if validateOnly else rendered)


@router.put(
    "/entrypoints/{id:int}",
    response_model=EntrypointOut,
    summary="Modify an entrypoint (creates a snapshot)",
)
@checks_first
def modify_entrypoint(
    ctx: Ctx, id: int, body: EntrypointPutBody, validateOnly: bool = False
) -> Response:
    """Replaces the content, queues and plugin bindings; with ``validateOnly`` nothing
    is stored."""
    with service.dry_run(ctx, validateOnly):
        rendered = ENTRYPOINTS.render_one(ctx, ENTRYPOINTS.modify(ctx, id, body))
    return ok(_without(rendered, _NOT_MODIFIED) if validateOnly else rendered)
