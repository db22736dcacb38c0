"""Registering an artifact without reading it all again: the size and sha256 a job sends
(ours), the digests of the server's own uploads, and the digests computed after the
registration (``artifact_digests``) for artifacts registered without one."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import Claimed, World, claim, make_world, register, submit, tar_of, upload
from sqlalchemy import select
from sqlalchemy.orm import Session

from dioptra.server.app import create_app
from dioptra.server.db.tables import PendingDigest, ResourceSnapshot
from dioptra.server.services.artifacts.artifacts import StoredDigest, UploadDigests
from dioptra.server.services.background.artifact_digests import (
    MAX_ATTEMPTS,
    DigestOutcome,
    digest_pending_once,
)
from dioptra.server.settings import Settings
from dioptra.storage import ArtifactStore, StoredObject

DATA = b"\x93NUMPY" + bytes(range(256)) * 400
FOLDER = {"a.txt": b"A", "sub/b.bin": bytes(range(256)) * 8}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def world(alice: TestClient) -> World:
    return make_world(alice)


@pytest.fixture
def running(app: FastAPI, alice: TestClient, world: World) -> Claimed:
    return claim(app, alice, submit(alice, world)["id"])


@pytest.fixture
def store(app: FastAPI) -> ArtifactStore:
    """The server's artifact store, as a local worker writes into it directly."""
    return ArtifactStore(app.state.dioptra.settings.artifacts_url)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The keys the server reads in full to digest them."""
    seen: list[str] = []
    real = ArtifactStore.digest

    def counting(store: ArtifactStore, key: str) -> StoredObject:
        seen.append(key)
        return real(store, key)

    monkeypatch.setattr(ArtifactStore, "digest", counting)
    yield seen


def pending(engine: sa.Engine) -> dict[int, tuple[int, str | None]]:
    """artifact id -> (attempts, last error) of the digests still owed."""
    with Session(engine) as db:
        rows = db.scalars(select(PendingDigest))
        return {row.artifact_id: (row.attempts, row.last_error) for row in rows}


def stored_file(store: ArtifactStore, job_id: int, tmp_path: Path) -> str:
    """A file written into the store as a local worker does; its URI."""
    source = tmp_path / "array.npy"
    source.write_bytes(DATA)
    return store.put_file(f"jobs/{job_id}/saved/array.npy", source, link=True, overwrite=True).uri


def written_folder(folder: Path) -> Path:
    """FOLDER's files, as a job's serialize writes them."""
    for name, data in FOLDER.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_the_jobs_own_digest_is_taken_without_reading(
    alice: TestClient, running: Claimed, store: ArtifactStore, tmp_path: Path, reads: list[str]
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    body = {"sha256": sha256(DATA), "fileSize": len(DATA)}
    artifact = ok_json(register(running.worker, jid, uri, **body))
    assert (artifact["sha256"], artifact["fileSize"], artifact["isDir"]) == (
        sha256(DATA),
        len(DATA),
        False,
    )
    assert reads == []
    assert alice.get(f"{API}/artifacts/{artifact['id']}/contents").content == DATA


def test_the_digest_alone_is_taken_with_the_stored_size(
    running: Claimed, store: ArtifactStore, tmp_path: Path, reads: list[str]
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    artifact = ok_json(register(running.worker, jid, uri, sha256=sha256(DATA)))
    assert (artifact["sha256"], artifact["fileSize"]) == (sha256(DATA), len(DATA))
    assert reads == []


def test_without_a_digest_it_is_registered_at_once_and_digested_afterwards(
    alice: TestClient,
    engine: sa.Engine,
    running: Claimed,
    store: ArtifactStore,
    tmp_path: Path,
    reads: list[str],
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    artifact = ok_json(register(running.worker, jid, uri))  # what Dioptra's client sends
    assert (artifact["sha256"], artifact["fileSize"]) == (None, len(DATA))
    assert reads == [] and pending(engine) == {artifact["id"]: (0, None)}

    outcomes = digest_pending_once(engine, store)
    assert outcomes == [DigestOutcome(artifact["id"], sha256(DATA))]
    assert reads == [f"jobs/{jid}/saved/array.npy"] and pending(engine) == {}
    shown = ok_json(alice.get(f"{API}/artifacts/{artifact['id']}"))
    assert (shown["sha256"], shown["fileSize"]) == (sha256(DATA), len(DATA))
    assert digest_pending_once(engine, store) == []  # nothing left to do


def test_the_store_is_opened_only_when_something_is_pending(engine: sa.Engine) -> None:
    def no_store() -> ArtifactStore:
        raise AssertionError("opened with nothing pending")

    assert digest_pending_once(engine, no_store) == []


def test_a_folder_registered_without_a_digest_gets_its_manifest_digest(
    alice: TestClient, engine: sa.Engine, running: Claimed, store: ArtifactStore, tmp_path: Path
) -> None:
    jid = running.job["id"]
    folder = written_folder(tmp_path / "model")
    expected = store.put_directory("elsewhere/model", folder)  # copied and hashed
    stored = store.put_directory(
        f"jobs/{jid}/saved/model", folder, link=True, overwrite=True, digest=False
    )
    assert (stored.sha256, stored.size) == (None, expected.size)
    artifact = ok_json(register(running.worker, jid, stored.uri, fileSize=stored.size))
    assert (artifact["isDir"], artifact["sha256"]) == (True, None)
    digest_pending_once(engine, store)
    shown = ok_json(alice.get(f"{API}/artifacts/{artifact['id']}"))
    assert shown["sha256"] == expected.sha256


def test_a_snapshot_made_while_the_digest_is_owed_gets_it_too(
    alice: TestClient, engine: sa.Engine, running: Claimed, store: ArtifactStore, tmp_path: Path
) -> None:
    jid = running.job["id"]
    artifact = ok_json(register(running.worker, jid, stored_file(store, jid, tmp_path)))
    ok_json(alice.put(f"{API}/artifacts/{artifact['id']}", json={"description": "renamed"}))
    digest_pending_once(engine, store)
    snapshots = ok_json(alice.get(f"{API}/artifacts/{artifact['id']}/snapshots"))["data"]
    assert len(snapshots) == 2
    assert {snapshot["sha256"] for snapshot in snapshots} == {sha256(DATA)}


def test_a_digest_that_cannot_be_made_is_retried_then_left_with_its_error(
    alice: TestClient,
    engine: sa.Engine,
    running: Claimed,
    store: ArtifactStore,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    key = f"jobs/{jid}/saved/array.npy"
    artifact = ok_json(register(running.worker, jid, uri))
    store.put_bytes(key, b"shorter", overwrite=True)  # changed behind the server's back
    message = f"7 bytes are stored, but {len(DATA)} were registered"
    assert digest_pending_once(engine, store) == [DigestOutcome(artifact["id"], None, message)]
    assert pending(engine) == {artifact["id"]: (1, message)}
    assert f"cannot compute the sha256 of artifact {artifact['id']}" in caplog.text

    store.delete(key)
    for attempt in range(2, MAX_ATTEMPTS + 1):
        (outcome,) = digest_pending_once(engine, store)
        assert outcome.error is not None and "cannot read the stored object" in outcome.error
        assert pending(engine)[artifact["id"]][0] == attempt
    assert digest_pending_once(engine, store) == []  # given up: the row stays for an operator
    assert ok_json(alice.get(f"{API}/artifacts/{artifact['id']}"))["sha256"] is None


def test_a_pending_digest_survives_a_restart_and_the_server_fills_it_in(
    settings: Settings, engine: sa.Engine, running: Claimed, store: ArtifactStore, tmp_path: Path
) -> None:
    """The background pass of a (new) app finds what an earlier one left."""
    jid = running.job["id"]
    artifact = ok_json(register(running.worker, jid, stored_file(store, jid, tmp_path)))
    fresh = create_app(
        settings.model_copy(update={"artifact_digest_interval_seconds": 0.05}), engine=engine
    )
    with TestClient(fresh):
        deadline = time.monotonic() + 10
        while pending(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert pending(engine) == {}
    with Session(engine) as db:
        snapshot = db.scalars(
            select(ResourceSnapshot).where(ResourceSnapshot.resource_id == artifact["id"])
        ).one()
    assert snapshot.payload["sha256"] == sha256(DATA)


def test_a_wrong_size_is_refused(
    running: Claimed,
    store: ArtifactStore,
    tmp_path: Path,
    unchanged: Callable[[], Any],
    reads: list[str],
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    for size in (len(DATA) - 1, len(DATA) + 1, 0):
        with unchanged():
            body = assert_error(
                register(running.worker, jid, uri, sha256=sha256(DATA), fileSize=size),
                400,
                "ArtifactNotStoredError",
            )
        assert f"{len(DATA)} bytes are stored there, not {size}" in body["message"]
    assert reads == []  # refused on a stat
    ok_json(register(running.worker, jid, uri, fileSize=len(DATA)))


def test_malformed_digests_and_sizes_are_refused(
    running: Claimed, store: ArtifactStore, tmp_path: Path, unchanged: Callable[[], Any]
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    for fields in (
        {"sha256": "abc"},
        {"sha256": sha256(DATA).upper()},
        {"sha256": 5},
        {"fileSize": -1},
        {"fileSize": "big"},
        {"fileSize": 2**63},
    ):
        with unchanged():
            response = register(running.worker, jid, uri, **fields)
            assert response.status_code == 400, (fields, response.text)


def test_someone_elses_digest_is_checked_against_the_bytes(
    alice: TestClient,
    running: Claimed,
    store: ArtifactStore,
    tmp_path: Path,
    unchanged: Callable[[], Any],
    reads: list[str],
) -> None:
    """Only the job's own token is trusted; a user's claim is verified by reading."""
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    wrong = sha256(b"something else")
    with unchanged():
        body = assert_error(register(alice, jid, uri, sha256=wrong), 400, "ArtifactNotStoredError")
    assert f"its sha256 is {sha256(DATA)}, not {wrong}" in body["message"]
    artifact = ok_json(register(alice, jid, uri, sha256=sha256(DATA)))
    assert artifact["sha256"] == sha256(DATA)
    assert len(reads) == 2


def test_a_folder_written_by_the_job_registers_with_its_manifest_digest(
    running: Claimed, store: ArtifactStore, tmp_path: Path, reads: list[str]
) -> None:
    jid = running.job["id"]
    folder = written_folder(tmp_path / "model")
    stored = store.put_directory(f"jobs/{jid}/saved/model", folder, link=True, overwrite=True)
    body = {"sha256": stored.sha256, "fileSize": stored.size}
    artifact = ok_json(register(running.worker, jid, stored.uri, **body))
    assert (artifact["isDir"], artifact["fileSize"]) == (True, sum(map(len, FOLDER.values())))
    assert artifact["sha256"] == stored.sha256
    assert reads == []


# -- uploads through the API -----------------------------------------------------------------


def test_registering_an_upload_reuses_its_digest(running: Claimed, reads: list[str]) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))
    folder = ok_json(upload(running.worker, jid, "saved", "model", tar_of(FOLDER), is_dir=True))
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    tree = ok_json(register(running.worker, jid, folder["artifactUri"]))
    assert (artifact["sha256"], artifact["fileSize"]) == (sha256(DATA), len(DATA))
    assert (tree["sha256"], tree["fileSize"]) == (folder["sha256"], folder["fileSize"])
    assert reads == []


def test_an_upload_changed_since_is_digested_again(
    engine: sa.Engine, running: Claimed, store: ArtifactStore, reads: list[str]
) -> None:
    """A remembered digest counts only while the stored object still has its size."""
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))
    store.put_bytes(f"jobs/{jid}/saved/array.npy", b"replaced behind the API", overwrite=True)
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    assert (artifact["sha256"], reads) == (None, [])
    digest_pending_once(engine, store)
    assert reads == [f"jobs/{jid}/saved/array.npy"]
    assert pending(engine) == {}


def test_an_upload_another_process_stored_is_digested_afterwards(
    app: FastAPI, engine: sa.Engine, running: Claimed, store: ArtifactStore, reads: list[str]
) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))
    app.state.upload_digests = UploadDigests()  # as if registered through another process
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    assert artifact["sha256"] is None
    assert digest_pending_once(engine, store) == [DigestOutcome(artifact["id"], sha256(DATA))]
    assert len(reads) == 1


def test_an_upload_digest_is_still_checked_against_a_claim(
    running: Claimed, unchanged: Callable[[], Any]
) -> None:
    jid = running.job["id"]
    uri = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))["artifactUri"]
    with unchanged():
        assert_error(
            register(running.worker, jid, uri, sha256=sha256(b"other")),
            400,
            "ArtifactNotStoredError",
        )
    assert ok_json(register(running.worker, jid, uri))["sha256"] == sha256(DATA)


def test_upload_digests_keep_the_newest_and_forget_registered_ones() -> None:
    digests = UploadDigests(capacity=2)
    for name in ("a", "b", "c"):
        digests.remember(name, StoredDigest(False, len(name), sha256(name.encode())))
    assert digests.get("a") is None
    assert digests.get("c") == StoredDigest(False, 1, sha256(b"c"))
    digests.remember("b", StoredDigest(False, 5, "x" * 64))  # an upload replaced
    assert digests.get("b") == StoredDigest(False, 5, "x" * 64)
    digests.forget("b")
    digests.forget("missing")
    assert digests.get("b") is None
