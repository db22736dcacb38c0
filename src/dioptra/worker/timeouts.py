"""Job timeouts written the Dioptra way: ``"30s"``, ``"10m"``, ``"24h"``, ``"1d"``."""

from __future__ import annotations

import re
from typing import Final

DEFAULT_JOB_TIMEOUT: Final[str] = "24h"
_UNIT_SECONDS: Final[dict[str, int]] = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PATTERN: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)


class TimeoutFormatError(ValueError):
    """A timeout that is neither a number of seconds nor ``<number><s|m|h|d|w>``."""


def parse_timeout(value: str | float | None) -> float | None:
    """Seconds for a timeout: a number (seconds) or a string such as ``"90s"`` or ``"2h"``.

    ``None`` and the empty string mean "no timeout" and give ``None``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise TimeoutFormatError(f"invalid job timeout {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _PATTERN.match(value)
        if match is None:
            raise TimeoutFormatError(
                f"invalid job timeout {value!r}: write a number of seconds or a number "
                "followed by s, m, h, d or w (e.g. '30s', '10m', '24h', '1d')"
            )
        number, unit = match.groups()
        seconds = float(number) * _UNIT_SECONDS[(unit or "s").lower()]
    if seconds <= 0:
        raise TimeoutFormatError(f"invalid job timeout {value!r}: it must be positive")
    return seconds
