"""What the document limits (``dioptra.engine.limits``) cost and save.

Timed once each (these are seconds, not microseconds; a median would add little):
- refusing the issue-15 attacks: YAML alias bombs of 8 and 9 nested levels (a few
  hundred bytes) and a 20 MB graph of 700,000 steps, through ``validate`` (YAML text);
- the largest graphs the limits let through: ``validate_swappable`` of 10,000 steps,
  and of 4,500 steps with a swap of 12 aliases (54,012 step checks: refused) and
  of 11 aliases (49,511: checked);
- the cycle check a job's submission makes (``services.jobs.entrypoints``) at 10,000 steps.

Run: .venv/bin/python bench/engine/bench_limits.py
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

from dioptra.engine import validate, validate_swappable

TASK = "tasks:\n  t:\n    plugin: p.m.t\n    inputs: [{v: integer}]\n    outputs: {out: integer}\n"


def alias_bomb(levels: int) -> str:
    lines = ["graph:", "  s:", "    t:", "      - &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for level in range(1, levels + 1):
        lines.append(f"      - &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return TASK + "\n".join(lines) + "\n"


def steps(count: int, indent: str = "  ") -> str:
    rest = "".join(f"{indent}s{i}: {{t: [$s{i - 1}]}}\n" for i in range(1, count))
    return f"{indent}s0: {{t: [1]}}\n" + rest


def swap(aliases: int) -> str:
    return "  w:\n    ?m:\n      ?outputs: [o]\n" + "".join(
        f"      a{j}: {{t: [1]}}\n" for j in range(aliases)
    )


def timed(label: str, action: Callable[[], Any], describe: Callable[[Any], str]) -> None:
    start = time.perf_counter()
    result = action()
    print(f"| {label:<44} | {time.perf_counter() - start:8.3f} s | {describe(result)} |")


def first_issue(issues: list[Any]) -> str:
    return issues[0].message[:60] + "…" if issues else "valid"


def job_cycle_check(task_graph: str) -> Callable[[], Any]:
    import datetime as dt

    from dioptra.server.services.entrypoints.entrypoints import EntrypointVersion
    from dioptra.server.services.entrypoints.plugins import Bindings
    from dioptra.server.services.entrypoints.version import EntrypointContent
    from dioptra.server.services.jobs.entrypoints import check_dependency_cycles

    version = EntrypointVersion(
        resource_id=1,
        snapshot_id=1,
        snapshot_created_on=dt.datetime(2026, 1, 1),
        group_id=1,
        deleted=False,
        content=EntrypointContent(name="ep", description=None, task_graph=task_graph),
        bindings=Bindings(),
    )
    from sqlalchemy.orm import Session

    from dioptra.server.services.core.context import ServiceContext

    return lambda: check_dependency_cycles(ServiceContext(db=Session()), version)


def main() -> None:
    print(f"Python {sys.version.split()[0]}, {platform.machine()}, load {os.getloadavg()[0]:.1f}")
    print("| action | time | answer |\n|---|---|---|")
    for levels in (8, 9):
        bomb = alias_bomb(levels)
        label = f"alias bomb, {levels} levels ({len(bomb)} bytes)"
        timed(label, lambda bomb=bomb: validate(bomb), first_issue)
    huge = TASK + "graph:\n" + steps(700_000)
    timed(f"700,000 steps ({len(huge) // 1_000_000} MB)", lambda: validate(huge), first_issue)
    at_limit = TASK + "graph:\n" + steps(10_000)
    timed("validate_swappable, 10,000 steps", lambda: validate_swappable(at_limit), first_issue)
    for aliases in (12, 11):
        text = TASK + "graph:\n" + steps(4_500) + swap(aliases)
        timed(
            f"validate_swappable, 4,500 steps + {aliases} aliases",
            lambda text=text: validate_swappable(text),
            first_issue,
        )
    timed(
        "job submission cycle check, 10,000 steps",
        job_cycle_check(steps(10_000, indent="")),
        lambda _: "no cycle",
    )


if __name__ == "__main__":
    main()
