"""Cycle finding for name graphs (steps, type references, swap dependencies)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle per strongly connected component that has one, as a closed path.

    Each cycle is written ``[a, b, ..., a]`` and starts at the component's node that
    comes first in ``edges``; components are listed in that order too. Edges to
    nodes missing from ``edges`` are ignored.
    """
    order = {node: index for index, node in enumerate(edges)}
    successors = {node: [t for t in dict.fromkeys(edges[node]) if t in order] for node in edges}
    cycles = []
    for component in _strongly_connected(successors):
        start = min(component, key=order.__getitem__)
        if len(component) > 1 or start in successors[start]:
            cycles.append(_cycle_through(start, component, successors))
    cycles.sort(key=lambda cycle: order[cycle[0]])
    return cycles


def _strongly_connected(successors: Mapping[str, list[str]]) -> list[set[str]]:
    # Tarjan's algorithm, iterative so that long chains do not hit the recursion limit.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in successors:
        if root in index:
            continue
        work = [(root, iter(successors[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_through(
    start: str, component: set[str], successors: Mapping[str, list[str]]
) -> list[str]:
    # Shortest way back to ``start`` inside the component (breadth first).
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in successors[node]:
            if child not in component:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start, start]
