"""Resource links as refs (an experiment's entrypoints, an entrypoint's queues)."""

from typing import Any

from dioptra.server.api.v1.core.wire import GroupRefOut, OutModel, group_ref, url
from dioptra.server.services.core.links import LinkedRef


class LinkedRefOut(OutModel):
    id: int
    group: GroupRefOut
    url: str
    deleted: bool
    name: str | None


def render_ref(ref: LinkedRef, url_segment: str) -> dict[str, Any]:
    """``{id, group, url, deleted, name}`` in Dioptra's key order."""
    return {
        "id": ref.id,
        "group": group_ref(ref.group_id, ref.group_name),
        "url": url(url_segment, ref.id),
        "deleted": ref.deleted,
        "name": ref.name,
    }


def render_refs(refs: list[LinkedRef], url_segment: str) -> list[dict[str, Any]]:
    return [render_ref(ref, url_segment) for ref in refs]
