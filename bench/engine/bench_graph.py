"""Validation time and execution overhead of the engine on a chain of trivial tasks.

The document is a chain of N steps (default 50), each calling ``inc(x) -> x + 1`` on the
previous step's output. Timed, as the median of repeated runs (timeit-style, the
actions taking turns):
- ``validate`` of the document as a dict and as YAML text (parsing included),
- ``validate_swappable`` of the dict (the save-time check),
- ``run_experiment`` end to end (validation, plugin import, N calls),
- the same N calls made directly in a Python loop (the floor).
The run overhead per step is (run_experiment - direct) / N.

Run: .venv/bin/python bench/engine/bench_graph.py [--steps 50] [--repeat 50]
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from dioptra.engine import is_valid, run_experiment, validate, validate_swappable

PLUGIN = """\
from dioptra import pyplugs


@pyplugs.register
def inc(x):
    return x + 1
"""


def chain_document(steps: int) -> dict[str, Any]:
    graph: dict[str, Any] = {"s0": {"inc": ["$start"]}}
    for index in range(1, steps):
        graph[f"s{index}"] = {"inc": [f"$s{index - 1}"]}
    return {
        "parameters": {"start": {"type": "integer", "default": 0}},
        "tasks": {
            "inc": {
                "plugin": "benchplug.ops.inc",
                "inputs": [{"x": "integer"}],
                "outputs": {"y": "integer"},
            }
        },
        "graph": graph,
    }


def interleaved_medians(
    actions: dict[str, Callable[[], object]], repeat: int
) -> list[tuple[str, float]]:
    """Median seconds per action; the actions take turns, so background load on a
    shared machine hits them all alike."""
    samples: dict[str, list[float]] = {label: [] for label in actions}
    for action in actions.values():
        action()  # warm-up: imports, caches
    for _ in range(repeat):
        for label, action in actions.items():
            samples[label].append(timeit.timeit(action, number=1))
    return [(label, statistics.median(times)) for label, times in samples.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    steps, repeat = options.steps, options.repeat

    document = chain_document(steps)
    text = yaml.safe_dump(document, sort_keys=False)
    assert is_valid(validate(document)) and is_valid(validate(text))

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plugins = root / "plugins"
        (plugins / "benchplug").mkdir(parents=True)
        (plugins / "benchplug" / "__init__.py").write_text("")
        (plugins / "benchplug" / "ops.py").write_text(PLUGIN)
        work = root / "work"
        work.mkdir()

        def run() -> object:
            result = run_experiment(document, working_dir=work, plugin_paths=[plugins])
            assert result.outputs[f"s{steps - 1}"]["y"] == steps
            return result

        sys.path.insert(0, str(plugins))
        inc = importlib.import_module("benchplug.ops").inc
        sys.path.remove(str(plugins))

        def direct() -> object:
            value = 0
            for _ in range(steps):
                value = inc(value)
            return value

        rows = interleaved_medians(
            {
                "validate (dict)": lambda: validate(document),
                "validate (YAML text)": lambda: validate(text),
                "validate_swappable (dict)": lambda: validate_swappable(document),
                "run_experiment": run,
                "direct calls": direct,
            },
            repeat,
        )

    timings = dict(rows)
    overhead = timings["run_experiment"] - timings["direct calls"]
    print(f"{steps}-step chain, median of {repeat} runs")
    machine = f"{platform.platform()}, Python {platform.python_version()}"
    print(f"machine: {machine}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    for label, seconds in rows:
        print(f"  {label:<28} {seconds * 1e3:9.3f} ms")
    print(f"  {'run overhead per step':<28} {overhead / steps * 1e6:9.1f} us")
    print(
        f"  {'run minus validate, per step':<28} "
        f"{(overhead - timings['validate (dict)']) / steps * 1e6:9.1f} us"
    )


if __name__ == "__main__":
    main()
