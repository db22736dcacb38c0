"""The cli track of the robustness study (minutes: it trains and attacks models), run against a
live server: one test per page, in reading order, each going on from the page it continues
(docs_examples.Readers)."""

from __future__ import annotations

import pytest
from docs_examples import Readers, example_cases


@pytest.mark.parametrize(
    ("page", "track"), example_cases("tutorials", "cli", only="tutorials/robustness-study.md")
)
def test_docs_run_robustness_cli(page: str, track: str, readers: Readers) -> None:
    readers.run(page, track)
