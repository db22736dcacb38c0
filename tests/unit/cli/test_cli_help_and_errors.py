"""Every command explains itself; errors are one red line with the right exit status."""

from __future__ import annotations

import httpx
import pytest
from cli_harness import Cli, FakeServer

COMMANDS = [
    ("login",),
    ("logout",),
    ("import",),
    ("run",),
    ("jobs",),
    ("jobs", "list"),
    ("jobs", "show"),
    ("jobs", "logs"),
    ("jobs", "cancel"),
    ("jobs", "rerun"),
    ("artifacts", "list"),
    ("queues",),
    ("queues", "list"),
    ("queues", "create"),
    ("artifacts", "download"),
    ("user", "create"),
    ("token", "create"),
    ("token", "list"),
    ("token", "revoke"),
    ("artifacts", "show"),
    *(
        (group, command)
        for group in ("plugins", "entrypoints", "experiments", "types")
        for command in ("list", "show", "create", "edit", "delete")
    ),
    ("plugins", "add-file"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cli: Cli, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")

    assert result.exit_code == 0, result.output
    assert "Usage: dioptra " + " ".join(command) in result.output
    assert "Examples:" in result.output
    assert f"$ dioptra {command[0]}" in result.output or "$ export" in result.output


def test_root_help_lists_the_global_options_and_commands(cli: Cli) -> None:
    result = cli("--help")

    assert result.exit_code == 0
    for text in ("--api", "DIOPTRA_API", "--token", "DIOPTRA_API_TOKEN", "--username", "--debug"):
        assert text in result.output
    for command in (
        "import",
        "run",
        "jobs",
        "artifacts",
        "user",
        "token",
        "login",
        "plugins",
        "entrypoints",
        "experiments",
        "types",
    ):
        assert command in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("jobs", "show"),  # missing argument
        ("jobs", "show", "twelve"),  # not a number
        ("run", "tutorial"),  # missing entrypoint
        ("run", "tutorial", "sample", "-p", "no-equals-sign"),
        ("run", "tutorial", "sample", "-p", "a=1", "-p", "a=2"),
        ("run", "tutorial", "sample", "--artifact", "array=seven"),
        ("import", ".", "--strategy", "merge"),
        ("jobs", "list", "--frobnicate"),
        ("artifacts", "download", "7", "--format", "rar"),
        ("artifacts", "show", "seven"),
        ("types", "create", "Pair", "--structure", "{not json"),
        ("entrypoints", "create", "greet"),  # --graph is required
        ("entrypoints", "create", "greet", "--graph", "no/such/graph.yml"),
        ("entrypoints", "create", "greet", "--graph", "/dev/null", "-p", "name"),
        ("entrypoints", "edit", "greet", "--artifact-input", "array"),
        ("plugins", "add-file", "texts", "no/such/tasks.py"),
        ("plugins", "delete", "texts", "--yes", "extra"),
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2_without_contacting_the_server(
    cli: Cli, server: FakeServer, args: tuple[str, ...]
) -> None:
    result = cli(*args)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert server.requests == []


def test_a_bad_address_is_a_usage_error(cli: Cli) -> None:
    result = cli("--api", "ftp://example.org", "jobs", "show", "1")

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "Error: Invalid Dioptra address" in result.stderr


def test_server_errors_print_the_servers_message_on_one_line(cli: Cli, server: FakeServer) -> None:
    message = "Not Found - Failed to locate Job with job_id having value (12)."
    server.route(
        "GET",
        "/jobs/12",
        httpx.Response(404, json={"error": "EntityDoesNotExistError", "message": message}),
    )

    result = cli("jobs", "show", "12")

    assert result.exit_code == 1
    assert result.stdout == ""
    # The status phrase the server starts its message with is left out: the text says it.
    assert result.stderr == "Error: Failed to locate Job with job_id having value (12).\n"


def test_a_refusals_field_errors_are_one_a_line(cli: Cli, server: FakeServer) -> None:
    body = {
        "error": "RequestValidationError",
        "message": "Unprocessable Entity - Invalid request",
        "detail": [{"loc": ["query", "pageLength"], "msg": "must be at least 1"}, "other"],
    }
    server.route("GET", "/jobs/12", httpx.Response(422, json=body))

    result = cli("jobs", "show", "12")

    assert result.stderr == "Error: Invalid request\nquery.pageLength: must be at least 1\nother\n"


def test_unauthorized_adds_how_to_log_in(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12", httpx.Response(401, json={"message": "Unauthorized"}))

    result = cli("jobs", "show", "12")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unauthorized (log in with `dioptra login`")
    assert result.stderr.count("\n") == 1


def test_an_unreachable_server_is_reported_without_traceback(cli: Cli, server: FakeServer) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    server.route("GET", "/jobs/12", refuse)

    result = cli("jobs", "show", "12")

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Connection refused" in result.stderr
    assert "dioptra up" in result.stderr


def test_debug_shows_the_traceback_too(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12", httpx.Response(500, json={"message": "Internal - boom"}))

    result = cli("--debug", "jobs", "show", "12")

    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().endswith("Error: Internal - boom")
