"""How large an experiment document may be: the one place these numbers are decided.

Validation and execution walk a document as a tree, so what they cost follows the
document's *expanded* size: a YAML alias stands for a copy of its anchor's whole
subtree each time it is used. A few hundred bytes of nested aliases expand to billions
of nodes, so the count that is bounded is the expanded one, taken on the composed YAML
graph before anything walks it (each distinct node is visited once, which keeps the
count itself cheap however large the expansion).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from dioptra.engine.errors import DocumentTooLargeError, YamlSyntaxError


@dataclass(frozen=True)
class DocumentLimits:
    # The YAML text, in UTF-8 bytes.
    max_bytes: int = 1024 * 1024
    # YAML nodes (every key, value and item) once aliases are expanded.
    max_nodes: int = 100_000
    # Steps of the task graph (``graph``).
    max_steps: int = 10_000
    # Steps checked when validating a graph with swaps: each combination checked (the
    # default one, then one per further alias) checks every step again.
    max_swap_step_checks: int = 50_000


DOCUMENT_LIMITS = DocumentLimits()


def check_text_size(text: str, limits: DocumentLimits = DOCUMENT_LIMITS) -> None:
    # A character is at most four UTF-8 bytes: only a text that may be over is encoded.
    if len(text) * 4 > limits.max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_bytes:
            raise DocumentTooLargeError("bytes", size, limits.max_bytes)


def check_expanded_nodes(root: Node, limits: DocumentLimits = DOCUMENT_LIMITS) -> None:
    """Refuses a composed YAML graph that expands to more than ``max_nodes`` nodes, or
    that contains itself (a recursive alias, which would expand forever)."""
    size = expanded_size(root)
    if size > limits.max_nodes:
        raise DocumentTooLargeError("nodes", size, limits.max_nodes)


def expanded_size(root: Node) -> int:
    """The number of nodes ``root`` stands for with every alias expanded."""
    sizes: dict[int, int] = {}
    path: set[int] = set()  # the nodes being counted: meeting one again is recursion

    def size(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if isinstance(node, ScalarNode):
            return 1
        if id(node) in path:
            raise YamlSyntaxError(
                "an alias refers to a node that contains it (recursive data)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        path.add(id(node))
        if isinstance(node, MappingNode):
            total = 1 + sum(size(key) + size(value) for key, value in node.value)
        else:
            total = 1 + sum(size(item) for item in node.value)
        path.discard(id(node))
        sizes[id(node)] = total
        return total

    return size(root)


def check_step_count(graph: Any, limits: DocumentLimits = DOCUMENT_LIMITS) -> None:
    """Refuses a task graph (the ``graph`` mapping) of more than ``max_steps`` steps."""
    if isinstance(graph, Mapping) and len(graph) > limits.max_steps:
        raise DocumentTooLargeError("steps", len(graph), limits.max_steps)


def check_swap_step_checks(step_checks: int, limits: DocumentLimits = DOCUMENT_LIMITS) -> None:
    """Refuses a graph whose swap combinations, together, are more than
    ``max_swap_step_checks`` steps to check (steps times combinations)."""
    if step_checks > limits.max_swap_step_checks:
        raise DocumentTooLargeError("step checks", step_checks, limits.max_swap_step_checks)
