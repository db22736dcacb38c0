"""JSON bodies may hold only text that can be written out again.

``json.loads`` turns an escaped lone surrogate (``"\\ud800"``, or its raw UTF-8 bytes)
into a str that no UTF-8 encoder accepts: the database driver and the JSON response fail
on it with a 500. Every route's body is decoded through ``CheckedJsonRequest``, which
refuses such text as undecodable JSON (400), saying where it sits.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Only a \u escape or raw surrogate bytes (UTF-8 0xED 0xA0-0xBF) can make one: bodies
# with neither skip the walk.
_MAY_HOLD_SURROGATES = re.compile(rb"\\u|\xed[\xa0-\xbf]")


def lone_surrogate_at(value: Any) -> str | None:
    """Where the first str with a lone surrogate sits ("username", "parameters.0.name",
    "a key of parameters"), or None. Iterative: as deep as ``json.loads`` nests."""
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return path or "the body"
        elif isinstance(item, dict):
            for key, child in item.items():
                if _LONE_SURROGATE.search(key):
                    return f"a key of {path or 'the body'}"
                pending.append((f"{path}.{key}" if path else key, child))
        elif isinstance(item, list):
            pending.extend(
                (f"{path}.{index}" if path else str(index), child)
                for index, child in enumerate(item)
            )
    return None


class CheckedJsonRequest(Request):
    async def json(self) -> Any:
        value = await super().json()
        body = await self.body()
        if _MAY_HOLD_SURROGATES.search(body):
            where = lone_surrogate_at(value)
            if where is not None:
                raise json.JSONDecodeError(
                    f"a lone surrogate (not Unicode text) in {where}",
                    body.decode("utf-8", "replace"),
                    0,
                )
        return value
