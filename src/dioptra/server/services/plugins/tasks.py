"""The tasks a plugin file declares: their rules, their storage and their loading.

Tasks belong to one file snapshot (rows of ``plugin_tasks``), so every version of a file
keeps the tasks it was saved with. A task parameter names a parameter type by resource
id; the type's latest snapshot at write time is stored with it, so later edits of the
type do not change what an old file version declared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import bindparam, select

from dioptra.server.db.tables import PluginTask, Resource
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    DioptraError,
    EntityDoesNotExistError,
    ResourceNameError,
)
from dioptra.server.services.core.resources import visible
from dioptra.server.services.plugins.parameter_types import PARAMETER_TYPE, TypeRef, load_type_refs

# A Python identifier that is not just "_" (task and task parameter names).
IDENTIFIER_PATTERN = re.compile(r"[A-Z]|[A-Z_][A-Z0-9_]+", re.IGNORECASE)

TaskKind = Literal["function", "artifact"]
FUNCTION: TaskKind = "function"
ARTIFACT: TaskKind = "artifact"


def task_name_problem(name: str) -> str | None:
    if IDENTIFIER_PATTERN.fullmatch(name):
        return None
    return (
        f"'{name}' is not a compatible name for a Python function. A Python function name "
        "must start with a letter or underscore, followed by letters, numbers, or "
        "underscores. In addition, '_' is not a valid Python function name."
    )


def parameter_name_problem(name: str) -> str | None:
    if IDENTIFIER_PATTERN.fullmatch(name):
        return None
    return (
        f"'{name}' is not a compatible name for a Python function parameter. A Python "
        "function parameter must start with a letter or underscore, followed by letters, "
        "numbers, or underscores. In addition, '_' is not a valid Python function parameter."
    )


class InputParameterNotUniqueError(DioptraError):
    def __init__(self, what: str, **attributes: Any) -> None:
        parts = [f"{key} having value ({value})" for key, value in attributes.items()]
        super().__init__(f"{what} Parameters must be unique with " + ", and ".join(parts) + ".")


# -- what a request declares -----------------------------------------------------------


@dataclass(frozen=True)
class ParamDecl:
    name: str
    parameter_type_id: int
    required: bool = True


@dataclass(frozen=True)
class TaskDecl:
    name: str
    inputs: Sequence[ParamDecl] = ()
    outputs: Sequence[ParamDecl] = ()


@dataclass(frozen=True)
class TasksDecl:
    """The ``tasks`` of a file body: function tasks and artifact tasks (outputs only)."""

    functions: Sequence[TaskDecl] = ()
    artifacts: Sequence[TaskDecl] = ()


def check_tasks(tasks: TasksDecl) -> None:
    """Names follow the identifier rule; task names are unique across both kinds, and
    parameter names within a task's inputs and within its outputs."""
    for task in [*tasks.functions, *tasks.artifacts]:
        problem = task_name_problem(task.name)
        if problem is not None:
            raise ResourceNameError(problem)
        for param in [*task.inputs, *task.outputs]:
            problem = parameter_name_problem(param.name)
            if problem is not None:
                raise ResourceNameError(problem)
    repeated = _repeated(task.name for task in [*tasks.functions, *tasks.artifacts])
    if repeated:
        raise InputParameterNotUniqueError("plugin task", task_names=repeated)
    for task in tasks.functions:
        _check_unique_params(task, "function task input parameter", task.inputs, "input")
        _check_unique_params(task, "function task output parameter", task.outputs, "output")
    for task in tasks.artifacts:
        _check_unique_params(task, "artifact task output parameter", task.outputs, "output")


def _repeated(names: Iterable[str]) -> list[str]:
    return [name for name, count in Counter(names).items() if count > 1]


def _check_unique_params(
    task: TaskDecl, what: str, params: Sequence[ParamDecl], direction: str
) -> None:
    repeated = _repeated(param.name for param in params)
    if repeated:
        raise InputParameterNotUniqueError(
            what, plugin_task_name=task.name, **{f"{direction}_param_names": repeated}
        )


# -- storing ---------------------------------------------------------------------------


def resolve_parameter_types(ctx: ServiceContext, tasks: TasksDecl) -> dict[int, int]:
    """Type resource id -> its latest snapshot id, for every type the tasks use.

    A type must be live and in a group the user can read (builtins live in ``public``).
    """
    wanted = sorted(
        {
            param.parameter_type_id
            for task in [*tasks.functions, *tasks.artifacts]
            for param in [*task.inputs, *task.outputs]
        }
    )
    if not wanted:
        return {}
    found: dict[int, int] = {
        resource_id: snapshot_id
        for resource_id, snapshot_id in ctx.db.execute(
            select(Resource.id, Resource.latest_snapshot_id).where(
                Resource.id.in_(wanted),
                Resource.resource_type == PARAMETER_TYPE.type_name,
                ~Resource.deleted,
                visible(ctx),
            )
        )
        if snapshot_id is not None
    }
    missing = [type_id for type_id in wanted if type_id not in found]
    if missing:
        raise EntityDoesNotExistError(
            PARAMETER_TYPE.type_name, PARAMETER_TYPE.display_name, ids_not_found=missing
        )
    return found


def write_tasks(
    ctx: ServiceContext, file_snapshot_id: int, tasks: TasksDecl, type_snapshots: dict[int, int]
) -> None:
    """Stores the tasks of one file snapshot: functions first, then artifacts."""

    def params(declared: Sequence[ParamDecl], with_required: bool) -> list[dict[str, Any]]:
        stored = []
        for param in declared:
            entry: dict[str, Any] = {
                "name": param.name,
                "parameter_type_id": param.parameter_type_id,
                "parameter_type_snapshot_id": type_snapshots[param.parameter_type_id],
            }
            if with_required:
                entry["required"] = param.required
            stored.append(entry)
        return stored

    declared: list[tuple[TaskKind, TaskDecl]] = [
        *((FUNCTION, task) for task in tasks.functions),
        *((ARTIFACT, task) for task in tasks.artifacts),
    ]
    for position, (kind, task) in enumerate(declared):
        ctx.db.add(
            PluginTask(
                file_snapshot_id=file_snapshot_id,
                kind=kind,
                name=task.name,
                position=position,
                input_params=params(task.inputs, with_required=True) if kind == FUNCTION else [],
                output_params=params(task.outputs, with_required=False),
            )
        )
    ctx.db.flush()


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredParam:
    name: str
    type: TypeRef
    required: bool = True


@dataclass(frozen=True)
class StoredTask:
    id: int
    kind: TaskKind
    name: str
    file_snapshot_id: int
    inputs: tuple[StoredParam, ...] = ()
    outputs: tuple[StoredParam, ...] = ()


# Plain rows, not ORM objects: a list page reads every task of every file (tens of rows),
# and building mapped instances cost more than the query. Built once, like the page.
_TASKS_OF = (
    select(
        PluginTask.id,
        PluginTask.file_snapshot_id,
        PluginTask.kind,
        PluginTask.name,
        PluginTask.input_params,
        PluginTask.output_params,
    )
    .where(PluginTask.file_snapshot_id.in_(bindparam("ids", expanding=True)))
    .order_by(PluginTask.file_snapshot_id, PluginTask.position)
)


def load_tasks(
    ctx: ServiceContext, file_snapshot_ids: Iterable[int]
) -> dict[int, list[StoredTask]]:
    """The tasks of each file snapshot, in declaration order (two queries in all)."""
    ids = sorted(set(file_snapshot_ids))
    if not ids:
        return {}
    rows = ctx.db.execute(_TASKS_OF, {"ids": ids}).all()
    type_snapshot_ids = {
        param["parameter_type_snapshot_id"]
        for row in rows
        for param in [*row.input_params, *row.output_params]
    }
    refs = load_type_refs(ctx, type_snapshot_ids)

    def params(stored: list[dict[str, Any]]) -> tuple[StoredParam, ...]:
        return tuple(
            StoredParam(
                name=param["name"],
                type=refs[param["parameter_type_snapshot_id"]],
                required=bool(param.get("required", True)),
            )
            for param in stored
        )

    tasks: dict[int, list[StoredTask]] = defaultdict(list)
    for task_id, file_snapshot_id, kind, name, input_params, output_params in rows:
        tasks[file_snapshot_id].append(
            StoredTask(
                id=task_id,
                kind=FUNCTION if kind == FUNCTION else ARTIFACT,
                name=name,
                file_snapshot_id=file_snapshot_id,
                inputs=params(input_params),
                outputs=params(output_params),
            )
        )
    return dict(tasks)
