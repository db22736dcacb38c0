"""The OpenAPI document as the server really answers.

FastAPI documents a 422 ``HTTPValidationError`` on every operation, a shape this server
never sends: request validation answers 400 ``{"errors": {...}}`` and everything else
Dioptra's error body (see ``errors.py``). The document instead declares one ``4XX``
response with the shapes actually sent, so clients and schema-driven tests (the fuzz
suite) can rely on it. It also states the name rules the services check.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from dioptra.server.api.v1.core.resource_api import ResourceApi
from dioptra.server.api.v1.core.wire import MAX_DB_INT
from dioptra.server.services.core.names import IDENTIFIER_PATTERN, RESOURCE_NAME_PATTERN

_REF = "#/components/schemas/{model}"
_FASTAPI_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")
# The name rules of services.names as JSON Schema (ECMA-262) patterns. Documented only:
# the services check names, so a bad one still gets 1.2's ResourceNameError.
JSON_SCHEMA_PATTERNS: dict[re.Pattern[str], str] = {
    RESOURCE_NAME_PATTERN: r"^ *[A-Za-z0-9_.-][A-Za-z0-9_. -]*$",
    IDENTIFIER_PATTERN: r"^([A-Za-z]|[A-Za-z_][A-Za-z0-9_]+)$",
}
# Bodies outside the resource families whose ``name`` follows the resource name rule.
_NAMED_BODIES = ("TagCreateBody", "TagModifyBody", "GroupCreateBody")


class ErrorBody(BaseModel):
    """Dioptra's error body: every domain error, 401/403/404/405/409/413/422/423."""

    model_config = ConfigDict(extra="forbid")

    error: str = Field(description="The error's class name, e.g. EntityDoesNotExistError.")
    message: str = Field(description="The status phrase and what went wrong.")
    detail: dict[str, Any] = Field(description="Machine-readable specifics.")
    originating_path: str = Field(description="Path and query of the request.")


class RequestErrorsBody(BaseModel):
    """400 for a body or query that fails validation: messages by field."""

    model_config = ConfigDict(extra="forbid")

    errors: dict[str, Any] = Field(description="Field name -> messages (nested for items).")
    message: str | None = Field(None, description="Present when a query value is unparsable.")


class JsonDecodeErrorBody(BaseModel):
    """400 for a body that is not JSON."""

    model_config = ConfigDict(extra="forbid")

    message: str


_ERROR_MODELS: tuple[type[BaseModel], ...] = (ErrorBody, RequestErrorsBody, JsonDecodeErrorBody)


def _client_error_response() -> dict[str, Any]:
    schema = {"anyOf": [{"$ref": _REF.format(model=m.__name__)} for m in _ERROR_MODELS]}
    return {
        "description": "Client error: Dioptra's error body, or field errors for bad input",
        "content": {"application/json": {"schema": schema}},
    }


def _exact_bounds(node: Any) -> None:
    """FastAPI's OpenAPI model keeps numeric bounds as floats, which rounds the 64-bit
    bound up by one; put the exact integer back."""
    if isinstance(node, dict):
        for key in ("maximum", "minimum"):
            value = node.get(key)
            if isinstance(value, float) and value == float(MAX_DB_INT):
                node[key] = MAX_DB_INT
            elif isinstance(value, float) and value.is_integer():
                node[key] = int(value)
        for child in node.values():
            _exact_bounds(child)
    elif isinstance(node, list):
        for child in node:
            _exact_bounds(child)


def _document_name_rule(schema: dict[str, Any] | None, pattern: str) -> None:
    name = (schema or {}).get("properties", {}).get("name")
    if isinstance(name, dict) and name.get("type") == "string":
        name.setdefault("pattern", pattern)


def _document_name_rules(schemas: dict[str, Any]) -> None:
    """States each resource_api's name rule on its bodies, so generated names can pass it."""
    for resource_api in ResourceApi.registry.values():
        rule = resource_api.kind.name_pattern
        pattern = JSON_SCHEMA_PATTERNS.get(rule) if rule is not None else None
        if pattern is None:
            continue
        for model in (resource_api.create_body, resource_api.modify_body, resource_api.draft_body):
            _document_name_rule(schemas.get(model.__name__), pattern)
    for body in _NAMED_BODIES:
        _document_name_rule(schemas.get(body), JSON_SCHEMA_PATTERNS[RESOURCE_NAME_PATTERN])


def describe_errors(document: dict[str, Any]) -> None:
    """Rewrites ``document`` in place (see the module docstring)."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            responses = operation.get("responses")
            if not isinstance(responses, dict):
                continue
            responses.pop("422", None)
            responses["4XX"] = _client_error_response()
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_ERROR_SCHEMAS:
        schemas.pop(name, None)
    for model in _ERROR_MODELS:
        schemas[model.__name__] = model.model_json_schema(ref_template=_REF)
    _document_name_rules(schemas)
    _exact_bounds(document)


def install_openapi(app: FastAPI) -> None:
    """Makes ``app.openapi()`` (and ``/api/v1/openapi.json``) the corrected document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            describe_errors(generate())  # FastAPI caches the dict it returns
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]

    # Where Dioptra 1.2 serves its API document (Flask-RESTX); the same document here.
    @app.get("/swagger.json", include_in_schema=False)
    def swagger_json() -> JSONResponse:
        return JSONResponse(app.openapi())
