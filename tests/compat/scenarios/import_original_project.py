"""``workflows.import_resources`` of a project written for Dioptra 1.2.2: its artifact
output names an artifact task by a short name that no plugin registers (as the
original's own test project does). 1.2.2 imports it; so do we, with a warning in our
extra ``warnings`` field, and the answer maps every imported name to its id.

Names carry the run's suffix, so this scenario also runs on a server holding data.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path
from typing import Any

from _support import done, logged_in_client, public_group_id, unique

from dioptra.client import select_files_in_directory

GREET = unique("greet")
STORE = unique("store")
MESSAGE = unique("Message")
ENTRYPOINT = unique("Greet and keep")

CONFIG = f"""
[[plugin_param_types]]
name = "{MESSAGE}"

[[plugins]]
path = "plugins/{GREET}"
  [[plugins.tasks.functions]]
  filename = "tasks.py"
  name = "greet"
  input_params = [{{ name = "who", type = "string", required = true }}]
  output_params = [{{ name = "greeting", type = "{MESSAGE}" }}]

[[plugins]]
path = "plugins/{STORE}"
  [[plugins.tasks.artifacts]]
  filename = "tasks.py"
  name = "TextArtifactTask"
  output_params = [{{ name = "text", type = "string" }}]

[[entrypoints]]
path = "entrypoints/greet.yaml"
name = "{ENTRYPOINT}"
params = [{{ name = "who", type = "string", default_value = "World" }}]
plugins = ["{GREET}"]
artifact_plugins = ["{STORE}"]
"""
GREET_TASKS = """
from dioptra import pyplugs


@pyplugs.register
def greet(who: str) -> str:
    return f"Hello, {who}"
"""
STORE_TASKS = """
from pathlib import Path

from dioptra.sdk.api.artifact import ArtifactTaskInterface


class TextArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir, name, contents, **kwargs):
        path = Path(working_dir, name).with_suffix(".txt")
        path.write_text(contents)
        return path

    @staticmethod
    def deserialize(working_dir, path, **kwargs):
        return Path(working_dir, path).read_text()

    @staticmethod
    def validation():
        return None

    @staticmethod
    def name():
        return "text"
"""
# "text" is what the class's name() says, not a registered artifact task name.
GRAPH = """
graph:
  hello:
    greet:
      who: $who
artifacts:
  saved:
    contents: $hello.greeting
    task:
      name: text
"""


def write_project(root: Path) -> None:
    files = {
        "dioptra.toml": CONFIG,
        f"plugins/{GREET}/tasks.py": GREET_TASKS,
        f"plugins/{STORE}/tasks.py": STORE_TASKS,
        "entrypoints/greet.yaml": GRAPH,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())


def check_ids(client: Any, resources: dict[str, dict[str, int]]) -> None:
    """Every name of the answer's maps is the resource of that id."""
    readers = {
        "plugins": client.plugins.get_by_id,
        "plugin_param_types": client.plugin_parameter_types.get_by_id,
        "entrypoints": client.entrypoints.get_by_id,
    }
    for kind, ids in resources.items():
        for name, resource_id in ids.items():
            assert readers[kind](resource_id)["name"] == name, (kind, name, resource_id)


def main() -> None:
    client, _ = logged_in_client("importer")
    group = public_group_id(client)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_project(root)
        result = client.workflows.import_resources(
            group, select_files_in_directory(root, recursive=True)
        )

    assert result["message"] == "successfully imported", result
    resources = result["resources"]
    assert {kind: set(ids) for kind, ids in resources.items()} == {
        "plugins": {GREET, STORE},
        "plugin_param_types": {MESSAGE},
        "entrypoints": {ENTRYPOINT},
    }, resources
    check_ids(client, resources)
    entrypoint = client.entrypoints.get_by_id(resources["entrypoints"][ENTRYPOINT])
    assert "name: text" in entrypoint["artifactGraph"], entrypoint
    assert [p["name"] for p in entrypoint["artifactPlugins"]] == [STORE], entrypoint
    # Ours only (1.2.2 sends none): the import says a job of it would be refused.
    for warning in result.get("warnings", []):
        assert warning["entrypoint"] == ENTRYPOINT, warning
        assert "artifact task 'text'" in warning["message"], warning
    done("import_original_project")


if __name__ == "__main__":
    main()
