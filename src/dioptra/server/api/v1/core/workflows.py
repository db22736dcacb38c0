"""/workflows/draftCommit: turns any draft into a resource or a new snapshot.
/workflows/resourceImport: imports a project's types, plugins and entrypoints."""

from starlette.requests import Request
from starlette.responses import Response

from dioptra.server.api.v1.core.deps import Ctx, api_router, checks_first
from dioptra.server.api.v1.core.resource_api import ResourceApi
from dioptra.server.api.v1.core.wire import StatusOut, WireModel, ok, status_success
from dioptra.server.api.v1.resource_import import form as import_form
from dioptra.server.services.core import drafts as draft_service
from dioptra.server.services.core import resources
from dioptra.server.services.core.errors import DioptraError, DraftResourceModificationsCommitError
from dioptra.server.services.plugins import plugins as plugin_service

router = api_router(tags=["workflows"])


class UnsupportedDraftTypeError(DioptraError):
    pass


@router.post(
    "/workflows/draftCommit/{id:int}",
    response_model=StatusOut,
    summary="Commit a draft (creates the resource or a new snapshot of it)",
)
@checks_first
def commit_draft(ctx: Ctx, id: int) -> Response:
    draft = draft_service.get_own_draft(ctx, id)
    resource_api = ResourceApi.registry.get(draft.resource_type)
    if resource_api is None:
        raise UnsupportedDraftTypeError(
            f"Drafts of type {draft.resource_type} cannot be committed."
        )
    try:
        ids = resource_api.commit_draft(ctx, draft)
    except DraftResourceModificationsCommitError as conflict:
        _add_conflicting_snapshots(ctx, resource_api, conflict)
        raise
    return ok(status_success(ids))


def _add_conflicting_snapshots(
    ctx: Ctx, resource_api: ResourceApi, conflict: DraftResourceModificationsCommitError
) -> None:
    """Shows the client both versions: the one the draft started from and the current one."""
    detail = conflict.detail
    for key in ("base_snapshot", "curr_snapshot"):
        view = resources.get_snapshot_by_id(ctx, detail[f"{key}_id"])
        detail[key] = resource_api.render_one(ctx, view, snapshot_item=True)


class SignatureAnalysisBody(WireModel):
    python_code: str


@router.post(
    "/workflows/pluginTaskSignatureAnalysis",
    summary="Find the tasks of plugin source and suggest parameter types (never runs it)",
)
def plugin_task_signature_analysis(ctx: Ctx, body: SignatureAnalysisBody) -> Response:
    return ok(plugin_service.analyze_plugin_source(body.python_code))


@router.post(
    "/workflows/resourceImport",
    response_model=import_form.ResourceImportOut,
    summary="Import parameter types, plugins and entrypoints (files, an archive or git)",
    openapi_extra=import_form.OPENAPI_FORM,
)
async def resource_import(request: Request) -> Response:
    """Reads a multipart form (see ``import_form``): the project's ``dioptra.toml`` and
    files, imported in one transaction."""
    return await import_form.handle_import(request)
