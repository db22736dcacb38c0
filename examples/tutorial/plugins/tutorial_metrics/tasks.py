"""Tutorial: log job metrics from a task, the way Dioptra plugins do.

Inside a job, the worker gives the task an API address and a token for its job
(``DIOPTRA_API``, ``DIOPTRA_API_TOKEN``) and the job's id (``__JOB_ID``);
``get_authenticated_worker_client`` turns them into a logged-in client.
"""

from __future__ import annotations

import logging
import os

import numpy as np

from dioptra import pyplugs
from dioptra.sdk.utilities.auth_client import get_authenticated_worker_client

LOGGER = logging.getLogger(__name__)


@pyplugs.register
def log_array_metrics(data: np.ndarray, prefix: str = "array") -> dict[str, float]:
    """Log summary statistics of an array as metrics of the running job; return them.

    The running mean over the first 1, 2, ... 10 values is logged as a stepped metric.
    """
    values = np.ravel(np.asarray(data, dtype=float))
    metrics = {
        f"{prefix}_mean": float(values.mean()),
        f"{prefix}_std": float(values.std()),
        f"{prefix}_min": float(values.min()),
        f"{prefix}_max": float(values.max()),
    }
    job_id = os.environ.get("__JOB_ID")
    if job_id is None:  # run outside a job (e.g. `dioptra engine run`): nowhere to log
        LOGGER.warning("not running in a job: metrics are returned, not logged")
        return metrics
    client = get_authenticated_worker_client(LOGGER, "json")
    for name, value in metrics.items():
        client.jobs.append_metric_by_id(job_id=job_id, metric_name=name, metric_value=value)
    for step in range(min(10, values.size)):
        client.jobs.append_metric_by_id(
            job_id=job_id,
            metric_name=f"{prefix}_running_mean",
            metric_value=float(values[: step + 1].mean()),
            metric_step=step,
        )
    LOGGER.info("logged %d metrics for job %s", len(metrics) + 1, job_id)
    return metrics
