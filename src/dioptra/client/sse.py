"""A parser for server-sent events (the `text/event-stream` format).

Follows the WHATWG rules: `field: value` lines build an event and a blank line
delivers it; `data` lines join with newlines; lines starting with `:` are comments
(servers send them as keep-alives); `id` persists across events. One liberty: an event
that names its type but carries no `data` is still delivered, with empty data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSentEvent:
    """One event of a stream."""

    event: str = "message"
    data: str = ""
    id: str | None = None
    retry: int | None = None


def parse_sse(lines: Iterable[str]) -> Iterator[ServerSentEvent]:
    """Yield the events of a stream given as lines without their line endings."""
    event_type = ""
    data_lines: list[str] = []
    last_id: str | None = None
    retry: int | None = None
    for number, line in enumerate(lines):
        if number == 0:
            line = line.removeprefix("\ufeff")
        if not line:
            if data_lines or event_type:
                yield ServerSentEvent(
                    event=event_type or "message",
                    data="\n".join(data_lines),
                    id=last_id,
                    retry=retry,
                )
            event_type, data_lines = "", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            event_type = value
        elif field == "data":
            data_lines.append(value)
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value.isdigit():
            retry = int(value)
    # An event not closed by a blank line is incomplete and dropped, per the standard.
