"""Turning a job process's output into log records and sending them in batches.

The job process writes three pipes: stdout, stderr and one of JSON log records (from
``logging`` and structlog). The supervisor reads them, so whatever the job wrote before
it died still reaches the job's log. Records go to ``POST /jobs/{id}/log`` in batches:
every ``flush_seconds`` or ``batch_size`` records, and at the end.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Final, Protocol

logger = logging.getLogger("dioptra.worker")

MAX_MESSAGE_CHARS: Final[int] = 32_000
MAX_PENDING_RECORDS: Final[int] = 20_000
MAX_RECORDS_PER_POST: Final[int] = 500
SEVERITIES: Final[frozenset[str]] = frozenset({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})
_EXCEPTION_LINE: Final = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b")


@dataclass(frozen=True)
class LogRecord:
    severity: str
    logger_name: str
    message: str

    def to_wire(self) -> dict[str, str]:
        return {"severity": self.severity, "loggerName": self.logger_name, "message": self.message}


def clip(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + " ... (truncated)"


class LineSplitter:
    """Bytes in, complete text lines out. A carriage return restarts the line, as a
    terminal shows it, so progress bars log their last state rather than every tick."""

    def __init__(self) -> None:
        self._partial = b""

    def feed(self, data: bytes) -> list[str]:
        self._partial += data
        *complete, self._partial = self._partial.split(b"\n")
        return [line for line in map(self._text, complete) if line]

    def finish(self) -> list[str]:
        rest, self._partial = self._partial, b""
        line = self._text(rest)
        return [line] if line else []

    @staticmethod
    def _text(raw: bytes) -> str:
        text = raw.decode("utf-8", errors="replace").rstrip("\r")
        return text.rsplit("\r", 1)[-1].rstrip()


class StderrClassifier:
    """Severity of a stderr line: tracebacks and exception lines are errors, anything
    else (warnings, progress, chatter) a warning."""

    def __init__(self) -> None:
        self._in_traceback = False

    def severity(self, line: str) -> str:
        if line.startswith("Traceback (most recent call last)"):
            self._in_traceback = True
            return "ERROR"
        if self._in_traceback:
            if not line[:1].isspace():  # the exception line closes the traceback
                self._in_traceback = False
            return "ERROR"
        return "ERROR" if _EXCEPTION_LINE.match(line) else "WARNING"


def parse_record_line(line: str) -> LogRecord:
    """A JSON record written by the job process's logging handler; any other line is
    kept as an INFO message rather than lost."""
    try:
        data = json.loads(line)
        severity = str(data["severity"]).upper()
        return LogRecord(
            severity if severity in SEVERITIES else "INFO",
            str(data.get("loggerName") or "root"),
            clip(str(data["message"])),
        )
    except (ValueError, KeyError, TypeError):
        return LogRecord("INFO", "job", clip(line))


class LogSink(Protocol):
    def post_logs(self, records: list[dict[str, str]], retry_for: float = ...) -> None: ...


class LogForwarder:
    """Buffers records and posts them in batches; a failed post keeps them for later."""

    def __init__(
        self,
        sink: LogSink,
        *,
        flush_seconds: float = 0.2,
        batch_size: int = 50,
    ) -> None:
        self.sink = sink
        self.flush_seconds = flush_seconds
        self.batch_size = batch_size
        self._pending: deque[LogRecord] = deque()
        self._oldest: float | None = None
        self._dropped = 0
        self.sent = 0

    def add(self, record: LogRecord) -> None:
        if len(self._pending) >= MAX_PENDING_RECORDS:
            self._pending.popleft()
            self._dropped += 1
        self._pending.append(record)
        if self._oldest is None:
            self._oldest = time.monotonic()

    def add_text(self, severity: str, logger_name: str, message: str) -> None:
        self.add(LogRecord(severity, logger_name, clip(message)))

    def seconds_to_flush(self) -> float | None:
        """How long until the pending records are due (None: nothing pending)."""
        if self._oldest is None:
            return None
        if len(self._pending) >= self.batch_size:
            return 0.0
        return max(0.0, self._oldest + self.flush_seconds - time.monotonic())

    def flush_if_due(self) -> None:
        due = self.seconds_to_flush()
        if due is not None and due <= 0:
            self.flush(retry_for=0.0)

    def flush(self, retry_for: float = 0.0) -> bool:
        """Post everything pending; False if the server could not take it (kept)."""
        return self._post_while(0, retry_for)

    def final_batch(self, retry_for: float = 0.0) -> list[LogRecord]:
        """Posts all but the last batch of what is pending and returns that batch, still
        pending: it goes with the job's status, in one request (then ``mark_sent``)."""
        self._post_while(MAX_RECORDS_PER_POST, retry_for)
        return list(self._pending)[:MAX_RECORDS_PER_POST]

    def mark_sent(self, count: int) -> None:
        """The first ``count`` pending records reached the server."""
        for _ in range(count):
            self._pending.popleft()
        self.sent += count
        if not self._pending:
            self._oldest = None

    def _post_while(self, keep: int, retry_for: float) -> bool:
        """Posts batches until at most ``keep`` records are pending; False if the server
        could not take one (it is kept)."""
        if self._dropped:
            self._pending.appendleft(
                LogRecord(
                    "WARNING",
                    "dioptra.worker",
                    f"{self._dropped} log records were dropped: the API was unreachable "
                    "and the buffer was full",
                )
            )
            self._dropped = 0
        while len(self._pending) > keep:
            batch = [self._pending[i] for i in range(min(MAX_RECORDS_PER_POST, len(self._pending)))]
            try:
                self.sink.post_logs([record.to_wire() for record in batch], retry_for=retry_for)
            except Exception as error:  # never let log shipping break the job
                logger.debug("posting %d log records failed: %s", len(batch), error)
                self._oldest = time.monotonic()  # try again after another interval
                return False
            self.mark_sent(len(batch))
        return True

    @property
    def pending(self) -> int:
        return len(self._pending)
