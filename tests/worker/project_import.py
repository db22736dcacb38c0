"""Registering a project folder (a ``dioptra.toml`` with plugins and entrypoints) on a
server through its REST API.

``POST /workflows/resourceImport`` when the server has it; otherwise the same resources
one call at a time (types, plugins with their files and tasks, entrypoints), which is
what an import amounts to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dioptra.client import DioptraClient, NotFoundError, select_files_in_directory
from dioptra.engine.project import load_project

Client = DioptraClient[dict[str, Any]]
IMPORTED_FILES = r".*\.(py|toml|yml|yaml)$"


def register_project(client: Client, group_id: int, folder: Path) -> dict[str, int]:
    """Imports the project; returns its entrypoint ids by name."""
    files = select_files_in_directory(folder, recursive=True, include_pattern=IMPORTED_FILES)
    try:
        result = client.workflows.import_resources(group_id, files)
    except NotFoundError:
        return _register_one_by_one(client, group_id, folder)
    finally:
        for file_ in files:
            file_.stream.close()
    return {name: int(i) for name, i in result["resources"]["entrypoints"].items()}


def _register_one_by_one(client: Client, group_id: int, folder: Path) -> dict[str, int]:
    project = load_project(folder)
    types = {
        item["name"]: int(item["id"])
        for item in client.plugin_parameter_types.get(group_id=group_id, page_length=1000)["data"]
    }
    for declared in project.manifest.plugin_param_types:
        if declared.name not in types:
            created = client.plugin_parameter_types.create(
                group_id, declared.name, declared.description, declared.structure
            )
            types[declared.name] = int(created["id"])

    plugin_ids: dict[str, int] = {}
    for name, plugin in project.plugins.items():
        plugin_ids[name] = int(client.plugins.create(group_id, name)["id"])
        decl = plugin.declaration
        for filename, source in plugin.sources.items():
            functions = [
                {
                    "name": task.name,
                    "inputParams": [
                        {"name": p.name, "parameterType": types[p.type], "required": p.required}
                        for p in task.input_params
                    ],
                    "outputParams": _outputs(task.output_params, types),
                }
                for task in decl.functions
                if task.filename == filename
            ]
            artifacts = [
                {"name": task.name, "outputParams": _outputs(task.output_params, types)}
                for task in decl.artifacts
                if task.filename == filename
            ]
            client.plugins.files.create(plugin_ids[name], filename, source, functions, artifacts)

    entrypoint_ids: dict[str, int] = {}
    for name, entrypoint in project.entrypoints.items():
        decl = entrypoint.declaration
        document = yaml.safe_load(entrypoint.file.read_text())
        artifacts = document.get("artifacts")
        created = client.entrypoints.create(
            group_id,
            name,
            task_graph=yaml.safe_dump(document["graph"], sort_keys=False),
            artifact_graph=yaml.safe_dump(artifacts, sort_keys=False) if artifacts else None,
            description=decl.description,
            parameters=[
                {"name": p.name, "parameterType": p.type, "defaultValue": p.default_value}
                for p in decl.params
            ],
            artifact_parameters=[
                {"name": p.name, "outputParams": _outputs(p.output_params, types)}
                for p in decl.artifact_params
            ],
            plugins=[plugin_ids[p] for p in decl.plugins],
            artifact_plugins=[plugin_ids[p] for p in decl.artifact_plugins],
        )
        entrypoint_ids[name] = int(created["id"])
    return entrypoint_ids


def _outputs(params: Any, types: dict[str, int]) -> list[dict[str, Any]]:
    return [{"name": p.name, "parameterType": types[p.type]} for p in params]
