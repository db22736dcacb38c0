"""Artifacts: uploading bytes, registering them, reading them back (file, folder as
tar.gz and zip, one member), listing, modifying, snapshots."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import (
    Claimed,
    World,
    claim,
    make_world,
    put_status,
    register,
    saver_task,
    stored_artifact,
    submit,
    tar_of,
    upload,
)

from dioptra.storage import StorageError, local_backend

ARTIFACT_FIELDS = {
    "description",
    "isDir",
    "fileSize",
    "fileUrl",
    "artifactUri",
    "job",
    "task",
    "sha256",
}
FOLDER = {"a.txt": b"A", "sub/b.txt": b"BB", "sub/deeper/c.bin": bytes(range(256)) * 64}


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


@pytest.fixture
def running(app: FastAPI, alice: TestClient, world: World) -> Claimed:
    """A started job and its worker (authenticated with the job's token)."""
    return claim(app, alice, submit(alice, world)["id"])


def test_upload_register_and_download_a_file(
    alice: TestClient, world: World, running: Claimed
) -> None:
    data = b"\x00binary\xff" * 10_000
    jid = running.job["id"]

    uploaded = ok_json(upload(running.worker, jid, "saved", "model.bin", data))

    assert uploaded == {
        "artifactUri": uploaded["artifactUri"],
        "isDir": False,
        "fileSize": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert uploaded["artifactUri"].endswith(f"/jobs/{jid}/saved/model.bin")
    plugin_snapshot, task_id = saver_task(alice, world)
    artifact = ok_json(
        register(
            running.worker,
            jid,
            uploaded["artifactUri"],
            description="weights",
            pluginSnapshotId=plugin_snapshot,
            taskId=task_id,
        )
    )
    assert set(artifact) >= ARTIFACT_FIELDS
    assert artifact["job"] == jid and artifact["isDir"] is False
    assert artifact["fileSize"] == len(data) and artifact["sha256"] == uploaded["sha256"]
    assert artifact["fileUrl"] == f"/api/v1/artifacts/{artifact['id']}/contents"
    task = artifact["task"]
    assert (task["id"], task["name"], task["pluginResourceSnapshotId"]) == (
        task_id,
        "NumberSaver",
        plugin_snapshot,
    )
    assert task["outputParams"][0]["parameterType"]["name"] == "number"
    assert set(task) == {
        "id",
        "name",
        "outputParams",
        "pluginResourceId",
        "pluginResourceSnapshotId",
        "pluginFileResourceId",
        "pluginFileResourceSnapshotId",
    }

    download = alice.get(f"{API}/artifacts/{artifact['id']}/contents")
    assert download.status_code == 200
    assert download.content == data
    assert download.headers["content-disposition"] == "attachment; filename=model.bin"
    assert download.headers["content-type"] == "application/octet-stream"
    job = ok_json(alice.get(f"{API}/jobs/{jid}"))
    assert [a["id"] for a in job["artifacts"]] == [artifact["id"]]
    assert ok_json(alice.get(f"{API}/artifacts/{artifact['id']}/files")) == [
        {"isDir": False, "fileSize": len(data), "fileUrl": artifact["fileUrl"], "relativePath": ""}
    ]


@pytest.mark.parametrize("archive", ["tar_gz", "zip"])
def test_a_folder_downloads_as_an_archive(
    alice: TestClient, running: Claimed, archive: str
) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "arrays", tar_of(FOLDER), is_dir=True))
    assert uploaded["isDir"] is True
    assert uploaded["fileSize"] == sum(len(d) for d in FOLDER.values())
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    assert artifact["isDir"] is True and artifact["task"] == {}

    params = {"fileType": archive} if archive == "zip" else {}
    response = alice.get(f"{API}/artifacts/{artifact['id']}/contents", params=params)

    assert response.status_code == 200
    suffix = ".zip" if archive == "zip" else ".tar.gz"
    assert response.headers["content-disposition"] == f"attachment; filename=arrays{suffix}"
    if archive == "zip":
        assert response.headers["content-type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(response.content)) as opened:
            files = {n: opened.read(n) for n in opened.namelist() if not n.endswith("/")}
    else:
        assert response.headers["content-type"] == "application/gzip"
        with tarfile.open(fileobj=io.BytesIO(response.content)) as opened:
            files = {
                m.name: opened.extractfile(m).read()  # type: ignore[union-attr]
                for m in opened.getmembers()
                if m.isfile()
            }
    assert files == {f"arrays/{name}": data for name, data in FOLDER.items()}


def test_folder_members_and_listing(alice: TestClient, running: Claimed) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "arrays", tar_of(FOLDER), is_dir=True))
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    url = f"{API}/artifacts/{artifact['id']}/contents"

    member = alice.get(url, params={"path": "sub/b.txt"})
    assert member.content == b"BB"
    assert member.headers["content-disposition"] == "attachment; filename=b.txt"
    subfolder = alice.get(url, params={"path": "sub"})
    with tarfile.open(fileobj=io.BytesIO(subfolder.content)) as opened:
        assert sorted(m.name for m in opened.getmembers() if m.isfile()) == [
            "sub/b.txt",
            "sub/deeper/c.bin",
        ]
    listing = ok_json(alice.get(f"{API}/artifacts/{artifact['id']}/files"))
    contents = f"/api/v1/artifacts/{artifact['id']}/contents"
    assert listing == [
        {
            "isDir": False,
            "fileSize": 1,
            "fileUrl": f"{contents}?path=a.txt",
            "relativePath": "a.txt",
        },
        {
            "isDir": False,
            "fileSize": 2,
            "fileUrl": f"{contents}?path=sub%2Fb.txt",
            "relativePath": "sub/b.txt",
        },
        {
            "isDir": False,
            "fileSize": 16384,
            "fileUrl": f"{contents}?path=sub%2Fdeeper%2Fc.bin",
            "relativePath": "sub/deeper/c.bin",
        },
    ]
    for path in ("../x", "nothere"):
        body = assert_error(
            alice.get(url, params={"path": path}), 400, "QueryParameterValidationError"
        )
        assert "invalid path query parameter" in body["message"]


def test_download_errors_for_a_file(app: FastAPI, alice: TestClient, world: World) -> None:
    artifact = stored_artifact(app, alice, world)
    url = f"{API}/artifacts/{artifact['id']}/contents"
    body = assert_error(alice.get(url, params={"path": "x"}), 400, "QueryParameterValidationError")
    assert body["message"] == (
        "Bad Request - Input parameters for artifact failed path query parameter may not be "
        "provided for a file check."
    )
    assert_error(alice.get(url, params={"fileType": "zip"}), 400, "QueryParameterValidationError")
    assert alice.get(url, params={"fileType": "rar"}).status_code == 400
    assert_error(
        alice.get(f"{API}/artifacts/999/contents"),
        404,
        "EntityDoesNotExistError",
        {"entity_type": "artifact", "artifact_id": 999},
    )


def test_snapshot_contents_and_modify(app: FastAPI, alice: TestClient, world: World) -> None:
    artifact = stored_artifact(app, alice, world, data=b"v1")
    plugin_snapshot, task_id = saver_task(alice, world)

    plain = ok_json(alice.put(f"{API}/artifacts/{artifact['id']}", json={"description": "new"}))
    assert plain["snapshot"] > artifact["snapshot"]
    assert plain["description"] == "new" and plain["task"] == {}
    relinked = ok_json(
        alice.put(
            f"{API}/artifacts/{artifact['id']}",
            json={"description": None, "pluginSnapshotId": plugin_snapshot, "taskId": task_id},
        )
    )
    assert relinked["task"]["id"] == task_id

    snapshots = ok_json(alice.get(f"{API}/artifacts/{artifact['id']}/snapshots"))
    assert [s["description"] for s in snapshots["data"]] == [None, "new", None]
    assert all("hasDraft" not in s for s in snapshots["data"])
    first = snapshots["data"][0]["snapshot"]
    url = f"{API}/artifacts/{artifact['id']}/snapshots/{first}/contents"
    assert alice.get(url).content == b"v1"
    assert (
        ok_json(alice.get(f"{API}/artifacts/{artifact['id']}/snapshots/{first}"))["snapshot"]
        == first
    )


def test_registration_errors_change_nothing(
    alice: TestClient, world: World, running: Claimed, unchanged: Callable[[], Any]
) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "v.txt", b"1"))
    uri = uploaded["artifactUri"]
    plugin_snapshot, task_id = saver_task(alice, world)
    training = ok_json(alice.get(f"{API}/plugins/{world.plugin['id']}"))
    function_task = training["files"][0]["tasks"]["functions"][0]["id"]
    other = submit(alice, world)
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"artifactUri": uri + "-missing"}, 400, "ArtifactNotStoredError"),
        ({"artifactUri": "s3://elsewhere/x"}, 400, "ArtifactNotStoredError"),
        ({"artifactUri": uri, "job": other["id"]}, 400, "ArtifactNotStoredError"),
        ({"artifactUri": uri, "taskId": task_id}, 400, "DioptraError"),
        ({"artifactUri": uri, "pluginSnapshotId": plugin_snapshot}, 400, "DioptraError"),
        (
            {"artifactUri": uri, "pluginSnapshotId": plugin_snapshot, "taskId": 9999},
            404,
            "PluginTaskDoesNotExistError",
        ),
        (
            {"artifactUri": uri, "pluginSnapshotId": plugin_snapshot, "taskId": function_task},
            404,
            "PluginTaskDoesNotExistError",
        ),
        (
            {"artifactUri": uri, "pluginSnapshotId": training["snapshot"], "taskId": task_id},
            404,
            "EntityRelationshipDoesNotExistError",
        ),
        ({"artifactUri": uri, "job": 9999}, 404, "EntityDoesNotExistError"),
    ]
    for fields, status, error in cases:
        body = {"group": 1, "job": jid, **fields}
        with unchanged():
            assert_error(alice.post(f"{API}/artifacts/", json=body), status, error)

    ok_json(register(running.worker, jid, uri))
    with unchanged():
        body = assert_error(register(running.worker, jid, uri), 409, "EntityExistsError")
        assert body["detail"]["entity_attributes"] == {"uri": uri}
        # Once registered, the bytes cannot be replaced.
        assert_error(upload(running.worker, jid, "saved", "v.txt", b"2"), 409, "EntityExistsError")
        assert_error(upload(running.worker, jid, "../x", "v.txt", b"2"), 400, "ArtifactUploadError")
        assert_error(upload(running.worker, jid, "saved", "a/b", b"2"), 400, "ArtifactUploadError")
        bad_tar = upload(running.worker, jid, "saved", "dir", b"not a tar", is_dir=True)
        assert_error(bad_tar, 400, "ArtifactUploadError")


def test_uploads_are_atomic_and_replaceable_until_registered(
    alice: TestClient, running: Claimed
) -> None:
    jid = running.job["id"]
    first = ok_json(upload(running.worker, jid, "saved", "v.txt", b"first"))
    second = ok_json(upload(running.worker, jid, "saved", "v.txt", b"second"))
    assert first["artifactUri"] == second["artifactUri"]
    artifact = ok_json(register(running.worker, jid, second["artifactUri"]))
    assert alice.get(f"{API}/artifacts/{artifact['id']}/contents").content == b"second"
    assert artifact["sha256"] == hashlib.sha256(b"second").hexdigest()


def test_bytes_are_taken_only_while_the_job_runs(
    app: FastAPI, alice: TestClient, world: World, unchanged: Callable[[], Any]
) -> None:
    """Before it starts and after it ended, neither the job's token nor a member of its
    group can add outputs to a job."""
    queued = submit(alice, world)
    with unchanged():
        body = assert_error(
            upload(alice, queued["id"], "saved", "v.txt", b"early"), 409, "JobNotRunningError"
        )
    assert body["message"].endswith(
        f"Job {queued['id']} is 'queued': artifacts can be uploaded only while it is 'started'."
    )
    claimed = claim(app, alice, queued["id"])
    ok_json(upload(claimed.worker, queued["id"], "saved", "v.txt", b"on time"))
    ok_json(put_status(claimed.worker, queued["id"], "finished"))
    late = ("saved", "late.txt", b"late")
    with unchanged():
        # The job's token ended with the job; its group's members are refused too.
        assert_error(upload(claimed.worker, queued["id"], *late), 401, "NoCurrentUserError")
        assert_error(upload(alice, queued["id"], *late), 409, "JobNotRunningError")


def test_list_filter_sort_and_search(app: FastAPI, alice: TestClient, world: World) -> None:
    typed = stored_artifact(app, alice, world, data=b"1")
    untyped = stored_artifact(app, alice, world, data=b"2", with_task=False)

    page = ok_json(alice.get(f"{API}/artifacts/", params={"pageLength": 1}))
    assert page["totalNumResults"] == 2 and page["next"] == "/api/v1/artifacts?index=1&pageLength=1"
    number = ok_json(alice.get(f"{API}/artifacts/", params={"outputParams": "4"}))
    assert [a["id"] for a in number["data"]] == [typed["id"]]
    assert ok_json(alice.get(f"{API}/artifacts/", params={"outputParams": "3"}))["data"] == []
    assert ok_json(alice.get(f"{API}/artifacts/", params={"outputParams": "4,4"}))["data"] == []
    newest = ok_json(alice.get(f"{API}/artifacts/", params={"sortBy": "id", "descending": True}))
    assert [a["id"] for a in newest["data"]] == [untyped["id"], typed["id"]]
    for key in ("uri", "job", "createdOn", "lastModifiedOn", "description"):
        assert (
            ok_json(alice.get(f"{API}/artifacts/", params={"sortBy": key}))["totalNumResults"] == 2
        )
    found = ok_json(
        alice.get(f"{API}/artifacts/", params={"search": f"artifactUri:*jobs/{untyped['job']}/*"})
    )
    assert [a["id"] for a in found["data"]] == [untyped["id"]]
    assert alice.get(f"{API}/artifacts/", params={"outputParams": "a,b"}).json() == {
        "errors": {"outputParams": ["outputParams contains a non-integer value a,b."]}
    }


def test_artifacts_need_login(anon: TestClient) -> None:
    assert_error(anon.get(f"{API}/artifacts/"), 401, "NoCurrentUserError")


def test_job_token_reads_only_its_inputs_and_outputs(
    app: FastAPI, alice: TestClient, world: World
) -> None:
    needs = ok_json(
        alice.post(
            f"{API}/entrypoints/",
            json={
                "group": 1,
                "name": "needs",
                "taskGraph": world.entrypoint["taskGraph"],
                "parameters": [{"name": "n", "defaultValue": "2", "parameterType": "integer"}],
                "artifactParameters": [
                    {"name": "prev", "outputParams": [{"name": "value", "parameterType": 4}]}
                ],
                "plugins": [world.plugin["id"]],
                "queues": [world.queue["id"]],
            },
        )
    )
    alice.post(
        f"{API}/experiments/{world.experiment['id']}/entrypoints", json={"ids": [needs["id"]]}
    ).raise_for_status()
    given = stored_artifact(app, alice, world, data=b"given")
    unrelated = stored_artifact(app, alice, world, data=b"secret")
    value = {"id": given["id"], "snapshotId": given["snapshot"]}
    job = submit(alice, world, entrypoint=needs["id"], artifactValues={"prev": value})
    worker = claim(app, alice, job["id"]).worker

    assert (
        worker.get(f"{API}/artifacts/{given['id']}/snapshots/{given['snapshot']}/contents").content
        == b"given"
    )
    assert ok_json(worker.get(f"{API}/artifacts/{given['id']}"))["id"] == given["id"]
    savers = ok_json(alice.get(f"{API}/plugins/{world.savers['id']}"))
    bundle = worker.get(f"{API}/plugins/{savers['id']}/snapshots/{savers['snapshot']}/files/bundle")
    assert bundle.status_code == 200
    for url in (
        f"{API}/artifacts/{unrelated['id']}",
        f"{API}/artifacts/{unrelated['id']}/contents",
        f"{API}/artifacts/{unrelated['id']}/snapshots/{unrelated['snapshot']}",
    ):
        assert_error(worker.get(url), 403, "JobTokenScopeError")
    # Nor may it register another job's outputs.
    other = claim(app, alice, submit(alice, world)["id"])
    uploaded = ok_json(upload(other.worker, other.job["id"], "saved", "x.txt", b"x"))
    assert_error(
        register(worker, other.job["id"], uploaded["artifactUri"]), 403, "JobTokenScopeError"
    )
    assert_error(upload(worker, other.job["id"], "saved", "y.txt", b"y"), 403, "JobTokenScopeError")


def test_uploads_over_the_limit_store_nothing(
    app: FastAPI, alice: TestClient, running: Claimed, monkeypatch: pytest.MonkeyPatch
) -> None:
    jid = running.job["id"]
    settings = app.state.dioptra.settings
    monkeypatch.setattr(settings, "max_artifact_upload_bytes", 10)

    too_big = upload(running.worker, jid, "saved", "big.bin", b"x" * 11)
    folder = upload(running.worker, jid, "saved", "dir", tar_of({"a": b"y" * 11}), is_dir=True)

    assert_error(too_big, 400, "ArtifactUploadError")
    assert_error(folder, 400, "ArtifactUploadError")
    store = app.state.artifact_store
    assert not store.exists(f"jobs/{jid}/saved/big.bin")
    assert not store.exists(f"jobs/{jid}/saved/dir")
    assert ok_json(upload(running.worker, jid, "saved", "small.bin", b"x" * 10))["fileSize"] == 10


@pytest.mark.parametrize(
    ("failure", "status", "error"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), 507, "ArtifactStoreFullError"),
        (StorageError("cannot upload to s3://bucket/x: unreachable"), 503, "ArtifactStoreError"),
    ],
    ids=["full", "unreachable"],
)
def test_a_failing_store_answers_a_clear_error_and_keeps_nothing(
    app: FastAPI,
    running: Claimed,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    status: int,
    error: str,
) -> None:
    written = local_backend._PlainFile.write

    def fail_halfway(self: local_backend._PlainFile, chunk: bytes) -> None:
        written(self, chunk[: len(chunk) // 2])
        raise failure

    monkeypatch.setattr(local_backend._PlainFile, "write", fail_halfway)
    # Copied, not linked, from the spool: a store on another file system.
    monkeypatch.setattr(local_backend, "link_read_only", lambda source, target: False)
    jid = running.job["id"]
    root = Path(app.state.artifact_store.url)
    before = _files_under(root)
    big = b"x" * 100_000
    file_upload = upload(running.worker, jid, "saved", "big.bin", big)
    folder_upload = upload(running.worker, jid, "dir", "d", tar_of({"a.bin": big}), is_dir=True)

    for response in (file_upload, folder_upload):
        body = assert_error(response, status, error)
        assert str(failure) in body["message"]
    assert _files_under(root) == before  # nothing partial, no temporary file


def _files_under(folder: Path) -> set[str]:
    return {os.path.join(parent, name) for parent, _, names in os.walk(folder) for name in names}
