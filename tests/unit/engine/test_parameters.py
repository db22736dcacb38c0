"""Entrypoint parameter types: coercion of string values and the engine type mapping."""

from __future__ import annotations

import math
from typing import Any

import pytest

from dioptra.engine.parameters import (
    PARAMETER_TYPES,
    ParameterCoercionError,
    UnknownParameterTypeError,
    coerce_parameter,
    engine_parameter,
    engine_type,
    format_parameter,
)


def test_the_six_types() -> None:
    assert PARAMETER_TYPES == ("string", "float", "integer", "boolean", "list", "mapping")


@pytest.mark.parametrize(
    ("value", "parameter_type", "expected"),
    [
        ("hello", "string", "hello"),
        ("", "string", ""),
        ("  42 ", "string", "  42 "),
        ("true", "boolean", True),
        ("FALSE", "boolean", False),
        ("True", "boolean", True),
        ("42", "integer", 42),
        ("-7", "integer", -7),
        (" 12 ", "integer", 12),
        ("0.25", "float", 0.25),
        ("3", "float", 3.0),
        ("1e-3", "float", 0.001),
        ("[1, 2, 3]", "list", [1, 2, 3]),
        ("[]", "list", []),
        ('{"a": [1, {"b": null}]}', "mapping", {"a": [1, {"b": None}]}),
        ("{}", "mapping", {}),
    ],
)
def test_good_values(value: str, parameter_type: str, expected: Any) -> None:
    result = coerce_parameter(value, parameter_type, name="p")
    assert result == expected
    assert type(result) is type(expected)


def test_float_accepts_special_values() -> None:
    assert math.isnan(coerce_parameter("nan", "float"))
    assert coerce_parameter("-inf", "float") == -math.inf


@pytest.mark.parametrize("parameter_type", PARAMETER_TYPES)
def test_none_stays_none(parameter_type: str) -> None:
    assert coerce_parameter(None, parameter_type) is None


@pytest.mark.parametrize(
    ("value", "parameter_type", "fragment"),
    [
        ("yes", "boolean", "true or false"),
        ("1", "boolean", "true or false"),
        ("4.5", "integer", "whole number"),
        ("ten", "integer", "whole number"),
        ("", "integer", "whole number"),
        ("1,5", "float", "a number"),
        ("[1, 2", "list", "invalid JSON at line 1"),
        ('{"a": 1}', "list", "the JSON is an object"),
        ('"text"', "list", "the JSON is a string"),
        ("[1]", "mapping", "the JSON is an array"),
        ("null", "mapping", "the JSON is null"),
        ("3", "mapping", "the JSON is a number"),
        ("{a: 1}", "mapping", "invalid JSON"),
    ],
)
def test_bad_values_name_parameter_and_form(value: str, parameter_type: str, fragment: str) -> None:
    with pytest.raises(ParameterCoercionError) as caught:
        coerce_parameter(value, parameter_type, name="epochs")
    message = str(caught.value)
    assert "'epochs'" in message
    assert repr(parameter_type) in message
    assert fragment in message
    assert (caught.value.name, caught.value.parameter_type) == ("epochs", parameter_type)


def test_unknown_type() -> None:
    with pytest.raises(UnknownParameterTypeError, match=r"'str'.*string, float"):
        coerce_parameter("x", "str", name="p")
    with pytest.raises(UnknownParameterTypeError):
        engine_type("number")


@pytest.mark.parametrize(
    ("parameter_type", "expected"),
    [
        ("string", "string"),
        ("boolean", "boolean"),
        ("integer", "integer"),
        ("float", "number"),
        ("list", None),
        ("mapping", None),
    ],
)
def test_engine_type(parameter_type: str, expected: str | None) -> None:
    assert engine_type(parameter_type) == expected


def test_engine_parameter_entries() -> None:
    assert engine_parameter("n", "integer", "5") == {"default": 5, "type": "integer"}
    assert engine_parameter("x", "float", None) == {"type": "number"}
    assert engine_parameter("xs", "list", "[1]") == {"default": [1]}
    assert engine_parameter("m", "mapping", None) == {}
    with pytest.raises(ParameterCoercionError, match="'n'"):
        engine_parameter("n", "integer", "five")


@pytest.mark.parametrize(
    ("value", "parameter_type", "text"),
    [
        (True, "boolean", "true"),
        (False, "boolean", "false"),
        (5, "integer", "5"),
        (5, "float", "5"),
        (0.5, "float", "0.5"),
        (math.inf, "float", "inf"),
        ([1, "a"], "list", '[1, "a"]'),
        ({"k": [1]}, "mapping", '{"k": [1]}'),
        ("abc", "string", "abc"),
        (7, "string", "7"),
        ("12", "integer", "12"),
    ],
)
def test_format_round_trips(value: Any, parameter_type: str, text: str) -> None:
    assert format_parameter(value, parameter_type) == text
    if not isinstance(value, str) and parameter_type != "string":
        assert coerce_parameter(text, parameter_type) == value


@pytest.mark.parametrize(
    ("value", "parameter_type"),
    [(True, "integer"), (1.5, "integer"), ("x", "integer"), (1, "boolean"), ([1], "mapping")],
)
def test_format_rejects_misfits(value: Any, parameter_type: str) -> None:
    with pytest.raises(ParameterCoercionError, match="'seed'"):
        format_parameter(value, parameter_type, name="seed")
