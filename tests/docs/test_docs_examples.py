"""Every runnable page of docs/tutorials and docs/how-to follows the convention; the pages'
examples themselves run in the test_docs_run_*.py files beside this one (a section and
track each, so pytest-xdist runs them side by side). The rules are in tests/docs/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_examples import RUNNABLE_FOLDERS, TRACKS, chain, runnable_pages


@pytest.mark.parametrize("page", runnable_pages())
def test_every_page_follows_the_convention(page: str) -> None:
    """Parses, and what it continues exists and parses (no cycle)."""
    chain(page)


def test_every_runnable_folder_has_its_run_files() -> None:
    """The test_docs_run_*.py files select pages by folder: a new folder needs its own."""
    here = Path(__file__).parent
    covered = {"tutorials": "tutorials", "how-to": "howto"}
    assert set(RUNNABLE_FOLDERS) == set(covered)
    for folder, name in covered.items():
        for track in TRACKS:
            assert (here / f"test_docs_run_{name}_{track}.py").is_file(), (folder, track)
