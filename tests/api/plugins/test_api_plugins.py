"""Plugins: the standard family, files per snapshot, bundles, and the service lookups
other families use (entrypoints, jobs, artifacts)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error, create_tag
from fastapi.testclient import TestClient
from plugin_testing import (
    BUILTIN_IDS,
    create_file,
    create_plugin,
    create_type,
    file_body,
    function_task,
    get_plugin,
    manifest_of,
    unpack,
)
from sqlalchemy.orm import Session

from dioptra.engine.assemble import ArtifactTaskSpec, ParamSpec, PluginFileSpec, TaskSpec
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError
from dioptra.server.services.plugins import plugins as plugin_service

PLUGINS = f"{API}/plugins"
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
STRING = BUILTIN_IDS["string"]


def test_create_returns_the_full_plugin(alice: TestClient) -> None:
    plugin = create_plugin(alice, "my_plugin", description="tasks")

    assert set(plugin) == ENVELOPE_KEYS | {"name", "description", "files"}
    assert plugin["id"] == 7
    assert (plugin["name"], plugin["description"], plugin["files"]) == ("my_plugin", "tasks", [])
    assert alice.get(f"{PLUGINS}/7").json() == plugin


@pytest.mark.parametrize("name", ["bad-name", "_", "1x", "a b", "", "ünï"])
def test_plugin_names_must_be_identifiers(
    alice: TestClient, unchanged: Callable[[], Any], name: str
) -> None:
    plugin = create_plugin(alice, "ok")

    with unchanged():
        created = alice.post(f"{PLUGINS}/", json={"group": 1, "name": name})
        renamed = alice.put(f"{PLUGINS}/{plugin['id']}", json={"name": name})
        drafted = alice.post(f"{PLUGINS}/drafts/", json={"group": 1, "name": name})

    for response in (created, renamed, drafted):
        body = assert_error(response, 400, "ResourceNameError", {})
        assert body["message"] == (
            f"Bad Request - '{name}' is not a compatible name for Python module. A Python "
            "module must start with a letter or underscore, followed by letters, numbers, or "
            "underscores. In addition, a Python module name cannot be named '_' with no other "
            "characters."
        )


@pytest.mark.parametrize("name", ["x", "_x", "X1", "snake_case_2"])
def test_identifier_names_are_accepted(alice: TestClient, name: str) -> None:
    assert create_plugin(alice, name)["name"] == name


def test_names_are_unique_per_group(alice: TestClient, unchanged: Callable[[], Any]) -> None:
    first = create_plugin(alice, "dup")

    with unchanged():
        response = alice.post(f"{PLUGINS}/", json={"group": 1, "name": "dup"})

    assert_error(
        response,
        409,
        "EntityExistsError",
        {
            "entity_type": "plugin",
            "existing_id": first["id"],
            "entity_attributes": {"name": "dup", "group_id": 1},
        },
    )


def test_file_changes_create_plugin_snapshots_and_old_ones_stay(alice: TestClient) -> None:
    plugin = create_plugin(alice, "p")
    pid = plugin["id"]
    a = create_file(alice, pid, filename="a.py", contents="A")
    after_a = get_plugin(alice, pid)
    b = create_file(alice, pid, filename="pkg/b.py", contents="B")
    after_b = get_plugin(alice, pid)
    alice.put(f"{PLUGINS}/{pid}/files/{a['id']}", json=file_body("a.py", "A2"))
    after_edit = get_plugin(alice, pid)
    alice.delete(f"{PLUGINS}/{pid}/files/{b['id']}")
    after_delete = get_plugin(alice, pid)

    snapshots = [plugin["snapshot"], *(p["snapshot"] for p in (after_a, after_b, after_edit))]
    assert after_delete["snapshot"] > after_edit["snapshot"] > after_b["snapshot"]
    assert sorted(set(snapshots)) == snapshots  # every change is a new version
    assert [f["filename"] for f in after_b["files"]] == ["a.py", "pkg/b.py"]
    assert [f["filename"] for f in after_delete["files"]] == ["a.py"]
    assert after_delete["files"][0]["url"] == f"/api/v1/plugins/{pid}/files/{a['id']}"
    assert set(after_delete["files"][0]) == {
        "id",
        "plugin",
        "group",
        "url",
        "deleted",
        "filename",
        "tasks",
    }

    history = alice.get(f"{PLUGINS}/{pid}/snapshots").json()["data"]
    assert [len(s["files"]) for s in history] == [0, 1, 2, 2, 1]
    assert [s["latestSnapshot"] for s in history] == [False] * 4 + [True]
    # The old snapshot still holds the deleted file, now marked deleted.
    old = alice.get(f"{PLUGINS}/{pid}/snapshots/{after_b['snapshot']}").json()
    assert [(f["filename"], f["deleted"]) for f in old["files"]] == [
        ("a.py", False),
        ("pkg/b.py", True),
    ]
    assert "hasDraft" not in old


def test_rename_relinks_the_same_file_snapshots(alice: TestClient) -> None:
    plugin = create_plugin(alice, "before")
    create_file(alice, plugin["id"], filename="a.py", contents="A")
    linked = get_plugin(alice, plugin["id"])

    renamed = alice.put(f"{PLUGINS}/{plugin['id']}", json={"name": "after", "description": "d"})

    assert renamed.status_code == 200, renamed.text
    body = renamed.json()
    assert body["snapshot"] > linked["snapshot"]
    assert (body["name"], body["description"]) == ("after", "d")
    assert body["files"] == linked["files"]
    bundle = alice.get(f"{PLUGINS}/{plugin['id']}/snapshots/{body['snapshot']}/files/bundle")
    assert set(unpack(bundle.content, "tar_gz")) == {"after/a.py", "manifest.json"}


@pytest.mark.parametrize(
    ("file_type", "media_type", "suffix"),
    [
        (None, "application/gzip", "tar.gz"),
        ("tar_gz", "application/gzip", "tar.gz"),
        ("zip", "application/zip", "zip"),
    ],
)
def test_bundle_holds_exactly_the_files_and_a_manifest(
    alice: TestClient, file_type: str | None, media_type: str, suffix: str
) -> None:
    plugin = create_plugin(alice, "bundled")
    pid = plugin["id"]
    artifact = {"name": "Saver", "outputParams": [{"name": "out", "parameterType": STRING}]}
    a = create_file(
        alice, pid, filename="a.py", contents="print('a')\n", functions=[function_task("fa")]
    )
    b = create_file(
        alice,
        pid,
        filename="pkg/sub/b.py",
        contents="é = 'ünicode'\n",
        functions=[function_task("fb")],
        artifacts=[artifact],
    )
    snapshot = get_plugin(alice, pid)["snapshot"]
    params = {} if file_type is None else {"fileType": file_type}

    response = alice.get(f"{PLUGINS}/{pid}/snapshots/{snapshot}/files/bundle", params=params)

    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert (
        response.headers["content-disposition"] == f"attachment; filename=plugins_bundle.{suffix}"
    )
    members = unpack(response.content, file_type or "tar_gz")
    assert members == {
        "bundled/a.py": b"print('a')\n",
        "bundled/pkg/sub/b.py": "é = 'ünicode'\n".encode(),
        "manifest.json": members["manifest.json"],
    }
    assert manifest_of(members) == {
        "bundled": {
            "plugin_resource_snapshot_id": snapshot,
            "a.py": {"plugin_file_resource_snapshot_id": a["snapshot"], "tasks": ["fa"]},
            "pkg/sub/b.py": {
                "plugin_file_resource_snapshot_id": b["snapshot"],
                "tasks": ["fb", "Saver"],
            },
        }
    }


def test_bundle_of_an_old_snapshot_has_the_old_files(alice: TestClient) -> None:
    plugin = create_plugin(alice, "p")
    f = create_file(alice, plugin["id"], filename="a.py", contents="v1")
    old = get_plugin(alice, plugin["id"])["snapshot"]
    alice.put(f"{PLUGINS}/{plugin['id']}/files/{f['id']}", json=file_body("a.py", "v2"))

    response = alice.get(f"{PLUGINS}/{plugin['id']}/snapshots/{old}/files/bundle?fileType=zip")

    assert unpack(response.content, "zip")["p/a.py"] == b"v1"


def test_bundle_errors(alice: TestClient) -> None:
    plugin = create_plugin(alice, "p")
    other = create_plugin(alice, "q")
    base = f"{PLUGINS}/{plugin['id']}/snapshots"

    bad_type = alice.get(f"{base}/{plugin['snapshot']}/files/bundle", params={"fileType": "rar"})
    foreign = alice.get(f"{base}/{other['snapshot']}/files/bundle")

    assert bad_type.status_code == 400
    assert bad_type.json() == {"errors": {"fileType": ["Must be one of: tar_gz, zip."]}}
    assert_error(
        foreign,
        404,
        "EntityDoesNotExistError",
        {
            "entity_type": "plugin",
            "plugin_id": plugin["id"],
            "plugin_snapshot_id": other["snapshot"],
        },
    )


def test_list_sort_search_and_paging(alice: TestClient) -> None:
    for name, description in [("beta", "second"), ("alpha", None), ("gamma", "third")]:
        create_plugin(alice, name, description=description)
    tag = create_tag(alice, "vision")
    gamma = alice.get(f"{PLUGINS}/", params={"search": "name:gamma"}).json()["data"][0]
    alice.post(f"{PLUGINS}/{gamma['id']}/tags", json={"ids": [tag["id"]]})

    def names(**params: Any) -> list[str]:
        response = alice.get(f"{PLUGINS}/", params=params)
        assert response.status_code == 200, response.text
        return [p["name"] for p in response.json()["data"]]

    assert names() == ["beta", "alpha", "gamma"]
    assert names(sortBy="name", descending=True) == ["gamma", "beta", "alpha"]
    assert names(sortBy="description") == ["alpha", "beta", "gamma"]
    assert names(search="th") == ["gamma"]
    assert names(search="tag:vision") == ["gamma"]
    page = alice.get(f"{PLUGINS}/", params={"pageLength": 2, "sortBy": "name"}).json()
    assert page["next"] == "/api/v1/plugins?index=2&pageLength=2&sortBy=name&descending=False"
    assert_error(alice.get(f"{PLUGINS}/", params={"search": "files:a"}), 422, "SearchParseError")


def test_delete_removes_the_plugin_and_its_files(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    plugin = create_plugin(alice, "p")
    f = create_file(alice, plugin["id"], filename="a.py")
    pid = plugin["id"]

    deleted = alice.delete(f"{PLUGINS}/{pid}")

    assert deleted.json() == {"status": "Success"}
    not_found = {"entity_type": "plugin", "resource_id": pid}
    assert_error(alice.get(f"{PLUGINS}/{pid}"), 404, "EntityDoesNotExistError", not_found)
    assert_error(
        alice.get(f"{PLUGINS}/{pid}/files/{f['id']}"),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin", "plugin_id": pid},
    )
    assert alice.get(f"{PLUGINS}/").json()["totalNumResults"] == 0
    history = alice.get(f"{PLUGINS}/{pid}/snapshots").json()["data"]
    assert [s["deleted"] for s in history] == [True, True]
    assert history[-1]["files"][0]["deleted"] is True
    with unchanged():
        again = alice.delete(f"{PLUGINS}/{pid}")
        put = alice.put(f"{PLUGINS}/{pid}", json={"name": "back"})
        draft = alice.post(f"{PLUGINS}/{pid}/draft", json={"name": "back"})
    assert_error(again, 404, "EntityDoesNotExistError")
    assert_error(put, 404, "EntityDoesNotExistError")
    assert_error(draft, 423, "EntityDeletedError")
    assert create_plugin(alice, "p")["id"] != pid  # the name is free again


def test_plugin_drafts_and_tags(alice: TestClient) -> None:
    draft = alice.post(f"{PLUGINS}/drafts/", json={"group": 1, "name": "later"}).json()
    plugin_id = alice.post(f"{API}/workflows/draftCommit/{draft['id']}").json()["id"][0]
    create_file(alice, plugin_id, filename="a.py")
    edit = alice.post(f"{PLUGINS}/{plugin_id}/draft", json={"name": "renamed"}).json()
    tag = create_tag(alice, "t")
    alice.put(f"{PLUGINS}/{plugin_id}/tags", json={"ids": [tag["id"]]})

    assert get_plugin(alice, plugin_id)["hasDraft"] is True
    committed = alice.post(f"{API}/workflows/draftCommit/{edit['id']}")

    assert committed.status_code == 200, committed.text
    plugin = get_plugin(alice, plugin_id)
    assert plugin["name"] == "renamed"
    assert [f["filename"] for f in plugin["files"]] == ["a.py"]  # files survive the commit
    assert [t["name"] for t in plugin["tags"]] == ["t"]
    assert plugin["hasDraft"] is False


def test_plugins_of_other_groups_are_invisible(
    alice: TestClient, bob: TestClient, unchanged: Callable[[], Any]
) -> None:
    lab = alice.post(f"{API}/groups/", json={"name": "lab"}).json()
    secret = create_plugin(alice, "secret", group=lab["id"])
    create_file(alice, secret["id"], filename="a.py", contents="hidden")
    snapshot = get_plugin(alice, secret["id"])["snapshot"]

    with unchanged():
        responses = [
            bob.get(f"{PLUGINS}/{secret['id']}"),
            bob.put(f"{PLUGINS}/{secret['id']}", json={"name": "x"}),
            bob.delete(f"{PLUGINS}/{secret['id']}"),
            bob.get(f"{PLUGINS}/{secret['id']}/files"),
            bob.post(f"{PLUGINS}/{secret['id']}/files", json=file_body("b.py")),
            bob.get(f"{PLUGINS}/{secret['id']}/snapshots/{snapshot}/files/bundle"),
        ]

    for response in responses:
        assert_error(response, 404, "EntityDoesNotExistError")
    assert bob.get(f"{PLUGINS}/").json()["totalNumResults"] == 0
    assert alice.get(f"{PLUGINS}/").json()["totalNumResults"] == 1


# -- the service lookups other families build on -----------------------------------------


@pytest.fixture
def service_ctx(engine: sa.Engine, alice: TestClient) -> Iterator[ServiceContext]:
    """A service context acting as alice (user 1, member of ``public``)."""
    with Session(engine) as db:
        yield ServiceContext(
            db=db,
            actor=Actor(1, "alice", frozenset({1}), frozenset({1})),
        )


def test_plugin_snapshot_specs_and_type_definitions(
    alice: TestClient, service_ctx: ServiceContext
) -> None:
    image = create_type(alice, "image", {"list": "number"})
    plugin = create_plugin(alice, "vision")
    task = function_task("blur", inputs=[("img", image["id"])], outputs=[("out", image["id"])])
    task["inputParams"].append({"name": "radius", "parameterType": 3, "required": False})
    artifact = {
        "name": "ImageSaver",
        "outputParams": [{"name": "img", "parameterType": image["id"]}],
    }
    create_file(alice, plugin["id"], filename="ops/blur.py", functions=[task], artifacts=[artifact])
    snapshot = get_plugin(alice, plugin["id"])["snapshot"]
    # A later rename of the type does not change what the snapshot declared.
    alice.put(f"{API}/pluginParameterTypes/{image['id']}", json={"name": "picture"})

    specs = plugin_service.plugin_snapshot_specs(service_ctx, [snapshot])
    definitions = plugin_service.task_type_definitions(service_ctx, [snapshot])

    assert len(specs) == 1
    assert specs[0].name == "vision"
    assert list(specs[0].files) == [
        PluginFileSpec(
            filename="ops/blur.py",
            function_tasks=[
                TaskSpec(
                    "blur",
                    inputs=[ParamSpec("img", "image"), ParamSpec("radius", "integer", False)],
                    outputs=[("out", "image")],
                )
            ],
            artifact_tasks=[ArtifactTaskSpec("ImageSaver", [("img", "image")])],
        )
    ]
    assert definitions == {"image": {"list": "number"}}
    assert plugin_service.latest_plugin_snapshot_id(service_ctx, plugin["id"]) == snapshot
    with pytest.raises(EntityDoesNotExistError):
        plugin_service.plugin_snapshot_specs(service_ctx, [plugin["id"] + 1000])


def test_artifact_task_lookup(alice: TestClient, service_ctx: ServiceContext) -> None:
    plugin = create_plugin(alice, "p")
    artifact = {"name": "Saver", "outputParams": [{"name": "o", "parameterType": STRING}]}
    created = create_file(
        alice, plugin["id"], filename="a.py", functions=[function_task("f")], artifacts=[artifact]
    )
    function_id = created["tasks"]["functions"][0]["id"]
    artifact_id = created["tasks"]["artifacts"][0]["id"]
    snapshot = get_plugin(alice, plugin["id"])["snapshot"]
    other = create_plugin(alice, "q")

    found = plugin_service.artifact_task(service_ctx, snapshot, artifact_id)

    assert (found.task.name, found.plugin_id, found.file_id) == (
        "Saver",
        plugin["id"],
        created["id"],
    )
    assert found.file_snapshot_id == created["snapshot"]
    assert [(p.name, p.type.name) for p in found.task.outputs] == [("o", "string")]
    with pytest.raises(plugin_service.PluginTaskDoesNotExistError):
        plugin_service.artifact_task(service_ctx, snapshot, function_id)  # not an artifact task
    with pytest.raises(plugin_service.EntityRelationshipDoesNotExistError):
        plugin_service.artifact_task(service_ctx, other["snapshot"], artifact_id)
