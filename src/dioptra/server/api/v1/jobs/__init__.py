"""/jobs and /experiments/{id}/jobs: reading, the worker contract, outputs and events."""
