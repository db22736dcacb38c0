"""Our client offers every method of Dioptra 1.2.2's client with the same parameters.

The fixture was written by `client_surface.py` under the original client's interpreter
(see that module's docstring). Extra methods and extra trailing optional parameters
are allowed; anything the original has must be here, named and ordered the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import client_surface
import pytest

import dioptra.client

FIXTURE = Path(__file__).parent / "fixtures" / "reference_client_surface.json"
REFERENCE: dict[str, Any] = json.loads(FIXTURE.read_text())
OURS: dict[str, Any] = json.loads(json.dumps(client_surface.describe_module(dioptra.client)))

REFERENCE_METHODS = sorted(
    (path, name) for path, methods in REFERENCE["tree"].items() for name in methods
)


def _assert_same_parameters(theirs: list[dict[str, str]], ours: list[dict[str, str]]) -> None:
    assert ours[: len(theirs)] == theirs
    for extra in ours[len(theirs) :]:
        # Anything we add must not change how an original call binds.
        assert extra["default"] != "<required>" or extra["kind"] == "VAR_KEYWORD", extra


def test_the_fixture_describes_the_whole_original_client() -> None:
    assert len(REFERENCE_METHODS) > 200
    assert "client.plugins.files.new_resource_drafts" in REFERENCE["tree"]


@pytest.mark.parametrize(
    ("path", "name"), REFERENCE_METHODS, ids=[f"{p}.{n}" for p, n in REFERENCE_METHODS]
)
def test_method_matches_the_original(path: str, name: str) -> None:
    assert path in OURS["tree"], f"missing sub-client {path}"
    assert name in OURS["tree"][path], f"missing method {path}.{name}"
    _assert_same_parameters(REFERENCE["tree"][path][name], OURS["tree"][path][name])


@pytest.mark.parametrize("function", sorted(REFERENCE["functions"]))
def test_top_level_function_matches_the_original(function: str) -> None:
    _assert_same_parameters(REFERENCE["functions"][function], OURS["functions"][function])


def test_dioptra_file_has_the_original_fields() -> None:
    assert OURS["dioptra_file_fields"] == REFERENCE["dioptra_file_fields"]


def test_original_error_classes_are_importable_where_they_were() -> None:
    from dioptra.client.base import (  # noqa: F401
        APIConnectionError,
        DioptraClientError,
        DioptraResponseProtocol,
        FieldNameCollisionError,
        FieldsValidationError,
        IllegalArgumentError,
        JSONDecodeError,
        StatusCodeError,
        SubCollectionUrlError,
    )
    from dioptra.client.drafts import DraftFieldsValidationError
    from dioptra.client.utils import FileTypes

    assert issubclass(StatusCodeError, DioptraClientError)
    assert issubclass(DraftFieldsValidationError, DioptraClientError)
    assert FileTypes.TAR_GZ.value == "tar_gz"
