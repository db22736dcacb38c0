"""Wire conventions: camelCase bodies, ref objects, timestamps, the JSON response."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import annotated_types
import orjson
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError
from starlette.responses import JSONResponse

API_PREFIX = "/api/v1"
# Ids are INTEGER columns: PostgreSQL refuses to compare a larger value with one (and
# SQLite cannot bind anything beyond 64 bits), so larger "ids" are refused as input.
MAX_ID = 2**31 - 1
MIN_ID = -(2**31)
# The largest integer either database stores (BIGINT): the bound of offsets.
MAX_DB_INT = 2**63 - 1


_BOUNDS = ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum")


def _bound_integers(schema: dict[str, Any]) -> None:
    """Declares the id range on every integer of a body's JSON schema that states none."""
    if schema.get("type") == "integer" and not any(key in schema for key in _BOUNDS):
        schema["maximum"] = MAX_ID
        schema["minimum"] = MIN_ID
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for part in schema.get(key, []):
            _bound_integers(part)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _bound_integers(schema[key])
    for part in schema.get("properties", {}).values():
        _bound_integers(part)


def _out_of_id_range(value: Any) -> PydanticCustomError | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if value > MAX_ID:
        return PydanticCustomError(
            "less_than_equal", "Input should be less than or equal to {le}", {"le": MAX_ID}
        )
    if value < MIN_ID:
        return PydanticCustomError(
            "greater_than_equal", "Input should be greater than or equal to {ge}", {"ge": MIN_ID}
        )
    return None


def _has_bounds(field: FieldInfo) -> bool:
    return any(isinstance(item, annotated_types.BaseMetadata) for item in field.metadata)


class WireModel(BaseModel):
    """Request bodies: camelCase names, unknown fields rejected (as Dioptra does), text
    without NUL characters (PostgreSQL text cannot hold them), and integers in the id range
    unless a field declares a range of its own."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        extra="forbid",
        json_schema_extra=lambda schema, _model: _bound_integers(schema),
    )

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any, info: ValidationInfo) -> Any:
        """Checks a field's value, or the items (keys too) of a list or mapping field;
        deeper JSON is stored as JSON, where any number or escaped text is fine."""
        field = cls.model_fields.get(info.field_name or "")
        bounded = field is not None and _has_bounds(field)
        if isinstance(value, dict):
            candidates = [*value.keys(), *value.values()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            candidates = list(value)
        else:
            candidates = [value]
        for item in candidates:
            if isinstance(item, str) and "\x00" in item:
                raise PydanticCustomError("string_nul", "Null characters are not allowed.")
            problem = None if bounded else _out_of_id_range(item)
            if problem is not None:
                raise problem
        return value


class OutModel(BaseModel):
    """Response shapes, for the OpenAPI document (responses are rendered directly)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


def encode_json(content: Any) -> bytes:
    """Compact UTF-8 JSON of plain types. orjson writes a list page of plugins or
    entrypoints (tens of KB) about ten times faster than ``json``; the same text, except
    that a float printed by Python in exponent form may be written out in full (1e-05 as
    0.00001: the same number). What orjson refuses (integers beyond 64 bits, types it
    does not know) is written by ``json``, as before."""
    try:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class JsonResponse(JSONResponse):
    """Compact JSON; content is already made of plain types (see ``timestamp``)."""

    def render(self, content: Any) -> bytes:
        return encode_json(content)


def ok(content: Any) -> JsonResponse:
    return JsonResponse(content)


def timestamp(value: dt.datetime | None) -> str | None:
    """ISO-8601 with the UTC offset, as Dioptra prints it."""
    return None if value is None else value.isoformat()


def url(*parts: object) -> str:
    return "/".join((API_PREFIX, *map(str, parts)))


# The refs below are built for every item of every page: plain f-strings, the cheapest.


def group_ref(group_id: int, name: str) -> dict[str, Any]:
    return {"id": group_id, "name": name, "url": f"{API_PREFIX}/groups/{group_id}"}


def user_ref(user_id: int, username: str) -> dict[str, Any]:
    return {"id": user_id, "username": username, "url": f"{API_PREFIX}/users/{user_id}"}


def tag_ref(tag_id: int, name: str, group_id: int, group_name: str) -> dict[str, Any]:
    return {
        "id": tag_id,
        "name": name,
        "group": group_ref(group_id, group_name),
        "url": f"{API_PREFIX}/tags/{tag_id}",
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
