"""When a worker counts as live: the grace period jobs and workers both use.

Which queues live workers serve is told by ``/workers/``, never inside a job's JSON:
a job snapshot reads the same forever.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_GRACE = dt.timedelta(seconds=30)
