"""The experiment documents shown in docs/reference/task-graph.md validate as the page says.

Reference pages are not run by the docs harness, so their examples are checked here: every
`yaml` block that is a whole experiment document (it has a `tasks` section) must be valid,
unless a `text` block follows it directly, which then lists exactly the issues it has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dioptra.engine import validate_swappable

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "task-graph.md"
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def documents_and_expected_issues() -> list[tuple[int, str, list[str]]]:
    text = PAGE.read_text(encoding="utf-8")
    fences = list(_FENCE.finditer(text))
    found = []
    for index, fence in enumerate(fences):
        language, body = fence.group(1), fence.group(2)
        if language != "yaml":
            continue
        data = yaml.safe_load(body)
        if not isinstance(data, dict) or "tasks" not in data:
            continue
        expected: list[str] = []
        following = fences[index + 1] if index + 1 < len(fences) else None
        if (
            following is not None
            and following.group(1) == "text"
            and not text[fence.end() : following.start()].strip()
        ):
            expected = following.group(2).strip().splitlines()
        line = text.count("\n", 0, fence.start()) + 1
        found.append((line, body, expected))
    return found


def test_the_page_has_documents_to_check() -> None:
    assert len(documents_and_expected_issues()) >= 2


DOCUMENTS = documents_and_expected_issues()


@pytest.mark.parametrize(
    ("line", "body", "expected"), DOCUMENTS, ids=[f"line{line}" for line, _, _ in DOCUMENTS]
)
def test_a_document_of_the_page_validates_as_shown(
    line: int, body: str, expected: list[str]
) -> None:
    issues = [str(issue) for issue in validate_swappable(body)]
    assert issues == expected, f"docs/reference/task-graph.md:{line}"
