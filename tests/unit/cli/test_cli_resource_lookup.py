"""The resource commands' name lookup in several groups, and the requests they send
where the live-server tests cannot see them (tests/e2e/test_cli_resources.py has the rest)."""

from __future__ import annotations

from typing import Any

import httpx
from cli_harness import Cli, FakeServer, page, ref


def in_group(resource: dict[str, Any], group_id: int, group_name: str) -> dict[str, Any]:
    return {**resource, "group": {"id": group_id, "name": group_name, "url": ""}}


def test_a_name_used_in_two_groups_needs_an_id_or_group(cli: Cli, server: FakeServer) -> None:
    twins = [
        in_group(ref("plugins", 4, "attacks"), 1, "public"),
        in_group(ref("plugins", 9, "attacks"), 2, "red-team"),
    ]

    def listing(request: httpx.Request) -> httpx.Response:
        group = request.url.params.get("groupId")
        found = [t for t in twins if group is None or str(t["group"]["id"]) == group]
        return httpx.Response(200, json=page(found))

    server.route("GET", "/plugins", listing)

    ambiguous = cli("plugins", "show", "attacks")
    narrowed = cli("plugins", "show", "attacks", "--group", "2", "--json")

    assert ambiguous.exit_code == 1
    assert "There are 2 plugins named 'attacks', in groups public (id 1), red-team (id 2)" in (
        ambiguous.stderr
    )
    assert narrowed.exit_code == 0, narrowed.output
    assert '"id": 9' in narrowed.stdout
    assert [r.param("groupId") for r in server.sent("GET", "/plugins")] == [None, "2"]


def test_editing_an_entrypoint_keeps_its_plugin_versions(cli: Cli, server: FakeServer) -> None:
    bound = {**ref("plugins", 4, "attacks", snapshot=11), "latestSnapshot": False}
    current = {
        **ref("entrypoints", 5, "evade"),
        "taskGraph": "a:\n  fgm: {}\n",
        "artifactGraph": "",
        "description": None,
        "parameters": [{"name": "eps", "parameterType": "float", "defaultValue": "0.1"}],
        "artifactParameters": [],
        "plugins": [bound],
        "artifactPlugins": [],
        "queues": [ref("queues", 2, "cpu")],
    }
    server.route("GET", "/entrypoints", page([current]))
    server.route("PUT", "/entrypoints/5", current)

    result = cli("entrypoints", "edit", "evade", "--description", "FGM")

    assert result.exit_code == 0, result.output
    sent = server.one("PUT", "/entrypoints/5").json
    assert sent["pluginSnapshotIds"] == [11]  # not the plugin's newer snapshot
    assert sent["artifactPluginSnapshotIds"] == []
    assert sent["queues"] == [2]
    assert sent["parameters"] == current["parameters"]
    assert sent["description"] == "FGM"
    assert sent["taskGraph"] == current["taskGraph"]


def test_answering_no_deletes_nothing(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/experiments", page([ref("experiments", 3, "study")]))

    result = cli("experiments", "delete", "study", input="n\n")

    assert result.exit_code == 1
    assert "Delete experiment 'study' (id 3)?" in result.stderr
    assert server.sent("DELETE", "/experiments/3") == []
