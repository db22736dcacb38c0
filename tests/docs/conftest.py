"""The servers of the docs' example tests: one reader per test file, kept between its tests
so a page that continues the one before goes on from there (see `Readers`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from docs_examples import Readers


@pytest.fixture(scope="module")
def readers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Readers]:
    live = Readers(lambda: tmp_path_factory.mktemp("reader"))
    try:
        yield live
    finally:
        live.close()
