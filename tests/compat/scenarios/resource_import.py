"""``workflows.import_resources`` of examples/tutorial through the original client: the
folder as a list of files (``select_files_in_directory``) and as an archive (with a
``config_path``), under each name-conflict strategy.

Imports keep the project's own names, so this scenario wants a server where the public
group holds no tutorial resources yet (the test's fresh server).
"""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path
from typing import Any

from _support import done, expect_status, logged_in_client, public_group_id

from dioptra.client import DioptraFile, select_files_in_directory

TUTORIAL = Path(__file__).resolve().parents[3] / "examples" / "tutorial"
PROJECT_FILES = r".*\.(py|toml|yml|yaml)$"
EXPECTED = {
    "plugin_param_types": {"NumpyArray", "PngBytes", "Statistics"},
    "plugins": {
        "hello_world",
        "sample_and_transform",
        "tutorial_artifacts",
        "rescale_and_graph",
        "tutorial_metrics",
    },
    "entrypoints": {
        "hello_world",
        "sample_and_transform",
        "sample_and_save_artifact",
        "rescale_and_graph_array",
    },
}


def project_files() -> list[DioptraFile]:
    return select_files_in_directory(TUTORIAL, recursive=True, include_pattern=PROJECT_FILES)


def archive(folder: Path, name: str, prefix: str = "") -> DioptraFile:
    """The project as a .tar.gz in ``folder`` (1.2.2 reads tar archives only), its paths
    under ``prefix``."""
    target = folder / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz") as packed:
        for path in sorted(TUTORIAL.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                packed.add(path, prefix + path.relative_to(TUTORIAL).as_posix())
    return DioptraFile(filename=target.name, stream=target.open("rb"), content_type=None)


def check_result(result: dict[str, Any]) -> dict[str, dict[str, int]]:
    assert result["message"] == "successfully imported", result
    assert len(result["hash"]) == 64, result
    resources: dict[str, dict[str, int]] = result["resources"]
    assert {kind: set(found) for kind, found in resources.items()} == EXPECTED, resources
    return resources


def imported_state(client: Any, resources: dict[str, dict[str, int]]) -> dict[str, Any]:
    """What the import made, as the client reads it back."""
    hello = client.plugins.get_by_id(resources["plugins"]["hello_world"])
    (hello_file,) = hello["files"]
    assert hello_file["filename"] == "tasks.py", hello
    assert [t["name"] for t in hello_file["tasks"]["functions"]] == ["hello_world"], hello_file
    saving = client.entrypoints.get_by_id(resources["entrypoints"]["sample_and_save_artifact"])
    assert [p["name"] for p in saving["plugins"]] == ["sample_and_transform"], saving
    assert [p["name"] for p in saving["artifactPlugins"]] == ["tutorial_artifacts"], saving
    loading = client.entrypoints.get_by_id(resources["entrypoints"]["rescale_and_graph_array"])
    (array,) = loading["artifactParameters"]
    assert array["outputParams"][0]["parameterType"]["name"] == "NumpyArray", array
    statistics = client.plugin_parameter_types.get_by_id(
        resources["plugin_param_types"]["Statistics"]
    )
    assert statistics["structure"] == {"mapping": ["string", "number"]}, statistics
    return {"hello": hello, "saving": saving}


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)

    # The folder as files, with the default strategy ("fail").
    first = check_result(client.workflows.import_resources(group, project_files()))
    before = imported_state(client, first)

    # "fail" again: the first clash stops it and nothing changes.
    clash = expect_status(
        409,
        client.workflows.import_resources,
        group,
        project_files(),
        resolve_name_conflicts_strategy="fail",
    )
    assert clash["error"] == "EntityExistsError", clash
    unchanged = client.plugins.get_by_id(first["plugins"]["hello_world"])
    assert unchanged["snapshot"] == before["hello"]["snapshot"], unchanged

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # An archive whose project sits in a subfolder: config_path points at it.
        updated = check_result(
            client.workflows.import_resources(
                group,
                archive(folder, "nested", prefix="project/"),
                config_path="project/dioptra.toml",
                resolve_name_conflicts_strategy="update",
            )
        )
        assert updated == first, (updated, first)  # "update" keeps the resources
        after = imported_state(client, updated)
        assert after["saving"]["id"] == before["saving"]["id"]

        # "overwrite" replaces them: new resources, the old ones deleted.
        replaced = check_result(
            client.workflows.import_resources(
                group, archive(folder, "flat"), resolve_name_conflicts_strategy="overwrite"
            )
        )
        imported_state(client, replaced)
        old_id, new_id = first["plugins"]["hello_world"], replaced["plugins"]["hello_world"]
        assert new_id != old_id, replaced
        expect_status(404, client.plugins.get_by_id, old_id)  # deleted plugins are gone
        listed = client.plugins.get(search="name:hello_world")
        assert [p["id"] for p in listed["data"]] == [new_id], listed

        # A project without its dioptra.toml is refused with the reason.
        without_config = [f for f in project_files() if f.filename != "dioptra.toml"]
        refused = expect_status(400, client.workflows.import_resources, group, without_config)
        assert refused["error"] == "ImportFailedError", refused
        missing = expect_status(
            400,
            client.workflows.import_resources,
            group,
            archive(folder, "flat"),
            config_path="nowhere/dioptra.toml",
        )
        assert missing["error"] == "ImportFailedError", missing
    done("resource_import")


if __name__ == "__main__":
    main()
