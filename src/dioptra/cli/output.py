"""Terminal output shared by the CLI commands: consoles, tables, sizes, colours, progress.

Results go to stdout; errors, progress bars and spinners go to stderr, so that
`dioptra token create ci > token.txt` or `dioptra jobs list | grep failed` stay clean.
Consoles are made per call: rich picks up the current stdout/stderr and terminal size
then (Typer's test runner swaps the streams per invocation).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from dioptra.job_states import CANCELLED, FAILED, FINISHED, QUEUED, STARTED, TIMEOUT

SEVERITY_STYLES: Final[dict[str, str]] = {
    "DEBUG": "dim",
    "INFO": "",
    "WARNING": "yellow",
    "ERROR": "red",
    "CRITICAL": "bold red",
}
STATUS_STYLES: Final[dict[str, str]] = {
    QUEUED: "cyan",
    STARTED: "blue",
    FINISHED: "green",
    FAILED: "red",
    TIMEOUT: "red",
    CANCELLED: "yellow",
}


def stdout_console() -> Console:
    """Where results are printed."""
    return Console(highlight=False)


def stderr_console() -> Console:
    """Where errors, notes and progress are printed."""
    return Console(stderr=True, highlight=False)


def print_error(message: str) -> None:
    """One red line on stderr (never wrapped, so scripts can grep it)."""
    stderr_console().print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)


def print_note(message: str) -> None:
    """A side remark on stderr (markup allowed)."""
    stderr_console().print(message, soft_wrap=True)


def styled_status(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def severity_style(severity: str) -> str:
    return SEVERITY_STYLES.get(severity.upper(), "")


def human_size(size: int | None) -> str:
    """Bytes as `532 B`, `1.4 KiB`, `12.0 MiB`; `-` when unknown."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def short_time(timestamp: str | None) -> str:
    """An ISO timestamp as local `YYYY-MM-DD HH:MM:SS`; the text itself if unparsable."""
    if not timestamp:
        return "-"
    try:
        moment = dt.datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def cell(value: Any) -> str:
    """A table cell: `-` for nothing, the text otherwise."""
    if value is None or value == "":
        return "-"
    return str(value)


def make_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None
) -> Table:
    """A plain table; `Text` cells keep their styles, anything else is shown as text."""
    table = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(value if isinstance(value, Text) else Text(cell(value)) for value in row))
    return table


def fields_table(title: str, fields: Sequence[tuple[str, Any]]) -> Table:
    """A two-column table of a resource's fields (`name  value`), without a header."""
    table = Table(show_header=False, box=None, title=title, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in fields:
        table.add_row(key, value if isinstance(value, Text) else Text(cell(value)))
    return table


def print_json(value: Any) -> None:
    """`--json` output: the server's data as indented JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(value, indent=2, sort_keys=True) + "\n")


def print_ids(items: Sequence[dict[str, Any]]) -> None:
    """`--quiet` output: the items' ids, one a line, nothing else."""
    sys.stdout.write("".join(f"{item['id']}\n" for item in items))


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], empty: str) -> None:
    """A table on stdout, or the `empty` note on stderr when there are no rows."""
    if not rows:
        print_note(f"[dim]{escape(empty)}[/]")
        return
    stdout_console().print(make_table(columns, rows))


@contextmanager
def spinner(message: str) -> Iterator[None]:
    """A spinner on stderr while a request runs (nothing is drawn off a terminal)."""
    with stderr_console().status(escape(message)):
        yield


def download_progress() -> Progress:
    """A progress bar for a transfer: bytes done, total, speed and time left."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )


def examples(*command_lines: str) -> str:
    """A help epilog listing example command lines, one per line."""
    return "\n\n".join(["Examples:", *(f"  $ {line}" for line in command_lines)])
