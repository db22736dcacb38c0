"""The cycle check a job's submission makes on its entrypoint version (for versions saved
before cycles were refused). Its speed on a graph at the step limit is measured in
``bench/engine/bench_limits.py``."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy.orm import Session

from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.entrypoints.entrypoints import EntrypointVersion
from dioptra.server.services.entrypoints.errors import EntrypointValidationError
from dioptra.server.services.entrypoints.plugins import Bindings
from dioptra.server.services.entrypoints.version import EntrypointContent
from dioptra.server.services.jobs.entrypoints import check_dependency_cycles


def check(task_graph: str) -> None:
    # The check reads nothing from the database: a context without one will do.
    check_dependency_cycles(ServiceContext(db=Session()), version(task_graph))


# Each graph is a snapshot of its own: the check is kept per snapshot.
_SNAPSHOT_IDS = itertools.count(1)


def version(task_graph: str) -> EntrypointVersion:
    return EntrypointVersion(
        resource_id=1,
        snapshot_id=next(_SNAPSHOT_IDS),
        snapshot_created_on=dt.datetime(2026, 1, 1),
        group_id=1,
        deleted=False,
        content=EntrypointContent(name="ep", description=None, task_graph=task_graph),
        bindings=Bindings(),
    )


def test_a_cycle_through_references_and_dependencies_is_named() -> None:
    graph = "a:\n  t: [$c.out]\nb:\n  t: [1]\n  dependencies: [a]\nc:\n  t: [$b]\n"
    with pytest.raises(EntrypointValidationError) as refused:
        check(graph)
    (message,) = refused.value.reason["swap_issues"]
    assert "depend on each other in a cycle" in message
    assert {"a", "b", "c"} <= set(message.replace("->", " ").split())


def test_a_chain_has_no_cycle_until_it_is_closed() -> None:
    steps = "".join(f"s{i}:\n  t: [$s{i - 1}]\n" for i in range(1, 500))
    check("s0:\n  t: [1]\n" + steps)
    closed = r"Steps s0 -> s499 -> s498 -> .* -> s1 -> s0 depend"
    with pytest.raises(EntrypointValidationError, match=closed):
        check("s0:\n  t: [$s499]\n" + steps)


def test_a_graph_over_the_document_limits_is_left_to_the_config_check() -> None:
    lines = ["a:", "  t:", "    - &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for level in range(1, 10):
        lines.append(f"    - &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    check("\n".join(lines) + "\n")
