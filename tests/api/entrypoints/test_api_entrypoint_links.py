"""An entrypoint's plugin bindings (sync, detach), queue links and plugin bundles."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error, create_queue
from entrypoint_testing import (
    ARTIFACT_GRAPH,
    add_file,
    artifact_plugin,
    create_entrypoint,
    create_plugin,
    function_task,
    ok_json,
    reason,
    training_plugin,
)
from fastapi.testclient import TestClient
from jobs_testing import make_world


@pytest.fixture
def setup(alice: TestClient) -> dict[str, Any]:
    training = training_plugin(alice)
    extra = create_plugin(alice, "extra", [function_task("helper", [], [])], filename="help.py")
    savers = artifact_plugin(alice)
    entrypoint = create_entrypoint(
        alice,
        [training["id"]],
        artifactGraph=ARTIFACT_GRAPH,
        artifactPlugins=[savers["id"]],
    )
    return {"training": training, "extra": extra, "savers": savers, "ep": entrypoint}


def snapshots_count(client: TestClient, entrypoint_id: int) -> int:
    count: int = ok_json(client.get(f"{API}/entrypoints/{entrypoint_id}/snapshots"))[
        "totalNumResults"
    ]
    return count


def test_plugins_list_and_get(alice: TestClient, setup: dict[str, Any]) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}"
    training = setup["training"]

    listed = ok_json(alice.get(f"{url}/plugins"))
    one = ok_json(alice.get(f"{url}/plugins/{training['id']}"))
    artifacts = ok_json(alice.get(f"{url}/artifactPlugins"))

    assert listed == setup["ep"]["plugins"]
    assert one == listed[0]
    assert [p["id"] for p in artifacts] == [setup["savers"]["id"]]
    assert ok_json(alice.get(f"{url}/artifactPlugins/{setup['savers']['id']}")) == artifacts[0]


def test_plugin_not_attached_is_404(
    alice: TestClient, unchanged: Callable[[], Any], setup: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}"
    extra = setup["extra"]["id"]

    with unchanged():
        get = alice.get(f"{url}/plugins/{extra}")
        delete = alice.delete(f"{url}/plugins/{extra}")
        artifact = alice.get(f"{url}/artifactPlugins/{setup['training']['id']}")

    assert_error(
        get,
        404,
        "EntityRelationshipDoesNotExistError",
        {
            "entity_types": ["entry_point", "plugin"],
            "entrypoint_id": setup["ep"]["id"],
            "plugin_id": extra,
        },
    )
    assert_error(delete, 404, "EntityRelationshipDoesNotExistError")
    assert artifact.json()["detail"]["artifact_plugin_id"] == setup["training"]["id"]


def test_sync_flips_latest_snapshot(alice: TestClient, setup: dict[str, Any]) -> None:
    entrypoint, training = setup["ep"], setup["training"]
    url = f"{API}/entrypoints/{entrypoint['id']}"
    add_file(alice, training["id"], "more.py", [function_task("more", [], [])])

    stale = ok_json(alice.get(f"{url}/plugins/{training['id']}"))
    assert stale["latestSnapshot"] is False
    assert stale["snapshotId"] == training["snapshot"]

    synced = ok_json(alice.post(f"{url}/plugins", json={"plugins": [training["id"]]}))

    latest = ok_json(alice.get(f"{API}/plugins/{training['id']}"))["snapshot"]
    assert [(p["id"], p["snapshotId"], p["latestSnapshot"]) for p in synced] == [
        (training["id"], latest, True)
    ]
    assert [f["filename"] for f in synced[0]["files"]] == ["tasks.py", "more.py"]
    assert snapshots_count(alice, entrypoint["id"]) == 2
    # The old version keeps the old binding.
    old = ok_json(alice.get(f"{url}/snapshots/{entrypoint['snapshot']}"))
    assert old["plugins"][0]["snapshotId"] == training["snapshot"]


def test_attach_and_detach_make_versions(alice: TestClient, setup: dict[str, Any]) -> None:
    entrypoint = setup["ep"]
    url = f"{API}/entrypoints/{entrypoint['id']}"
    extra = setup["extra"]["id"]

    attached = ok_json(alice.post(f"{url}/plugins", json={"plugins": [extra]}))
    assert [p["id"] for p in attached] == [setup["training"]["id"], extra]

    assert ok_json(alice.delete(f"{url}/plugins/{extra}")) == {"id": [extra], "status": "Success"}
    assert [p["id"] for p in ok_json(alice.get(f"{url}/plugins"))] == [setup["training"]["id"]]
    assert snapshots_count(alice, entrypoint["id"]) == 3


def test_detaching_what_the_task_graph_needs_is_refused(
    alice: TestClient, unchanged: Callable[[], Any], setup: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}"

    with unchanged():
        task_plugin = alice.delete(f"{url}/plugins/{setup['training']['id']}")

    assert list(reason(task_plugin)) == ["schema_issues"]


def test_a_job_needs_the_artifact_tasks_its_artifact_graph_names(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    """Detaching the artifact plugin saves (the artifact task only warns, as 1.2.2
    saves it); submitting a job of that version is refused, naming the task."""
    world = make_world(alice)
    url = f"{API}/entrypoints/{world.entrypoint['id']}"

    detached = alice.delete(f"{url}/artifactPlugins/{world.savers['id']}")
    assert ok_json(detached)["id"] == [world.savers["id"]]
    assert ok_json(alice.get(f"{url}/artifactPlugins")) == []
    with unchanged():
        refused = alice.post(world.jobs_url, json=world.body())

    body = assert_error(refused, 400, "ArtifactTaskNotRegisteredError")
    assert "'NumberSaver'" in body["message"] and "entrypoint 'ep'" in body["message"]
    assert body["detail"] == {"artifact_tasks": ["NumberSaver"]}
    # The older snapshot, bound to the plugin, still runs.
    older = world.body(entrypointSnapshot=world.entrypoint["snapshot"])
    ok_json(alice.post(world.jobs_url, json=older))


def test_attach_unknown_plugin_is_404(
    alice: TestClient, unchanged: Callable[[], Any], setup: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}"

    with unchanged():
        response = alice.post(f"{url}/artifactPlugins", json={"artifactPlugins": [999]})

    assert_error(
        response, 404, "EntityDoesNotExistError", {"entity_type": "plugin", "plugin_ids": [999]}
    )


def test_snapshot_artifact_plugins(alice: TestClient, setup: dict[str, Any]) -> None:
    entrypoint = setup["ep"]

    listed = ok_json(
        alice.get(
            f"{API}/entrypoints/{entrypoint['id']}/snapshots/{entrypoint['snapshot']}/artifactPlugins"
        )
    )

    assert listed == entrypoint["artifactPlugins"]


# -- queues ----------------------------------------------------------------------------


def test_queue_routes(alice: TestClient, setup: dict[str, Any]) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}/queues"
    q1, q2, q3 = (create_queue(alice, f"q{n}")["id"] for n in range(3))

    assert ok_json(alice.get(url)) == []
    added = ok_json(alice.post(url, json={"ids": [q1, q2]}))
    assert [(q["id"], q["name"], q["url"]) for q in added] == [
        (q1, "q0", f"/api/v1/queues/{q1}"),
        (q2, "q1", f"/api/v1/queues/{q2}"),
    ]
    assert [q["id"] for q in ok_json(alice.put(url, json={"ids": [q3]}))] == [q3]
    assert ok_json(alice.delete(f"{url}/{q3}")) == {"id": [q3], "status": "Success"}
    assert ok_json(alice.delete(f"{url}/{q3}")) == {"id": [q3], "status": "Success"}
    alice.post(url, json={"ids": [q1, q2]})
    assert ok_json(alice.delete(url)) == {"id": [q1, q2], "status": "Success"}
    # Queue links are resource-level: no new version.
    assert snapshots_count(alice, setup["ep"]["id"]) == 1


def test_queue_errors(
    alice: TestClient, unchanged: Callable[[], Any], setup: dict[str, Any]
) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}/queues"
    queue = create_queue(alice, "old")
    ok_json(alice.delete(f"{API}/queues/{queue['id']}"))

    with unchanged():
        deleted = alice.post(url, json={"ids": [queue["id"]]})
        replaced = alice.put(url, json={"ids": [queue["id"]]})
        unknown = alice.post(url, json={"ids": [999]})
        not_queue = alice.post(url, json={"ids": [setup["training"]["id"]]})
        remove_unknown = alice.delete(f"{url}/999")

    for response in (deleted, replaced):
        assert_error(
            response,
            423,
            "EntityDeletedError",
            {"entity_type": "resource", "existing_id": queue["id"], "resource_id": queue["id"]},
        )
    assert_error(
        unknown, 404, "EntityDoesNotExistError", {"entity_type": "resource", "resource_ids": [999]}
    )
    assert_error(not_queue, 404, "EntityDoesNotExistError")
    assert_error(remove_unknown, 404, "EntityDoesNotExistError")


def test_deleting_a_queue_unlinks_it(alice: TestClient, setup: dict[str, Any]) -> None:
    url = f"{API}/entrypoints/{setup['ep']['id']}/queues"
    queue = create_queue(alice, "q")
    alice.post(url, json={"ids": [queue["id"]]})

    ok_json(alice.delete(f"{API}/queues/{queue['id']}"))

    assert ok_json(alice.get(url)) == []


# -- bundles ----------------------------------------------------------------------------


def test_plugins_bundle_holds_the_bound_files_and_a_manifest(
    alice: TestClient, setup: dict[str, Any]
) -> None:
    entrypoint, training = setup["ep"], setup["training"]
    base = f"{API}/entrypoints/{entrypoint['id']}/snapshots/{entrypoint['snapshot']}"
    add_file(alice, training["id"], "later.py")  # not in the bound snapshot

    response = alice.get(f"{base}/plugins/bundle")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gzip"
    assert "plugins_bundle.tar.gz" in response.headers["content-disposition"]
    with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as archive:
        names = archive.getnames()
        contents = archive.extractfile("training/tasks.py")
        assert contents is not None and contents.read() == b"# tasks\n"
        manifest_file = archive.extractfile("manifest.json")
        assert manifest_file is not None
        manifest = json.load(manifest_file)
    assert names == ["training/tasks.py", "manifest.json"]
    file_entry = entrypoint["plugins"][0]["files"][0]
    assert manifest == {
        "training": {
            "plugin_resource_snapshot_id": training["snapshot"],
            "tasks.py": {
                "plugin_file_resource_snapshot_id": file_entry["snapshotId"],
                "tasks": [t["name"] for t in file_entry["tasks"]["functions"]],
            },
        }
    }


def test_artifact_plugins_bundle_as_zip(alice: TestClient, setup: dict[str, Any]) -> None:
    entrypoint = setup["ep"]
    base = f"{API}/entrypoints/{entrypoint['id']}/snapshots/{entrypoint['snapshot']}"

    response = alice.get(f"{base}/artifactPlugins/bundle", params={"fileType": "zip"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert "artifact_serialize_bundle.zip" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["savers/savers.py", "manifest.json"]
        assert json.loads(archive.read("manifest.json"))["savers"]["savers.py"]["tasks"] == [
            "NumberSaver"
        ]


def test_bundle_of_another_entrypoints_snapshot_is_404(
    alice: TestClient, setup: dict[str, Any]
) -> None:
    other = create_entrypoint(alice, [setup["training"]["id"]], name="other")

    response = alice.get(
        f"{API}/entrypoints/{setup['ep']['id']}/snapshots/{other['snapshot']}/plugins/bundle"
    )

    assert_error(response, 404, "EntityDoesNotExistError")
