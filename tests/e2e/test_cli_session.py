"""A whole CLI session against a real `dioptra up`: account, token, import, run, download.

Everything goes through the installed `dioptra` command, as a user would type it; the
only thing checked outside the CLI is the downloaded .npy file itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from cli_server import CLEAN_ENV, PASSWORD, REPO, TEST_ENV, CliSession, Server, table_rows

pytestmark = pytest.mark.slow


def test_a_user_imports_the_tutorial_runs_a_job_and_downloads_its_array(
    dioptra: CliSession, tmp_path: Path
) -> None:
    created = dioptra(
        "user", "create", "ada", "--email", "ada@example.org", "--password-stdin",
        "--data-dir", str(dioptra.server.data_dir),
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert "Created user ada" in created.stderr

    token = dioptra("--username", "ada", "--password", PASSWORD, "token", "create", "e2e")
    assert re.fullmatch(r"\S{20,}\n", token.stdout), token.stdout
    dioptra.env["DIOPTRA_API_TOKEN"] = token.stdout.strip()

    imported = dioptra("import", "examples/tutorial")
    imported_names = {row[1] for row in table_rows(imported.stdout)}
    assert {"sample_and_save_artifact", "rescale_and_graph_array", "NumpyArray"} <= imported_names

    dioptra("queues", "create", "tutorial")
    run = dioptra(
        "run", "tutorial", "sample_and_save_artifact", "-p", "sample_size=64", "-p", "seed=3",
        "--queue", "tutorial", "--create-experiment",
        timeout=300,
    )  # fmt: skip
    job_id = re.search(r"Job (\d+) submitted", run.stderr)
    assert job_id is not None, run.stderr
    assert f"Job {job_id[1]} finished" in run.stdout
    assert "transformed: size=64" in run.stdout  # print_stats' line, from the job's log

    artifacts = table_rows(dioptra("artifacts", "list", "--job", job_id[1]).stdout)
    assert len(artifacts) == 1, artifacts
    artifact_id = artifacts[0][0]

    # Part 5 in the same experiment: linking its entrypoint needs no --create-experiment.
    rescaled = dioptra(
        "run", "tutorial", "rescale_and_graph_array", "--artifact", f"array={artifact_id}",
        "--queue", "tutorial", timeout=300,
    )  # fmt: skip
    assert "Linked entrypoint rescale_and_graph_array to tutorial" in rescaled.stderr
    assert re.search(r"Job \d+ finished", rescaled.stdout), rescaled.stdout

    out = tmp_path / "downloads"
    downloaded = dioptra("artifacts", "download", artifact_id, "-o", str(out))
    assert f"Saved artifact {artifact_id}" in downloaded.stderr
    (saved,) = out.iterdir()
    array = np.load(saved, allow_pickle=False)
    assert array.shape == (64,)
    assert np.all(np.abs(array) <= 1.0)  # tanh, the default transform
    assert array.std() > 0


def test_errors_are_one_line_with_the_servers_message(dioptra: CliSession) -> None:
    result = dioptra("jobs", "show", "999999", expect=1)

    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ")


def sign_up(dioptra: CliSession, name: str) -> None:
    """A new user whose token the session's later commands use."""
    dioptra(
        "user", "create", name, "--email", f"{name}@example.org", "--password-stdin",
        "--data-dir", str(dioptra.server.data_dir), input=PASSWORD + "\n",
    )  # fmt: skip
    token = dioptra("--username", name, "--password", PASSWORD, "token", "create", "e2e")
    dioptra.env["DIOPTRA_API_TOKEN"] = token.stdout.strip()


def tutorial_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "tutorial", project)
    text = (project / file).read_text()
    assert old in text
    (project / file).write_text(text.replace(old, new, 1))
    return project


def import_refused(dioptra: CliSession, project: Path) -> str:
    # `update`, so that whether the tutorial is in the group already does not matter.
    return dioptra("import", str(project), "--strategy", "update", expect=1).stderr


def test_a_task_name_typo_is_shown_at_its_line_in_the_users_file(
    dioptra: CliSession, tmp_path: Path
) -> None:
    sign_up(dioptra, "typo")
    project = tutorial_copy(
        tmp_path, "entrypoints/sample_and_transform.yml", "    nonlinear_transform:",
        "    nonlinear_transfrm:",
    )  # fmt: skip

    assert import_refused(dioptra, project) == (
        "Error: The entrypoint's task graph does not validate:\n"
        "entrypoints/sample_and_transform.yml:17: step 'transform_step': unknown task "
        "'nonlinear_transfrm' (known tasks: 'sample_normal_distribution', 'add_noise', "
        "'nonlinear_transform', 'print_stats')\n"
        f"(`dioptra engine validate {project}/entrypoints/sample_and_transform.yml` finds "
        "this without a server)\n"
    )


def test_a_bad_yaml_file_is_named_with_its_line(dioptra: CliSession, tmp_path: Path) -> None:
    sign_up(dioptra, "yaml")
    project = tutorial_copy(tmp_path, "entrypoints/hello_world.yml", "graph:", "graph: [:")

    assert import_refused(dioptra, project) == (
        "Error: Failed to read the files named in dioptra.toml.\n"
        "entrypoints/hello_world.yml:2: invalid YAML (column 9): did not find expected node "
        "content (while parsing a flow node)\n"
        f"(`dioptra engine validate {project}/entrypoints/hello_world.yml` finds this without "
        "a server)\n"
    )


def test_an_undeclared_plugin_is_explained_without_debug(
    dioptra: CliSession, tmp_path: Path
) -> None:
    sign_up(dioptra, "undeclared")
    project = tutorial_copy(
        tmp_path, "dioptra.toml", 'plugins = ["hello_world"]', 'plugins = ["hello_wrld"]'
    )

    assert import_refused(dioptra, project) == (
        "Error: Failed to validate config file from dioptra.toml.\n"
        "dioptra.toml: entrypoints[0].plugins[0]: plugin 'hello_wrld' is used but not declared "
        "in [[plugins]]\n"
        f"(`dioptra engine validate --project {project} ENTRYPOINT` finds this without a "
        "server)\n"
    )


def test_a_second_project_uses_the_groups_types_and_plugins(
    dioptra: CliSession, tmp_path: Path
) -> None:
    sign_up(dioptra, "second")
    dioptra("import", "examples/tutorial", "--strategy", "update")
    second = tmp_path / "second"
    (second / "entrypoints").mkdir(parents=True)
    shutil.copy(
        REPO / "examples/tutorial/entrypoints/rescale_and_graph_array.yml",
        second / "entrypoints/rescale.yml",
    )
    (second / "dioptra.toml").write_text(
        "[[entrypoints]]\n"
        'path = "entrypoints/rescale.yml"\n'
        'name = "rescale_again"\n'
        'params = [{ name = "title", type = "string", default_value = "Again" }]\n'
        'artifact_params = [{ name = "array", output_params = [{ name = "array", type = '
        '"NumpyArray" }] }]\n'
        'plugins = ["rescale_and_graph"]\n'
        'artifact_plugins = ["tutorial_artifacts"]\n'
    )

    created = table_rows(dioptra("import", str(second)).stdout)
    updated = table_rows(dioptra("import", str(second), "--strategy", "update").stdout)

    assert [(row[0], row[1], row[3]) for row in created] == [
        ("entrypoint", "rescale_again", "created")
    ]
    assert [(row[0], row[1], row[3]) for row in updated] == [
        ("entrypoint", "rescale_again", "updated")
    ]


def test_the_cli_and_the_client_find_the_running_server_and_the_saved_token(
    dioptra: CliSession,
) -> None:
    sign_up(dioptra, "finder")
    # No address, no token: only the user's config folder, where `dioptra up` wrote.
    env = {**CLEAN_ENV, **TEST_ENV, "DIOPTRA_CONFIG_DIR": str(dioptra.server.config_dir)}
    local = CliSession(env=env, server=dioptra.server)

    local("--username", "finder", "--password", PASSWORD, "login")
    assert local("queues", "list").returncode == 0
    script = (
        "from dioptra.client import connect_json_dioptra_client\n"
        "print(connect_json_dioptra_client().users.get_current()['username'])\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert found.stdout == "finder\n", found.stderr


def published_client_python() -> str:
    """Python of a cached venv holding the published dioptra-platform 1.2.2 client (built
    from PyPI on first use by the compat suite's builder), plus numpy for the script."""
    sys.path.insert(0, str(REPO / "tests" / "compat"))
    try:
        from compat_venv import build_client_venv, cache_root
    finally:
        sys.path.pop(0)
    return str(build_client_venv(cache_root(), extras=("numpy",)))


@pytest.mark.parametrize(
    ("client", "user"),
    [("ours", "grace"), ("published", "hedy")],
    ids=["our-client", "published-client"],
)
def test_the_tutorial_script_runs_end_to_end(
    server: Server, tmp_path: Path, client: str, user: str
) -> None:
    python = sys.executable if client == "ours" else published_client_python()
    out = tmp_path / "out"
    result = subprocess.run(
        [python, str(REPO / "examples" / "tutorial" / "tutorial.py"), "--api", server.url,
         "--username", user, "--password", PASSWORD, "--output-dir", str(out),
         "--sample-size", "200", "--job-timeout", "120"],
        cwd=tmp_path,  # not the repository: the published client must not see our package
        env={**CLEAN_ENV, **TEST_ENV},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert np.load(out / "transformed_array.npy").shape == (200,)
    assert (out / "rescaled_plot.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "== Done" in result.stdout
