"""Plugins and an entrypoint over them, made with the original client, for the scenarios
that need something to run: a training plugin (load, two interchangeable fits, score),
an artifact plugin (NumberSaver) and an entrypoint with a swap and an artifact graph."""

from __future__ import annotations

from typing import Any

from _support import unique

BUILTINS = ("any", "string", "integer", "number", "boolean", "null")

TRAINING_PY = """from dioptra import pyplugs


@pyplugs.register
def load(n: int) -> int:
    return n


@pyplugs.register
def fit_small(data: int) -> float:
    return data / 2


@pyplugs.register
def fit_large(data: int, epochs: int) -> float:
    return data * epochs


@pyplugs.register
def score(model: float) -> str:
    return f"{model:.2f}"
"""
SAVERS_PY = """from dioptra.sdk.api.artifact import ArtifactTaskInterface


class NumberSaver(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir, name, contents, **kwargs):
        path = working_dir / f"{name}.txt"
        path.write_text(str(contents))
        return path

    @staticmethod
    def deserialize(working_dir, path, **kwargs):
        return float(path.read_text())

    @staticmethod
    def validation():
        return None
"""

TASK_GRAPH = """prep:
  load: [$n]
train:
  ?model:
    ?outputs: [trained]
    small:
      fit_small: [$prep.data]
    large:
      task: fit_large
      kwargs: {data: $prep.data, epochs: $epochs}
  dependencies: [prep]
score:
  score: [$train.trained]
"""
ARTIFACT_GRAPH = "saved:\n  contents: $train.trained\n  task:\n    name: NumberSaver\n"
PARAMETERS = [
    {"name": "n", "defaultValue": "3", "parameterType": "integer"},
    {"name": "epochs", "defaultValue": "10", "parameterType": "integer"},
]


def builtin_types(client: Any, group: int) -> dict[str, int]:
    listed = client.plugin_parameter_types.get(group_id=group, page_length=100)
    types = {t["name"]: t["id"] for t in listed["data"] if t["name"] in BUILTINS}
    assert set(types) == set(BUILTINS), listed
    return types


def _params(types: dict[str, int], *pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"name": n, "parameterType": types[t], "required": True} for n, t in pairs]


def training_tasks(types: dict[str, int]) -> list[dict[str, Any]]:
    def task(name: str, inputs: list[tuple[str, str]], output: tuple[str, str]) -> dict[str, Any]:
        return {
            "name": name,
            "inputParams": _params(types, *inputs),
            "outputParams": [{"name": output[0], "parameterType": types[output[1]]}],
        }

    return [
        task("load", [("n", "integer")], ("data", "integer")),
        task("fit_small", [("data", "integer")], ("model", "number")),
        task("fit_large", [("data", "integer"), ("epochs", "integer")], ("model", "number")),
        task("score", [("model", "number")], ("result", "string")),
    ]


def make_plugins(client: Any, group: int, types: dict[str, int]) -> tuple[dict[str, Any], ...]:
    """(training plugin, savers plugin), each with its one file."""
    training = client.plugins.create(group_id=group, name=unique("training"))
    client.plugins.files.create(
        training["id"], "training.py", TRAINING_PY, function_tasks=training_tasks(types)
    )
    savers = client.plugins.create(group_id=group, name=unique("savers"))
    saver_task = {
        "name": "NumberSaver",
        "outputParams": [{"name": "value", "parameterType": types["number"]}],
    }
    client.plugins.files.create(savers["id"], "savers.py", SAVERS_PY, artifact_tasks=[saver_task])
    return client.plugins.get_by_id(training["id"]), client.plugins.get_by_id(savers["id"])


def artifact_parameters(types: dict[str, int]) -> list[dict[str, Any]]:
    return [{"name": "prev", "outputParams": [{"name": "value", "parameterType": types["number"]}]}]
