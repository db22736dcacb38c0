"""Registering an artifact without reading it all again: the size and sha256 a job sends
(ours), and the digests of the server's own uploads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import ok_json
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jobs_testing import Claimed, World, claim, make_world, register, submit, tar_of, upload

from dioptra.server.services import artifacts as artifacts_service
from dioptra.server.services.artifacts import StoredDigest, UploadDigests
from dioptra.storage import ArtifactStore

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
    real = artifacts_service._digest

    def counting(store: ArtifactStore, key: str, is_dir: bool) -> tuple[int, str]:
        seen.append(key)
        return real(store, key, is_dir)

    monkeypatch.setattr(artifacts_service, "_digest", counting)
    yield seen


def stored_file(store: ArtifactStore, job_id: int, tmp_path: Path) -> str:
    """A file written into the store as a local worker does; its URI."""
    source = tmp_path / "array.npy"
    source.write_bytes(DATA)
    return store.put_file(f"jobs/{job_id}/saved/array.npy", source, link=True, overwrite=True).uri


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


def test_without_a_digest_the_server_still_reads(
    running: Claimed, store: ArtifactStore, tmp_path: Path, reads: list[str]
) -> None:
    jid = running.job["id"]
    uri = stored_file(store, jid, tmp_path)
    artifact = ok_json(register(running.worker, jid, uri))  # what Dioptra's client sends
    assert (artifact["sha256"], artifact["fileSize"]) == (sha256(DATA), len(DATA))
    assert reads == [f"jobs/{jid}/saved/array.npy"]


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
    folder = tmp_path / "model"
    for name, data in FOLDER.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
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


def test_an_upload_changed_since_is_read_again(
    running: Claimed, store: ArtifactStore, reads: list[str]
) -> None:
    """A remembered digest counts only while the stored object still has its size."""
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))
    store.put_bytes(f"jobs/{jid}/saved/array.npy", b"replaced behind the API", overwrite=True)
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    assert artifact["sha256"] == sha256(b"replaced behind the API")
    assert reads == [f"jobs/{jid}/saved/array.npy"]


def test_an_upload_another_process_stored_is_read(
    app: FastAPI, running: Claimed, reads: list[str]
) -> None:
    jid = running.job["id"]
    uploaded = ok_json(upload(running.worker, jid, "saved", "array.npy", DATA))
    app.state.upload_digests = UploadDigests()  # as if registered through another process
    artifact = ok_json(register(running.worker, jid, uploaded["artifactUri"]))
    assert artifact["sha256"] == sha256(DATA)
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
