"""Jobs: submission, the status lifecycle, the worker contract, logs, metrics and events.

Every change of a job's status goes through ``lifecycle``."""
