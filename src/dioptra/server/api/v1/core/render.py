"""Renderers shared by several routers."""

from __future__ import annotations

from typing import Any

from dioptra.server.api.v1.core.wire import OutModel, group_ref, timestamp, user_ref
from dioptra.server.services.core.drafts import DraftView


def render_draft(view: DraftView) -> dict[str, Any]:
    draft = view.draft
    metadata: dict[str, Any] = {}
    if view.num_other_drafts is not None:
        metadata["num_other_drafts"] = view.num_other_drafts
    return {
        "id": draft.id,
        "group": group_ref(draft.group_id, view.group_name),
        "user": user_ref(draft.user_id, view.username),
        "payload": draft.payload,
        "createdOn": timestamp(draft.created_on),
        "lastModifiedOn": timestamp(draft.last_modified_on),
        "resourceType": draft.resource_type,
        "resource": draft.base_resource_id,
        "resourceSnapshot": draft.base_snapshot_id,
        "metadata": metadata,
    }


class DraftOut(OutModel):
    id: int
    group: dict[str, Any]
    user: dict[str, Any]
    payload: dict[str, Any]
    created_on: str
    last_modified_on: str
    resource_type: str
    resource: int | None
    resource_snapshot: int | None
    metadata: dict[str, Any]
