"""The OpenAPI document states the rules the services check, exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dioptra.server.api.v1.core.openapi_doc import JSON_SCHEMA_PATTERNS, describe_errors

NAME_CHARACTERS = st.text(alphabet=st.sampled_from("aZ09_.- \t/é\u0131\u017fK"), max_size=8)


@pytest.mark.parametrize("rule", list(JSON_SCHEMA_PATTERNS), ids=lambda rule: rule.pattern)
@given(name=NAME_CHARACTERS)
@settings(max_examples=300, derandomize=True)
def test_documented_name_patterns_match_the_service_rules(rule: re.Pattern[str], name: str) -> None:
    documented = re.compile(JSON_SCHEMA_PATTERNS[rule])
    # Python's case-insensitive [A-Z] also takes a few non-ASCII letters (dotless i, long s,
    # Kelvin sign); the document states the ASCII rule clients should follow.
    if name.isascii():
        assert bool(documented.search(name)) == bool(rule.fullmatch(name)), name


def test_family_bodies_document_their_name_rule() -> None:
    document = {
        "paths": {},
        "components": {
            "schemas": {
                "QueueCreateBody": {"properties": {"name": {"type": "string"}}},
                "PluginModifyBody": {"properties": {"name": {"type": "string"}}},
                "ModelCreateBody": {"properties": {"name": {"type": "string"}}},
            }
        },
    }

    describe_errors(document)

    schemas = document["components"]["schemas"]
    assert schemas["QueueCreateBody"]["properties"]["name"]["pattern"].startswith("^ *")
    assert schemas["PluginModifyBody"]["properties"]["name"]["pattern"].startswith("^([A-Za-z]")
    assert "pattern" not in schemas["ModelCreateBody"]["properties"]["name"]  # no rule (1.2)
