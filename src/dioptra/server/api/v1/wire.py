"""Wire conventions: camelCase bodies, ref objects, timestamps, the JSON response."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel
from starlette.responses import JSONResponse

API_PREFIX = "/api/v1"


class WireModel(BaseModel):
    """Request bodies: camelCase names, unknown fields rejected (as Dioptra does)."""

    model_config = ConfigDict(alias_generator=to_camel, extra="forbid")


class OutModel(BaseModel):
    """Response shapes, for the OpenAPI document (responses are rendered directly)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class JsonResponse(JSONResponse):
    """Compact JSON; content is already made of plain types (see ``timestamp``)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ok(content: Any) -> JsonResponse:
    return JsonResponse(content)


def timestamp(value: dt.datetime | None) -> str | None:
    """ISO-8601 with the UTC offset, as Dioptra prints it."""
    return None if value is None else value.isoformat()


def url(*parts: object) -> str:
    return API_PREFIX + "/" + "/".join(str(part) for part in parts)


def group_ref(group_id: int, name: str) -> dict[str, Any]:
    return {"id": group_id, "name": name, "url": url("groups", group_id)}


def user_ref(user_id: int, username: str) -> dict[str, Any]:
    return {"id": user_id, "username": username, "url": url("users", user_id)}


def tag_ref(tag_id: int, name: str, group_id: int, group_name: str) -> dict[str, Any]:
    return {
        "id": tag_id,
        "name": name,
        "group": group_ref(group_id, group_name),
        "url": url("tags", tag_id),
    }


def status_success(ids: list[int] | None = None) -> dict[str, Any]:
    """The body of a delete: ``{"status": "Success"}`` plus the ids where Dioptra gives them."""
    return {"status": "Success"} if ids is None else {"id": ids, "status": "Success"}


class GroupRefOut(OutModel):
    id: int
    name: str
    url: str


class UserRefOut(OutModel):
    id: int
    username: str
    url: str


class TagRefOut(OutModel):
    id: int
    name: str
    group: GroupRefOut
    url: str


class StatusOut(OutModel):
    status: str
    id: list[int] | None = None
