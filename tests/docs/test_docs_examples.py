"""Every runnable example of docs/tutorials and docs/how-to, run against a live server.

One test per page and track (`python`, `cli`): the blocks of the pages it continues, then its
own, in a working directory and against a `dioptra up` of that track alone (see `Readers`:
a page whose predecessor's test just passed goes on from there). The rules are in
tests/docs/README.md; a failure names the page and line of the block and shows its output.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from docs_examples import (
    TRACKS,
    DocsTestError,
    Readers,
    chain,
    load_page,
    ordered_pages,
    runnable_pages,
)

# The robustness study trains and attacks models: minutes, where the other pages take seconds.
SLOW_PAGES = {"tutorials/robustness-study.md": 900}


def cases() -> list[object]:
    """(page, track) of every page that runs or writes something in that track, a track's
    pages in reading order."""
    found: list[object] = []
    pages = ordered_pages(runnable_pages())
    for track in TRACKS:
        for path in pages:
            try:
                page = load_page(path)
            except DocsTestError:
                continue  # test_every_page_follows_the_convention says what is wrong
            if page.acting(track):
                marks = [pytest.mark.slow, pytest.mark.timeout(SLOW_PAGES.get(path, 300))]
                found.append(pytest.param(path, track, id=f"{path}:{track}", marks=marks))
    return found


@pytest.fixture(scope="module")
def readers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Readers]:
    live = Readers(lambda: tmp_path_factory.mktemp("reader"))
    try:
        yield live
    finally:
        live.close()


@pytest.mark.parametrize("page", runnable_pages())
def test_every_page_follows_the_convention(page: str) -> None:
    """Parses, and what it continues exists and parses (no cycle)."""
    chain(page)


@pytest.mark.parametrize(("page", "track"), cases())
def test_docs_examples_run(page: str, track: str, readers: Readers) -> None:
    readers.run(page, track)
