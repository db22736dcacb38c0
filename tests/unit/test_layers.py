"""No layer imports upward (DESIGN.md section 2), checked on the source: engine -> pyplugs
and sdk only; worker -> engine, client, storage; services -> db, engine, storage; api ->
services, never db; dispatch -> services and the worker (and the client's errors, which
the worker contract it implements in-process raises); and the job status names
(``dioptra.job_states``) import nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
SHARED = ("dioptra.job_states",)
# layer -> what it may import besides itself, the root package and SHARED
RULES: dict[str, tuple[str, ...]] = {
    "dioptra.job_states": (),
    "dioptra.pyplugs": (),
    # Dioptra's get_authenticated_worker_client hands plugins a client.
    "dioptra.sdk": ("dioptra.pyplugs", "dioptra.client"),
    "dioptra.engine": ("dioptra.pyplugs", "dioptra.sdk"),
    "dioptra.storage": (),
    "dioptra.client": (),
    "dioptra.worker": ("dioptra.engine", "dioptra.client", "dioptra.storage", "dioptra.sdk"),
    "dioptra.server.db": (),
    "dioptra.server.services": (
        "dioptra.server.db",
        "dioptra.server.settings",
        "dioptra.engine",
        "dioptra.storage",
    ),
    "dioptra.server.api": ("dioptra.server.services", "dioptra.server.settings"),
    "dioptra.server.dispatch": (
        "dioptra.server.db",
        "dioptra.server.settings",
        "dioptra.server.services",
        "dioptra.worker",
        "dioptra.client",
    ),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    found = [layer for layer in RULES if module == layer or module.startswith(layer + ".")]
    return max(found, key=len) if found else None


def imported(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "dioptra":
                names += [f"dioptra.{alias.name}" for alias in node.names]
            else:
                names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [name for name in names if name == "dioptra" or name.startswith("dioptra.")]


def inside(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_no_layer_imports_upward() -> None:
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        module = module_name(path)
        layer = layer_of(module)
        if layer is None:
            continue
        allowed = (layer, *SHARED, *RULES[layer])
        for name in imported(ast.parse(path.read_text(encoding="utf-8"))):
            if name in {"dioptra", "dioptra.__version__"} or inside(name, allowed):
                continue
            upward.append(f"{module} imports {name}")
    assert upward == []
