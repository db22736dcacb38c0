"""Inside the job process: send stdout, stderr, logging and structlog to the supervisor.

stdout and stderr become line-buffered writers on the supervisor's pipes (at the file
descriptor level, so output of C extensions and subprocesses is caught too). Log records
of ``logging`` (and of structlog, routed through it) go as JSON lines on a third pipe,
keeping their severity and logger name.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import MutableMapping
from typing import Any, Final, TextIO

# Chatty libraries whose INFO lines would drown a job's own log (httpx logs every request).
QUIET_LOGGERS: Final[tuple[str, ...]] = ("httpx", "httpcore", "urllib3", "botocore", "s3fs")


class JsonLinesHandler(logging.Handler):
    """Writes each record as one JSON line: ``{severity, loggerName, message}``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = json.dumps(
                {
                    "severity": record.levelname,
                    "loggerName": record.name,
                    "message": self.format(record),
                }
            )
            self.stream.write(line + "\n")
            self.stream.flush()
        except Exception:
            self.handleError(record)


def redirect_output(stdout_fd: int, stderr_fd: int) -> None:
    """Point file descriptors 1 and 2 at the given pipes, and sys.stdout/err at them."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os.dup2(stdout_fd, 1)
    os.dup2(stderr_fd, 2)
    sys.stdout = _line_writer(1)
    sys.stderr = _line_writer(2)


def _line_writer(fd: int) -> TextIO:
    return open(fd, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)


def install_log_capture(records_fd: int, level: int = logging.INFO) -> None:
    """Route every ``logging`` record of the process (and structlog's) to ``records_fd``."""
    stream = _line_writer(records_fd)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(JsonLinesHandler(stream))
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)
    _route_structlog()


def _route_structlog() -> None:
    """Make structlog (if installed) log through ``logging``, rendered as plain text."""
    try:
        import structlog
    except ImportError:
        return
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.processors.StackInfoRenderer(),
            _render_event,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )


def _render_event(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> str:
    """``event key=value ...``, with an exception's traceback on the following lines."""
    event = str(event_dict.pop("event", ""))
    exc_info = event_dict.pop("exc_info", None)
    event_dict.pop("exception", None)
    text = " ".join([event, *(f"{key}={value!r}" for key, value in event_dict.items())])
    if exc_info:
        import traceback

        info = sys.exc_info() if exc_info is True else exc_info
        if isinstance(info, BaseException):
            info = (type(info), info, info.__traceback__)
        if isinstance(info, tuple) and info[0] is not None:
            text += "\n" + "".join(traceback.format_exception(*info)).rstrip()
    return text.strip()
