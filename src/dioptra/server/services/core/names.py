"""Name rules for resources (Dioptra 1.2)."""

from __future__ import annotations

import re

from dioptra.server.services.core.errors import ResourceNameError

# Letters, digits, "_", ".", space and "-"; not empty and not only spaces.
RESOURCE_NAME_PATTERN = re.compile(r"(?! +$)[A-Za-z0-9_. -]+")
# A Python identifier that is not just "_" (plugin names).
IDENTIFIER_PATTERN = re.compile(r"[A-Z]|[A-Z_][A-Z0-9_]+", re.IGNORECASE)


def check_name(display_name: str, name: str, pattern: re.Pattern[str]) -> None:
    if not pattern.fullmatch(name):
        raise ResourceNameError(f"{display_name} name contained disallowed characters.")
