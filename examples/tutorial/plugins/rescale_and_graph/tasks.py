"""Tutorial part 5: load a saved array, rescale it three ways and plot the results."""

from __future__ import annotations

import io

import numpy as np

from dioptra import pyplugs


def _min_max(data: np.ndarray) -> np.ndarray:
    spread = np.ptp(data)
    return (data - data.min()) / spread if spread else np.zeros_like(data, dtype=float)


def _z_score(data: np.ndarray) -> np.ndarray:
    std = data.std()
    return (data - data.mean()) / std if std else np.zeros_like(data, dtype=float)


def _log(data: np.ndarray) -> np.ndarray:
    # Shift to start at zero so the logarithm is defined for any input.
    return np.log1p(data - data.min())


RESCALERS = {"min_max": _min_max, "z_score": _z_score, "log": _log}


@pyplugs.register
def rescale_array(data: np.ndarray, method: str) -> np.ndarray:
    """Rescale an array: ``min_max`` (to [0, 1]), ``z_score`` or ``log``."""
    try:
        rescale = RESCALERS[method]
    except KeyError:
        choices = ", ".join(RESCALERS)
        raise ValueError(f"unknown method {method!r}; choose one of {choices}") from None
    return rescale(np.asarray(data, dtype=float))


@pyplugs.register
def plot_arrays(
    original: np.ndarray,
    min_max: np.ndarray,
    z_score: np.ndarray,
    log: np.ndarray,
    title: str = "Rescaled arrays",
) -> bytes:
    """Plot a histogram of the original array and of each rescaling; return PNG bytes."""
    # The Agg canvas renders straight to memory: no display, no global pyplot state.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 6), dpi=100)
    panels = {"original": original, "min-max": min_max, "z-score": z_score, "log": log}
    for index, (label, values) in enumerate(panels.items(), start=1):
        axes = figure.add_subplot(2, 2, index)
        axes.hist(np.ravel(values), bins=30, color=f"C{index - 1}")
        axes.set_title(label)
    figure.suptitle(title)
    figure.tight_layout()
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()
