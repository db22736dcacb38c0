"""Describe the public surface of a `dioptra.client` implementation as plain JSON.

The same walker describes the original client (run under the reference interpreter to
write the committed fixture) and ours (imported by the parity test), so the two
descriptions are comparable key for key.

Regenerate the fixture with:
    /tmp/dioptra-ref/venv/bin/python tests/unit/client/client_surface.py \
        > tests/unit/client/fixtures/reference_client_surface.json
"""

from __future__ import annotations

import enum
import inspect
import json
import sys
from typing import Any

_NO_DEFAULT = "<required>"
_TOP_LEVEL_FUNCTIONS = (
    "connect_json_dioptra_client",
    "connect_response_dioptra_client",
    "select_files_in_directory",
    "select_one_or_more_files",
)


def describe_parameters(function: Any) -> list[dict[str, str]]:
    """Name, kind and default (as text) of each parameter, `self` excluded."""
    described = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == "self":
            continue
        default = parameter.default
        if default is inspect.Parameter.empty:
            default_text = _NO_DEFAULT
        elif isinstance(default, enum.Enum):
            # Enum reprs name the class and member, which is what a caller relies on.
            default_text = f"{type(default).__name__}.{default.name}"
        else:
            default_text = repr(default)
        described.append(
            {"name": parameter.name, "kind": parameter.kind.name, "default": default_text}
        )
    return described


def _is_client_object(value: Any) -> bool:
    return type(value).__module__.startswith("dioptra.client")


def describe_object_tree(root: Any, path: str = "client") -> dict[str, Any]:
    """Map each dotted path of the client tree to its public methods' parameters."""
    tree: dict[str, Any] = {}
    methods: dict[str, list[dict[str, str]]] = {}
    for name in sorted(dir(type(root))):
        if name.startswith("_"):
            continue
        attribute = inspect.getattr_static(type(root), name)
        if isinstance(attribute, property):
            value = getattr(root, name)
            if _is_client_object(value):
                tree.update(describe_object_tree(value, f"{path}.{name}"))
        elif inspect.isfunction(attribute):
            methods[name] = describe_parameters(getattr(root, name))
    tree[path] = methods
    return tree


def describe_module(module: Any) -> dict[str, Any]:
    """Describe the whole surface reachable from `dioptra.client`."""
    client = module.connect_json_dioptra_client("http://dioptra.test")
    functions = {name: describe_parameters(getattr(module, name)) for name in _TOP_LEVEL_FUNCTIONS}
    dioptra_file = module.DioptraFile
    return {
        "functions": functions,
        "dioptra_file_fields": list(inspect.signature(dioptra_file).parameters),
        "tree": describe_object_tree(client),
    }


if __name__ == "__main__":
    import dioptra.client

    json.dump(describe_module(dioptra.client), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
