"""Every runnable example of docs/tutorials and docs/how-to, run against a live server.

One test per page and track (`python`, `cli`): a fresh working directory and a fresh
`dioptra up`, then the blocks of the pages it continues and its own, in order. The rules are
in tests/docs/README.md; a failure names the page and line of the block and shows its output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_examples import TRACKS, DocsTestError, chain, load_page, run_track, runnable_pages

# The robustness study trains and attacks models: minutes, where the other pages take seconds.
SLOW_PAGES = {"tutorials/robustness-study.md": 900}


def cases() -> list[object]:
    found: list[object] = []
    for path in runnable_pages():
        try:
            page = load_page(path)
        except DocsTestError:
            # test_every_page_follows_the_convention says what is wrong with it.
            continue
        timeout = SLOW_PAGES.get(path, 300)
        for track in TRACKS:
            if page.acting(track):
                found.append(
                    pytest.param(
                        path,
                        track,
                        id=f"{path}:{track}",
                        marks=[pytest.mark.slow, pytest.mark.timeout(timeout)],
                    )
                )
    return found


@pytest.mark.parametrize("page", runnable_pages())
def test_every_page_follows_the_convention(page: str) -> None:
    """Parses, and what it continues exists and parses (no cycle)."""
    chain(page)


@pytest.mark.parametrize(("page", "track"), cases())
def test_docs_examples_run(page: str, track: str, tmp_path: Path) -> None:
    run_track(page, track, tmp_path)
