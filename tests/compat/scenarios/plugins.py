"""Plugin parameter types and plugins through the original client: builtin types, files
with function and artifact tasks, snapshots, bundles, tags and drafts."""

from __future__ import annotations

import io
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from _support import done, expect_status, logged_in_client, names, public_group_id, unique

from dioptra.client.utils import FileTypes

BUILTIN_TYPES = {"any", "string", "integer", "number", "boolean", "null"}

TASKS_PY = """from dioptra import pyplugs


@pyplugs.register
def scale(values: list, factor: float) -> list:
    return [v * factor for v in values]
"""
SAVERS_PY = """from dioptra.sdk.api.artifact import ArtifactTaskInterface


class ListSaver(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir, name, contents, **kwargs):
        path = working_dir / f"{name}.txt"
        path.write_text(repr(contents))
        return path

    @staticmethod
    def deserialize(working_dir, path, **kwargs):
        return eval(path.read_text())

    @staticmethod
    def validation():
        return None
"""


def parameter_types(client: Any, group: int) -> dict[str, int]:
    """Checks the builtins and a structured type; returns type ids by name."""
    listed = client.plugin_parameter_types.get(group_id=group, page_length=100)
    builtins = {t["name"]: t["id"] for t in listed["data"] if t["name"] in BUILTIN_TYPES}
    assert set(builtins) == BUILTIN_TYPES, listed
    found = client.plugin_parameter_types.get(search="name:number", group_id=group)
    assert names(found) == ["number"], found

    floats = client.plugin_parameter_types.create(
        group_id=group,
        name=unique("Floats"),
        description="a list of numbers",
        structure={"list": "number"},
    )
    assert floats["structure"] == {"list": "number"}, floats
    assert floats["description"] == "a list of numbers", floats
    assert client.plugin_parameter_types.get_by_id(floats["id"])["name"] == unique("Floats")
    expect_status(409, client.plugin_parameter_types.create, group_id=group, name=unique("Floats"))
    plain = client.plugin_parameter_types.modify_by_id(
        floats["id"], name=unique("Floats"), description=None, structure={"list": "any"}
    )
    assert plain["snapshot"] > floats["snapshot"] and plain["structure"] == {"list": "any"}
    history = client.plugin_parameter_types.snapshots.get(floats["id"])
    assert [s["structure"] for s in history["data"]] == [{"list": "number"}, {"list": "any"}]

    tag = client.tags.create(group_id=group, name=unique("type-tag"))
    client.plugin_parameter_types.tags.append(floats["id"], ids=[tag["id"]])
    assert [t["name"] for t in client.plugin_parameter_types.tags.get(floats["id"])] == [
        unique("type-tag")
    ]

    draft = client.plugin_parameter_types.new_resource_drafts.create(
        group_id=group, name=unique("Drafted"), description=None, structure=None
    )
    made = client.workflows.commit_draft(draft["id"])
    assert client.plugin_parameter_types.get_by_id(made["id"][0])["name"] == unique("Drafted")
    removed = client.plugin_parameter_types.delete_by_id(made["id"][0])
    assert removed["status"] == "Success", removed
    return {**builtins, "Floats": floats["id"]}


def function_task(types: dict[str, int]) -> dict[str, Any]:
    return {
        "name": "scale",
        "inputParams": [
            {"name": "values", "parameterType": types["Floats"], "required": True},
            {"name": "factor", "parameterType": types["number"], "required": False},
        ],
        "outputParams": [{"name": "scaled", "parameterType": types["Floats"]}],
    }


def artifact_task(types: dict[str, int]) -> dict[str, Any]:
    return {
        "name": "ListSaver",
        "outputParams": [{"name": "values", "parameterType": types["Floats"]}],
    }


def bundle_names(path: Path, file_type: FileTypes) -> set[str]:
    data = path.read_bytes()
    if file_type is FileTypes.ZIP:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n for n in archive.namelist() if not n.endswith("/")}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {m.name for m in archive.getmembers() if m.isfile()}


def plugins(client: Any, group: int, types: dict[str, int]) -> None:
    name = unique("scaler")
    plugin = client.plugins.create(group_id=group, name=name, description="scales lists")
    assert plugin["files"] == [] and plugin["description"] == "scales lists", plugin
    expect_status(409, client.plugins.create, group_id=group, name=name)
    expect_status(400, client.plugins.create, group_id=group, name="not a module name")

    tasks_file = client.plugins.files.create(
        plugin["id"],
        filename="tasks.py",
        contents=TASKS_PY,
        function_tasks=[function_task(types)],
        description="the task",
    )
    assert tasks_file["filename"] == "tasks.py" and tasks_file["contents"] == TASKS_PY
    (task,) = tasks_file["tasks"]["functions"]
    assert task["name"] == "scale" and tasks_file["tasks"]["artifacts"] == [], tasks_file
    assert [p["parameterType"]["id"] for p in task["inputParams"]] == [
        types["Floats"],
        types["number"],
    ], task
    assert task["outputParams"][0]["parameterType"]["name"] == unique("Floats"), task
    savers = client.plugins.files.create(
        plugin["id"],
        filename="io/savers.py",
        contents=SAVERS_PY,
        artifact_tasks=[artifact_task(types)],
    )
    (saver,) = savers["tasks"]["artifacts"]
    assert saver["name"] == "ListSaver" and savers["tasks"]["functions"] == [], savers
    expect_status(409, client.plugins.files.create, plugin["id"], filename="tasks.py", contents="")
    expect_status(400, client.plugins.files.create, plugin["id"], filename="../x.py", contents="")
    missing_type = expect_status(
        404,
        client.plugins.files.create,
        plugin["id"],
        filename="bad.py",
        contents="",
        function_tasks=[
            {
                "name": "f",
                "inputParams": [{"name": "x", "parameterType": 999999}],
                "outputParams": [],
            }
        ],
    )
    assert missing_type["detail"]["ids_not_found"] == [999999], missing_type

    files = client.plugins.files.get(plugin["id"])
    assert sorted(f["filename"] for f in files["data"]) == ["io/savers.py", "tasks.py"], files
    assert client.plugins.files.get_by_id(plugin["id"], tasks_file["id"])["id"] == tasks_file["id"]
    current = client.plugins.get_by_id(plugin["id"])
    assert sorted(f["filename"] for f in current["files"]) == ["io/savers.py", "tasks.py"], current
    before = current["snapshot"]

    # Modifying a file makes a new snapshot of it and of its plugin.
    changed = TASKS_PY + "\n# tweaked\n"
    modified = client.plugins.files.modify_by_id(
        plugin["id"],
        tasks_file["id"],
        filename="tasks.py",
        contents=changed,
        function_tasks=[function_task(types)],
    )
    assert modified["contents"] == changed and modified["snapshot"] > tasks_file["snapshot"]
    after = client.plugins.get_by_id(plugin["id"])
    assert after["snapshot"] > before, (before, after)
    history = client.plugins.snapshots.get(plugin["id"])
    assert [s["snapshot"] for s in history["data"]][-1] == after["snapshot"], history
    old = client.plugins.snapshots.get_by_id(plugin["id"], snapshot_id=before)
    assert old["latestSnapshot"] is False, old
    file_history = client.plugins.files.snapshots.get(plugin["id"], tasks_file["id"])
    assert [s["contents"] for s in file_history["data"]] == [TASKS_PY, changed], file_history

    # Bundles hold the files of a plugin snapshot under the plugin's name.
    with tempfile.TemporaryDirectory() as folder:
        for file_type in (FileTypes.TAR_GZ, FileTypes.ZIP):
            path = client.plugins.snapshots.get_files_bundle(
                plugin["id"], after["snapshot"], file_type=file_type, output_dir=Path(folder)
            )
            assert path.name == f"task-plugins{file_type.suffix}", path
            found = bundle_names(path, file_type)
            expected = {"manifest.json", f"{name}/tasks.py", f"{name}/io/savers.py"}
            assert found == expected, (file_type, found)

    # Tags on the plugin and on one of its files.
    tag = client.tags.create(group_id=group, name=unique("plugin-tag"))
    client.plugins.tags.append(plugin["id"], ids=[tag["id"]])
    assert [t["id"] for t in client.plugins.tags.get(plugin["id"])] == [tag["id"]]
    client.plugins.files.tags.append(plugin["id"], tasks_file["id"], ids=[tag["id"]])
    assert [t["id"] for t in client.plugins.files.tags.get(plugin["id"], tasks_file["id"])] == [
        tag["id"]
    ]
    assert client.plugins.get(search=f"tag:{unique('plugin-tag')}")["totalNumResults"] == 1

    # Drafts: a new plugin, a change to a plugin, a new file and a change to a file.
    draft = client.plugins.new_resource_drafts.create(
        group_id=group, name=unique("drafted"), description=None
    )
    committed = client.workflows.commit_draft(draft["id"])
    assert client.plugins.get_by_id(committed["id"][0])["name"] == unique("drafted")
    change = client.plugins.modify_resource_drafts.create(
        plugin["id"], name=name, description="drafted description"
    )
    assert client.plugins.modify_resource_drafts.get_by_id(plugin["id"])["id"] == change["id"]
    client.workflows.commit_draft(change["id"])
    assert client.plugins.get_by_id(plugin["id"])["description"] == "drafted description"
    file_draft = client.plugins.files.new_resource_drafts.create(
        plugin["id"],
        filename="extra.py",
        contents="X = 1\n",
        tasks={"functions": [], "artifacts": []},
        description=None,
    )
    client.workflows.commit_draft(file_draft["id"])
    listed = client.plugins.files.get(plugin["id"], search="filename:extra.py")
    assert [f["filename"] for f in listed["data"]] == ["extra.py"], listed
    extra = listed["data"][0]
    file_change = client.plugins.files.modify_resource_drafts.create(
        plugin["id"],
        extra["id"],
        filename="extra.py",
        contents="X = 2\n",
        tasks={"functions": [], "artifacts": []},
        description=None,
    )
    client.workflows.commit_draft(file_change["id"])
    assert client.plugins.files.get_by_id(plugin["id"], extra["id"])["contents"] == "X = 2\n"

    # Deleting a file, then all files; the plugin itself last.
    client.plugins.files.delete_by_id(plugin["id"], extra["id"])
    expect_status(404, client.plugins.files.get_by_id, plugin["id"], extra["id"])
    client.plugins.files.delete_all(plugin["id"])
    assert client.plugins.files.get(plugin["id"])["totalNumResults"] == 0
    client.plugins.delete_by_id(plugin["id"])
    assert client.plugins.get(search=f"name:{name}")["totalNumResults"] == 0


def signature_analysis(client: Any) -> None:
    (task,) = client.workflows.analyze_plugin_task_signatures(TASKS_PY)["tasks"]
    assert task == {
        "name": "scale",
        "inputs": [
            {"name": "values", "type": "list", "required": True},
            {"name": "factor", "type": "number", "required": True},
        ],
        "outputs": [{"name": "output", "type": "list"}],
        "missing_types": [{"name": "list", "description": "list"}],
    }, task
    refused = expect_status(400, client.workflows.analyze_plugin_task_signatures, "def (:")
    assert refused["error"] == "InvalidPythonError", refused


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)
    types = parameter_types(client, group)
    plugins(client, group, types)
    signature_analysis(client)
    done("plugins")


if __name__ == "__main__":
    main()
