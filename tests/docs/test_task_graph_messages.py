"""Every validation message the engine can produce is listed in docs/reference/task-graph.md.

The messages are written inline across the validation modules (each names what is wrong
where it is found), so instead of a generated list the page is checked against the
source: every piece of literal message text (string constants and the literal parts of
f-strings, docstrings and log calls left out) must appear on the page. A new or reworded
message fails this test until the page shows it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "src" / "dioptra" / "engine"
PAGE = ROOT / "docs" / "reference" / "task-graph.md"
# Server modules that add findings of their own to an entrypoint's validation (through the
# engine's IssueCollector): only the text of their `collector.add(...)` calls is a message.
SERVER_FINDINGS = (
    ROOT / "src" / "dioptra" / "server" / "services" / "entrypoints" / "document.py",
)

# The modules that validate a document (or a job's values for it). Not here: execution
# (run-time errors), manifest and project (dioptra.toml), signatures (plugin code).
VALIDATION_MODULES = (
    "structure",
    "step_structure",
    "semantics",
    "resolution",
    "references",
    "graph_cycles",
    "swap_choice",
    "swaps",
    "type_checks",
    "type_definitions",
    "validation",
    "limits",
    "errors",
    "source_map",
    "parameters",
)

# Prose: a word, a space, a letter. Keys, type names and separators are not messages.
_PROSE = re.compile(r"[A-Za-z]{2,} [A-Za-z]")
_FORMAT_FIELD = re.compile(r"\{\w+\}")  # str.format placeholders, e.g. "{value}"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _log_call_strings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("logger", "logging", "log")
        ):
            found.update(id(sub) for sub in ast.walk(node))
    return found


def message_fragments(module: str) -> list[tuple[int, str]]:
    """(line, text) of every literal piece of message prose in an engine module."""
    tree = ast.parse((ENGINE / f"{module}.py").read_text(encoding="utf-8"))
    skipped = _docstrings(tree) | _log_call_strings(tree)
    fragments = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in skipped or "``" in node.value:
            continue
        for piece in _FORMAT_FIELD.split(node.value):
            text = " ".join(piece.split())
            if _PROSE.search(text):
                fragments.append((node.lineno, text))
    return fragments


def collector_fragments(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the literal prose inside the `collector.add(...)` calls of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fragments = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "collector"
        ):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    text = " ".join(sub.value.split())
                    if _PROSE.search(text):
                        fragments.append((sub.lineno, text))
    return fragments


def test_the_engine_has_messages_to_check() -> None:
    assert sum(len(message_fragments(module)) for module in VALIDATION_MODULES) > 100


def test_every_engine_validation_message_is_on_the_reference_page() -> None:
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    missing = [
        f"src/dioptra/engine/{module}.py:{line}: {text!r}"
        for module in VALIDATION_MODULES
        for line, text in message_fragments(module)
        if text not in page
    ]
    missing += [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in SERVER_FINDINGS
        for line, text in collector_fragments(path)
        if text not in page
    ]
    assert all(collector_fragments(path) for path in SERVER_FINDINGS)
    assert not missing, (
        "these engine messages are not in docs/reference/task-graph.md (add them under "
        "'Every message'):\n" + "\n".join(missing)
    )
