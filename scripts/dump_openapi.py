"""Writes the server's OpenAPI document (as the running server would serve it) to a file.

The web UI generates its TypeScript API types from it: `make ui-types`.
Usage: python scripts/dump_openapi.py OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dioptra.server.app import create_app


def main(out: str) -> None:
    document = create_app().openapi()
    Path(out).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: dump_openapi.py OUT.json")
    main(sys.argv[1])
