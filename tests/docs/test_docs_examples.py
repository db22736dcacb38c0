"""Every runnable page of docs/tutorials and docs/how-to follows the convention; the pages'
examples themselves run in the test_docs_run_*.py files beside this one (a section and
track each, so pytest-xdist runs them side by side). The rules are in tests/docs/README.md."""

from __future__ import annotations

import pytest
from docs_examples import chain, runnable_pages


@pytest.mark.parametrize("page", runnable_pages())
def test_every_page_follows_the_convention(page: str) -> None:
    """Parses, and what it continues exists and parses (no cycle)."""
    chain(page)
