"""Entrypoints over HTTP: the standard family, PUT with plugin snapshot ids (1.2),
validateOnly, body rules and the 1.2 deletion behaviour."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_queue, create_tag
from entrypoint_testing import (
    ARTIFACT_GRAPH,
    INTEGER,
    NUMBER,
    SIMPLE_GRAPH,
    N,
    add_file,
    artifact_plugin,
    create_entrypoint,
    entrypoint_body,
    ok_json,
    parameter,
    put_body,
    reason,
    training_plugin,
)
from fastapi.testclient import TestClient

ENVELOPE_KEYS = {
    "id",
    "snapshot",
    "group",
    "user",
    "createdOn",
    "snapshotCreatedOn",
    "lastModifiedOn",
    "latestSnapshot",
    "hasDraft",
    "tags",
    "deleted",
}
TYPE_FIELDS = {
    "name",
    "description",
    "taskGraph",
    "artifactGraph",
    "parameters",
    "artifactParameters",
    "plugins",
    "artifactPlugins",
}


@pytest.fixture
def plugins(alice: TestClient) -> dict[str, dict[str, Any]]:
    return {"training": training_plugin(alice), "savers": artifact_plugin(alice)}


@pytest.fixture
def full(alice: TestClient, plugins: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An entrypoint using every field."""
    queue = create_queue(alice, "gpu")
    return create_entrypoint(
        alice,
        [plugins["training"]["id"]],
        name="full",
        description="all fields",
        artifactGraph=ARTIFACT_GRAPH,
        parameters=[N, parameter("unused", "mapping", '{"a": 1}')],
        artifactParameters=[
            {"name": "weights", "outputParams": [{"name": "w", "parameterType": NUMBER}]}
        ],
        artifactPlugins=[plugins["savers"]["id"]],
        queues=[queue["id"]],
    )


def test_create_returns_the_full_entrypoint(
    full: dict[str, Any], plugins: dict[str, dict[str, Any]]
) -> None:
    training = plugins["training"]

    # ``warnings`` (ours) is in save responses only, and only when there are any: a save's
    # answer has the keys of a GET's, as 1.2.2's clients expect.
    assert set(full) == ENVELOPE_KEYS | TYPE_FIELDS | {"queues"}
    assert full["taskGraph"] == SIMPLE_GRAPH
    assert full["artifactGraph"] == ARTIFACT_GRAPH
    assert full["parameters"] == [N, parameter("unused", "mapping", '{"a": 1}')]
    assert full["artifactParameters"] == [
        {
            "name": "weights",
            "outputParams": [
                {
                    "name": "w",
                    "parameterType": {
                        "id": NUMBER,
                        "group": {"id": 1, "name": "public", "url": "/api/v1/groups/1"},
                        "url": f"/api/v1/pluginParameterTypes/{NUMBER}",
                        "deleted": False,
                        "name": "number",
                    },
                }
            ],
        }
    ]
    [entry] = full["plugins"]
    assert list(entry) == ["id", "name", "snapshotId", "latestSnapshot", "url", "files"]
    assert entry["id"] == training["id"]
    assert entry["snapshotId"] == training["snapshot"]
    assert entry["latestSnapshot"] is True
    assert entry["url"] == f"/api/v1/plugins/{training['id']}/snapshots/{training['snapshot']}"
    [file] = entry["files"]
    assert list(file) == ["id", "filename", "snapshotId", "url", "tasks"]
    assert file["filename"] == "tasks.py"
    assert file["url"] == (
        f"/api/v1/plugins/{training['id']}/files/{file['id']}/snapshots/{file['snapshotId']}"
    )
    assert [t["name"] for t in file["tasks"]["functions"]][:2] == ["load", "fit_small"]
    assert [p["name"] for p in full["artifactPlugins"]] == ["savers"]
    assert [(q["name"], q["url"]) for q in full["queues"]] == [
        ("gpu", f"/api/v1/queues/{full['queues'][0]['id']}")
    ]


def test_get_list_search_and_sort(alice: TestClient, full: dict[str, Any]) -> None:
    plugin_id = full["plugins"][0]["id"]
    other = create_entrypoint(alice, [plugin_id], name="another", task_graph="x:\n  noop: []\n")

    saved = {key: value for key, value in full.items() if key != "warnings"}
    assert ok_json(alice.get(f"{API}/entrypoints/{full['id']}")) == saved
    page = ok_json(alice.get(f"{API}/entrypoints/", params={"sortBy": "name"}))
    assert [e["name"] for e in page["data"]] == ["another", "full"]
    assert page["first"] == (
        "/api/v1/entrypoints?index=0&pageLength=10&sortBy=name&descending=False&showDeleted=False"
    )
    by_graph = ok_json(alice.get(f"{API}/entrypoints/", params={"search": "task_graph:*noop*"}))
    assert [e["id"] for e in by_graph["data"]] == [other["id"]]
    unfielded = ok_json(alice.get(f"{API}/entrypoints/", params={"search": "NumberSaver"}))
    assert [e["id"] for e in unfielded["data"]] == [full["id"]]


def test_snapshots_show_versions_without_queues(alice: TestClient, full: dict[str, Any]) -> None:
    ok_json(alice.put(f"{API}/entrypoints/{full['id']}", json=put_body(full, name="renamed")))

    page = ok_json(alice.get(f"{API}/entrypoints/{full['id']}/snapshots"))

    assert [s["name"] for s in page["data"]] == ["full", "renamed"]
    assert all("queues" not in s and "hasDraft" not in s for s in page["data"])
    assert page["data"][0]["plugins"] == full["plugins"]
    first = ok_json(alice.get(f"{API}/entrypoints/{full['id']}/snapshots/{full['snapshot']}"))
    assert first["latestSnapshot"] is False
    assert first["taskGraph"] == full["taskGraph"]


def test_put_replaces_content_and_queues(alice: TestClient, full: dict[str, Any]) -> None:
    queue = create_queue(alice, "cpu")
    graph = "prep:\n  load: [$n]\n"

    modified = ok_json(
        alice.put(
            f"{API}/entrypoints/{full['id']}",
            json=put_body(
                full,
                taskGraph=graph,
                artifactGraph="",
                parameters=[parameter("n", "integer", "5")],
                artifactParameters=[],
                queues=[queue["id"]],
            ),
        )
    )

    assert modified["snapshot"] > full["snapshot"]
    assert modified["taskGraph"] == graph
    assert modified["parameters"] == [parameter("n", "integer", "5")]
    assert modified["artifactParameters"] == []
    assert [q["name"] for q in modified["queues"]] == ["cpu"]
    assert modified["plugins"] == full["plugins"]  # the bound snapshot is kept


def test_put_requires_the_snapshot_id_lists(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    body = put_body(full)
    del body["pluginSnapshotIds"], body["artifactPluginSnapshotIds"]

    with unchanged():
        response = alice.put(f"{API}/entrypoints/{full['id']}", json=body)

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "pluginSnapshotIds": ["Missing data for required field."],
            "artifactPluginSnapshotIds": ["Missing data for required field."],
        }
    }


def test_put_snapshot_ids_keep_upgrade_or_detach(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    training = full["plugins"][0]
    bound = training["snapshotId"]
    add_file(alice, training["id"], "extra.py")  # the plugin moves on
    latest = ok_json(alice.get(f"{API}/plugins/{training['id']}"))["snapshot"]
    assert latest != bound
    url = f"{API}/entrypoints/{full['id']}"

    kept = ok_json(alice.put(url, json=put_body(full)))
    assert kept["plugins"][0]["snapshotId"] == bound
    assert kept["plugins"][0]["latestSnapshot"] is False

    upgraded = ok_json(alice.put(url, json=put_body(full, pluginSnapshotIds=[latest])))
    assert upgraded["plugins"][0]["snapshotId"] == latest
    assert upgraded["plugins"][0]["latestSnapshot"] is True
    assert [f["filename"] for f in upgraded["plugins"][0]["files"]] == ["tasks.py", "extra.py"]

    detached = ok_json(
        alice.put(url, json=put_body(upgraded, artifactGraph="", artifactPluginSnapshotIds=[]))
    )
    assert detached["artifactPlugins"] == []

    # Once upgraded, the old snapshot is neither bound nor latest.
    with unchanged():
        stale = alice.put(url, json=put_body(upgraded, pluginSnapshotIds=[bound]))
    assert reason(stale) == {
        "schema_issues": [
            f"Plugin snapshot {bound} must be the currently bound or latest snapshot for "
            "its task role."
        ]
    }


def test_put_snapshot_id_errors(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    training = full["plugins"][0]
    add_file(alice, training["id"], "extra.py")
    latest = ok_json(alice.get(f"{API}/plugins/{training['id']}"))["snapshot"]
    url = f"{API}/entrypoints/{full['id']}"

    with unchanged():
        two = alice.put(
            url, json=put_body(full, pluginSnapshotIds=[training["snapshotId"], latest])
        )
        unknown = alice.put(url, json=put_body(full, pluginSnapshotIds=[99999]))
        not_plugin = alice.put(url, json=put_body(full, pluginSnapshotIds=[full["snapshot"]]))
        none = alice.put(url, json=put_body(full, pluginSnapshotIds=[]))

    assert reason(two) == {"schema_issues": ["Select only one snapshot per task plugin."]}
    assert_error(
        unknown,
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin", "plugin_snapshot_id": 99999},
    )
    assert_error(not_plugin, 404, "EntityDoesNotExistError")
    # Detaching every task plugin leaves the graph without tasks.
    assert list(reason(none)) == ["schema_issues"]
    assert "at least one task" in reason(none)["schema_issues"][0]


def test_new_plugins_in_put_must_be_at_latest(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    savers = full["artifactPlugins"][0]
    old = savers["snapshotId"]
    add_file(alice, savers["id"], "more.py")
    latest = ok_json(alice.get(f"{API}/plugins/{savers['id']}"))["snapshot"]
    url = f"{API}/entrypoints/{full['id']}"
    # Detach the artifact plugin, then bind it again.
    detached = ok_json(
        alice.put(url, json=put_body(full, artifactGraph="", artifactPluginSnapshotIds=[]))
    )

    with unchanged():
        response = alice.put(url, json=put_body(detached, artifactPluginSnapshotIds=[old]))
    assert reason(response) == {
        "schema_issues": [
            f"Plugin snapshot {old} must be the currently bound or latest snapshot for its "
            "artifact role."
        ]
    }
    rebound = ok_json(alice.put(url, json=put_body(detached, artifactPluginSnapshotIds=[latest])))
    assert [p["snapshotId"] for p in rebound["artifactPlugins"]] == [latest]


def test_validate_only_create_stores_nothing(
    alice: TestClient, unchanged: Callable[[], Any], plugins: dict[str, dict[str, Any]]
) -> None:
    body = entrypoint_body([plugins["training"]["id"]], name="dry")

    with unchanged():
        response = alice.post(f"{API}/entrypoints/", params={"validateOnly": True}, json=body)
        invalid = alice.post(
            f"{API}/entrypoints/",
            params={"validateOnly": True},
            json={**body, "taskGraph": "x:\n  nosuch: []\n"},
        )

    dry = ok_json(response)
    assert set(dry) == (ENVELOPE_KEYS | TYPE_FIELDS | {"queues"}) - {
        "id",
        "snapshot",
        "createdOn",
        "snapshotCreatedOn",
        "lastModifiedOn",
    }
    assert dry["name"] == "dry"
    assert dry["plugins"][0]["id"] == plugins["training"]["id"]
    assert list(reason(invalid)) == ["swap_issues"]
    assert ok_json(alice.get(f"{API}/entrypoints/"))["totalNumResults"] == 0
    # The Python client always sends the flag, as a capitalised boolean.
    real = alice.post(f"{API}/entrypoints/", params={"validateOnly": "False"}, json=body)
    assert ok_json(real)["id"] > 0


def test_validate_only_modify_stores_nothing(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    with unchanged():
        response = alice.put(
            f"{API}/entrypoints/{full['id']}",
            params={"validateOnly": "true"},
            json=put_body(full, name="would-be"),
        )
        clash = alice.put(
            f"{API}/entrypoints/{full['id']}",
            params={"validateOnly": "true"},
            json=put_body(full, taskGraph="x:\n  load: [$missing]\n", artifactGraph=""),
        )

    dry = ok_json(response)
    assert dry["name"] == "would-be"
    assert dry["id"] == full["id"]
    assert {"snapshot", "snapshotCreatedOn", "lastModifiedOn"}.isdisjoint(dry)
    assert reason(clash)["missing_global_params"] == ["missing"]


def test_validate_only_still_reports_name_clashes(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    body = entrypoint_body([full["plugins"][0]["id"]], name="full")

    with unchanged():
        response = alice.post(f"{API}/entrypoints/", params={"validateOnly": True}, json=body)

    assert_error(response, 409, "EntityExistsError")


# -- body rules --------------------------------------------------------------------------


def _artifact(name: str, *outputs: tuple[str, int]) -> dict[str, Any]:
    return {
        "name": name,
        "outputParams": [{"name": n, "parameterType": t} for n, t in outputs],
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"parameters": [N, N]},
            "Bad Request - Entrypoint Parameters must be unique with duplicates having "
            "value (['n']).",
        ),
        (
            {"artifactParameters": [_artifact("a"), _artifact("a")]},
            "Bad Request - Entrypoint Artifact Parameters must be unique with duplicates "
            "having value (['a']).",
        ),
        (
            {"artifactParameters": [_artifact("a", ("v", NUMBER), ("v", INTEGER))]},
            "Bad Request - Entrypoint Artifact Output Parameters must be unique with "
            "artifact_name having value (a), and duplicates having value (['v']).",
        ),
    ],
)
def test_duplicate_names_are_400(
    alice: TestClient,
    unchanged: Callable[[], Any],
    plugins: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    message: str,
) -> None:
    body = entrypoint_body([plugins["training"]["id"]], **fields)

    with unchanged():
        response = alice.post(f"{API}/entrypoints/", json=body)

    assert assert_error(response, 400, "InputParameterNotUniqueError")["message"] == message


def test_defaults_must_parse_as_their_type(
    alice: TestClient, unchanged: Callable[[], Any], plugins: dict[str, dict[str, Any]]
) -> None:
    params = [
        parameter("n", "integer", "x3"),
        parameter("flag", "boolean", "TRUE"),  # any case is fine
        parameter("m", "mapping", "[1]"),
        parameter("l", "list", "[1, 2]"),
    ]
    body = entrypoint_body([plugins["training"]["id"]], parameters=params)

    with unchanged():
        response = alice.post(f"{API}/entrypoints/", json=body)

    assert assert_error(response, 400, "EntrypointParameterTypeMismatchError")["message"] == (
        "Bad Request - Could not cast value(s) \"['x3', '[1]']\" of parameter(s) "
        "\"['n', 'm']\" to declared entrypoint parameter type \"['integer', 'mapping']\"."
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"parameters": [parameter("n", "int", "1")]},
            {
                "parameters": {
                    "0": {
                        "parameterType": [
                            "Must be one of: string, float, integer, boolean, list, mapping."
                        ]
                    }
                }
            },
        ),
        (
            {"artifactParameters": [_artifact("bad-name")]},
            {
                "artifactParameters": {
                    "0": {
                        "name": [
                            "'bad-name' is not a compatible name for a Python function "
                            "parameter. A Python function parameter must start with a letter "
                            "or underscore, followed by letters, numbers, or underscores. In "
                            "addition, '_' is not a valid Python function parameter."
                        ]
                    }
                }
            },
        ),
        ({"taskGraph": None}, {"taskGraph": ["Not a valid string."]}),
        ({"plugins": "x"}, {"plugins": ["Not a valid list."]}),
    ],
)
def test_malformed_bodies_are_400(
    alice: TestClient,
    unchanged: Callable[[], Any],
    plugins: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    errors: dict[str, Any],
) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/entrypoints/", json={**entrypoint_body([plugins["training"]["id"]]), **fields}
        )

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize(
    ("fields", "status", "error", "detail"),
    [
        (
            {"plugins": [999]},
            404,
            "EntityDoesNotExistError",
            {"entity_type": "plugin", "plugin_ids": [999]},
        ),
        (
            {"artifactPlugins": [999]},
            404,
            "EntityDoesNotExistError",
            {"entity_type": "plugin", "plugin_ids": [999]},
        ),
        (
            {"queues": [999]},
            404,
            "EntityDoesNotExistError",
            {"entity_type": "resource", "resource_ids": [999]},
        ),
        (
            {"artifactParameters": [_artifact("a", ("v", 999))]},
            404,
            "EntityDoesNotExistError",
            {
                "entity_type": "plugin_task_parameter_type",
                "num_expected": 1,
                "num_found": 0,
                "ids_not_found": [999],
            },
        ),
        ({"name": "bad/name"}, 400, "ResourceNameError", {}),
        ({"group": 999}, 404, "EntityDoesNotExistError", None),
    ],
)
def test_unknown_references_and_bad_names(
    alice: TestClient,
    unchanged: Callable[[], Any],
    plugins: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    status: int,
    error: str,
    detail: dict[str, Any] | None,
) -> None:
    with unchanged():
        response = alice.post(
            f"{API}/entrypoints/", json={**entrypoint_body([plugins["training"]["id"]]), **fields}
        )

    assert_error(response, status, error, detail)


def test_names_are_unique_per_group(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    other = create_entrypoint(alice, [full["plugins"][0]["id"]], name="other")

    with unchanged():
        clash = alice.post(
            f"{API}/entrypoints/", json=entrypoint_body([full["plugins"][0]["id"]], name="full")
        )
        rename = alice.put(f"{API}/entrypoints/{other['id']}", json=put_body(other, name="full"))

    for response in (clash, rename):
        body = assert_error(response, 409, "EntityExistsError")
        assert body["detail"]["existing_id"] == full["id"]


def test_a_deleted_queue_may_be_named_on_create_only(
    alice: TestClient, unchanged: Callable[[], Any], plugins: dict[str, dict[str, Any]]
) -> None:
    queue = create_queue(alice, "old")
    ok_json(alice.delete(f"{API}/queues/{queue['id']}"))

    created = create_entrypoint(alice, [plugins["training"]["id"]], queues=[queue["id"]])
    with unchanged():
        response = alice.put(
            f"{API}/entrypoints/{created['id']}", json=put_body(created, queues=[queue["id"]])
        )

    assert [q["deleted"] for q in created["queues"]] == [True]
    assert_error(response, 423, "EntityDeletedError")


# -- deletion ----------------------------------------------------------------------------


def test_deleted_entrypoint_behaviour(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{full['id']}"
    snapshot = f"{url}/snapshots/{full['snapshot']}"
    plugin_id = full["plugins"][0]["id"]

    assert ok_json(alice.delete(url)) == {"id": [full["id"]], "status": "Success"}
    assert ok_json(alice.delete(url)) == {"id": [full["id"]], "status": "Success"}

    assert ok_json(alice.get(url))["deleted"] is True
    assert ok_json(alice.get(f"{API}/entrypoints/"))["totalNumResults"] == 0
    shown = ok_json(alice.get(f"{API}/entrypoints/", params={"showDeleted": True}))
    assert [e["id"] for e in shown["data"]] == [full["id"]]
    assert ok_json(alice.get(f"{url}/snapshots"))["totalNumResults"] == 1
    assert len(ok_json(alice.get(f"{url}/queues"))) == 1
    with unchanged():
        locked = [
            alice.put(url, json=put_body(full)),
            alice.get(f"{url}/plugins"),
            alice.post(f"{url}/plugins", json={"plugins": [plugin_id]}),
            alice.delete(f"{url}/plugins/{plugin_id}"),
            alice.get(f"{url}/artifactPlugins"),
            alice.post(f"{url}/queues", json={"ids": []}),
            alice.get(f"{snapshot}/config"),
            alice.get(f"{snapshot}/swaps"),
            alice.get(f"{snapshot}/dynamicGlobalParameters"),
            alice.get(f"{snapshot}/artifactPlugins"),
            alice.get(f"{snapshot}/plugins/bundle"),
            alice.post(f"{url}:lint", json={"name": "x", "taskGraph": SIMPLE_GRAPH}),
            alice.post(f"{url}/draft", json={"name": "x", "taskGraph": SIMPLE_GRAPH}),
        ]
        tags = alice.get(f"{url}/tags")
    for response in locked:
        assert_error(response, 423, "EntityDeletedError")
    assert_error(tags, 404, "EntityDoesNotExistError")
    # Its queue links can still be removed.
    assert len(ok_json(alice.delete(f"{url}/queues"))["id"]) == 1


def test_unknown_entrypoint_is_404(alice: TestClient) -> None:
    body = assert_error(alice.get(f"{API}/entrypoints/999"), 404, "EntityDoesNotExistError")
    assert body["detail"] == {"entity_type": "entry_point", "resource_id": 999}


# -- drafts and tags -----------------------------------------------------------------------


def test_new_draft_commits_through_validation(
    alice: TestClient, unchanged: Callable[[], Any], plugins: dict[str, dict[str, Any]]
) -> None:
    training = plugins["training"]["id"]
    bad = ok_json(
        alice.post(
            f"{API}/entrypoints/drafts/",
            json={
                "group": 1,
                "name": "d1",
                "taskGraph": "x:\n  nosuch: []\n",
                "plugins": [training],
            },
        )
    )
    good = ok_json(
        alice.post(
            f"{API}/entrypoints/drafts/",
            json={
                "group": 1,
                "name": "d2",
                "taskGraph": SIMPLE_GRAPH,
                "parameters": [N],
                "plugins": [training],
            },
        )
    )
    assert good["payload"]["taskGraph"] == SIMPLE_GRAPH

    with unchanged():
        rejected = alice.post(f"{API}/workflows/draftCommit/{bad['id']}")
    assert list(reason(rejected)) == ["swap_issues"]

    committed = ok_json(alice.post(f"{API}/workflows/draftCommit/{good['id']}"))
    created = ok_json(alice.get(f"{API}/entrypoints/{committed['id'][0]}"))
    assert created["name"] == "d2"
    assert created["plugins"][0]["id"] == training


def test_modification_draft_keeps_plugin_bindings(
    alice: TestClient, unchanged: Callable[[], Any], full: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{full['id']}"
    with unchanged():
        refused = alice.post(
            f"{url}/draft",
            json={"name": "x", "taskGraph": SIMPLE_GRAPH, "pluginSnapshotIds": []},
        )
    assert refused.status_code == 400
    assert refused.json() == {"errors": {"pluginSnapshotIds": ["Unknown field."]}}

    draft = ok_json(
        alice.post(
            f"{url}/draft",
            json={
                "name": "drafted",
                "taskGraph": full["taskGraph"],
                "artifactGraph": full["artifactGraph"],
                "parameters": [N],
                "artifactParameters": [],
            },
        )
    )
    assert draft["resource"] == full["id"]
    ok_json(alice.post(f"{API}/workflows/draftCommit/{draft['id']}"))

    modified = ok_json(alice.get(url))
    assert modified["name"] == "drafted"
    assert modified["plugins"] == full["plugins"]
    assert modified["artifactPlugins"] == full["artifactPlugins"]
    assert modified["queues"] == []  # the draft named no queues


def test_tags(alice: TestClient, full: dict[str, Any]) -> None:
    tag = create_tag(alice, "vision")

    tags = ok_json(alice.put(f"{API}/entrypoints/{full['id']}/tags", json={"ids": [tag["id"]]}))

    assert [t["name"] for t in tags] == ["vision"]
    assert [t["name"] for t in ok_json(alice.get(f"{API}/entrypoints/{full['id']}"))["tags"]] == [
        "vision"
    ]
