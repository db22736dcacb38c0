"""Helpers for the entrypoint and experiment tests: plugins with declared tasks, and
entrypoints over them."""

from __future__ import annotations

from typing import Any

from api_testing import API
from fastapi.testclient import TestClient

# The builtin parameter types seeded with the public group (see conftest).
ANY, STRING, INTEGER, NUMBER, BOOLEAN, NULL = 1, 2, 3, 4, 5, 6


def function_task(
    name: str, inputs: list[tuple[str, int]], outputs: list[tuple[str, int]]
) -> dict[str, Any]:
    return {
        "name": name,
        "inputParams": [{"name": n, "parameterType": t, "required": True} for n, t in inputs],
        "outputParams": [{"name": n, "parameterType": t} for n, t in outputs],
    }


# A small "training" plugin: load -> fit (two interchangeable fits) -> score.
TRAINING_TASKS = [
    function_task("load", [("n", INTEGER)], [("data", INTEGER)]),
    function_task("fit_small", [("data", INTEGER)], [("model", NUMBER)]),
    function_task("fit_large", [("data", INTEGER), ("epochs", INTEGER)], [("model", NUMBER)]),
    function_task("fit_text", [("data", INTEGER)], [("model", STRING)]),
    function_task("score", [("model", NUMBER)], [("result", STRING)]),
    function_task("pair", [], [("a", INTEGER), ("b", INTEGER)]),
    function_task("noop", [], []),
]
ARTIFACT_TASKS = [
    {"name": "NumberSaver", "outputParams": [{"name": "value", "parameterType": NUMBER}]}
]

SIMPLE_GRAPH = "prep:\n  load: [$n]\nfit:\n  fit_small: [$prep.data]\n"
SWAP_GRAPH = """prep:
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
ARTIFACT_GRAPH = "saved:\n  contents: $fit.model\n  task:\n    name: NumberSaver\n"


def ok_json(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def create_plugin(
    client: TestClient,
    name: str,
    functions: list[dict[str, Any]] | None = None,
    artifacts: list[dict[str, Any]] | None = None,
    filename: str = "tasks.py",
    contents: str = "# tasks\n",
) -> dict[str, Any]:
    """A plugin with one file declaring the given tasks; returns the plugin (latest)."""
    plugin = ok_json(client.post(f"{API}/plugins/", json={"group": 1, "name": name}))
    add_file(client, plugin["id"], filename, functions or [], artifacts or [], contents)
    latest: dict[str, Any] = ok_json(client.get(f"{API}/plugins/{plugin['id']}"))
    return latest


def add_file(
    client: TestClient,
    plugin_id: int,
    filename: str,
    functions: list[dict[str, Any]] | None = None,
    artifacts: list[dict[str, Any]] | None = None,
    contents: str = "# more\n",
) -> dict[str, Any]:
    body = {
        "filename": filename,
        "contents": contents,
        "tasks": {"functions": functions or [], "artifacts": artifacts or []},
    }
    result: dict[str, Any] = ok_json(client.post(f"{API}/plugins/{plugin_id}/files", json=body))
    return result


def training_plugin(client: TestClient, name: str = "training") -> dict[str, Any]:
    return create_plugin(client, name, TRAINING_TASKS)


def artifact_plugin(client: TestClient, name: str = "savers") -> dict[str, Any]:
    return create_plugin(client, name, artifacts=ARTIFACT_TASKS, filename="savers.py")


def parameter(name: str, parameter_type: str, default: str | None) -> dict[str, Any]:
    return {"name": name, "defaultValue": default, "parameterType": parameter_type}


N = parameter("n", "integer", "3")
EPOCHS = parameter("epochs", "integer", "10")


def entrypoint_body(
    plugins: list[int], name: str = "ep", task_graph: str = SIMPLE_GRAPH, **fields: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "group": 1,
        "name": name,
        "taskGraph": task_graph,
        "parameters": [N],
        "plugins": plugins,
    }
    body.update(fields)
    return body


def create_entrypoint(
    client: TestClient, plugins: list[int], name: str = "ep", **fields: Any
) -> dict[str, Any]:
    response = client.post(f"{API}/entrypoints/", json=entrypoint_body(plugins, name, **fields))
    result: dict[str, Any] = ok_json(response)
    return result


def put_body(entrypoint: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A PUT body that keeps everything of ``entrypoint`` (bindings included)."""
    body: dict[str, Any] = {
        "name": entrypoint["name"],
        "description": entrypoint["description"],
        "taskGraph": entrypoint["taskGraph"],
        "artifactGraph": entrypoint["artifactGraph"],
        "parameters": entrypoint["parameters"],
        "artifactParameters": [
            {
                "name": a["name"],
                "outputParams": [
                    {"name": o["name"], "parameterType": o["parameterType"]["id"]}
                    for o in a["outputParams"]
                ],
            }
            for a in entrypoint["artifactParameters"]
        ],
        "queues": [q["id"] for q in entrypoint.get("queues", [])],
        "pluginSnapshotIds": [p["snapshotId"] for p in entrypoint["plugins"]],
        "artifactPluginSnapshotIds": [p["snapshotId"] for p in entrypoint["artifactPlugins"]],
    }
    body.update(changes)
    return body


def reason(response: Any) -> dict[str, list[str]]:
    """``detail.reason`` of a 400 EntrypointValidationError."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "EntrypointValidationError", body
    result: dict[str, list[str]] = body["detail"]["reason"]
    return result
