"""What every test shares: a per-user config and data folder of this pytest process's
own, and, under pytest-xdist, the slow files first.

`dioptra up` records where it listens in the user's config folder (``server.json``) and
the client reads it (and saved logins) when given no address; a server started without
``--data-dir`` keeps its data (and secret key) in the user's data folder. Tests must see
neither the developer's nor each other's: under pytest-xdist every worker is a process of
its own, and other ``dioptra up`` on the machine write the same files.

It lies at the repository root, not in tests/: there ruff would take ``conftest`` for a
first-party module and reorder the ``from conftest import ...`` of the test folders.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

_HOME_KEY = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    # Before collection: modules that copy os.environ at import see the private folders.
    home = Path(tempfile.mkdtemp(prefix="dioptra-tests-user-"))
    config.stash[_HOME_KEY] = home
    os.environ["DIOPTRA_CONFIG_DIR"] = str(home / "config")
    # Not XDG_CONFIG_HOME: pip (the compat suite builds a venv) reads its config there.
    os.environ["XDG_DATA_HOME"] = str(home / "data")


def pytest_unconfigure(config: pytest.Config) -> None:
    home = config.stash.get(_HOME_KEY, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadfile --no-loadscope-reorder``, as `make test` runs
    it), the files marked slow come first: a long file started last would leave the other
    workers idle at the end. The order within a file, and a serial run's, stay as they are."""
    if not hasattr(config, "workerinput"):
        return
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)


def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """pytest-xdist hands tests to its workers by node id and runs only the first of tests
    that share one (schemathesis gives each operation's test the node id of its function:
    `make test` runs tests/fuzz/test_schemathesis.py in a pytest of its own). Stop rather
    than leave tests out."""
    shared = sorted(n for n, count in Counter(ids).items() if count > 1)
    if shared:
        pytest.exit(
            "tests that share a node id would not all run under pytest-xdist "
            "(run their files without -n): " + ", ".join(shared),
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
