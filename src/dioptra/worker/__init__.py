"""The worker: runs one job at a time per call of ``run_job``, talking to the server
only over its REST API, so it can run on any machine with just a token.

``run_job`` claims a job, fetches its task graph, parameters, plugins and artifact
inputs into a fresh working directory, runs the task engine in a child process (forked
from a warm fork server), forwards the child's output as the job's log, stores and
registers its artifact outputs, and reports how it ended.
"""

from dioptra.worker.api import (
    JobNotClaimableError,
    WorkerApi,
    WorkerConfigurationError,
    WorkerCredentials,
)
from dioptra.worker.heartbeat import Heartbeat
from dioptra.worker.launcher import warm_up
from dioptra.worker.supervisor import JobOutcome, run_job
from dioptra.worker.timeouts import TimeoutFormatError, parse_timeout

__all__ = [
    "Heartbeat",
    "JobNotClaimableError",
    "JobOutcome",
    "TimeoutFormatError",
    "WorkerApi",
    "WorkerConfigurationError",
    "WorkerCredentials",
    "parse_timeout",
    "run_job",
    "warm_up",
]
