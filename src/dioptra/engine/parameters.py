"""Entrypoint parameters: their six types and the coercion of their string values.

Entrypoint parameter defaults and job values travel and are stored as strings;
they are coerced to Python values by the declared type before a run, and each
type maps to a task-engine type for the assembled document (``list`` and
``mapping`` get none: the engine infers their type from the default).
"""

from __future__ import annotations

import json
import math
from typing import Any, Final, Literal, TypeGuard, get_args

ParameterType = Literal["string", "float", "integer", "boolean", "list", "mapping"]
PARAMETER_TYPES: Final[tuple[str, ...]] = get_args(ParameterType)

_ENGINE_TYPES: Final[dict[str, str]] = {
    "string": "string",
    "boolean": "boolean",
    "integer": "integer",
    "float": "number",
}

_EXPECTED_FORM: Final[dict[str, str]] = {
    "string": "any text",
    "boolean": "true or false",
    "integer": "a whole number such as 42",
    "float": "a number such as 0.5",
    "list": 'a JSON array such as [1, "a"]',
    "mapping": 'a JSON object such as {"key": 1}',
}


class ParameterCoercionError(ValueError):
    """A value does not have the form its parameter type requires."""

    def __init__(self, name: str, parameter_type: str, value: str, reason: str | None = None):
        self.name = name
        self.parameter_type = parameter_type
        self.value = value
        expected = _EXPECTED_FORM.get(parameter_type, "a valid value")
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"parameter {name!r} is of type {parameter_type!r} and expects {expected}, "
            f"got {value!r}{detail}"
        )


class UnknownParameterTypeError(ValueError):
    def __init__(self, name: str, parameter_type: str):
        self.name = name
        self.parameter_type = parameter_type
        super().__init__(
            f"parameter {name!r} has unknown type {parameter_type!r}; "
            f"use one of: {', '.join(PARAMETER_TYPES)}"
        )


def is_parameter_type(value: str) -> TypeGuard[ParameterType]:
    return value in PARAMETER_TYPES


def coerce_parameter(value: str | None, parameter_type: str, *, name: str = "value") -> Any:
    """The Python value of a parameter's string form; ``None`` stays ``None``."""
    if not is_parameter_type(parameter_type):
        raise UnknownParameterTypeError(name, parameter_type)
    if value is None:
        return None
    if parameter_type == "string":
        return value
    if parameter_type == "boolean":
        if value.lower() not in ("true", "false"):
            raise ParameterCoercionError(name, parameter_type, value)
        return value.lower() == "true"
    if parameter_type == "integer":
        try:
            return int(value)
        except ValueError:
            raise ParameterCoercionError(name, parameter_type, value) from None
    if parameter_type == "float":
        try:
            return float(value)
        except ValueError:
            raise ParameterCoercionError(name, parameter_type, value) from None
    return _coerce_json(value, parameter_type, name)


def _coerce_json(value: str, parameter_type: ParameterType, name: str) -> Any:
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as error:
        reason = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise ParameterCoercionError(name, parameter_type, value, reason) from None
    wanted = list if parameter_type == "list" else dict
    if not isinstance(parsed, wanted):
        reason = f"the JSON is {_json_kind(parsed)}"
        raise ParameterCoercionError(name, parameter_type, value, reason)
    return parsed


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def engine_type(parameter_type: str) -> str | None:
    """The task-engine type of a parameter type; None for ``list`` and ``mapping``."""
    if not is_parameter_type(parameter_type):
        raise UnknownParameterTypeError("?", parameter_type)
    return _ENGINE_TYPES.get(parameter_type)


def engine_parameter(name: str, parameter_type: str, default_value: str | None) -> dict[str, Any]:
    """The ``parameters`` entry of the engine document for one entrypoint parameter.

    ``{"default": <coerced>, "type": T}``; the default is left out when there is
    none and the type when the engine should infer it (list, mapping).
    """
    entry: dict[str, Any] = {}
    if default_value is not None:
        entry["default"] = coerce_parameter(default_value, parameter_type, name=name)
    type_name = engine_type(parameter_type)
    if type_name is not None:
        entry["type"] = type_name
    return entry


def format_parameter(value: Any, parameter_type: str, *, name: str = "value") -> str:
    """The string form of a native value (a TOML default, a client's value).

    The inverse of :func:`coerce_parameter`: ``coerce_parameter(format_parameter(v, t), t)``
    gives back ``v``. Raises :class:`ParameterCoercionError` when ``value`` does
    not fit the type.
    """
    if not is_parameter_type(parameter_type):
        raise UnknownParameterTypeError(name, parameter_type)
    if isinstance(value, str):
        coerce_parameter(value, parameter_type, name=name)  # must parse
        return value
    fits = {
        "string": isinstance(value, int | float),  # bools are ints: TOML scalars as text
        "boolean": isinstance(value, bool),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "list": isinstance(value, list),
        "mapping": isinstance(value, dict),
    }[parameter_type]
    if not fits:
        raise ParameterCoercionError(name, parameter_type, repr(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # 'nan', 'inf', '-inf': what float() reads back
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)
