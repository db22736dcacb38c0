"""`dioptra import`: folders, archives and git URLs."""

from __future__ import annotations

import tarfile
from pathlib import Path

import httpx
import pytest
from cli_harness import Cli, FakeServer, multipart_parts

IMPORTED = {
    "message": "successfully imported",
    "hash": "0123456789abcdef0123",
    "resources": {
        "plugin_param_types": {"NumpyArray": 11},
        "plugins": {"sample_and_transform": 21},
        "entrypoints": {"sample_and_transform": 31, "hello_world": 32},
    },
}
CURRENT_USER = {"id": 1, "username": "ada", "groups": [{"id": 4, "name": "team"}]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "plugins" / "hello").mkdir(parents=True)
    (root / "dioptra.toml").write_text("[[plugins]]\npath = 'plugins/hello'\n")
    (root / "plugins" / "hello" / "tasks.py").write_text("def hello(): ...\n")
    (root / "plugins" / "hello" / "__pycache__").mkdir()
    (root / "plugins" / "hello" / "__pycache__" / "tasks.cpython-311.pyc").write_bytes(b"\0")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: main\n")
    (root / ".env").write_text("SECRET=1\n")
    return root


def test_the_answers_warnings_are_printed(cli: Cli, server: FakeServer, project: Path) -> None:
    warning = {"entrypoint": "hello_world", "path": "graph", "message": "no plugin registers 'x'"}
    server.route("GET", "/users/current", CURRENT_USER)
    server.route("POST", "/workflows/resourceImport", {**IMPORTED, "warnings": [warning]})

    result = cli("import", str(project))

    assert "warning entrypoint hello_world: no plugin registers 'x'" in result.stderr


def test_a_folder_is_uploaded_file_by_file_into_the_users_first_group(
    cli: Cli, server: FakeServer, project: Path
) -> None:
    server.route("GET", "/users/current", CURRENT_USER)
    server.route("POST", "/workflows/resourceImport", IMPORTED)

    result = cli("import", str(project))

    assert result.exit_code == 0, result.output
    parts = multipart_parts(server.one("POST", "/workflows/resourceImport"))
    fields = {name: content for name, filename, content in parts if filename is None}
    assert fields == {
        "group": b"4",
        "sourceType": b"upload_files",
        "configPath": b"dioptra.toml",
        "resolveNameConflictsStrategy": b"fail",
    }
    files = {filename: content for name, filename, content in parts if filename is not None}
    assert files == {
        "dioptra.toml": (project / "dioptra.toml").read_bytes(),
        "plugins/hello/tasks.py": b"def hello(): ...\n",
    }
    assert all(name == "files" for name, filename, _ in parts if filename is not None)


def test_the_imported_resources_are_printed_as_a_table(
    cli: Cli, server: FakeServer, project: Path
) -> None:
    server.route("GET", "/users/current", CURRENT_USER)
    server.route("POST", "/workflows/resourceImport", IMPORTED)

    result = cli("import", str(project))

    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert [row.split("│")[1:4] for row in rows] == [
        [" parameter type ", " NumpyArray           ", " 11 "],
        [" plugin         ", " sample_and_transform ", " 21 "],
        [" entrypoint     ", " sample_and_transform ", " 31 "],
        [" entrypoint     ", " hello_world          ", " 32 "],
    ]
    assert "Imported 4 resources (source sha 0123456789ab)" in result.stderr


def test_group_strategy_and_config_are_sent(cli: Cli, server: FakeServer, project: Path) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "other.toml").write_text("")
    server.route("POST", "/workflows/resourceImport", IMPORTED)

    result = cli(
        "import", str(project), "--group", "9", "--strategy", "update", "--config", "sub/other.toml"
    )

    assert result.exit_code == 0, result.output
    assert server.sent("GET", "/users/current") == []
    sent = server.one("POST", "/workflows/resourceImport")
    fields = {name: content for name, filename, content in multipart_parts(sent) if not filename}
    assert fields["group"] == b"9"
    assert fields["resolveNameConflictsStrategy"] == b"update"
    assert fields["configPath"] == b"sub/other.toml"


def test_an_archive_is_uploaded_whole(
    cli: Cli, server: FakeServer, project: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "project.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(project / "dioptra.toml", arcname="dioptra.toml")
    server.route("POST", "/workflows/resourceImport", IMPORTED)

    result = cli("import", str(archive), "--group", "1")

    assert result.exit_code == 0, result.output
    parts = multipart_parts(server.one("POST", "/workflows/resourceImport"))
    assert ("archiveFile", "project.tar.gz", archive.read_bytes()) in parts
    assert ("sourceType", None, b"upload_archive") in parts


def test_a_git_url_is_sent_as_a_git_source(cli: Cli, server: FakeServer) -> None:
    server.route("POST", "/workflows/resourceImport", IMPORTED)
    url = "https://github.com/example/study.git#v1"

    result = cli("import", url, "--group", "1")

    assert result.exit_code == 0, result.output
    parts = multipart_parts(server.one("POST", "/workflows/resourceImport"))
    assert ("sourceType", None, b"git") in parts
    assert ("gitUrl", None, url.encode()) in parts


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (lambda root: root / "missing", "No such folder or archive"),
        (lambda root: root / "dioptra.toml", "is neither a folder nor an archive"),
        (lambda root: root / "plugins", "dioptra.toml not found in"),
    ],
    ids=["missing", "plain file", "no toml"],
)
def test_bad_sources_are_refused_before_uploading(
    cli: Cli, server: FakeServer, project: Path, make_source: object, message: str
) -> None:
    source = make_source(project)  # type: ignore[operator]

    result = cli("import", str(source), "--group", "1")

    assert result.exit_code == 1
    assert message in result.stderr
    assert server.sent("POST", "/workflows/resourceImport") == []


def test_a_refused_import_shows_the_servers_reason(
    cli: Cli, server: FakeServer, project: Path
) -> None:
    server.route(
        "POST",
        "/workflows/resourceImport",
        httpx.Response(
            409,
            json={
                "error": "EntityExistsError",
                "message": "Conflict - The plugin with name having value (hello) already exists.",
            },
        ),
    )

    result = cli("import", str(project), "--group", "1")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The plugin with name having value (hello) already exists. (a type or plugin "
        "the group has can be used without declaring it in dioptra.toml; --strategy update "
        "makes a new version)\n"
    )


def refusal(error: str, message: str, reason: object) -> httpx.Response:
    body = {"error": error, "message": f"Bad Request - {message}", "detail": {"reason": reason}}
    return httpx.Response(400, json=body)


def test_graph_findings_are_one_a_line_with_the_local_check_that_finds_them(
    cli: Cli, server: FakeServer, project: Path
) -> None:
    found = ["entrypoints/run.yml:17: step 'transform_step': unknown task 'nonlinear_transfrm'"]
    server.route("GET", "/users/current", CURRENT_USER)
    server.route(
        "POST",
        "/workflows/resourceImport",
        refusal("EntrypointValidationError", repr({"swap_issues": found}), {"swap_issues": found}),
    )

    result = cli("import", str(project))

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The entrypoint's task graph does not validate:\n"
        "entrypoints/run.yml:17: step 'transform_step': unknown task 'nonlinear_transfrm'\n"
        f"(`dioptra engine validate {project}/entrypoints/run.yml` finds this without a server)\n"
    )


def test_config_problems_are_shown_without_debug(
    cli: Cli, server: FakeServer, project: Path
) -> None:
    reason = (
        "dioptra.toml: entrypoints[0].plugins[0]: plugin 'hello_wrld' is used but not declared"
        " in [[plugins]]\ndioptra.toml: plugins[0].path: must be a string, found 7"
    )
    server.route("GET", "/users/current", CURRENT_USER)
    server.route(
        "POST",
        "/workflows/resourceImport",
        refusal("ImportFailedError", "Failed to validate config file from dioptra.toml.", reason),
    )

    result = cli("import", str(project))

    assert result.stderr == (
        "Error: Failed to validate config file from dioptra.toml.\n"
        f"{reason}\n"
        f"(`dioptra engine validate --project {project} ENTRYPOINT` finds this without a "
        "server)\n"
    )


def test_other_refusals_render_their_detail_without_a_hint(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    archive = tmp_path / "project.tar.gz"
    archive.write_bytes(b"not really")
    server.route("GET", "/users/current", CURRENT_USER)
    server.route(
        "POST",
        "/workflows/resourceImport",
        refusal("EntrypointValidationError", "{...}", {"schema_issues": ["a", "b"]}),
    )

    result = cli("import", str(archive))

    assert result.stderr == "Error: The entrypoint's task graph does not validate:\na\nb\n"


def test_graph_findings_drop_the_empty_swap_combination_and_name_missing_parameters(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    archive = tmp_path / "project.tar.gz"
    archive.write_bytes(b"not really")
    finding = "step 'sample_step', argument 'size' (line 3): unresolvable reference '$size'"
    reason = {
        "missing_global_params": ["size", "seed"],
        "rendered_validation_errors": [
            f"semantic.error: [Swap combination {{}}] {finding}",
            "semantic.error: [Swap combination {'model': 'svc'}] step 'x': unknown task 'y'",
        ],
        "swap_issues": [],
    }
    server.route("GET", "/users/current", CURRENT_USER)
    server.route(
        "POST",
        "/workflows/resourceImport",
        refusal("EntrypointValidationError", "{...}", reason),
    )

    result = cli("import", str(archive))

    assert result.stderr == (
        "Error: The entrypoint's task graph does not validate:\n"
        "parameters the graph uses but the entrypoint does not declare: size, seed\n"
        f"semantic.error: {finding}\n"
        "semantic.error: [Swap combination {'model': 'svc'}] step 'x': unknown task 'y'\n"
    )


def test_what_an_import_changed_is_a_column(cli: Cli, server: FakeServer, project: Path) -> None:
    changes = {
        "plugin_param_types": {"NumpyArray": "updated"},
        "plugins": {"sample_and_transform": "replaced"},
        "entrypoints": {"sample_and_transform": "created", "hello_world": "updated"},
    }
    server.route("GET", "/users/current", CURRENT_USER)
    server.route("POST", "/workflows/resourceImport", {**IMPORTED, "changes": changes})

    result = cli("import", str(project), "--strategy", "update")

    rows = [line.split("│")[1:-1] for line in result.stdout.splitlines() if "│" in line]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["parameter type", "NumpyArray", "11", "updated"],
        ["plugin", "sample_and_transform", "21", "replaced"],
        ["entrypoint", "sample_and_transform", "31", "created"],
        ["entrypoint", "hello_world", "32", "updated"],
    ]
