"""Credentials: login/logout and the saved token, `token create|list|revoke`, `user create`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import httpx
import pytest
from cli_harness import WEB_ROOT, Cli, FakeServer, job, page

from dioptra.cli.commands.credentials import credentials_path

NEW_TOKEN = {
    "id": 4,
    "name": "dioptra-cli@host",
    "createdOn": "2025-01-02T03:04:05+00:00",
    "expiresOn": None,
    "token": "dpt_secret_value",
}


def serve_login(server: FakeServer) -> None:
    server.route(
        "POST",
        "/auth/login",
        lambda r: httpx.Response(
            200,
            json={"username": "ada", "status": "Login successful"},
            headers={"Set-Cookie": "session=abc; Path=/"},
        ),
    )
    server.route("POST", "/users/current/tokens", NEW_TOKEN)


def test_login_saves_a_token_readable_only_by_the_owner(cli: Cli, server: FakeServer) -> None:
    serve_login(server)

    result = cli("--api", WEB_ROOT, "login", input="ada\nsecret\n")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/auth/login").json == {"username": "ada", "password": "secret"}
    token_request = server.one("POST", "/users/current/tokens")
    assert token_request.json["name"].startswith("dioptra-cli@")
    assert token_request.headers["cookie"] == "session=abc"
    path = credentials_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {
        "servers": {WEB_ROOT: {"username": "ada", "token": "dpt_secret_value", "tokenId": 4}}
    }
    assert "secret" not in result.stdout


def test_later_commands_send_the_saved_token(cli: Cli, server: FakeServer) -> None:
    serve_login(server)
    server.route("GET", "/jobs/12", job(12))
    server.route("GET", "/jobs/12/metrics", [])
    cli("--api", WEB_ROOT, "--username", "ada", "--password", "secret", "login")

    result = cli("--api", WEB_ROOT + "/", "jobs", "show", "12")

    assert result.exit_code == 0, result.output
    assert server.one("GET", "/jobs/12").headers["authorization"] == "Bearer dpt_secret_value"


def test_token_option_wins_over_the_saved_login(cli: Cli, server: FakeServer) -> None:
    serve_login(server)
    server.route("GET", "/jobs/12", job(12))
    server.route("GET", "/jobs/12/metrics", [])
    cli("--api", WEB_ROOT, "--username", "ada", "--password", "secret", "login")

    cli("--api", WEB_ROOT, "--token", "other", "jobs", "show", "12")

    assert server.one("GET", "/jobs/12").headers["authorization"] == "Bearer other"


def test_username_and_password_log_in_with_a_cookie(
    cli: Cli, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_login(server)
    server.route("GET", "/jobs/12", job(12))
    server.route("GET", "/jobs/12/metrics", [])
    monkeypatch.setenv("DIOPTRA_USERNAME", "ada")
    monkeypatch.setenv("DIOPTRA_PASSWORD", "secret")

    result = cli("--api", WEB_ROOT, "jobs", "show", "12")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/auth/login").json == {"username": "ada", "password": "secret"}
    sent = server.one("GET", "/jobs/12")
    assert sent.headers["cookie"] == "session=abc"
    assert "authorization" not in sent.headers


def test_a_refused_login_saves_nothing(cli: Cli, server: FakeServer) -> None:
    server.route(
        "POST",
        "/auth/login",
        httpx.Response(401, json={"message": "Unauthorized - Invalid username or password"}),
    )

    result = cli("--api", WEB_ROOT, "--username", "ada", "--password", "nope", "login")

    assert result.exit_code == 1
    assert "Unauthorized - Invalid username or password" in result.stderr
    assert not credentials_path().exists()


def test_logout_revokes_and_forgets_the_token(cli: Cli, server: FakeServer) -> None:
    serve_login(server)
    server.route("DELETE", "/users/current/tokens/4", {"status": "Success", "id": [4]})
    cli("--api", WEB_ROOT, "--username", "ada", "--password", "secret", "login")

    result = cli("--api", WEB_ROOT, "logout")

    assert result.exit_code == 0, result.output
    revoke = server.one("DELETE", "/users/current/tokens/4")
    assert revoke.headers["authorization"] == "Bearer dpt_secret_value"
    assert json.loads(credentials_path().read_text()) == {"servers": {}}
    assert "Logged out" in result.stderr


def test_logout_without_a_saved_login_says_so(cli: Cli, server: FakeServer) -> None:
    result = cli("--api", WEB_ROOT, "logout")

    assert result.exit_code == 0
    assert "No saved login" in result.stderr
    assert server.requests == []


def test_token_create_prints_only_the_token_on_stdout(cli: Cli, server: FakeServer) -> None:
    server.route("POST", "/users/current/tokens", NEW_TOKEN)

    result = cli("--token", "t", "token", "create", "ci", "--expires-in-days", "30")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/users/current/tokens").json == {"name": "ci", "expiresInDays": 30}
    assert result.stdout == "dpt_secret_value\n"
    assert "not shown again" in result.stderr


def test_token_list_reads_every_page(cli: Cli, server: FakeServer) -> None:
    tokens = [
        {"id": i, "name": f"t{i}", "createdOn": "2025-01-02T03:04:05+00:00", "expiresOn": None}
        for i in range(1, 151)
    ]

    def token_page(request: httpx.Request) -> httpx.Response:
        index, length = int(request.url.params["index"]), int(request.url.params["pageLength"])
        chunk = tokens[index : index + length]
        return httpx.Response(200, json=page(chunk, index + length >= len(tokens), index))

    server.route("GET", "/users/current/tokens", token_page)

    result = cli("--token", "t", "token", "list")

    assert result.exit_code == 0, result.output
    assert "t150" in result.stdout
    assert len(server.sent("GET", "/users/current/tokens")) == 2


def test_token_revoke(cli: Cli, server: FakeServer) -> None:
    server.route("DELETE", "/users/current/tokens/3", {"status": "Success", "id": [3]})

    result = cli("--token", "t", "token", "revoke", "3")

    assert result.exit_code == 0
    assert server.one("DELETE", "/users/current/tokens/3")
    assert "Token 3 revoked." in result.stderr


def test_user_create_over_rest_with_the_password_from_stdin(cli: Cli, server: FakeServer) -> None:
    server.route(
        "POST",
        "/users",
        {"id": 2, "username": "bob", "email": "bob@x.org", "groups": [{"id": 1, "name": "public"}]},
    )

    result = cli(
        "--api",
        WEB_ROOT,
        "user",
        "create",
        "bob",
        "--email",
        "bob@x.org",
        "--password-stdin",
        input="pa ss\n",
    )

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/users").json == {
        "username": "bob",
        "email": "bob@x.org",
        "password": "pa ss",
        "confirmPassword": "pa ss",
    }
    assert "Created user bob (id 2, groups: public)" in result.stderr


def test_user_create_asks_for_the_password_twice(cli: Cli, server: FakeServer) -> None:
    server.route("POST", "/users", {"id": 2, "username": "bob", "email": "b@x.org", "groups": []})

    result = cli("user", "create", "bob", "--email", "b@x.org", input="pw\npw\n")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/users").json["password"] == "pw"


def test_user_create_refuses_an_empty_password(cli: Cli, server: FakeServer) -> None:
    result = cli("user", "create", "bob", "--email", "b@x.org", "--password-stdin", input="\n")

    assert result.exit_code == 2
    assert result.stderr == "Error: The password is empty.\n"
    assert server.requests == []


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("DIOPTRA_PASSWORD_MEMORY_KIB", "1024")
    monkeypatch.setenv("DIOPTRA_PASSWORD_PARALLELISM", "1")


@pytest.mark.usefixtures("cheap_hashing")
def test_user_create_in_the_database_of_a_data_dir(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"

    first = cli(
        "user",
        "create",
        "alice",
        "--email",
        "a@x.org",
        "--data-dir",
        str(data_dir),
        "--password-stdin",
        input="pw\n",
    )
    again = cli(
        "user",
        "create",
        "alice",
        "--email",
        "other@x.org",
        "--data-dir",
        str(data_dir),
        "--password-stdin",
        input="pw\n",
    )

    assert first.exit_code == 0, first.output
    assert "Created user alice (id 1, groups: public)" in first.stderr
    assert (data_dir / "dioptra.db").is_file()
    assert server.requests == []
    assert again.exit_code == 1
    assert again.stderr == ("Error: The User with username having value (alice) already exists.\n")


@pytest.mark.usefixtures("cheap_hashing")
def test_the_database_url_in_the_environment_means_the_database(
    cli: Cli, server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOPTRA_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")

    result = cli("user", "create", "carol", "--email", "c@x.org", "--password-stdin", input="pw\n")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").is_file()
    assert server.requests == []


def test_login_takes_the_username_as_its_own_option(cli: Cli, server: FakeServer) -> None:
    serve_login(server)

    result = cli("--api", WEB_ROOT, "login", "--username", "ada", input="secret\n")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/auth/login").json == {"username": "ada", "password": "secret"}
    assert "Username" not in result.output
