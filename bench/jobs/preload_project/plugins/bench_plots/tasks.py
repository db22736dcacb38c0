"""A task that draws with matplotlib: what a job pays for importing it."""

from __future__ import annotations

import sys
import time

from dioptra import pyplugs


@pyplugs.register
def draw(points: int = 100) -> str:
    already = "matplotlib.pyplot" in sys.modules
    began = time.perf_counter()
    import matplotlib.pyplot as plt

    imported = time.perf_counter() - began
    figure, axes = plt.subplots()
    axes.plot(range(points), [value * value for value in range(points)])
    figure.savefig("figure.png")
    plt.close(figure)
    drawn = time.perf_counter() - began - imported
    print(f"matplotlib.pyplot imported already: {already}; import {imported:.4f} s")
    print(f"drawn in {drawn:.4f} s")
    return "figure.png"
