"""Parsing graph steps: the three invocation styles, dependencies and swap steps.

| style      | written as                                   |
|------------|----------------------------------------------|
| positional | ``{task: [a, b]}`` or ``{task: scalar}``      |
| keyword    | ``{task: {k: v}}``                           |
| mixed      | ``{task: name, args: [..], kwargs: {..}}``    |

plus an optional ``dependencies: step | [steps]``. A swap step (Dioptra 1.2) holds one
``?name: {?outputs: [...], alias: invocation, ...}`` and optional dependencies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dioptra.engine.collector import IssueCollector, quoted
from dioptra.engine.document import Argument, Invocation, PathKey, Step, SwapDef
from dioptra.engine.issues import IssueKind

SCHEMA = IssueKind.SCHEMA
SEMANTIC = IssueKind.SEMANTIC

_MIXED_KEYS = ("task", "args", "kwargs", "dependencies")


def parse_step(name: str, body: Any, path: PathKey, collector: IssueCollector) -> Step:
    step = Step(name, None, [], path)
    if not isinstance(body, Mapping):
        collector.add(
            SCHEMA,
            "a step must be a mapping that names a task, e.g. {task_name: [args]}",
            path=path,
            step=name,
        )
        return step
    if "dependencies" in body:
        step.dependencies = parse_dependencies(name, body["dependencies"], path, collector)
    swap_keys = [key for key in body if isinstance(key, str) and key.startswith("?")]
    if swap_keys:
        step.swap = _parse_swap_step(name, body, swap_keys, path, collector)
    else:
        step.invocation = parse_invocation(name, body, path, collector, allow_dependencies=True)
    return step


def parse_dependencies(
    step: str, value: Any, path: PathKey, collector: IssueCollector
) -> list[tuple[str, PathKey]]:
    at = (*path, "dependencies")
    if isinstance(value, str):
        return [(value, at)]
    if not isinstance(value, list):
        collector.add(
            SCHEMA, "'dependencies' must be a step name or a list of step names", path=at, step=step
        )
        return []
    found = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            found.append((item, (*at, index)))
        else:
            collector.add(
                SCHEMA,
                f"'dependencies' must list step names, not {item!r}",
                path=(*at, index),
                step=step,
            )
    return found


def parse_invocation(
    step: str,
    body: Any,
    path: PathKey,
    collector: IssueCollector,
    *,
    allow_dependencies: bool,
) -> Invocation | None:
    """One invocation (a step, or one alias of a swap); None when malformed."""
    if not isinstance(body, Mapping):
        collector.add(
            SCHEMA,
            "an invocation must be a mapping that names a task, e.g. {task_name: [args]}",
            path=path,
            step=step,
        )
        return None
    if "task" in body:
        return _parse_mixed(step, body, path, collector, allow_dependencies)
    task_keys = [key for key in body if key != "dependencies"]
    if "dependencies" in body and not allow_dependencies:
        collector.add(
            SCHEMA,
            "a swap alias cannot carry 'dependencies' (put them on the step)",
            path=(*path, "dependencies"),
            step=step,
        )
        return None
    if not task_keys:
        collector.add(
            SEMANTIC,
            "the step does not name a task: write {task_name: [args]}, "
            "{task_name: {keyword: value}} or {task: task_name, args: [...], kwargs: {...}}",
            path=path,
            step=step,
        )
        return None
    if len(task_keys) > 1:
        collector.add(
            SEMANTIC,
            "a short-form step calls exactly one task, but this one has the keys "
            + ", ".join(quoted(key) for key in task_keys)
            + " (use the task/args/kwargs form to pass both positional and keyword arguments)",
            path=path,
            step=step,
        )
        return None
    task = task_keys[0]
    at = (*path, task)
    if not isinstance(task, str) or not task:
        collector.add(
            SCHEMA, f"task names must be non-empty strings, not {task!r}", path=at, step=step
        )
        return None
    value = body[task]
    if isinstance(value, Mapping):
        keyword = _keywords(step, value, at, collector)
        return None if keyword is None else Invocation(task, [], keyword, path)
    return Invocation(task, _positionals(value, at), {}, path)


def _positionals(value: Any, at: PathKey) -> list[Argument]:
    if isinstance(value, list):
        return [Argument(item, (*at, index)) for index, item in enumerate(value)]
    return [Argument(value, at)]  # a lone non-list value is one positional argument


def _keywords(
    step: str, value: Mapping[Any, Any], at: PathKey, collector: IssueCollector
) -> dict[str, Argument] | None:
    keyword: dict[str, Argument] = {}
    complete = True
    for key, item in value.items():
        if isinstance(key, str) and key:
            keyword[key] = Argument(item, (*at, key))
        else:
            collector.add(
                SCHEMA,
                f"keyword argument names must be non-empty strings, not {key!r}",
                path=(*at, key),
                step=step,
            )
            complete = False
    return keyword if complete else None


def _parse_mixed(
    step: str,
    body: Mapping[Any, Any],
    path: PathKey,
    collector: IssueCollector,
    allow_dependencies: bool,
) -> Invocation | None:
    allowed = _MIXED_KEYS if allow_dependencies else _MIXED_KEYS[:3]
    ok = True
    for key in body:
        if key not in allowed:
            hint = (
                " (a swap alias cannot carry dependencies)"
                if key == "dependencies"
                else " (a step with 'task' allows only " + ", ".join(allowed) + ")"
            )
            collector.add(
                SCHEMA, f"unexpected key {quoted(key)}{hint}", path=(*path, key), step=step
            )
            ok = False
    task = body["task"]
    if not isinstance(task, str) or not task:
        collector.add(
            SCHEMA,
            f"'task' must be a non-empty task name, not {task!r}",
            path=(*path, "task"),
            step=step,
        )
        ok = False
    positional: list[Argument] = []
    if "args" in body:
        args = body["args"]
        if isinstance(args, Mapping):
            collector.add(
                SCHEMA,
                "'args' must be a list (or a single value); to pass a mapping as the "
                "only positional argument, wrap it in a list",
                path=(*path, "args"),
                step=step,
            )
            ok = False
        else:
            positional = _positionals(args, (*path, "args"))
    keyword: dict[str, Argument] | None = {}
    if "kwargs" in body:
        kwargs = body["kwargs"]
        if isinstance(kwargs, Mapping):
            keyword = _keywords(step, kwargs, (*path, "kwargs"), collector)
        else:
            collector.add(
                SCHEMA,
                "'kwargs' must be a mapping of keyword arguments",
                path=(*path, "kwargs"),
                step=step,
            )
            keyword = None
    if not ok or keyword is None:
        return None
    return Invocation(task, positional, keyword, path)


def _parse_swap_step(
    step: str,
    body: Mapping[Any, Any],
    swap_keys: list[str],
    path: PathKey,
    collector: IssueCollector,
) -> SwapDef | None:
    ok = True
    if len(swap_keys) > 1:
        collector.add(
            SEMANTIC,
            "a step holds at most one swap, found " + ", ".join(map(quoted, swap_keys)),
            path=path,
            step=step,
        )
        ok = False
    for key in body:
        if key != "dependencies" and key not in swap_keys:
            collector.add(
                SCHEMA,
                f"a swap step holds only its swap and 'dependencies', not {quoted(key)}",
                path=(*path, key),
                step=step,
            )
            ok = False
    key = swap_keys[0]
    swap = _parse_swap_body(step, key, body[key], (*path, key), collector)
    return swap if ok else None


def _parse_swap_body(
    step: str, key: str, body: Any, path: PathKey, collector: IssueCollector
) -> SwapDef | None:
    name = key[1:]
    subject = f"step {quoted(step)}, swap {quoted(name)}"
    if not name:
        collector.add(SCHEMA, "a swap needs a name after '?'", path=path, step=step)
        return None
    if not isinstance(body, Mapping):
        collector.add(
            SCHEMA,
            "a swap must be a mapping of '?outputs' and one or more aliases",
            path=path,
            subject=subject,
            step=step,
        )
        return None
    ok = True
    outputs = body.get("?outputs")
    if not (
        isinstance(outputs, list)
        and all(isinstance(o, str) and o for o in outputs)
        and len(set(outputs)) == len(outputs)
    ):
        problem = (
            "a swap needs '?outputs': the list of output names the step exposes"
            if outputs is None
            else "'?outputs' must be a list of unique, non-empty names"
        )
        collector.add(SCHEMA, problem, path=(*path, "?outputs"), subject=subject, step=step)
        ok = False
    aliases: dict[str, Invocation | None] = {}
    for alias, invocation in body.items():
        if alias == "?outputs":
            continue
        at = (*path, alias)
        if not isinstance(alias, str) or not alias or alias.startswith("?"):
            collector.add(
                SCHEMA,
                f"alias names must be non-empty and must not start with '?': {alias!r}",
                path=at,
                subject=subject,
                step=step,
            )
            ok = False
            continue
        aliases[alias] = parse_invocation(step, invocation, at, collector, allow_dependencies=False)
    if not aliases and ok:
        collector.add(
            SCHEMA, "a swap needs at least one alias", path=path, subject=subject, step=step
        )
        ok = False
    if not ok or not isinstance(outputs, list):
        return None
    return SwapDef(name, list(outputs), aliases, path)
