"""docs/reference/search.md lists every searchable list of the API with exactly its fields,
and every reason the search parser can give."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dioptra.server.app import create_app
from dioptra.server.services.accounts.groups import GROUP_SEARCH_FIELDS
from dioptra.server.services.accounts.users import USER_SEARCH_FIELDS
from dioptra.server.services.core.kinds import KINDS
from dioptra.server.services.core.tags import TAG_SEARCH_FIELDS
from dioptra.server.services.jobs.logs import LOG_SEARCH_FIELDS

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "search.md"
PARSER = ROOT / "src" / "dioptra" / "server" / "services" / "core" / "search.py"

# Each list route (as the OpenAPI document writes it, less /api/v1) and where its fields live.
# Snapshot lists take their resource's fields, which the page says once for all of them.
FIELDS_OF: Mapping[str, Mapping[str, Any]] = {
    "/queues/": KINDS["queue"].search_fields,
    "/pluginParameterTypes/": KINDS["plugin_task_parameter_type"].search_fields,
    "/plugins/": KINDS["plugin"].search_fields,
    "/plugins/{id}/files": KINDS["plugin_file"].search_fields,
    "/entrypoints/": KINDS["entry_point"].search_fields,
    "/experiments/": KINDS["experiment"].search_fields,
    "/jobs/": KINDS["job"].search_fields,
    "/experiments/{id}/jobs": KINDS["job"].search_fields,
    "/experiments/{id}/metrics": KINDS["job"].search_fields,
    "/jobs/{id}/log": LOG_SEARCH_FIELDS,
    "/artifacts/": KINDS["artifact"].search_fields,
    "/models/": KINDS["ml_model"].search_fields,
    "/models/{id}/versions": KINDS["ml_model_version"].search_fields,
    "/users/": USER_SEARCH_FIELDS,
    "/groups/": GROUP_SEARCH_FIELDS,
    "/tags/": TAG_SEARCH_FIELDS,
}


def _table_rows() -> dict[str, set[str]]:
    """Route -> the fields its row of the page's "Fields, by list" table names."""
    rows: dict[str, set[str]] = {}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`/api/v1/"):
            continue
        fields = set(re.findall(r"`([A-Za-z_]+)`", cells[1]))
        for route in re.findall(r"`/api/v1(/[^`]*)`", cells[0]):
            rows[route] = fields
    return rows


def test_every_searchable_list_is_on_the_page_with_its_fields() -> None:
    rows = _table_rows()
    for route, fields in FIELDS_OF.items():
        assert route in rows, f"{route} is missing from docs/reference/search.md"
        assert rows[route] == set(fields), (route, sorted(rows[route]), sorted(fields))


def test_the_page_covers_every_route_that_takes_a_search() -> None:
    document = create_app().openapi()
    searchable = {
        path.removeprefix("/api/v1")
        for path, operations in document["paths"].items()
        if any(p.get("name") == "search" for p in operations.get("get", {}).get("parameters", []))
        and not path.endswith("/snapshots")
    }
    assert searchable == set(FIELDS_OF), (
        "routes taking `search` changed; update FIELDS_OF and the page's table: "
        f"new {sorted(searchable - set(FIELDS_OF))}, gone {sorted(set(FIELDS_OF) - searchable)}"
    )


def _reason_fragments() -> list[str]:
    """The literal text of every reason the parser gives: in its `fail(...)` calls and in
    the helper that words the reasons about ':'."""
    tree = ast.parse(PARSER.read_text(encoding="utf-8"))
    fragments = []
    for node in ast.walk(tree):
        is_fail = isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "fail"
        is_reason_helper = isinstance(node, ast.FunctionDef) and node.name == "colon_reason"
        if is_fail or is_reason_helper:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    text = sub.value.strip()
                    if re.search(r"[a-z]{2,} [a-z]", text):
                        fragments.append(text)
    return fragments


def test_every_parser_reason_is_on_the_page() -> None:
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    fragments = _reason_fragments()
    assert len(fragments) > 10
    missing = [text for text in fragments if text not in page]
    assert not missing, f"reasons of the search parser missing from the page: {missing}"
