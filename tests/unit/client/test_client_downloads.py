"""Bundle and artifact-content downloads land under the right names, intact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import FakeServer

from dioptra.client import (
    DioptraClient,
    DioptraClientError,
    DioptraResponse,
    FileTypes,
    NotFoundError,
)

PAYLOAD = bytes(range(256)) * 1000  # bigger than one download chunk


def _serve_payload(server: FakeServer, path: str) -> None:
    server.route("GET", path, httpx.Response(200, content=iter([PAYLOAD[:1000], PAYLOAD[1000:]])))


def test_plugin_bundle_is_saved_as_stem_plus_archive_suffix(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    _serve_payload(server, "/plugins/6/snapshots/40/files/bundle")

    saved = json_client.plugins.snapshots.get_files_bundle(6, 40, output_dir=tmp_path)

    assert saved == tmp_path / "task-plugins.tar.gz"
    assert saved.read_bytes() == PAYLOAD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["task-plugins.tar.gz"]


@pytest.mark.parametrize(
    ("call", "expected_name", "file_type"),
    [
        (
            lambda c, d: c.entrypoints.snapshots.get_plugins_bundle(2, 50, output_dir=d),
            "plugins.tar.gz",
            "tar_gz",
        ),
        (
            lambda c, d: c.entrypoints.snapshots.get_artifact_plugins_bundle(
                2, 50, file_type=FileTypes.ZIP, output_dir=d
            ),
            "artifact-plugins.zip",
            "zip",
        ),
        (
            lambda c, d: c.plugins.snapshots.get_files_bundle(
                6, 40, output_dir=d, file_stem="run.1"
            ),
            "run.1.tar.gz",
            "tar_gz",
        ),
    ],
    ids=["plugins-bundle", "artifact-plugins-zip", "stem-with-dot"],
)
def test_bundle_names(
    call: Any,
    expected_name: str,
    file_type: str,
    json_client: DioptraClient[dict[str, Any]],
    server: FakeServer,
    tmp_path: Path,
) -> None:
    saved = call(json_client, tmp_path)

    assert saved == tmp_path / expected_name
    assert server.last.query == [("fileType", file_type)]


def test_artifact_file_contents_keep_the_bare_stem(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    _serve_payload(server, "/artifacts/4/contents")

    saved = json_client.artifacts.get_contents(4, output_dir=tmp_path / "new" / "dir")

    assert saved == tmp_path / "new" / "dir" / "contents"
    assert saved.read_bytes() == PAYLOAD
    assert server.last.query == []


def test_artifact_directory_as_zip(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    saved = json_client.artifacts.get_contents(
        4, file_type=FileTypes.ZIP, output_dir=tmp_path, file_stem="model"
    )

    assert saved == tmp_path / "model.zip"
    assert server.last.query == [("fileType", "zip")]


def test_artifact_snapshot_contents(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    _serve_payload(server, "/artifacts/4/snapshots/70/contents")

    saved = json_client.artifacts.snapshots.get_contents(
        4, 70, artifact_path="weights.bin", output_dir=tmp_path, file_stem="weights.bin"
    )

    assert saved == tmp_path / "weights.bin"
    assert saved.read_bytes() == PAYLOAD
    assert server.last.query == [("path", "weights.bin")]


def test_without_output_dir_the_file_lands_in_the_working_directory(
    json_client: DioptraClient[dict[str, Any]],
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)

    saved = json_client.plugins.snapshots.get_files_bundle(6, 40)

    assert saved == Path("task-plugins.tar.gz")
    assert (tmp_path / "task-plugins.tar.gz").exists()


def test_failed_download_raises_and_leaves_no_file(
    response_client: DioptraClient[DioptraResponse], server: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "contents").write_bytes(b"earlier download")
    server.route(
        "GET",
        "/artifacts/4/contents",
        httpx.Response(404, json={"error": "EntityDoesNotExistError", "message": "gone"}),
    )

    # Downloads raise in both client modes: there is no response object to return.
    with pytest.raises(NotFoundError, match="gone"):
        response_client.artifacts.get_contents(4, output_dir=tmp_path)

    assert [p.name for p in tmp_path.iterdir()] == ["contents"]
    assert (tmp_path / "contents").read_bytes() == b"earlier download"


def test_interrupted_download_leaves_no_partial_file(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    def broken_body() -> Any:
        yield b"first part"
        raise httpx.ReadError("connection reset")

    server.route("GET", "/artifacts/4/contents", httpx.Response(200, content=broken_body()))

    with pytest.raises(DioptraClientError, match="connection reset"):
        json_client.artifacts.get_contents(4, output_dir=tmp_path)

    assert list(tmp_path.iterdir()) == []


def test_output_path_that_is_a_directory_is_refused(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "contents").mkdir()

    with pytest.raises(DioptraClientError, match="path is a directory"):
        json_client.artifacts.get_contents(4, output_dir=tmp_path)

    assert server.requests == []
