"""Why a job process gives up: a one-line message for the job's status, details for its log."""

from __future__ import annotations


class JobFailure(Exception):
    """The job cannot go on. ``str(error)`` is the one-line status message; ``details``
    (a traceback, a list of validation issues) goes to the job's log."""

    def __init__(self, message: str, details: str = "") -> None:
        first_line = message.strip().splitlines()[0] if message.strip() else "the job failed"
        super().__init__(first_line)
        self.details = details if details else message if "\n" in message.strip() else ""
