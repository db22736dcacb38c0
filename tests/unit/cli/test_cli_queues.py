"""`dioptra queues [list]|create`."""

from __future__ import annotations

from cli_harness import Cli, FakeServer, page, ref


def test_queues_alone_lists_every_queue(cli: Cli, server: FakeServer) -> None:
    server.route(
        "GET", "/queues", page([{**ref("queues", 2, "default"), "description": "CPU jobs"}])
    )

    result = cli("queues")

    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "│ 2 " in line)
    assert "default" in row and "public" in row and "CPU jobs" in row


def test_queues_create_in_the_users_first_group(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/users/current", {"id": 1, "username": "ada", "groups": [{"id": 4}]})
    server.route("POST", "/queues", ref("queues", 9, "gpu"))

    result = cli("queues", "create", "gpu", "--description", "the big one")

    assert result.exit_code == 0, result.output
    assert server.one("POST", "/queues").json == {
        "group": 4,
        "name": "gpu",
        "description": "the big one",
    }
    assert result.stdout == "9\n"
    assert "Created queue gpu (id 9)" in result.stderr


def test_queues_create_in_a_given_group(cli: Cli, server: FakeServer) -> None:
    server.route("POST", "/queues", ref("queues", 9, "gpu"))

    result = cli("queues", "create", "gpu", "--group", "7")

    assert result.exit_code == 0, result.output
    assert server.sent("GET", "/users/current") == []
    assert server.one("POST", "/queues").json == {"group": 7, "name": "gpu"}
