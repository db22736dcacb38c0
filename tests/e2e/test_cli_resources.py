"""The resource commands (types, plugins, entrypoints, experiments, artifacts show)
against a real `dioptra up`.

One server for the module, with the tutorial imported. The account is made through the
installed `dioptra` command; the many commands after it run in-process (Typer's runner,
the real client, real HTTP to the server), which keeps the module fast.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from cli_server import PASSWORD, REPO, Server, session_for, table_rows
from typer.testing import CliRunner, Result

from dioptra.cli.commands import register

pytestmark = pytest.mark.slow

TASKS_PY = """\
from dioptra import pyplugs


@pyplugs.register
def shout(text: str, times: int = 1) -> str:
    return " ".join([text.upper()] * times)


@pyplugs.register
def score(text: str) -> Scores:
    return {"length": len(text)}
"""

GREET_GRAPH = """\
greeting:
  hello_world:
    name: $name
"""


@dataclass
class LiveCli:
    """`dioptra ...` in-process against the live server, logged in with a token."""

    app: typer.Typer
    env: dict[str, str | None]

    def __call__(self, *args: str, expect: int = 0, input: str | None = None) -> Result:
        result = CliRunner().invoke(self.app, list(args), env=self.env, input=input)
        assert result.exit_code == expect, (
            f"dioptra {' '.join(args)} exited {result.exit_code}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture(scope="module")
def cli(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCli]:
    shell = session_for(server, tmp_path_factory.mktemp("config"))
    shell(
        "user", "create", "lin", "--email", "lin@example.org", "--password-stdin",
        "--data-dir", str(server.data_dir), input=PASSWORD + "\n",
    )  # fmt: skip
    token = shell("--username", "lin", "--password", PASSWORD, "token", "create", "e2e")
    app = typer.Typer(name="dioptra", no_args_is_help=True, add_completion=False)
    register(app)
    env: dict[str, str | None] = {
        name: None for name in ("DIOPTRA_USERNAME", "DIOPTRA_PASSWORD", "DIOPTRA_DEBUG")
    }
    env |= {
        **shell.env,
        "DIOPTRA_API_TOKEN": token.stdout.strip(),
        "COLUMNS": "250",
    }
    live = LiveCli(app, env)
    live("import", str(REPO / "examples" / "tutorial"))
    live("queues", "create", "resources-q")
    yield live


def rows_by_name(result: Result, name_column: int = 1) -> dict[str, list[str]]:
    return {row[name_column]: row for row in table_rows(result.stdout)}


def fields(text: str) -> dict[str, str]:
    """The `name  value` lines of a `show` summary (its first line is the title)."""
    pairs = (line.strip().split(maxsplit=1) for line in text.splitlines()[1:])
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def error_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- parameter types -----------------------------------------------------------------------


def test_types_are_created_listed_shown_edited_and_deleted(cli: LiveCli) -> None:
    created = cli("types", "create", "Pair", "--structure", '{"tuple": ["string", "number"]}')
    type_id = created.stdout.strip()
    assert "Created parameter type Pair" in created.stderr

    listed = rows_by_name(cli("types", "list"))
    assert listed["Pair"][0] == type_id
    assert '{"tuple": ["string", "number"]}' in listed["Pair"]
    assert "string" in listed  # the built-in types are listed too
    assert {t["name"] for t in cli.json("types", "list")} >= {"Pair", "NumpyArray", "any"}

    cli("types", "edit", "Pair", "--description", "two values", "--name", "Couple")
    shown = cli.json("types", "show", type_id)  # by id
    assert (shown["name"], shown["description"]) == ("Couple", "two values")
    assert shown["structure"] == {"tuple": ["string", "number"]}
    assert "two values" in cli("types", "show", "Couple").stdout

    refused = cli("types", "delete", "Couple", input="n\n", expect=1)
    assert "Delete parameter type 'Couple'" in refused.stderr
    cli("types", "show", "Couple")  # answering no kept it
    assert "Deleted parameter type 'Couple'" in cli("types", "delete", "Couple", "--yes").stderr
    missing = cli("types", "show", "Couple", expect=1)
    assert "No parameter type named 'Couple' in your groups" in error_line(missing)


def test_type_usage_errors_exit_2_and_change_nothing(cli: LiveCli) -> None:
    bad = cli("types", "create", "Broken", "--structure", "{not json", expect=2)
    assert "--structure is not valid JSON" in error_line(bad)
    cli("types", "show", "Broken", expect=1)


# -- plugins ---------------------------------------------------------------------------------


def test_add_file_registers_the_tasks_the_server_finds(cli: LiveCli, tmp_path: Path) -> None:
    source = tmp_path / "text_tasks.py"
    source.write_text(TASKS_PY)
    plugin_id = cli("plugins", "create", "texts", "--description", "text tasks").stdout.strip()

    # `score` returns a type the group lacks (the analysis names it `scores`): a clear
    # error, and nothing is added.
    missing = cli("plugins", "add-file", "texts", str(source), expect=1)
    message = error_line(missing)
    assert "scores (for `Scores`, used by score.output)" in message
    assert "dioptra types create scores" in message
    unknown = cli("plugins", "add-file", "texts", str(source), "--task", "whisper", expect=2)
    assert "No task 'whisper' in text_tasks.py; its tasks are: shout, score" in error_line(unknown)
    assert cli.json("plugins", "show", "texts")["files"] == []

    added = cli("plugins", "add-file", "texts", str(source), "--task", "shout")
    assert "Added text_tasks.py" in added.stderr
    (task,) = table_rows(added.stdout)
    inputs = "text: string, times?: integer"
    assert task == ["shout", "function", "text_tasks.py", inputs, "output: string"]

    taken = cli("plugins", "add-file", "texts", str(source), expect=1)
    assert "already has a file 'text_tasks.py'" in error_line(taken)

    # Once the type exists every task is registered; --replace swaps the file.
    cli("types", "create", "scores", "--structure", '{"mapping": ["string", "number"]}')
    replaced = cli("plugins", "add-file", plugin_id, str(source), "--replace")
    assert "Replaced text_tasks.py" in replaced.stderr
    assert rows_by_name(replaced, 0)["score"][4] == "output: scores"

    plugin = cli.json("plugins", "show", "texts")
    (file,) = plugin["files"]
    assert [t["name"] for t in file["tasks"]["functions"]] == ["shout", "score"]


def test_add_file_takes_tasks_from_json(cli: LiveCli, tmp_path: Path) -> None:
    source = tmp_path / "loud.py"
    source.write_text(TASKS_PY)
    tasks = tmp_path / "tasks.json"
    tasks.write_text(
        json.dumps(
            {
                "functions": [
                    {
                        "name": "shout",
                        "inputParams": [{"name": "text", "parameterType": "string"}],
                        "outputParams": [{"name": "loud", "parameterType": "any"}],
                    }
                ]
            }
        )
    )
    cli("plugins", "create", "loud")

    saved = cli.json("plugins", "add-file", "loud", str(source), "--tasks-json", str(tasks))

    (task,) = saved["tasks"]["functions"]
    assert task["name"] == "shout"
    assert [p["parameterType"]["name"] for p in task["outputParams"]] == ["any"]
    for malformed in ("[1, 2]", '{"functions": [{"inputParams": []}]}', '{"tasks": []}'):
        tasks.write_text(malformed)
        args = ("plugins", "add-file", "loud", str(source), "--tasks-json", str(tasks))
        assert "--tasks-json must have the form" in error_line(cli(*args, expect=2))


def test_add_file_maps_an_annotation_s_type_to_a_group_type(cli: LiveCli, tmp_path: Path) -> None:
    """`--type NAME=TYPE`: the analysis names `score`'s output type `scores` (after its
    annotation); the group calls it `Scoring`. Mistakes are usage errors, nothing added."""
    source = tmp_path / "scored.py"
    source.write_text(TASKS_PY)
    cli("plugins", "create", "scored")
    cli("types", "create", "Scoring", "--structure", '{"mapping": ["string", "number"]}')
    add = ("plugins", "add-file", "scored", str(source))

    assert "--type takes NAME=TYPE" in error_line(cli(*add, "--type", "scores", expect=2))
    typo = error_line(cli(*add, "--type", "score=Scoring", expect=2))
    assert "No task of scored.py uses the type 'score'" in typo
    assert "scores" in typo
    assert cli.json("plugins", "show", "scored")["files"] == []

    saved = cli.json(*add, "--type", "scores=Scoring")
    outputs = {
        task["name"]: [p["parameterType"]["name"] for p in task["outputParams"]]
        for task in saved["tasks"]["functions"]
    }
    assert outputs == {"shout": ["string"], "score": ["Scoring"]}


def test_plugins_are_listed_shown_edited_and_deleted(cli: LiveCli) -> None:
    shown = cli("plugins", "show", "hello_world")
    assert "Tutorial part 1: a greeting" in shown.stdout
    assert ["hello_world", "function", "tasks.py", "name?: string", "greeting: string"] in (
        table_rows(shown.stdout)
    )
    listed = rows_by_name(cli("plugins", "list"))
    assert listed["hello_world"][3] == "tasks.py"
    assert "hello_world" in {p["name"] for p in cli.json("plugins", "list")}

    plugin_id = cli("plugins", "create", "scratch").stdout.strip()
    cli("plugins", "edit", "scratch", "--name", "scratch2", "--description", "temporary")
    assert cli.json("plugins", "show", plugin_id)["description"] == "temporary"
    cli("plugins", "delete", "scratch2", "-y")
    gone = cli("plugins", "show", "scratch2", expect=1)
    assert "No plugin named 'scratch2'" in error_line(gone)


# -- entrypoints -----------------------------------------------------------------------------


def test_an_entrypoint_is_created_and_shown_with_everything_it_uses(
    cli: LiveCli, tmp_path: Path
) -> None:
    graph = tmp_path / "greet.yml"
    graph.write_text(GREET_GRAPH)
    entrypoint_id = cli(
        "entrypoints", "create", "greet", "--graph", str(graph), "--description", "says hi",
        "-p", "name:string=World", "-p", "loud:boolean",
        "--artifact-input", "array:NumpyArray", "--artifact-input", "stats:s=Statistics,n=integer",
        "--plugin", "hello_world", "--artifact-plugin", "tutorial_artifacts",
        "--queue", "resources-q",
    ).stdout.strip()  # fmt: skip

    shown = cli("entrypoints", "show", "greet")
    rows = table_rows(shown.stdout)
    assert ["name", "string", "World"] in rows
    assert ["loud", "boolean", "-"] in rows
    assert ["array", "array: NumpyArray"] in rows
    assert ["stats", "s: Statistics, n: integer"] in rows
    plugins = {row[1]: row for row in rows if len(row) == 5}
    assert plugins["hello_world"][3:] == ["yes", "tasks"]
    assert plugins["tutorial_artifacts"][4] == "artifacts"
    assert ["greeting", "hello_world"] in rows  # the task graph's step and task
    assert any(row[1:] == ["resources-q"] for row in rows)

    assert cli("entrypoints", "show", entrypoint_id, "--graph").stdout == GREET_GRAPH
    data = cli.json("entrypoints", "show", "greet")
    assert data["description"] == "says hi"
    assert [q["name"] for q in data["queues"]] == ["resources-q"]
    assert rows_by_name(cli("entrypoints", "list"))["greet"][3] == "name, loud"
    assert "greet" in {e["name"] for e in cli.json("entrypoints", "list")}


def test_editing_an_entrypoint_replaces_only_what_is_given(cli: LiveCli, tmp_path: Path) -> None:
    graph = tmp_path / "wave.yml"
    graph.write_text(GREET_GRAPH)
    cli(
        "entrypoints", "create", "wave", "--graph", str(graph), "-p", "name:string",
        "--plugin", "hello_world", "--queue", "resources-q",
    )  # fmt: skip
    before = cli.json("entrypoints", "show", "wave")

    cli("entrypoints", "edit", "wave", "-p", "name:string=there", "--description", "waves")

    after = cli.json("entrypoints", "show", "wave")
    assert after["parameters"] == [
        {"name": "name", "parameterType": "string", "defaultValue": "there"}
    ]
    assert after["description"] == "waves"
    assert after["taskGraph"] == before["taskGraph"]
    assert after["queues"] == before["queues"]
    assert [p["snapshotId"] for p in after["plugins"]] == [
        p["snapshotId"] for p in before["plugins"]
    ]

    # A new version of the plugin: the entrypoint keeps its version until --latest-plugins.
    cli("plugins", "edit", "hello_world", "--description", "Tutorial part 1: a greeting!")
    kept = cli.json("entrypoints", "show", "wave")["plugins"][0]
    assert kept["latestSnapshot"] is False
    cli("entrypoints", "edit", "wave", "--latest-plugins")
    assert cli.json("entrypoints", "show", "wave")["plugins"][0]["latestSnapshot"] is True

    cli("entrypoints", "edit", "wave", "--name", "wave2")
    cli("entrypoints", "delete", "wave2", "--yes")
    cli("entrypoints", "show", "wave2", expect=1)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("-p", "name"), 2, "--param 'name': expected NAME:TYPE[=DEFAULT]"),
        (("-p", "name:text"), 2, "TYPE one of string, float"),
        (("--artifact-input", "array"), 2, "--artifact-input 'array': expected NAME:TYPE"),
        (("--plugin", "no_such_plugin"), 1, "No plugin named 'no_such_plugin'"),
        (("--queue", "no-such-queue"), 1, "dioptra queues create no-such-queue"),
        (("--artifact-input", "a:Nothing"), 1, "dioptra types create Nothing"),
    ],
    ids=["param-syntax", "param-type", "artifact-syntax", "plugin", "queue", "type"],
)
def test_entrypoint_mistakes_are_one_clear_line_and_create_nothing(
    cli: LiveCli, tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    graph = tmp_path / "g.yml"
    graph.write_text(GREET_GRAPH)

    result = cli("entrypoints", "create", "mistake", "--graph", str(graph), *args, expect=code)

    assert message in error_line(result)
    cli("entrypoints", "show", "mistake", expect=1)


def test_a_missing_graph_file_is_a_usage_error(cli: LiveCli, tmp_path: Path) -> None:
    result = cli("entrypoints", "create", "x", "--graph", str(tmp_path / "none.yml"), expect=2)
    assert "--graph: cannot read" in error_line(result)


# -- experiments -----------------------------------------------------------------------------


def test_experiments_link_entrypoints_by_name_or_id(cli: LiveCli) -> None:
    transform_id = str(cli.json("entrypoints", "show", "sample_and_transform")["id"])
    created = cli("experiments", "create", "study", "-e", "hello_world", "-e", transform_id)
    experiment_id = created.stdout.strip()

    shown = cli("experiments", "show", "study")
    assert {row[1] for row in table_rows(shown.stdout)} >= {"hello_world", "sample_and_transform"}
    assert rows_by_name(cli("experiments", "list"))["study"][3] == (
        "hello_world, sample_and_transform"
    )

    cli("experiments", "edit", experiment_id, "--description", "a study")  # keeps the links
    data = cli.json("experiments", "show", "study")
    assert data["description"] == "a study"
    assert len(data["entrypoints"]) == 2
    cli("experiments", "edit", "study", "-e", "hello_world", "--name", "study2")
    linked = cli.json("experiments", "show", "study2")["entrypoints"]
    assert [e["name"] for e in linked] == ["hello_world"]
    assert "study2" in {e["name"] for e in cli.json("experiments", "list")}

    unknown = cli("experiments", "create", "other", "-e", "no_such_entrypoint", expect=1)
    assert "No entrypoint named 'no_such_entrypoint'" in error_line(unknown)
    cli("experiments", "show", "other", expect=1)
    cli("experiments", "delete", "study2", "--yes")
    cli("experiments", "show", "study2", expect=1)


# -- artifacts -------------------------------------------------------------------------------


def test_artifacts_show_the_task_size_and_digest(cli: LiveCli) -> None:
    cli(
        "run", "artifact-study", "sample_and_save_artifact", "-p", "sample_size=8",
        "--queue", "resources-q", "--create-experiment",
    )  # fmt: skip
    (artifact,) = table_rows(cli("artifacts", "list", "-n", "1").stdout)
    artifact_id = artifact[0]

    data = cli.json("artifacts", "show", artifact_id)
    deadline = time.monotonic() + 30
    while data["sha256"] is None and time.monotonic() < deadline:  # computed just after
        time.sleep(0.5)
        data = cli.json("artifacts", "show", artifact_id)
    shown = fields(cli("artifacts", "show", artifact_id).stdout)
    assert shown["task"] == "NumpyArrayArtifactTask"
    assert shown["job"] == str(data["job"])
    assert shown["sha256"] == data["sha256"] and len(data["sha256"]) == 64
    assert shown["size"] == f"{data['fileSize']} B"  # 8 float64 values and the .npy header
    assert shown["uri"] == data["artifactUri"]

    missing = cli("artifacts", "show", "999999", expect=1)
    assert "999999" in error_line(missing)
