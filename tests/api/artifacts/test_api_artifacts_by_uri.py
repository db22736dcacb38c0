"""Artifacts registered by URI: a file a job logged to its MLflow run (as Dioptra 1.2's
jobs do), accepted only inside a root the operator allows and only for the job's own
run, read where it is and checked again at every read; and hostile URIs, refused with
400 whatever they name."""

from __future__ import annotations

import hashlib
import io
import tarfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import Claimed, World, claim, make_world, register, submit

from dioptra.server.settings import Settings

FOLDER = {"a.txt": b"alpha", "sub/b.bin": bytes(range(256)) * 8}


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


@pytest.fixture
def mlruns(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An MLflow file store the operator allows (``artifact_external_roots``)."""
    root = tmp_path / "mlruns"
    root.mkdir()
    monkeypatch.setattr(settings, "artifact_external_roots", [root])
    return root


def job_with_run(alice: TestClient, world: World) -> tuple[int, str]:
    """A job and the MLflow run id it recorded (``POST /jobs/{id}/mlflowRun``)."""
    job_id = submit(alice, world)["id"]
    run_id = uuid.uuid4().hex
    ok_json(alice.post(f"{API}/jobs/{job_id}/mlflowRun", json={"mlflowRunId": run_id}))
    return job_id, run_id


def run_folder(root: Path, run_id: str) -> Path:
    """Where MLflow's file store keeps a run's artifacts: ``<exp>/<run>/artifacts``."""
    folder = root / "1" / run_id / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file(root: Path, run_id: str, name: str, data: bytes) -> Path:
    path = run_folder(root, run_id) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def log_folder(root: Path, run_id: str, name: str, files: dict[str, bytes]) -> Path:
    for relative, data in files.items():
        log_file(root, run_id, f"{name}/{relative}", data)
    return run_folder(root, run_id) / name


def manifest_sha256(files: dict[str, bytes]) -> str:
    """A folder's digest: sha256 of its ``sha256sum`` manifest, sorted by path."""
    lines = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    return hashlib.sha256(lines.encode()).hexdigest()


def test_a_file_of_the_jobs_mlflow_run_is_registered_and_served(
    alice: TestClient, world: World, mlruns: Path
) -> None:
    job_id, run_id = job_with_run(alice, world)
    data = b"\x00weights\xff" * 1000
    uri = log_file(mlruns, run_id, "model.bin", data).as_uri()

    answer = ok_json(register(alice, job_id, uri, description="logged to MLflow"))

    assert answer["artifactUri"] == uri and answer["job"] == job_id
    assert (answer["isDir"], answer["fileSize"]) == (False, len(data))
    assert answer["sha256"] == hashlib.sha256(data).hexdigest()
    assert answer["fileUrl"] == f"{API}/artifacts/{answer['id']}/contents"
    assert answer["task"] == {}
    assert ok_json(alice.get(f"{API}/artifacts/{answer['id']}")) == answer
    snapshot = f"{API}/artifacts/{answer['id']}/snapshots/{answer['snapshot']}"
    assert ok_json(alice.get(snapshot)) == {k: v for k, v in answer.items() if k != "hasDraft"}
    download = alice.get(f"{API}/artifacts/{answer['id']}/contents")
    assert download.status_code == 200 and download.content == data
    assert download.headers["content-disposition"] == "attachment; filename=model.bin"
    assert alice.get(f"{snapshot}/contents").content == data
    assert ok_json(alice.get(f"{API}/artifacts/{answer['id']}/files")) == [
        {"isDir": False, "fileSize": len(data), "fileUrl": answer["fileUrl"], "relativePath": ""}
    ]
    assert [a["id"] for a in ok_json(alice.get(f"{API}/jobs/{job_id}"))["artifacts"]] == [
        answer["id"]
    ]


def test_a_folder_of_the_jobs_mlflow_run_is_registered_and_served(
    app: FastAPI, alice: TestClient, world: World, mlruns: Path
) -> None:
    job_id, run_id = job_with_run(alice, world)
    claimed = claim(app, alice, job_id)  # the job's own token registers it, as a job does
    uri = log_folder(mlruns, run_id, "plots", FOLDER).as_uri()

    answer = ok_json(register(claimed.worker, job_id, uri))

    assert (answer["isDir"], answer["fileSize"]) == (True, sum(map(len, FOLDER.values())))
    assert answer["sha256"] == manifest_sha256(FOLDER)
    assert ok_json(alice.get(f"{API}/artifacts/{answer['id']}")) == answer
    contents = f"{API}/artifacts/{answer['id']}/contents"
    bundle = alice.get(contents)
    assert bundle.status_code == 200
    with tarfile.open(fileobj=io.BytesIO(bundle.content)) as packed:
        assert {
            member.name: packed.extractfile(member).read()  # type: ignore[union-attr]
            for member in packed.getmembers()
            if member.isfile()
        } == {f"plots/{name}": data for name, data in FOLDER.items()}
    assert alice.get(contents, params={"path": "sub/b.bin"}).content == FOLDER["sub/b.bin"]
    listing = ok_json(alice.get(f"{API}/artifacts/{answer['id']}/files"))
    assert [(f["relativePath"], f["fileSize"]) for f in listing] == [
        (name, len(data)) for name, data in sorted(FOLDER.items())
    ]


def test_stated_size_and_sha256_are_checked(
    alice: TestClient, world: World, mlruns: Path, unchanged: Callable[[], Any]
) -> None:
    job_id, run_id = job_with_run(alice, world)
    uri = log_file(mlruns, run_id, "v.txt", b"1.5").as_uri()
    with unchanged():
        assert_error(register(alice, job_id, uri, fileSize=4), 400, "ArtifactNotStoredError")
        body = assert_error(
            register(alice, job_id, uri, sha256="0" * 64), 400, "ArtifactNotStoredError"
        )
        assert hashlib.sha256(b"1.5").hexdigest() in body["message"]
    right = hashlib.sha256(b"1.5").hexdigest()
    assert ok_json(register(alice, job_id, uri, sha256=right, fileSize=3))["sha256"] == right


def refused(client: TestClient, job_id: int, uri: str, says: str) -> None:
    body = assert_error(register(client, job_id, uri), 400, "ArtifactNotStoredError")
    assert says in body["message"], body["message"]


def test_files_outside_the_jobs_run_or_the_allowed_roots_are_refused(
    alice: TestClient,
    world: World,
    mlruns: Path,
    tmp_path: Path,
    settings: Settings,
    unchanged: Callable[[], Any],
) -> None:
    job_id, run_id = job_with_run(alice, world)
    other_job, other_run = job_with_run(alice, world)
    others = log_file(mlruns, other_run, "theirs.txt", b"not yours")
    elsewhere = tmp_path / "elsewhere"
    outside = log_file(elsewhere, run_id, "x.txt", b"outside the root")
    secret = settings.data_dir / "secret_key"
    secret.write_text("do not serve")
    mine = run_folder(mlruns, run_id)
    (mine / "to-outside").symlink_to(outside)
    (mine / "to-other-run").symlink_to(others)
    (mine / "to-secret").symlink_to(secret)
    log_file(mlruns, run_id, "folder/ok.txt", b"ok")
    (mine / "folder" / "escape").symlink_to(outside)
    linked_run = mlruns / "2" / run_id
    linked_run.parent.mkdir()
    linked_run.symlink_to(elsewhere / "1" / run_id)  # the run's folder itself links out
    data_run = run_folder(settings.data_dir, run_id)
    (data_run / "db").write_bytes(b"a database")
    no_run = submit(alice, world)["id"]
    odd_names = log_file(mlruns, run_id, "odd/a\\b", b"").parent

    cases = [
        (job_id, others.as_uri(), f"'{run_id}/artifacts/'"),
        (other_job, (mine / "missing").as_uri(), f"'{other_run}/artifacts/'"),
        (job_id, outside.as_uri(), "nor in a folder it allows"),
        (job_id, (linked_run / "artifacts" / "x.txt").as_uri(), "nor in a folder it allows"),
        (job_id, (mine / "to-outside").as_uri(), "link to outside the run's artifacts"),
        (job_id, (mine / "to-other-run").as_uri(), "link to outside the run's artifacts"),
        (job_id, (mine / "to-secret").as_uri(), "link to outside the run's artifacts"),
        (job_id, (mine / "folder").as_uri(), "link to outside the run's artifacts"),
        (job_id, (mine / "missing").as_uri(), "nothing is stored there"),
        (job_id, odd_names.as_uri(), "backslash at position 1"),
        (job_id, mine.as_uri(), f"'{run_id}/artifacts/'"),  # the folder itself: no name
    ]
    with unchanged():
        for job, uri, says in cases:
            refused(alice, job, uri, says)
        no_run_uri = log_file(mlruns, "f" * 32, "y", b"").as_uri()
        body = assert_error(register(alice, no_run, no_run_uri), 400, "JobMlflowRunNotSetError")
        assert f"POST /jobs/{no_run}/mlflowRun" in body["message"]
        # The data folder stays out even when an allowed root holds it.
        settings.artifact_external_roots = [settings.data_dir.parent, mlruns]
        refused(alice, job_id, (data_run / "db").as_uri(), "the server's own data folder")
        settings.artifact_external_roots = []  # the operator allows none
        refused(alice, job_id, log_file(mlruns, run_id, "z", b"z").as_uri(), "nor in a folder")


def test_a_file_swapped_after_registration_is_refused_at_read(
    alice: TestClient, world: World, mlruns: Path, tmp_path: Path
) -> None:
    job_id, run_id = job_with_run(alice, world)
    path = log_file(mlruns, run_id, "v.txt", b"1.5")
    folder = log_folder(mlruns, run_id, "plots", FOLDER)
    single = ok_json(register(alice, job_id, path.as_uri()))
    several = ok_json(register(alice, job_id, folder.as_uri()))
    outside = tmp_path / "private.txt"
    outside.write_bytes(b"private")

    path.unlink()
    path.symlink_to(outside)
    member = folder / "a.txt"
    member.unlink()
    member.symlink_to(outside)

    for artifact in (single, several):
        contents = f"{API}/artifacts/{artifact['id']}/contents"
        body = assert_error(alice.get(contents), 400, "ArtifactUnreadableError")
        assert "link to outside" in body["message"], body
        assert b"private" not in alice.get(contents).content
        snapshot = f"{API}/artifacts/{artifact['id']}/snapshots/{artifact['snapshot']}/contents"
        assert_error(alice.get(snapshot), 400, "ArtifactUnreadableError")
        assert ok_json(alice.get(f"{API}/artifacts/{artifact['id']}")) == artifact
    # A file's listing is its record (nothing is read); a folder's is read, and refused.
    assert ok_json(alice.get(f"{API}/artifacts/{single['id']}/files"))[0]["fileSize"] == 3
    listing = alice.get(f"{API}/artifacts/{several['id']}/files")
    assert_error(listing, 400, "ArtifactUnreadableError")
    member_url = f"{API}/artifacts/{several['id']}/contents"
    assert_error(alice.get(member_url, params={"path": "a.txt"}), 400, "ArtifactUnreadableError")

    path.unlink()
    body = assert_error(
        alice.get(f"{API}/artifacts/{single['id']}/contents"), 400, "ArtifactUnreadableError"
    )
    assert "nothing is stored there" in body["message"]
    path.write_bytes(b"1.5")  # put back: served again
    assert alice.get(f"{API}/artifacts/{single['id']}/contents").content == b"1.5"


def test_reads_stop_when_the_operator_withdraws_the_root(
    alice: TestClient, world: World, mlruns: Path, settings: Settings
) -> None:
    job_id, run_id = job_with_run(alice, world)
    artifact = ok_json(register(alice, job_id, log_file(mlruns, run_id, "v", b"1").as_uri()))
    settings.artifact_external_roots = []
    body = assert_error(
        alice.get(f"{API}/artifacts/{artifact['id']}/contents"), 400, "ArtifactUnreadableError"
    )
    assert "nor in a folder it allows" in body["message"]


@pytest.fixture
def running(app: FastAPI, alice: TestClient, world: World) -> Claimed:
    return claim(app, alice, submit(alice, world)["id"])


@pytest.mark.parametrize(
    "rest",
    [
        "saved/../../1/saved/v.txt",
        "saved//v.txt",
        "saved/v.txt%00.png",
        "saved/./v.txt",
        "saved/v\\..\\x",
        "saved/%2e%2e/x",
        "saved/v.txt/",
    ],
)
def test_hostile_uris_in_the_store_are_refused(
    app: FastAPI, alice: TestClient, running: Claimed, unchanged: Callable[[], Any], rest: str
) -> None:
    uri = f"file://{app.state.dioptra.settings.artifacts_url}/jobs/{running.job['id']}/{rest}"
    with unchanged():
        assert_error(register(alice, running.job["id"], uri), 400, "ArtifactNotStoredError")


@pytest.mark.parametrize(
    "hostile",
    [
        "{run}/artifacts/../../{other}/artifacts/theirs.txt",
        "{run}/artifacts//v.txt",
        "{run}/artifacts/v.txt%00",
        "{run}/artifacts/%2e%2e/%2e%2e/{other}/artifacts/theirs.txt",
        "{run}/artifacts/v.txt%ff",
        "{run}/artifacts/v.txt?x=1",
        "{run}/artifacts/v.txt#top",
        "{run}/artifacts/./v.txt",
    ],
)
def test_hostile_uris_in_an_allowed_root_are_refused(
    alice: TestClient, world: World, mlruns: Path, unchanged: Callable[[], Any], hostile: str
) -> None:
    job_id, run_id = job_with_run(alice, world)
    _, other_run = job_with_run(alice, world)
    log_file(mlruns, run_id, "v.txt", b"1")
    log_file(mlruns, other_run, "theirs.txt", b"not yours")
    uri = f"{mlruns.as_uri()}/1/" + hostile.format(run=run_id, other=other_run)
    with unchanged():
        assert_error(register(alice, job_id, uri), 400, "ArtifactNotStoredError")


@pytest.mark.parametrize(
    "uri",
    [
        "file://elsewhere.example/{path}",
        "file:relative/{path}",
        "file://[::1/{path}",
        "file:///{path}" + "/x" * 600,
        "",
    ],
)
def test_other_hostile_forms_are_refused(
    alice: TestClient, world: World, mlruns: Path, unchanged: Callable[[], Any], uri: str
) -> None:
    job_id, run_id = job_with_run(alice, world)
    path = log_file(mlruns, run_id, "v.txt", b"1").as_posix().lstrip("/")
    with unchanged():
        assert_error(register(alice, job_id, uri.format(path=path)), 400, "ArtifactNotStoredError")


def test_a_raw_nul_is_refused_before_anything(
    alice: TestClient, world: World, mlruns: Path, unchanged: Callable[[], Any]
) -> None:
    job_id, run_id = job_with_run(alice, world)
    uri = log_file(mlruns, run_id, "v.txt", b"1").as_uri() + "\x00"
    with unchanged():
        response = register(alice, job_id, uri)
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.text
