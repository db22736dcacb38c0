"""The entrypoint routes beyond the standard family (Dioptra 1.2).

``:lint`` · ``/plugins`` and ``/artifactPlugins`` (bindings; POST syncs to latest) ·
``/queues`` · ``/snapshots/{s}/config`` (``swaps[name]=alias``, ``sections``,
``partial``) · ``/snapshots/{s}/swaps`` · ``/snapshots/{s}/dynamicGlobalParameters`` ·
``/snapshots/{s}/artifactPlugins`` · the two bundles.
"""

from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import Field
from starlette.responses import Response, StreamingResponse

from dioptra.server.api.v1.core.deps import Ctx, api_router, checks_first
from dioptra.server.api.v1.core.errors import FieldErrors
from dioptra.server.api.v1.core.links import LinkedRefOut, render_refs
from dioptra.server.api.v1.core.wire import OutModel, StatusOut, WireModel, ok, status_success
from dioptra.server.api.v1.entrypoints.entrypoints import (
    BoundPluginOut,
    EntrypointCreateBody,
    EntrypointFields,
    IssueOut,
    ParameterOut,
    content_of,
    render_bound_plugin,
)
from dioptra.server.api.v1.plugins.plugins import BundleParams
from dioptra.server.services.entrypoints import entrypoints as service
from dioptra.server.services.entrypoints import queues as entrypoint_queues
from dioptra.server.services.entrypoints.config import SECTIONS
from dioptra.server.services.entrypoints.document import LintResult
from dioptra.server.services.entrypoints.plugins import BoundPlugin, Role
from dioptra.server.services.plugins import plugins as plugin_service
from dioptra.server.services.plugins.bundles import BundleFormat, build_bundle

router = api_router(tags=["entrypoints"])
_ONE = "/entrypoints/{id:int}"
_SNAPSHOT = _ONE + "/snapshots/{snapshotId:int}"


# -- lint ----------------------------------------------------------------------------------


class LintOut(OutModel):
    valid: bool
    issues: list[IssueOut]
    warnings: list[IssueOut] | None = Field(
        None,
        description="Ours, only when there are any: findings that do not make the graph "
        "invalid but will stop a job (an artifact task no attached artifact plugin registers).",
    )


def _lint_response(result: LintResult) -> Response:
    answer: dict[str, Any] = {"valid": result.valid, "issues": result.issues}
    if result.warnings:  # 1.2.2's clients compare the answer with {"valid", "issues"}
        answer["warnings"] = result.warnings
    return ok(answer)


@router.post("/entrypoints:lint", response_model=LintOut)
@checks_first
def lint_new(ctx: Ctx, body: EntrypointCreateBody) -> Response:
    """Checks a would-be entrypoint's graph (structure, tasks, swaps); stores nothing.
    Graph findings answer 200 with ``valid: false``."""
    return _lint_response(
        service.lint(
            ctx,
            body.group,
            content_of(body),
            plugin_ids=body.plugins,
            artifact_plugin_ids=body.artifact_plugins,
        )
    )


@router.post(_ONE + ":lint", response_model=LintOut)
@checks_first
def lint_existing(ctx: Ctx, id: int, body: EntrypointFields) -> Response:
    """Checks new content for an entrypoint against its current plugin bindings."""
    return _lint_response(service.lint_existing(ctx, id, content_of(body)))


# -- plugin bindings ------------------------------------------------------------------------


class PluginIdsBody(WireModel):
    plugins: list[int] = Field(default_factory=list)


class ArtifactPluginIdsBody(WireModel):
    artifact_plugins: list[int] = Field(default_factory=list)


def _plugins(plugins: list[BoundPlugin]) -> Response:
    return ok([render_bound_plugin(plugin) for plugin in plugins])


@router.get(_ONE + "/plugins", response_model=list[BoundPluginOut])
def get_plugins(ctx: Ctx, id: int) -> Response:
    return _plugins(service.get_plugins(ctx, id, Role.TASK))


@router.post(_ONE + "/plugins", response_model=list[BoundPluginOut])
@checks_first
def append_plugins(ctx: Ctx, id: int, body: PluginIdsBody) -> Response:
    """Binds the plugins at their latest snapshot (re-posting a bound one syncs it)."""
    return _plugins(service.append_plugins(ctx, id, Role.TASK, body.plugins))


@router.get(_ONE + "/plugins/{pluginId:int}", response_model=BoundPluginOut)
def get_plugin(ctx: Ctx, id: int, pluginId: int) -> Response:
    return ok(render_bound_plugin(service.get_plugin(ctx, id, Role.TASK, pluginId)))


@router.delete(_ONE + "/plugins/{pluginId:int}", response_model=StatusOut)
@checks_first
def remove_plugin(ctx: Ctx, id: int, pluginId: int) -> Response:
    return ok(status_success(service.remove_plugin(ctx, id, Role.TASK, pluginId)))


@router.get(_ONE + "/artifactPlugins", response_model=list[BoundPluginOut])
def get_artifact_plugins(ctx: Ctx, id: int) -> Response:
    return _plugins(service.get_plugins(ctx, id, Role.ARTIFACT))


@router.post(_ONE + "/artifactPlugins", response_model=list[BoundPluginOut])
@checks_first
def append_artifact_plugins(ctx: Ctx, id: int, body: ArtifactPluginIdsBody) -> Response:
    return _plugins(service.append_plugins(ctx, id, Role.ARTIFACT, body.artifact_plugins))


@router.get(_ONE + "/artifactPlugins/{artifactPluginId:int}", response_model=BoundPluginOut)
def get_artifact_plugin(ctx: Ctx, id: int, artifactPluginId: int) -> Response:
    return ok(render_bound_plugin(service.get_plugin(ctx, id, Role.ARTIFACT, artifactPluginId)))


@router.delete(_ONE + "/artifactPlugins/{artifactPluginId:int}", response_model=StatusOut)
@checks_first
def remove_artifact_plugin(ctx: Ctx, id: int, artifactPluginId: int) -> Response:
    return ok(status_success(service.remove_plugin(ctx, id, Role.ARTIFACT, artifactPluginId)))


# -- queues --------------------------------------------------------------------------------


class QueueIdsBody(WireModel):
    ids: list[int]


def _queues(refs: list[Any]) -> Response:
    return ok(render_refs(refs, "queues"))


@router.get(_ONE + "/queues", response_model=list[LinkedRefOut])
def get_queues(ctx: Ctx, id: int) -> Response:
    return _queues(entrypoint_queues.get_queues(ctx, id))


@router.post(_ONE + "/queues", response_model=list[LinkedRefOut])
def append_queues(ctx: Ctx, id: int, body: QueueIdsBody) -> Response:
    return _queues(entrypoint_queues.append_queues(ctx, id, body.ids))


@router.put(_ONE + "/queues", response_model=list[LinkedRefOut])
def replace_queues(ctx: Ctx, id: int, body: QueueIdsBody) -> Response:
    return _queues(entrypoint_queues.replace_queues(ctx, id, body.ids))


@router.delete(_ONE + "/queues", response_model=StatusOut)
def remove_queues(ctx: Ctx, id: int) -> Response:
    return ok(status_success(entrypoint_queues.remove_all_queues(ctx, id)))


@router.delete(_ONE + "/queues/{queueId:int}", response_model=StatusOut)
def remove_queue(ctx: Ctx, id: int, queueId: int) -> Response:
    return ok(status_success(entrypoint_queues.remove_queue(ctx, id, queueId)))


# -- snapshot documents -------------------------------------------------------------------


# The route reads ``swaps[name]=alias`` itself (names are the graph's); declared here so
# the document shows it.
SWAPS_QUERY: dict[str, Any] = {
    "parameters": [
        {
            "name": "swaps",
            "in": "query",
            "style": "deepObject",
            "explode": True,
            "description": "The task chosen for each swap: swaps[name]=alias.",
            "schema": {"type": "object", "additionalProperties": {"type": "string"}},
        }
    ]
}


def swap_choices_of(request: Request) -> dict[str, str]:
    """``swaps[name]=alias`` (deepObject, each name once) from the query string."""
    query = request.query_params
    if "swaps" in query:
        raise FieldErrors({"swaps": ["Use swaps[name]=alias query parameters."]})
    choices: dict[str, str] = {}
    for key in query:
        if not key.startswith("swaps["):
            continue
        if not key.endswith("]") or len(key) <= len("swaps[]"):
            raise FieldErrors({"swaps": [f"Invalid swap parameter: {key}"]})
        values = query.getlist(key)
        if len(values) != 1:
            raise FieldErrors({"swaps": [f"Provide exactly one alias for {key}."]})
        choices[key[len("swaps[") : -1]] = values[0]
    return choices


def _sections(value: str | None) -> list[str] | None:
    names = [name.strip() for name in (value or "").split(",") if name.strip()]
    invalid = sorted(set(names) - set(SECTIONS))
    if invalid:
        raise FieldErrors({"sections": [f"Invalid config sections: {invalid}."]})
    return names or None


@router.get(
    _SNAPSHOT + "/config",
    summary="The engine document of an entrypoint snapshot",
    openapi_extra=SWAPS_QUERY,
)
def get_config(
    ctx: Ctx,
    request: Request,
    id: int,
    snapshotId: int,
    sections: Annotated[str | None, Query(description="Comma-separated sections.")] = None,
    partial: Annotated[bool, Query(description="Keep unchosen swaps; skip checks.")] = False,
) -> Response:
    """Rendered with ``swaps[name]=alias``; ``parameters`` holds only those the graph
    uses, and the document is validated (400) unless ``partial``."""
    return ok(
        service.get_config(
            ctx,
            id,
            snapshotId,
            swaps=swap_choices_of(request),
            partial=partial,
            sections=_sections(sections),
        )
    )


class SwapChoiceOut(OutModel):
    swap_name: str
    task_alias: str
    task_name: str
    entrypoint_keyword_args: list[str]
    plugin_file_resource_snapshot_id: int


@router.get(_SNAPSHOT + "/swaps", response_model=list[SwapChoiceOut])
def get_swaps(ctx: Ctx, id: int, snapshotId: int) -> Response:
    """One item per (swap, alias): the task it calls and the globals it needs."""
    return ok(
        [
            {
                "swapName": choice.swap_name,
                "taskAlias": choice.task_alias,
                "taskName": choice.task_name,
                "entrypointKeywordArgs": choice.entrypoint_keyword_args,
                "pluginFileResourceSnapshotId": choice.plugin_file_snapshot_id,
            }
            for choice in service.get_swaps(ctx, id, snapshotId)
        ]
    )


class DynamicGlobalsOut(OutModel):
    entrypoint_params: list[ParameterOut]
    topological_sort: list[str]
    active_plugins: list[dict[str, str]]


@router.get(
    _SNAPSHOT + "/dynamicGlobalParameters",
    response_model=DynamicGlobalsOut,
    openapi_extra=SWAPS_QUERY,
)
def get_dynamic_globals(ctx: Ctx, request: Request, id: int, snapshotId: int) -> Response:
    """The parameters, step order and plugins of the graph with ``swaps[name]=alias``."""
    found = service.get_graph_globals(ctx, id, snapshotId, swap_choices_of(request))
    return ok(
        {
            "entrypointParams": [
                {"name": p.name, "defaultValue": p.default_value, "parameterType": p.parameter_type}
                for p in found.parameters
            ],
            "topologicalSort": found.step_order,
            "activePlugins": [{"name": name} for name in found.active_plugins],
        }
    )


@router.get(_SNAPSHOT + "/artifactPlugins", response_model=list[BoundPluginOut])
def get_snapshot_artifact_plugins(ctx: Ctx, id: int, snapshotId: int) -> Response:
    return _plugins(service.get_snapshot_plugins(ctx, id, snapshotId, Role.ARTIFACT))


def _bundle(
    ctx: Ctx, id: int, snapshotId: int, role: Role, params: BundleParams, stem: str
) -> Response:
    fmt = BundleFormat(params.fileType)
    bound = service.get_snapshot_plugins(ctx, id, snapshotId, role)
    plugins = plugin_service.load_plugin_snapshot_files(ctx, [p.snapshot_id for p in bound])
    return StreamingResponse(
        build_bundle(plugins, fmt),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f"attachment; filename={fmt.download_name(stem)}"},
    )


@router.get(_SNAPSHOT + "/plugins/bundle", response_class=StreamingResponse)
def get_plugins_bundle(
    ctx: Ctx, id: int, snapshotId: int, params: Annotated[BundleParams, Query()]
) -> Response:
    """The task plugins' files as one archive (``fileType=tar_gz|zip``)."""
    return _bundle(ctx, id, snapshotId, Role.TASK, params, "plugins_bundle")


@router.get(_SNAPSHOT + "/artifactPlugins/bundle", response_class=StreamingResponse)
def get_artifact_plugins_bundle(
    ctx: Ctx, id: int, snapshotId: int, params: Annotated[BundleParams, Query()]
) -> Response:
    """The artifact plugins' files as one archive (``fileType=tar_gz|zip``)."""
    return _bundle(ctx, id, snapshotId, Role.ARTIFACT, params, "artifact_serialize_bundle")
