"""The python track of the how-to guides, run against a live server: one test per page, in reading
order, each going on from the page it continues (docs_examples.Readers)."""

from __future__ import annotations

import pytest
from docs_examples import Readers, example_cases


@pytest.mark.parametrize(("page", "track"), example_cases("how-to", "python"))
def test_docs_run_howto_python(page: str, track: str, readers: Readers) -> None:
    readers.run(page, track)
