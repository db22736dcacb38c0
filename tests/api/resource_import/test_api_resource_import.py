"""POST /workflows/resourceImport: files, archives and git repositories; the three
conflict strategies; every kind of bad input answered with an error and no change."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_testing import API, assert_error, create_queue
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dioptra.server.services.resource_import.staging import MIB, ImportLimits
from dioptra.server.settings import Settings

IMPORT = f"{API}/workflows/resourceImport"
TUTORIAL = Path(__file__).parents[3] / "examples" / "tutorial"
MINI = Path(__file__).parent / "import_fixtures" / "mini"
IMPORTED_SUFFIXES = {".py", ".toml", ".yml", ".yaml"}

Unchanged = Callable[[], Any]
Files = list[tuple[str, tuple[str, bytes, str]]]


# -- helpers -----------------------------------------------------------------------------


def project_copy(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def project_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix in IMPORTED_SUFFIXES and "__pycache__" not in p.parts
    )


def files_form(root: Path) -> Files:
    """Each file as a ``files`` part named by its path relative to the root."""
    return [
        ("files", (p.relative_to(root).as_posix(), p.read_bytes(), "application/octet-stream"))
        for p in project_files(root)
    ]


def contents_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in project_files(root):  # sorted by relative path, as the server hashes
        digest.update(path.read_bytes())
    return digest.hexdigest()


def targz(root: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in project_files(root):
            archive.add(path, arcname=path.relative_to(root).as_posix())
    return buffer.getvalue()


def archive_form(data: bytes) -> Files:
    return [("archiveFile", ("project.tar.gz", data, "application/gzip"))]


def post_import(
    client: TestClient,
    files: Files | None = None,
    *,
    source_type: str = "upload_files",
    strategy: str | None = None,
    **fields: str,
) -> Any:
    data = {"group": "1", "sourceType": source_type, **fields}
    if strategy is not None:
        data["resolveNameConflictsStrategy"] = strategy
    return client.post(IMPORT, data=data, files=files)


def imported(response: Any) -> dict[str, dict[str, int]]:
    """The ``resources`` of a successful import (1.2.2's answer, plus our ``warnings``:
    none for these projects, and ``changes``: one for each resource)."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"message", "hash", "resources", "warnings", "changes"}
    assert {kind: set(names) for kind, names in body["changes"].items()} == {
        kind: set(names) for kind, names in body["resources"].items()
    }
    assert body["message"] == "successfully imported"
    assert body["warnings"] == []
    resources: dict[str, dict[str, int]] = body["resources"]
    assert set(resources) == {"plugins", "plugin_param_types", "entrypoints"}
    return resources


def get(client: TestClient, path: str) -> Any:
    response = client.get(f"{API}/{path}")
    assert response.status_code == 200, response.text
    return response.json()


def snapshot_count(client: TestClient, path: str) -> int:
    return int(get(client, f"{path}/snapshots")["totalNumResults"])


def tar_with(*members: tuple[str, str, bytes | str]) -> bytes:
    """A tar.gz of hand-made members: (name, "file" | "symlink", data or link target)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, kind, data in members:
            info = tarfile.TarInfo(name)
            if kind == "symlink":
                assert isinstance(data, str)
                info.type, info.linkname = tarfile.SYMTYPE, data
                archive.addfile(info)
            else:
                assert isinstance(data, bytes)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def git(*arguments: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.strip()


def git_repository(source: Path, tmp_path: Path) -> tuple[Path, str]:
    """A repository holding a copy of the project (branch ``main``); its commit id."""
    repository = project_copy(source, tmp_path / "repository")
    git("init", "--quiet", "--initial-branch=main", ".", cwd=repository)
    git("add", ".", cwd=repository)
    git("commit", "--quiet", "-m", "project", cwd=repository)
    return repository, git("rev-parse", "HEAD", cwd=repository)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


# -- importing the tutorial ----------------------------------------------------------------


TUTORIAL_TYPES = {"NumpyArray", "PngBytes", "Statistics"}
TUTORIAL_PLUGINS = {
    "hello_world",
    "sample_and_transform",
    "tutorial_artifacts",
    "rescale_and_graph",
    "tutorial_metrics",
}
TUTORIAL_ENTRYPOINTS = {
    "hello_world",
    "sample_and_transform",
    "sample_and_save_artifact",
    "rescale_and_graph_array",
}


def check_tutorial(client: TestClient, resources: dict[str, dict[str, int]]) -> None:
    assert set(resources["plugin_param_types"]) == TUTORIAL_TYPES
    assert set(resources["plugins"]) == TUTORIAL_PLUGINS
    assert set(resources["entrypoints"]) == TUTORIAL_ENTRYPOINTS
    statistics = get(
        client, f"pluginParameterTypes/{resources['plugin_param_types']['Statistics']}"
    )
    assert statistics["structure"] == {"mapping": ["string", "number"]}

    plugin_id = resources["plugins"]["sample_and_transform"]
    plugin = get(client, f"plugins/{plugin_id}")
    assert plugin["description"].startswith("Tutorial parts 2-3")
    [tasks_file] = get(client, f"plugins/{plugin_id}/files")["data"]
    assert tasks_file["filename"] == "tasks.py"
    source = TUTORIAL / "plugins" / "sample_and_transform" / "tasks.py"
    assert tasks_file["contents"] == source.read_text()
    functions = {task["name"]: task for task in tasks_file["tasks"]["functions"]}
    assert set(functions) == {
        "sample_normal_distribution",
        "add_noise",
        "nonlinear_transform",
        "print_stats",
    }
    [sample] = functions["sample_normal_distribution"]["outputParams"]
    assert sample["parameterType"]["id"] == resources["plugin_param_types"]["NumpyArray"]
    size = functions["sample_normal_distribution"]["inputParams"][0]
    assert (size["name"], size["required"], size["parameterType"]["name"]) == (
        "size",
        True,
        "integer",
    )

    entrypoint_id = resources["entrypoints"]["rescale_and_graph_array"]
    entrypoint = get(client, f"entrypoints/{entrypoint_id}")
    assert "rescale_array" in entrypoint["taskGraph"]
    assert "PngBytesArtifactTask" in entrypoint["artifactGraph"]
    assert [p["name"] for p in entrypoint["plugins"]] == ["rescale_and_graph"]
    assert [p["name"] for p in entrypoint["artifactPlugins"]] == ["tutorial_artifacts"]
    assert entrypoint["queues"] == []
    [array] = entrypoint["artifactParameters"]
    assert array["outputParams"][0]["parameterType"]["name"] == "NumpyArray"
    sample_and_transform = get(
        client, f"entrypoints/{resources['entrypoints']['sample_and_transform']}"
    )
    defaults = {p["name"]: p["defaultValue"] for p in sample_and_transform["parameters"]}
    assert defaults["sample_size"] == "100"
    assert defaults["transform"] == "tanh"


def test_import_tutorial_as_files(alice: TestClient) -> None:
    response = post_import(alice, files_form(TUTORIAL))
    check_tutorial(alice, imported(response))
    assert response.json()["hash"] == contents_hash(TUTORIAL)


def test_the_hash_of_files_orders_paths_by_segment(alice: TestClient, tmp_path: Path) -> None:
    project = project_copy(MINI, tmp_path)
    (project / "notes.yml").write_text("first: 1\n")  # "notes.yml" < "notes/..." as text,
    (project / "notes").mkdir()  # but "notes" < "notes.yml" segment by segment (1.2)
    (project / "notes" / "later.yml").write_text("second: 2\n")
    by_text = hashlib.sha256()
    for path in sorted(project_files(project), key=lambda p: p.relative_to(project).as_posix()):
        by_text.update(path.read_bytes())
    response = post_import(alice, files_form(project))
    imported(response)
    assert response.json()["hash"] == contents_hash(project) != by_text.hexdigest()


def test_import_tutorial_as_archive(alice: TestClient) -> None:
    archive = targz(TUTORIAL)
    response = post_import(alice, archive_form(archive), source_type="upload_archive")
    check_tutorial(alice, imported(response))
    assert response.json()["hash"] == hashlib.sha256(archive).hexdigest()


def test_import_archive_with_config_in_a_folder(alice: TestClient) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in project_files(MINI):
            archive.add(path, arcname="project/" + path.relative_to(MINI).as_posix())
    response = post_import(
        alice,
        archive_form(buffer.getvalue()),
        source_type="upload_archive",
        configPath="project/dioptra.toml",
    )
    assert set(imported(response)["plugins"]) == {"greetings"}


def test_import_tutorial_from_a_local_git_repository(
    alice: TestClient, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", True)
    repository, commit = git_repository(TUTORIAL, tmp_path)
    response = post_import(alice, source_type="git", gitUrl=f"file://{repository}#main")
    check_tutorial(alice, imported(response))
    assert response.json()["hash"] == commit


def test_git_import_of_a_commit_and_of_the_default_branch(
    alice: TestClient, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", True)
    repository, first = git_repository(MINI, tmp_path)
    edit(repository / "dioptra.toml", 'description = "Says hello"', 'description = "Hi"')
    git("commit", "--quiet", "-am", "second", cwd=repository)
    second = git("rev-parse", "HEAD", cwd=repository)

    response = post_import(alice, source_type="git", gitUrl=f"file://{repository}#{first}")
    plugin_id = imported(response)["plugins"]["greetings"]
    assert response.json()["hash"] == first
    assert get(alice, f"plugins/{plugin_id}")["description"] == "Says hello"

    response = post_import(
        alice, source_type="git", gitUrl=f"file://{repository}", strategy="update"
    )
    assert imported(response)["plugins"]["greetings"] == plugin_id
    assert response.json()["hash"] == second
    assert get(alice, f"plugins/{plugin_id}")["description"] == "Hi"


@pytest.mark.parametrize(
    ("url", "allow_any", "reason"),
    [
        ("file:///nowhere", False, "only public https://github.com/"),
        ("https://example.com/owner/repository.git", False, "only public https://github.com/"),
        ("https://github.com/owner", False, "does not name a repository"),
        ("https://github.com/owner/repository;plugins", False, "cannot contain a query"),
        ("https://github.com/owner/repository#--upload-pack=x", False, "not a branch"),
        ("file:///nowhere/at/all", True, "git fetch failed"),
    ],
)
def test_git_failures_are_git_errors(
    alice: TestClient,
    settings: Settings,
    unchanged: Unchanged,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    allow_any: bool,
    reason: str,
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", allow_any)
    with unchanged():
        response = post_import(alice, source_type="git", gitUrl=url)
    body = assert_error(response, 400, "GitError", {})
    assert body["message"].startswith("Bad Request - Failed to download repository")
    assert reason in body["message"]


def test_git_import_of_an_unknown_ref(
    alice: TestClient,
    settings: Settings,
    unchanged: Unchanged,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", True)
    repository, _ = git_repository(MINI, tmp_path)
    with unchanged():
        response = post_import(alice, source_type="git", gitUrl=f"file://{repository}#nope")
    assert "nope" in assert_error(response, 400, "GitError")["message"]


def test_git_repository_with_a_symlink_is_refused(
    alice: TestClient,
    settings: Settings,
    unchanged: Unchanged,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", True)
    repository, _ = git_repository(MINI, tmp_path)
    (repository / "passwords.py").symlink_to("/etc/passwd")
    git("add", ".", cwd=repository)
    git("commit", "--quiet", "-m", "link", cwd=repository)
    with unchanged():
        response = post_import(alice, source_type="git", gitUrl=f"file://{repository}")
    assert "symbolic link" in assert_error(response, 400, "GitError")["message"]


def test_a_slow_git_fetch_is_stopped(
    alice: TestClient,
    app: FastAPI,
    settings: Settings,
    unchanged: Unchanged,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "import_allow_any_git", True)
    monkeypatch.setattr(
        app.state, "import_limits", ImportLimits(git_timeout_seconds=0), raising=False
    )
    repository, _ = git_repository(MINI, tmp_path)
    with unchanged():
        response = post_import(alice, source_type="git", gitUrl=f"file://{repository}")
    assert "took too long" in assert_error(response, 400, "GitError")["message"]


# -- strategies on a second import ---------------------------------------------------------


def test_second_import_with_fail_is_a_conflict(alice: TestClient, unchanged: Unchanged) -> None:
    first = imported(post_import(alice, files_form(TUTORIAL)))
    with unchanged():
        response = post_import(alice, files_form(TUTORIAL), strategy="fail")
    body = assert_error(response, 409, "EntityExistsError")
    assert body["detail"]["entity_type"] == "plugin_task_parameter_type"
    assert body["detail"]["existing_id"] == first["plugin_param_types"]["NumpyArray"]


def test_second_import_with_update_makes_new_snapshots(alice: TestClient, tmp_path: Path) -> None:
    project = project_copy(TUTORIAL, tmp_path)
    first = imported(post_import(alice, files_form(project)))
    hello_plugin = first["plugins"]["hello_world"]
    hello_entrypoint = first["entrypoints"]["hello_world"]
    # Things an update must keep: a queue and an extra plugin binding.
    queue = create_queue(alice, "imports")
    response = alice.post(
        f"{API}/entrypoints/{hello_entrypoint}/queues", json={"ids": [queue["id"]]}
    )
    assert response.status_code == 200, response.text
    metrics_plugin = first["plugins"]["tutorial_metrics"]
    response = alice.post(
        f"{API}/entrypoints/{hello_entrypoint}/plugins", json={"plugins": [metrics_plugin]}
    )
    assert response.status_code == 200, response.text
    [old_file] = get(alice, f"plugins/{hello_plugin}/files")["data"]
    plugin_snapshots = snapshot_count(alice, f"plugins/{hello_plugin}")
    entrypoint_snapshots = snapshot_count(alice, f"entrypoints/{hello_entrypoint}")

    new_source = (project / "plugins/hello_world/tasks.py").read_text() + "\n# updated\n"
    (project / "plugins/hello_world/tasks.py").write_text(new_source)
    (project / "plugins/hello_world/more.py").write_text("VALUE = 1\n")
    edit(project / "dioptra.toml", "Tutorial part 1: say hello", "Says hello, updated")
    second = imported(post_import(alice, files_form(project), strategy="update"))

    assert second == first  # same resources, same ids
    files = {f["filename"]: f for f in get(alice, f"plugins/{hello_plugin}/files")["data"]}
    assert set(files) == {"tasks.py", "more.py"}
    assert files["tasks.py"]["id"] == old_file["id"]
    assert files["tasks.py"]["contents"] == new_source
    assert files["tasks.py"]["tasks"]["functions"][0]["name"] == "hello_world"
    # modify + one snapshot per file written (one modified, one new)
    assert snapshot_count(alice, f"plugins/{hello_plugin}") == plugin_snapshots + 3
    assert (
        snapshot_count(alice, f"pluginParameterTypes/{first['plugin_param_types']['NumpyArray']}")
        == 2
    )

    entrypoint = get(alice, f"entrypoints/{hello_entrypoint}")
    assert snapshot_count(alice, f"entrypoints/{hello_entrypoint}") == entrypoint_snapshots + 1
    assert entrypoint["description"] == "Says hello, updated"
    assert [q["id"] for q in entrypoint["queues"]] == [queue["id"]]
    bound = {p["name"]: p for p in entrypoint["plugins"]}
    assert set(bound) == {"hello_world", "tutorial_metrics"}
    assert bound["hello_world"]["latestSnapshot"] is True
    latest = get(alice, f"plugins/{hello_plugin}")["snapshot"]
    assert bound["hello_world"]["snapshotId"] == latest


def test_second_import_with_overwrite_replaces_everything(alice: TestClient) -> None:
    first = imported(post_import(alice, files_form(TUTORIAL)))
    second = imported(post_import(alice, files_form(TUTORIAL), strategy="overwrite"))
    for kind in ("plugins", "plugin_param_types", "entrypoints"):
        assert set(second[kind]) == set(first[kind])
        assert not set(second[kind].values()) & set(first[kind].values())
    check_tutorial(alice, second)
    old_type = get(alice, f"pluginParameterTypes/{first['plugin_param_types']['NumpyArray']}")
    assert old_type["deleted"] is True
    old_entrypoint = get(alice, f"entrypoints/{first['entrypoints']['hello_world']}")
    assert old_entrypoint["deleted"] is True
    response = alice.get(f"{API}/plugins/{first['plugins']['hello_world']}")
    assert_error(response, 404, "EntityDoesNotExistError")
    names = [p["name"] for p in get(alice, "plugins/?pageLength=100")["data"]]
    assert sorted(names) == sorted(TUTORIAL_PLUGINS)


def test_update_creates_what_is_missing(alice: TestClient) -> None:
    resources = imported(post_import(alice, files_form(MINI), strategy="update"))
    assert set(resources["entrypoints"]) == {"greet"}
    overwritten = imported(post_import(alice, files_form(MINI), strategy="overwrite"))
    assert overwritten["entrypoints"]["greet"] != resources["entrypoints"]["greet"]


def test_failure_rolls_back_overwrite_deletions(
    alice: TestClient, tmp_path: Path, unchanged: Unchanged
) -> None:
    imported(post_import(alice, files_form(MINI)))
    project = project_copy(MINI, tmp_path)
    edit(project / "entrypoints/greet.yml", "shout:", "no_such_task:")
    with unchanged():
        response = post_import(alice, files_form(project), strategy="overwrite")
    assert_error(response, 400, "EntrypointValidationError")


def test_an_unexpected_failure_rolls_everything_back(
    alice: TestClient, unchanged: Unchanged, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(section: object) -> str:
        raise RuntimeError("disk on fire")

    # Fails after the types and plugins are written, before the entrypoints.
    monkeypatch.setattr(
        "dioptra.server.services.resource_import.resource_import.graph_text", broken
    )
    with unchanged():
        response = post_import(alice, files_form(MINI))
    assert_error(response, 500, "UnexpectedImportError", {})


# -- bad projects --------------------------------------------------------------------------


def _rename_plugin_folder(root: Path) -> None:
    (root / "plugins/greetings").rename(root / "plugins/bad-name")
    edit(root / "dioptra.toml", '"plugins/greetings"', '"plugins/bad-name"')
    edit(root / "dioptra.toml", '["greetings"]', '["bad-name"]')


def _append(text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / "dioptra.toml").open("a") as toml:
            toml.write("\n" + text + "\n")

    return change


def _replace(old: str, new: str, file: str = "dioptra.toml") -> Callable[[Path], None]:
    return lambda root: edit(root / file, old, new)


def _write(file: str, text: str) -> Callable[[Path], None]:
    return lambda root: (root / file).write_text(text)


def bad(name: str, change: Callable[[Path], None], error: str, reason: str = "") -> Any:
    return pytest.param(change, error, reason, id=name)


FAILED = "ImportFailedError"
NAME = "ResourceNameError"
GREETING_TYPE = 'type = "string", default_value = "World"'
BAD_PROJECTS = [
    bad("bad toml", _write("dioptra.toml", "[[plugins]\npath = 1"), FAILED, "Could not decode"),
    bad("unknown key", _replace('"Says hello"', '"Hi"\ncolour = "red"'), FAILED, "unknown key"),
    bad("unknown type", _replace('"Greeting" }]', '"Nope" }]'), FAILED, "unknown type 'Nope'"),
    bad("bad plugin name", _rename_plugin_folder, NAME),
    bad("bad file name", _write("plugins/greetings/Bad-Name.py", "x = 1\n"), FAILED, "Bad-Name"),
    bad(
        "invalid graph",
        _replace("shout:", "nope:", "entrypoints/greet.yml"),
        "EntrypointValidationError",
    ),
    bad(
        "duplicate types",
        _append('[[plugin_param_types]]\nname = "Greeting"'),
        FAILED,
        "duplicate type",
    ),
    bad(
        "duplicate plugins",
        _append('[[plugins]]\npath = "plugins/greetings"'),
        FAILED,
        "duplicate plugin",
    ),
    bad(
        "duplicate entrypoints",
        _append('[[entrypoints]]\npath = "entrypoints/greet.yml"\nname = "greet"'),
        FAILED,
        "duplicate entrypoint 'greet'",
    ),
    bad("duplicate tasks", _replace('"shout"', '"greet"'), FAILED, "duplicate function task"),
    bad("bad type name", _replace('name = "Greeting"', 'name = "bad/name"'), NAME),
    bad(
        "builtin type name",
        _append('[[plugin_param_types]]\nname = "String"'),
        "PluginParameterTypeMatchesBuiltinTypeError",
    ),
    bad(
        "bad entrypoint name",
        _replace('name = "greet"\ndescription', 'name = "a/b"\ndescription'),
        NAME,
    ),
    bad("bad task name", _replace('name = "shout"', 'name = "shout-out"'), NAME),
    bad("undeclared plugin", _replace('["greetings"]', '["elsewhere"]'), FAILED, "not declared"),
    bad(
        "bad parameter type",
        _replace('"string", default', '"str", default'),
        FAILED,
        "params[0].type",
    ),
    bad(
        "bad default",
        _replace(GREETING_TYPE, 'type = "integer", default_value = "many"'),
        FAILED,
        "default",
    ),
    bad(
        "plugin outside",
        _append('[[plugins]]\npath = "../outside"'),
        FAILED,
        "outside the project root",
    ),
    bad(
        "plugin path is a file", _append('[[plugins]]\npath = "dioptra"'), FAILED, "is not a folder"
    ),
    bad(
        "task in a missing file",
        _replace('"helpers/shout.py"', '"gone.py"'),
        FAILED,
        "is not a file",
    ),
    bad("entrypoint file missing", _replace("greet.yml", "gone.yml"), FAILED, "is not a file"),
    bad(
        "bad yaml",
        _write("entrypoints/greet.yml", "graph: [\n"),
        FAILED,
        "entrypoints/greet.yml:2: invalid YAML",
    ),
    bad("no config", lambda root: (root / "dioptra.toml").unlink(), FAILED, "File not found."),
]


@pytest.mark.parametrize(("change", "error", "reason"), BAD_PROJECTS)
def test_bad_projects_change_nothing(
    alice: TestClient,
    unchanged: Unchanged,
    tmp_path: Path,
    change: Callable[[Path], None],
    error: str,
    reason: str,
) -> None:
    project = project_copy(MINI, tmp_path)
    change(project)
    with unchanged():
        response = post_import(alice, files_form(project))
    body = assert_error(response, 400, error)
    if reason:
        assert reason in body["detail"]["reason"]
    if error == "EntrypointValidationError":
        assert body["detail"]["reason"]  # the issues, by category


@pytest.mark.parametrize(
    ("config_path", "reason"),
    [
        ("nope.toml", "File not found."),
        ("/etc/passwd", "the config path '/etc/passwd' is absolute"),
        ("../dioptra.toml", "the config path '../dioptra.toml' leads outside the import"),
        (".git/dioptra.toml", "points into a .git folder"),
        ("", "names no file"),
    ],
)
def test_bad_config_paths(
    alice: TestClient, unchanged: Unchanged, config_path: str, reason: str
) -> None:
    with unchanged():
        response = post_import(alice, files_form(MINI), configPath=config_path)
    assert reason in assert_error(response, 400, "ImportFailedError")["detail"]["reason"]


# -- projects written for Dioptra 1.2.2 ----------------------------------------------------

SAVERS_TOML = """
[[plugins]]
path = "plugins/savers"
  [[plugins.tasks.artifacts]]
  filename = "savers.py"
  name = "TextArtifactTask"
  output_params = [{ name = "text", type = "string" }]
"""
# Names the artifact task as a short name that no plugin registers (the original's own
# test project does this); 1.2.2 saves it, and a job would fail at the artifact output.
SHORT_NAME_OUTPUT = (
    "artifacts:\n  loud_text:\n    contents: $loud.loud\n    task:\n      name: text\n"
)


def _with_unregistered_artifact_task(root: Path) -> None:
    (root / "plugins/savers").mkdir()
    (root / "plugins/savers/savers.py").write_text("class TextArtifactTask:\n    pass\n")
    edit(
        root / "dioptra.toml",
        'plugins = ["greetings"]',
        'plugins = ["greetings"]\nartifact_plugins = ["savers"]',
    )
    with (root / "dioptra.toml").open("a") as toml:
        toml.write(SAVERS_TOML)
    with (root / "entrypoints/greet.yml").open("a") as entrypoint:
        entrypoint.write(SHORT_NAME_OUTPUT)


def test_an_unregistered_artifact_task_is_imported_with_a_warning(
    alice: TestClient, tmp_path: Path
) -> None:
    project = project_copy(MINI, tmp_path)
    _with_unregistered_artifact_task(project)

    response = post_import(alice, files_form(project))

    assert response.status_code == 200, response.text
    body = response.json()
    [warning] = body["warnings"]
    assert warning["entrypoint"] == "greet"
    assert warning["path"] == "graph"
    assert "artifact output 'loud_text'" in warning["message"]
    assert "the artifact task 'text' (registered: 'TextArtifactTask')" in warning["message"]
    entrypoint = get(alice, f"entrypoints/{body['resources']['entrypoints']['greet']}")
    assert "name: text" in entrypoint["artifactGraph"]
    assert [p["name"] for p in entrypoint["artifactPlugins"]] == ["savers"]


def test_the_answer_maps_each_imported_name_to_its_id(alice: TestClient, tmp_path: Path) -> None:
    project = project_copy(MINI, tmp_path)
    _with_unregistered_artifact_task(project)

    resources = post_import(alice, files_form(project)).json()["resources"]

    assert set(resources["plugins"]) == {"greetings", "savers"}
    assert set(resources["plugin_param_types"]) == {"Greeting"}
    assert set(resources["entrypoints"]) == {"greet"}
    for route, ids in (
        ("plugins", resources["plugins"]),
        ("pluginParameterTypes", resources["plugin_param_types"]),
        ("entrypoints", resources["entrypoints"]),
    ):
        for name, resource_id in ids.items():
            assert get(alice, f"{route}/{resource_id}")["name"] == name


def _config_only(text: str) -> Files:
    return [("files", ("dioptra.toml", text.encode(), "text/plain"))]


# As in Dioptra's own cases: each file is structurally wrong too.
@pytest.mark.parametrize(
    ("toml", "duplicate"),
    [
        ("entrypoints = [{ name = 'twice' }, { name = 'twice' }]", "entrypoint 'twice'"),
        ("plugins = [{ path = 'twice' }, { path = 'twice' }]", "plugin 'twice'"),
        (
            "plugins = [{ path = 'tasks.py', tasks = { functions = [{ name = 'twice' },"
            " { name = 'twice' }] } }]",
            "function task 'twice'",
        ),
        (
            "entrypoints = [{ name = 'e', params = [{ name = 'twice', type = 'str' },"
            " { name = 'twice', type = 'str' }] }]",
            "parameter 'twice'",
        ),
        (
            "plugins = [{ path = 'tasks.py', tasks = { functions = [{ name = 'f', input_params ="
            " [{ name = 'twice', type = 'str' }, { name = 'twice', type = 'str' }] }] } }]",
            "input 'twice'",
        ),
        (
            "entrypoints = [{ name = 'e', artifact_params = [{ name = 'twice', type = 'str' },"
            " { name = 'twice', type = 'str' }] }]",
            "parameter 'twice'",
        ),
        (
            "plugins = [{ path = 'tasks.py', tasks = { artifacts = [{ name = 'twice' },"
            " { name = 'twice' }] } }]",
            "artifact task 'twice'",
        ),
    ],
)
def test_duplicate_names_are_always_reported(
    alice: TestClient, unchanged: Unchanged, toml: str, duplicate: str
) -> None:
    with unchanged():
        response = post_import(alice, _config_only(toml))
    body = assert_error(response, 400, "ImportFailedError")
    assert f"duplicate {duplicate}" in body["detail"]["reason"]


def test_the_schema_is_checked_first_and_quotes_the_entry_at_fault(
    alice: TestClient, unchanged: Unchanged
) -> None:
    # The bad entrypoint name would be a ResourceNameError on its own.
    toml = (
        "entrypoints = [{ name = 'a/b', path = 'e.yml' }, { name = 'e', colour = 'red' }]\n"
        "plugins = [{ path = 7 }]"
    )
    with unchanged():
        response = post_import(alice, _config_only(toml))
    body = assert_error(response, 400, "ImportFailedError")
    assert body["message"] == "Bad Request - Failed to validate config file from dioptra.toml."
    assert body["detail"]["reason"].splitlines() == [
        "dioptra.toml: plugins[0].path: must be a string, found 7",
        'dioptra.toml: entrypoints[1].path: is required, in {"name": "e", "colour": "red"}',
        'dioptra.toml: entrypoints[1].colour: unknown key, in {"name": "e", "colour": "red"}',
    ]


def test_plugin_names_are_the_stem_of_their_path(alice: TestClient, unchanged: Unchanged) -> None:
    # "tasks.py" names the plugin "tasks" (no module-name error), which "lib/tasks" repeats.
    toml = "plugins = [{ path = 'tasks.py' }, { path = 'lib/tasks' }]"
    with unchanged():
        response = post_import(alice, _config_only(toml))
    reason = assert_error(response, 400, "ImportFailedError")["detail"]["reason"]
    assert reason == "dioptra.toml: plugins[1].path: duplicate plugin 'tasks'"


# -- bad uploads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../dioptra.toml", "contains '..'"),
        ("/dioptra.toml", "is an absolute path"),
        (".git/config", "points into a .git folder"),
        ("plugins\\x.py", "contains '\\' or ':'"),
        ("c:x.py", "contains '\\' or ':'"),
        ("con.py", "reserved name"),
        ("a\x01.py", "control characters"),
    ],
)
def test_unsafe_file_names(alice: TestClient, unchanged: Unchanged, name: str, reason: str) -> None:
    # Written by hand: HTTP clients escape such names before sending them.
    boundary = "import-test-boundary"
    parts = [(None, "group", b"1"), (None, "sourceType", b"upload_files")]
    parts += [(n, "files", data) for _, (n, data, _) in files_form(MINI)]
    parts.append((name, "files", b"x = 1\n"))
    body = b""
    for filename, field, data in parts:
        disposition = f'form-data; name="{field}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    with unchanged():
        response = alice.post(IMPORT, content=body, headers=headers)
    body = assert_error(response, 400, "ImportFailedError")
    assert body["message"] == "Bad Request - Failed to read uploaded files"
    assert reason in body["detail"]["reason"]


def test_a_file_uploaded_twice(alice: TestClient, unchanged: Unchanged) -> None:
    files = [*files_form(MINI), ("files", ("dioptra.toml", b"", "text/plain"))]
    with unchanged():
        response = post_import(alice, files)
    assert "uploaded twice" in assert_error(response, 400, "ImportFailedError")["detail"]["reason"]


@pytest.mark.parametrize(
    ("archive", "reason"),
    [
        (tar_with(("../evil.toml", "file", b"x")), "'..' would leave"),
        (tar_with(("/evil.toml", "file", b"x")), "absolute paths are not allowed"),
        (tar_with(("a/../../evil.toml", "file", b"x")), "'..' would leave"),
        (tar_with(("dioptra.toml", "symlink", "/etc/passwd")), "absolute path"),
        (
            tar_with(("dioptra.toml", "file", b""), ("link.toml", "symlink", "dioptra.toml")),
            "symbolic link",
        ),
        (tar_with(("plugins/.git/config", "file", b"")), "points into a .git folder"),
        (tar_with(), "holds no files"),
        (b"not an archive at all", "not a tar, tar.gz or zip archive"),
    ],
    ids=[
        "dotdot",
        "absolute",
        "inner dotdot",
        "symlink out",
        "symlink in",
        "git",
        "empty",
        "garbage",
    ],
)
def test_unsafe_archives(
    alice: TestClient, unchanged: Unchanged, archive: bytes, reason: str
) -> None:
    with unchanged():
        response = post_import(alice, archive_form(archive), source_type="upload_archive")
    body = assert_error(response, 400, "ImportFailedError")
    assert body["message"] == "Bad Request - Failed to read uploaded tarfile"
    assert reason in body["detail"]["reason"]


@pytest.mark.parametrize(
    ("limits", "source_type", "reason"),
    [
        (ImportLimits(file_bytes=200), "upload_files", "larger than the 200 bytes limit"),
        (ImportLimits(total_bytes=1000), "upload_files", "add up to more than"),
        (ImportLimits(entries=3), "upload_files", "more than 3 files"),
        (ImportLimits(archive_bytes=300), "upload_archive", "the archive is larger than"),
        (ImportLimits(file_bytes=200), "upload_archive", "larger than the 200 bytes limit"),
        (ImportLimits(entries=3), "upload_archive", "more than 3 members"),
    ],
)
def test_oversize_uploads(
    alice: TestClient,
    app: FastAPI,
    unchanged: Unchanged,
    monkeypatch: pytest.MonkeyPatch,
    limits: ImportLimits,
    source_type: str,
    reason: str,
) -> None:
    monkeypatch.setattr(app.state, "import_limits", limits, raising=False)
    files = files_form(MINI) if source_type == "upload_files" else archive_form(targz(MINI))
    with unchanged():
        response = post_import(alice, files, source_type=source_type)
    assert reason in assert_error(response, 400, "ImportFailedError")["detail"]["reason"]


def _compressible(kind: str, blobs: int) -> bytes:
    """The mini project plus ``blobs`` files of 1 MiB of zeros, as a zip or a tar.gz
    (a few KiB either way)."""
    files = {p.relative_to(MINI).as_posix(): p.read_bytes() for p in project_files(MINI)}
    files.update({f"data/blob{i}.bin": bytes(MIB) for i in range(blobs)})
    buffer = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return buffer.getvalue()
    return tar_with(*((name, "file", data) for name, data in files.items()))


def test_the_expanded_size_limit_defaults_to_200_mib() -> None:
    assert Settings.model_fields["import_max_expanded_bytes"].default == 200 * MIB


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_an_archive_that_unpacks_past_the_limit_is_refused(
    alice: TestClient,
    app: FastAPI,
    unchanged: Unchanged,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    # Each file is far below the 50 MiB limit of one file, the archive below 100 MiB and
    # the total below 1.2's 500 MiB: only the expanded-size setting stops it.
    monkeypatch.setattr(app.state.dioptra.settings, "import_max_expanded_bytes", 3 * MIB)
    bomb = _compressible(kind, blobs=4)
    assert len(bomb) < 64 * 1024
    form = [("archiveFile", (f"project.{kind}", bomb, "application/octet-stream"))]

    with unchanged():
        response = post_import(alice, form, source_type="upload_archive")

    body = assert_error(response, 400, "ImportFailedError")
    assert body["message"] == "Bad Request - Failed to read uploaded tarfile"
    assert body["detail"]["reason"] == (
        "the archive unpacks to more than the 3 MiB limit of one import"
    )
    within = [("archiveFile", (f"project.{kind}", _compressible(kind, 2), "application/zip"))]
    imported(post_import(alice, within, source_type="upload_archive"))


def test_staging_folders_are_removed(
    alice: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    imported(post_import(alice, archive_form(targz(MINI)), source_type="upload_archive"))
    assert_error(post_import(alice, files_form(MINI)), 409, "EntityExistsError")
    assert list(temporary.iterdir()) == []


# -- the form ------------------------------------------------------------------------------


ONE_SOURCE = {
    "errors": {"sourceType": "Must only provide exactly one of ('gitUrl', 'archiveFile', 'files')."}
}


def test_form_errors(alice: TestClient, unchanged: Unchanged) -> None:
    files = files_form(MINI)
    archive = archive_form(targz(MINI))
    cases: list[tuple[dict[str, str], Files | None, dict[str, Any]]] = [
        (
            {"sourceType": "upload_files"},
            files,
            {
                "errors": {"group": ["Missing data for required field."]},
                "message": "Input payload validation failed",
            },
        ),
        (
            {"group": "one", "sourceType": "upload_files"},
            files,
            {
                "errors": {"group": ["Not a valid integer."]},
                "message": "Input payload validation failed",
            },
        ),
        (
            {"group": "1"},
            files,
            {
                "errors": {"sourceType": ["Missing data for required field."]},
                "message": "Input payload validation failed",
            },
        ),
        (
            {"group": "1", "sourceType": "ftp"},
            files,
            {"errors": {"sourceType": ["Must be one of: git, upload_archive, upload_files."]}},
        ),
        (
            {"group": "1", "sourceType": "upload_files", "resolveNameConflictsStrategy": "merge"},
            files,
            {
                "errors": {
                    "resolveNameConflictsStrategy": ["Must be one of: fail, update, overwrite."]
                }
            },
        ),
        (
            {"group": "1", "sourceType": "upload_files"},
            None,
            ONE_SOURCE,
        ),
        (
            {"group": "1", "sourceType": "upload_files", "gitUrl": "https://github.com/a/b"},
            files,
            ONE_SOURCE,
        ),
        (
            {"group": "1", "sourceType": "upload_files"},
            [*files, *archive],
            ONE_SOURCE,
        ),
        (
            {"group": "1", "sourceType": "upload_archive"},
            files,
            {"errors": {"archiveFile": "field required when sourceType is 'upload_archive'"}},
        ),
        (
            {"group": "1", "sourceType": "git"},
            archive,
            {"errors": {"gitUrl": "field required when sourceType is 'git'"}},
        ),
        (
            {"group": "1", "sourceType": "upload_files", "gitUrl": ""},
            None,
            {"errors": {"files": "field required when sourceType is 'upload_files'"}},
        ),
    ]
    for data, form_files, expected in cases:
        with unchanged():
            response = alice.post(IMPORT, data=data, files=form_files)
        assert response.status_code == 400, (data, response.text)
        assert response.json() == expected, data


def test_form_errors_come_before_upload_errors(alice: TestClient) -> None:
    files = [("files", ("../x.toml", b"x", "text/plain"))]
    response = alice.post(IMPORT, data={"group": "1"}, files=files)
    assert response.status_code == 400
    assert response.json()["errors"] == {"sourceType": ["Missing data for required field."]}


def test_unknown_group_and_anonymous_user(
    alice: TestClient, anon: TestClient, unchanged: Unchanged
) -> None:
    with unchanged():
        response = post_import(alice, files_form(MINI), group="99")
    assert_error(response, 404, "EntityDoesNotExistError")
    with unchanged():
        response = post_import(anon, files_form(MINI))
    assert_error(response, 401, "NoCurrentUserError")


def test_a_user_without_write_permission(
    bob: TestClient, alice: TestClient, engine: Any, unchanged: Unchanged
) -> None:
    import sqlalchemy as sa

    with engine.begin() as connection:
        connection.execute(sa.text('UPDATE group_members SET "write" = false WHERE user_id = 2'))
    with unchanged():
        response = post_import(bob, files_form(MINI))
    assert response.status_code == 403, response.text


def test_the_openapi_document_describes_the_form(alice: TestClient) -> None:
    operation = alice.get(f"{API}/openapi.json").json()["paths"][
        "/api/v1/workflows/resourceImport"
    ]["post"]
    schema = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["required"] == ["group", "sourceType"]
    assert schema["properties"]["files"]["type"] == "array"


def test_graph_findings_name_the_users_file_and_line(
    alice: TestClient, tmp_path: Path, unchanged: Unchanged
) -> None:
    # The comment and the nesting under graph: move every line away from the line it
    # would have in the stored (re-serialised) graph text.
    project = project_copy(MINI, tmp_path)
    edit(project / "entrypoints/greet.yml", "    shout:", "    shuot:")
    with unchanged():
        response = post_import(alice, files_form(project))
    body = assert_error(response, 400, "EntrypointValidationError")
    assert body["detail"]["reason"] == {
        "swap_issues": [
            "entrypoints/greet.yml:7: step 'loud': unknown task 'shuot' (known tasks: "
            "'shout', 'greet')"
        ]
    }


def test_undeclared_globals_are_named_as_1_2_2_names_them(
    alice: TestClient, tmp_path: Path, unchanged: Unchanged
) -> None:
    # ``missing_global_params`` lists names, which 1.2.2's clients look up: not located.
    project = project_copy(MINI, tmp_path)
    edit(project / "entrypoints/greet.yml", "name: $who", "name: $missing_global")
    with unchanged():
        response = post_import(alice, files_form(project))
    reason = assert_error(response, 400, "EntrypointValidationError")["detail"]["reason"]
    assert reason["missing_global_params"] == ["missing_global"]
    assert all(m.startswith("entrypoints/greet.yml:") for m in reason["rendered_validation_errors"])


def test_a_yaml_error_names_the_file_and_line_and_config_problems_the_config(
    alice: TestClient, tmp_path: Path
) -> None:
    project = project_copy(MINI, tmp_path)
    (project / "entrypoints/greet.yml").write_text("graph:\n  a: [1\n")
    body = assert_error(post_import(alice, files_form(project)), 400, FAILED)
    assert body["detail"]["reason"] == (
        "entrypoints/greet.yml:3: invalid YAML (column 1): did not find expected ',' or ']' "
        "(while parsing a flow sequence)"
    )

    edit(project / "dioptra.toml", 'plugins = ["greetings"]', 'plugins = ["greetngs"]')
    body = assert_error(post_import(alice, files_form(project)), 400, FAILED)
    assert body["detail"]["reason"] == (
        "dioptra.toml: entrypoints[0].plugins[0]: plugin 'greetngs' is used but not declared "
        "in [[plugins]]"
    )


def test_changes_say_what_each_strategy_did(alice: TestClient) -> None:
    created = post_import(alice, files_form(MINI)).json()["changes"]
    updated = post_import(alice, files_form(MINI), strategy="update").json()["changes"]
    replaced = post_import(alice, files_form(MINI), strategy="overwrite").json()["changes"]

    assert created == {
        "plugin_param_types": {"Greeting": "created"},
        "plugins": {"greetings": "created"},
        "entrypoints": {"greet": "created"},
    }
    assert {kind: set(names.values()) for kind, names in updated.items()} == {
        kind: {"updated"} for kind in created
    }
    assert {kind: set(names.values()) for kind, names in replaced.items()} == {
        kind: {"replaced"} for kind in created
    }


def test_a_project_may_use_the_groups_types_and_plugins_undeclared(
    alice: TestClient, tmp_path: Path
) -> None:
    first = imported(post_import(alice, files_form(MINI)))
    second = project_copy(MINI, tmp_path)
    (second / "plugins/greetings").rename(second / "plugins/more_greetings")
    toml = (second / "dioptra.toml").read_text()
    toml = toml[toml.index("[[plugins]]") :]  # no [[plugin_param_types]]: the group's Greeting
    toml = toml.replace('path = "plugins/greetings"', 'path = "plugins/more_greetings"')
    # The entrypoint keeps plugins = ["greetings"]: the group's, not declared here.
    toml = toml.replace('name = "greet"\ndescription', 'name = "again"\ndescription')
    (second / "dioptra.toml").write_text(toml)

    again = imported(post_import(alice, files_form(second)))

    assert set(again["plugin_param_types"]) == set()
    assert set(again["plugins"]) == {"more_greetings"}
    entrypoint = get(alice, f"entrypoints/{again['entrypoints']['again']}")
    assert [p["id"] for p in entrypoint["plugins"]] == [first["plugins"]["greetings"]]
    plugin = get(alice, f"plugins/{again['plugins']['more_greetings']}")
    types = {
        param["parameterType"]["id"]
        for file_ in get(alice, f"plugins/{plugin['id']}/files?pageLength=10")["data"]
        for task in file_["tasks"]["functions"]
        for param in task["outputParams"] + task["inputParams"]
        if param["parameterType"]["name"] == "Greeting"
    }
    assert types == {first["plugin_param_types"]["Greeting"]}
