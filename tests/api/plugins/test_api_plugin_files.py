"""Plugin files: filenames, declared tasks, snapshots, tags and drafts, nested in a plugin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
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
)

STRING, INTEGER = BUILTIN_IDS["string"], BUILTIN_IDS["integer"]
FILE_KEYS = {
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
    "filename",
    "contents",
    "tasks",
    "description",
    "plugin",
}


@pytest.fixture
def plugin(alice: TestClient) -> dict[str, Any]:
    return create_plugin(alice, "plug")


def files_url(plugin: dict[str, Any]) -> str:
    return f"{API}/plugins/{plugin['id']}/files"


def string_ref(name: str = "string", type_id: int = STRING) -> dict[str, Any]:
    return {
        "id": type_id,
        "group": {"id": 1, "name": "public", "url": "/api/v1/groups/1"},
        "url": f"/api/v1/pluginParameterTypes/{type_id}",
        "deleted": False,
        "name": name,
    }


def test_create_returns_the_file_with_its_tasks(alice: TestClient, plugin: dict[str, Any]) -> None:
    task = function_task("train", inputs=[("data", STRING)], outputs=[("model", STRING)])
    task["inputParams"].append({"name": "epochs", "parameterType": INTEGER, "required": False})
    artifact = {"name": "ModelSaver", "outputParams": [{"name": "m", "parameterType": STRING}]}

    response = alice.post(
        files_url(plugin),
        json=file_body("train.py", "def train(): ...\n", [task], [artifact], "trains"),
    )

    assert response.status_code == 200, response.text
    created = response.json()
    assert set(created) == FILE_KEYS
    assert (created["filename"], created["contents"]) == ("train.py", "def train(): ...\n")
    assert created["description"] == "trains"
    assert created["plugin"] == {
        "id": plugin["id"],
        "group": {"id": 1, "name": "public", "url": "/api/v1/groups/1"},
        "url": f"/api/v1/plugins/{plugin['id']}",
        "deleted": False,
        "name": "plug",
    }
    functions = created["tasks"]["functions"]
    assert functions == [
        {
            "id": functions[0]["id"],
            "name": "train",
            "inputParams": [
                {"name": "data", "parameterType": string_ref(), "required": True},
                {
                    "name": "epochs",
                    "parameterType": string_ref("integer", INTEGER),
                    "required": False,
                },
            ],
            "outputParams": [{"name": "model", "parameterType": string_ref()}],
        }
    ]
    artifacts = created["tasks"]["artifacts"]
    assert artifacts == [
        {
            "id": artifacts[0]["id"],
            "name": "ModelSaver",
            "outputParams": [{"name": "m", "parameterType": string_ref()}],
        }
    ]
    assert alice.get(f"{files_url(plugin)}/{created['id']}").json() == created
    # The plugin's new snapshot lists the file with the same tasks.
    listed = get_plugin(alice, plugin["id"])["files"]
    assert [(f["id"], f["plugin"], f["tasks"]) for f in listed] == [
        (created["id"], plugin["id"], created["tasks"])
    ]


def test_tasks_and_description_may_be_omitted(alice: TestClient, plugin: dict[str, Any]) -> None:
    response = alice.post(files_url(plugin), json={"filename": "a.py", "contents": ""})

    assert response.status_code == 200, response.text
    assert response.json()["tasks"] == {"functions": [], "artifacts": []}
    assert response.json()["description"] is None


@pytest.mark.parametrize(
    "filename",
    ["tasks.py", "pkg/mod.py", "__init__.py", "_priv.py", "A.py", "pkg/sub/m.py", "pkg1/m.py"],
)
def test_allowed_filenames(alice: TestClient, plugin: dict[str, Any], filename: str) -> None:
    assert create_file(alice, plugin["id"], filename=filename)["filename"] == filename


@pytest.mark.parametrize(
    "filename",
    [
        "pkg/__init__.py",
        "pkg/_x.py",
        "_pkg/m.py",
        "1a.py",
        "a-b.py",
        "/abs.py",
        "../x.py",
        "a/../b.py",
        "x.txt",
        "x.PY",
        "a.py\n",
        "",
    ],
)
def test_refused_filenames(
    alice: TestClient, plugin: dict[str, Any], unchanged: Callable[[], Any], filename: str
) -> None:
    existing = create_file(alice, plugin["id"], filename="ok.py")

    with unchanged():
        created = alice.post(files_url(plugin), json=file_body(filename))
        modified = alice.put(f"{files_url(plugin)}/{existing['id']}", json=file_body(filename))
        drafted = alice.post(f"{files_url(plugin)}/drafts/", json=file_body(filename))

    message = (
        f"'{filename}' is not a compatible name for a Python file. A Python filename must "
        "start with a letter or underscore, followed by letters, numbers, or underscores, and "
        "ending with a lowercase '.py'. In addition, '_.py' is not a valid Python filename."
    )
    for response in (created, modified, drafted):
        assert response.status_code == 400
        assert response.json() == {"errors": {"filename": [message]}}


def test_filenames_are_unique_within_a_plugin(
    alice: TestClient, plugin: dict[str, Any], unchanged: Callable[[], Any]
) -> None:
    first = create_file(alice, plugin["id"], filename="a.py")
    second = create_file(alice, plugin["id"], filename="b.py")
    other = create_plugin(alice, "other")

    with unchanged():
        clash = alice.post(files_url(plugin), json=file_body("a.py"))
        rename = alice.put(f"{files_url(plugin)}/{second['id']}", json=file_body("a.py"))

    for response in (clash, rename):
        body = assert_error(response, 409, "EntityExistsError")
        assert body["detail"] == {
            "entity_type": "plugin_file",
            "existing_id": first["id"],
            "entity_attributes": {"filename": "a.py", "plugin_id": plugin["id"]},
        }
    assert create_file(alice, other["id"], filename="a.py")["filename"] == "a.py"
    alice.delete(f"{files_url(plugin)}/{first['id']}")
    assert create_file(alice, plugin["id"], filename="a.py")["id"] != first["id"]


@pytest.mark.parametrize(
    ("functions", "artifacts", "message"),
    [
        (
            [function_task("f"), function_task("f")],
            [],
            "plugin task Parameters must be unique with task_names having value (['f']).",
        ),
        (
            [function_task("save")],
            [{"name": "save", "outputParams": []}],
            "plugin task Parameters must be unique with task_names having value (['save']).",
        ),
        (
            [function_task("f", inputs=[("x", STRING), ("x", INTEGER)])],
            [],
            "function task input parameter Parameters must be unique with plugin_task_name "
            "having value (f), and input_param_names having value (['x']).",
        ),
        (
            [],
            [{"name": "A", "outputParams": [{"name": "o", "parameterType": STRING}] * 2}],
            "artifact task output parameter Parameters must be unique with plugin_task_name "
            "having value (A), and output_param_names having value (['o']).",
        ),
    ],
)
def test_duplicate_names_in_tasks_are_400(
    alice: TestClient,
    plugin: dict[str, Any],
    unchanged: Callable[[], Any],
    functions: list[dict[str, Any]],
    artifacts: list[dict[str, Any]],
    message: str,
) -> None:
    with unchanged():
        response = alice.post(files_url(plugin), json=file_body("a.py", "", functions, artifacts))

    body = assert_error(response, 400, "InputParameterNotUniqueError", {})
    assert body["message"] == f"Bad Request - {message}"


def test_task_and_parameter_names_are_identifiers(
    alice: TestClient, plugin: dict[str, Any], unchanged: Callable[[], Any]
) -> None:
    functions = [function_task("1f", inputs=[("x-y", STRING)]), function_task("ok")]
    artifacts = [{"name": "_", "outputParams": []}]

    with unchanged():
        response = alice.post(files_url(plugin), json=file_body("a.py", "", functions, artifacts))

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "tasks": {
                "functions": {
                    "0": {
                        "name": [
                            "'1f' is not a compatible name for a Python function. A Python "
                            "function name must start with a letter or underscore, followed by "
                            "letters, numbers, or underscores. In addition, '_' is not a valid "
                            "Python function name."
                        ],
                        "inputParams": {
                            "0": {
                                "name": [
                                    "'x-y' is not a compatible name for a Python function "
                                    "parameter. A Python function parameter must start with a "
                                    "letter or underscore, followed by letters, numbers, or "
                                    "underscores. In addition, '_' is not a valid Python "
                                    "function parameter."
                                ]
                            }
                        },
                    }
                },
                "artifacts": {
                    "0": {
                        "name": [
                            "'_' is not a compatible name for a Python function. A Python "
                            "function name must start with a letter or underscore, followed by "
                            "letters, numbers, or underscores. In addition, '_' is not a valid "
                            "Python function name."
                        ]
                    }
                },
            }
        }
    }


def test_unknown_or_deleted_parameter_types_are_404(
    alice: TestClient, plugin: dict[str, Any], unchanged: Callable[[], Any]
) -> None:
    gone = create_type(alice, "gone")
    alice.delete(f"{API}/pluginParameterTypes/{gone['id']}")
    functions = [function_task("f", inputs=[("a", 999), ("b", gone["id"]), ("c", STRING)])]

    with unchanged():
        response = alice.post(files_url(plugin), json=file_body("a.py", "", functions))

    assert_error(
        response,
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin_task_parameter_type", "ids_not_found": [gone["id"], 999]},
    )


def test_tasks_keep_the_type_version_they_were_saved_with(
    alice: TestClient, plugin: dict[str, Any]
) -> None:
    image = create_type(alice, "image")
    created = create_file(
        alice, plugin["id"], filename="a.py", functions=[function_task("f", [("i", image["id"])])]
    )

    alice.put(f"{API}/pluginParameterTypes/{image['id']}", json={"name": "picture"})
    alice.delete(f"{API}/pluginParameterTypes/{image['id']}")

    fetched = alice.get(f"{files_url(plugin)}/{created['id']}").json()
    ref = fetched["tasks"]["functions"][0]["inputParams"][0]["parameterType"]
    assert (ref["id"], ref["name"], ref["deleted"]) == (image["id"], "image", True)


def test_modify_creates_new_file_and_plugin_snapshots(
    alice: TestClient, plugin: dict[str, Any]
) -> None:
    created = create_file(
        alice, plugin["id"], filename="a.py", contents="v1", functions=[function_task("f")]
    )
    plugin_before = get_plugin(alice, plugin["id"])

    response = alice.put(
        f"{files_url(plugin)}/{created['id']}",
        json=file_body("b.py", "v2", [function_task("g", [("x", STRING)])]),
    )

    assert response.status_code == 200, response.text
    modified = response.json()
    assert modified["snapshot"] > created["snapshot"]
    assert (modified["filename"], modified["contents"]) == ("b.py", "v2")
    assert [t["name"] for t in modified["tasks"]["functions"]] == ["g"]
    snapshots = alice.get(f"{files_url(plugin)}/{created['id']}/snapshots").json()
    assert snapshots["first"] == (
        f"/api/v1/plugins/{plugin['id']}/files/{created['id']}/snapshots?index=0&pageLength=10"
    )
    old, new = snapshots["data"]
    assert "plugin" not in old and "hasDraft" not in old
    assert (old["contents"], [t["name"] for t in old["tasks"]["functions"]]) == ("v1", ["f"])
    assert new["tasks"] == modified["tasks"]
    one = alice.get(f"{files_url(plugin)}/{created['id']}/snapshots/{old['snapshot']}")
    assert one.json() == old
    plugin_after = get_plugin(alice, plugin["id"])
    assert plugin_after["snapshot"] > plugin_before["snapshot"]
    assert [f["filename"] for f in plugin_after["files"]] == ["b.py"]
    old_plugin = alice.get(
        f"{API}/plugins/{plugin['id']}/snapshots/{plugin_before['snapshot']}"
    ).json()
    assert [f["filename"] for f in old_plugin["files"]] == ["a.py"]


def test_delete_one_and_all_files(alice: TestClient, plugin: dict[str, Any]) -> None:
    a, b, c = (create_file(alice, plugin["id"], filename=f"{n}.py") for n in "abc")

    one = alice.delete(f"{files_url(plugin)}/{a['id']}")
    after_one = get_plugin(alice, plugin["id"])
    everything = alice.delete(files_url(plugin))
    after_all = get_plugin(alice, plugin["id"])

    assert one.json() == {"id": [a["id"]], "status": "Success"}
    assert everything.json() == {"id": [b["id"], c["id"]], "status": "Success"}
    assert [f["filename"] for f in after_one["files"]] == ["b.py", "c.py"]
    assert after_all["files"] == []
    assert after_all["snapshot"] > after_one["snapshot"]
    assert alice.get(files_url(plugin)).json()["totalNumResults"] == 0
    assert_error(
        alice.get(f"{files_url(plugin)}/{a['id']}"),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin_file", "plugin_id": plugin["id"], "plugin_file_id": a["id"]},
    )
    assert_error(alice.delete(f"{files_url(plugin)}/{a['id']}"), 404, "EntityDoesNotExistError")
    # A deleted file's history stays readable.
    history = alice.get(f"{files_url(plugin)}/{a['id']}/snapshots").json()["data"]
    assert [s["deleted"] for s in history] == [True]
    # Deleting nothing changes nothing.
    assert alice.delete(files_url(plugin)).json() == {"id": [], "status": "Success"}
    assert get_plugin(alice, plugin["id"])["snapshot"] == after_all["snapshot"]


def test_file_of_another_plugin_is_404(alice: TestClient, plugin: dict[str, Any]) -> None:
    other = create_plugin(alice, "other")
    foreign = create_file(alice, other["id"], filename="x.py")

    for response in (
        alice.get(f"{files_url(plugin)}/{foreign['id']}"),
        alice.put(f"{files_url(plugin)}/{foreign['id']}", json=file_body("x.py")),
        alice.delete(f"{files_url(plugin)}/{foreign['id']}"),
        alice.get(f"{files_url(plugin)}/{foreign['id']}/snapshots"),
        alice.get(f"{files_url(plugin)}/{foreign['id']}/tags/"),
    ):
        assert_error(
            response,
            404,
            "EntityDoesNotExistError",
            {
                "entity_type": "plugin_file",
                "plugin_id": plugin["id"],
                "plugin_file_id": foreign["id"],
            },
        )
    assert_error(
        alice.post(f"{API}/plugins/999/files", json=file_body("a.py")),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin", "plugin_id": 999},
    )


def test_list_paging_sort_and_search(alice: TestClient, plugin: dict[str, Any]) -> None:
    create_file(alice, plugin["id"], filename="b.py", contents="import numpy", description="beta")
    create_file(alice, plugin["id"], filename="a.py", contents="import torch")
    create_file(alice, plugin["id"], filename="pkg/c.py", contents="x = 1", description="gamma")
    create_file(alice, create_plugin(alice, "other")["id"], filename="elsewhere.py")
    tag = create_tag(alice, "ml")
    torch_file = alice.get(files_url(plugin), params={"search": "contents:*torch"}).json()
    alice.post(
        f"{files_url(plugin)}/{torch_file['data'][0]['id']}/tags/", json={"ids": [tag["id"]]}
    )

    def names(**params: Any) -> list[str]:
        response = alice.get(files_url(plugin), params=params)
        assert response.status_code == 200, response.text
        return [f["filename"] for f in response.json()["data"]]

    assert names() == ["b.py", "a.py", "pkg/c.py"]
    assert names(sortBy="filename") == ["a.py", "b.py", "pkg/c.py"]
    assert names(sortBy="description", descending=True) == ["pkg/c.py", "b.py", "a.py"]
    assert names(search="numpy") == ["b.py"]
    assert names(search="filename:pkg/*") == ["pkg/c.py"]
    assert names(search="tag:ml") == ["a.py"]
    assert names(search="description:gamma") == ["pkg/c.py"]
    page = alice.get(
        files_url(plugin), params={"pageLength": 1, "index": 1, "sortBy": "filename"}
    ).json()
    base = f"/api/v1/plugins/{plugin['id']}/files"
    assert page["prev"] == f"{base}?index=0&pageLength=1&sortBy=filename&descending=False"
    assert page["next"] == f"{base}?index=2&pageLength=1&sortBy=filename&descending=False"
    assert_error(alice.get(files_url(plugin), params={"search": "name:a"}), 422, "SearchParseError")
    assert_error(
        alice.get(files_url(plugin), params={"sortBy": "name"}), 400, "SortParameterValidationError"
    )


def test_file_tags_answer_with_and_without_the_slash(
    alice: TestClient, plugin: dict[str, Any]
) -> None:
    created = create_file(alice, plugin["id"], filename="a.py")
    t1, t2 = create_tag(alice, "t1"), create_tag(alice, "t2")
    tags = f"{files_url(plugin)}/{created['id']}/tags"

    appended = alice.post(f"{tags}/", json={"ids": [t1["id"], t2["id"]]})
    removed = alice.delete(f"{tags}/{t1['id']}")
    replaced = alice.put(tags, json={"ids": [t1["id"]]}, follow_redirects=False)
    listed = alice.get(tags, follow_redirects=False)

    assert [t["name"] for t in appended.json()] == ["t1", "t2"]
    assert removed.json() == {"id": [t1["id"]], "status": "Success"}
    assert replaced.status_code == 200
    assert [t["name"] for t in replaced.json()] == ["t1"]
    assert listed.status_code == 200
    assert listed.json() == replaced.json()
    assert [t["name"] for t in alice.get(f"{tags}/").json()] == ["t1"]
    # As in Dioptra, /tags/{id}/resources/ names a file by type and id only.
    tagged = alice.get(f"{API}/tags/{t1['id']}/resources/").json()["data"]
    assert tagged == [f"/api/v1/plugin_file/{created['id']}"]
    assert alice.delete(f"{tags}/").json() == {"id": [t1["id"]], "status": "Success"}
    assert alice.get(f"{tags}/").json() == []


def test_new_file_draft_lifecycle(alice: TestClient, plugin: dict[str, Any]) -> None:
    drafts = f"{files_url(plugin)}/drafts/"
    body = file_body("later.py", "wip", [function_task("f", [("x", STRING)])])

    created = alice.post(drafts, json=body)
    assert created.status_code == 200, created.text
    draft = created.json()
    listed = alice.get(drafts).json()
    modified = alice.put(f"{drafts}{draft['id']}", json=file_body("later.py", "done")).json()
    committed = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")

    assert draft["resourceType"] == "plugin_file"
    assert draft["payload"]["filename"] == "later.py"
    assert draft["payload"]["tasks"]["functions"][0]["inputParams"][0]["parameterType"] == STRING
    assert listed["first"] == (
        f"/api/v1/plugins/{plugin['id']}/files/drafts?index=0&pageLength=10&draft_type=all"
    )
    assert [d["id"] for d in listed["data"]] == [draft["id"]]
    assert modified["payload"]["contents"] == "done"
    assert committed.status_code == 200, committed.text
    # As in 1.2.2, the answer names the plugin and the file.
    plugin_id, file_id = committed.json()["id"]
    assert plugin_id == plugin["id"]
    fetched = alice.get(f"{files_url(plugin)}/{file_id}").json()
    assert (fetched["filename"], fetched["contents"]) == ("later.py", "done")
    assert [f["id"] for f in get_plugin(alice, plugin["id"])["files"]] == [file_id]
    assert alice.get(drafts).json()["totalNumResults"] == 0


def test_file_drafts_keep_the_tasks_as_sent(alice: TestClient, plugin: dict[str, Any]) -> None:
    """As in 1.2.2: ``tasks: {}`` stays ``{}`` and absent tasks stay absent; the commit
    fills in the defaults."""
    drafts = f"{files_url(plugin)}/drafts/"
    empty = {"filename": "a.py", "contents": "x = 1", "description": None, "tasks": {}}
    only_functions = {**empty, "tasks": {"functions": []}}
    without = {"filename": "a.py", "contents": "x = 1"}

    created = alice.post(drafts, json=empty).json()
    modified = alice.put(f"{drafts}{created['id']}", json=only_functions).json()
    bare = alice.post(drafts, json=without).json()
    file = create_file(alice, plugin["id"], filename="b.py")
    own = alice.post(f"{files_url(plugin)}/{file['id']}/draft", json=empty).json()
    committed = alice.post(f"{API}/workflows/draftCommit/{created['id']}")

    assert created["payload"] == empty
    assert modified["payload"] == only_functions
    assert bare["payload"] == {**without, "description": None}
    assert own["payload"] == empty
    assert committed.status_code == 200, committed.text
    fetched = alice.get(f"{files_url(plugin)}/{committed.json()['id'][1]}").json()
    assert fetched["tasks"] == {"functions": [], "artifacts": []}


def test_file_drafts_belong_to_their_plugin(alice: TestClient, plugin: dict[str, Any]) -> None:
    other = create_plugin(alice, "other")
    draft = alice.post(f"{files_url(plugin)}/drafts/", json=file_body("a.py")).json()

    response = alice.get(f"{files_url(other)}/drafts/{draft['id']}")

    assert_error(response, 404, "DraftDoesNotExistError")
    assert alice.get(f"{files_url(other)}/drafts/").json()["totalNumResults"] == 0
    assert alice.delete(f"{files_url(plugin)}/drafts/{draft['id']}").json() == {
        "id": [draft["id"]],
        "status": "Success",
    }


def test_modification_draft_commit_and_conflict(
    alice: TestClient, plugin: dict[str, Any], unchanged: Callable[[], Any]
) -> None:
    created = create_file(alice, plugin["id"], filename="a.py", contents="v1")
    own = f"{files_url(plugin)}/{created['id']}/draft"

    draft = alice.post(own, json=file_body("a.py", "draft")).json()
    assert draft["resource"] == created["id"]
    assert draft["resourceSnapshot"] == created["snapshot"]
    assert draft["metadata"] == {"num_other_drafts": 0}
    assert alice.get(f"{files_url(plugin)}/{created['id']}").json()["hasDraft"] is True
    listed = alice.get(f"{files_url(plugin)}/drafts/", params={"draftType": "existing"}).json()
    assert [d["id"] for d in listed["data"]] == [draft["id"]]
    updated = alice.put(
        own,
        json={"resourceSnapshot": created["snapshot"], "resourceData": file_body("a.py", "d2")},
    )
    assert updated.json()["payload"]["contents"] == "d2"
    # Someone saves the file meanwhile: the draft no longer commits.
    alice.put(f"{files_url(plugin)}/{created['id']}", json=file_body("a.py", "v2"))
    with unchanged():
        conflict = alice.post(f"{API}/workflows/draftCommit/{draft['id']}")
    body = assert_error(conflict, 400, "DraftResourceModificationsCommitError")
    assert body["detail"]["base_snapshot"]["contents"] == "v1"
    assert body["detail"]["curr_snapshot"]["contents"] == "v2"

    assert alice.delete(own).json() == {"id": [draft["id"]], "status": "Success"}
    again = alice.post(own, json=file_body("a.py", "v3")).json()
    committed = alice.post(f"{API}/workflows/draftCommit/{again['id']}")
    assert committed.json() == {"id": [plugin["id"], created["id"]], "status": "Success"}
    assert alice.get(f"{files_url(plugin)}/{created['id']}").json()["contents"] == "v3"


def test_files_of_other_groups_are_invisible(
    alice: TestClient, bob: TestClient, unchanged: Callable[[], Any]
) -> None:
    lab = alice.post(f"{API}/groups/", json={"name": "lab"}).json()
    secret_type = create_type(alice, "secret", group=lab["id"])
    mine = create_plugin(bob, "bobs")

    with unchanged():
        response = bob.post(
            files_url(mine),
            json=file_body("a.py", "", [function_task("f", [("x", secret_type["id"])])]),
        )

    assert_error(
        response,
        404,
        "EntityDoesNotExistError",
        {"entity_type": "plugin_task_parameter_type", "ids_not_found": [secret_type["id"]]},
    )
