"""`dioptra artifacts list|download`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
from cli_harness import Cli, FakeServer, artifact, job, page


def test_artifacts_list_shows_the_newest(cli: Cli, server: FakeServer) -> None:
    server.route(
        "GET",
        "/artifacts",
        page([artifact(8, "s3://bucket/12/plots", None, is_dir=True), artifact(7)]),
    )

    result = cli("artifacts", "list", "-n", "2")

    assert result.exit_code == 0, result.output
    sent = server.one("GET", "/artifacts")
    assert (sent.param("sortBy"), sent.param("descending"), sent.param("pageLength")) == (
        "createdOn",
        "True",
        "2",
    )
    row_8 = next(line for line in result.stdout.splitlines() if "│ 8 " in line)
    assert "plots" in row_8 and "directory" in row_8
    row_7 = next(line for line in result.stdout.splitlines() if "│ 7 " in line)
    assert "transformed_array.npy" in row_7 and "928 B" in row_7


def test_artifacts_list_of_one_job(cli: Cli, server: FakeServer) -> None:
    server.route("GET", "/jobs/12", job(12, "finished", artifacts=(7, 9)))
    server.route("GET", "/artifacts/7", artifact(7))
    server.route("GET", "/artifacts/9", artifact(9, "file:///x/plot.png", 2048))

    result = cli("artifacts", "list", "--job", "12")

    assert result.exit_code == 0, result.output
    assert server.sent("GET", "/artifacts") == []
    assert result.stdout.index("plot.png") < result.stdout.index("transformed_array.npy")
    assert "2.0 KiB" in result.stdout


def test_download_streams_the_file_under_its_name(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    content = bytes(range(256)) * 1000
    server.route("GET", "/artifacts/7", artifact(7, size=len(content)))
    server.route("GET", "/artifacts/7/contents", httpx.Response(200, content=content))

    result = cli("artifacts", "download", "7", "-o", str(tmp_path / "out"))

    assert result.exit_code == 0, result.output
    saved = tmp_path / "out" / "transformed_array.npy"
    assert saved.read_bytes() == content
    assert list((tmp_path / "out").iterdir()) == [saved]  # no .part file left behind
    assert server.one("GET", "/artifacts/7/contents").params == {}
    assert f"Saved artifact 7 to {saved} (250.0 KiB)" in result.stderr


def test_download_checks_the_recorded_sha256(cli: Cli, server: FakeServer, tmp_path: Path) -> None:
    content = b"\x93NUMPY" + bytes(range(256)) * 10
    digest = hashlib.sha256(content).hexdigest()
    server.route("GET", "/artifacts/7", artifact(7, size=len(content), sha256=digest))
    server.route("GET", "/artifacts/7/contents", httpx.Response(200, content=content))

    result = cli("artifacts", "download", "7", "-o", str(tmp_path))

    assert result.exit_code == 0, result.output
    assert (tmp_path / "transformed_array.npy").read_bytes() == content
    assert "sha256 verified" in result.stderr


def test_a_download_that_does_not_match_its_sha256_is_not_kept(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    recorded = hashlib.sha256(b"what was saved").hexdigest()
    server.route("GET", "/artifacts/7", artifact(7, size=7, sha256=recorded))
    server.route("GET", "/artifacts/7/contents", httpx.Response(200, content=b"damaged"))

    result = cli("artifacts", "download", "7", "-o", str(tmp_path))

    assert result.exit_code == 1
    assert "The download of artifact 7 is damaged" in result.stderr
    assert f"the server recorded {recorded}. Nothing was saved." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_download_of_a_directory_asks_for_an_archive(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    server.route("GET", "/artifacts/8", artifact(8, "file:///a/12/plots/", None, is_dir=True))
    server.route("GET", "/artifacts/8/contents", httpx.Response(200, content=b"PK\x03\x04"))

    result = cli("artifacts", "download", "8", "-o", str(tmp_path), "--format", "zip")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "plots.zip").read_bytes() == b"PK\x03\x04"
    assert server.one("GET", "/artifacts/8/contents").param("fileType") == "zip"


def test_a_failed_download_leaves_no_file(cli: Cli, server: FakeServer, tmp_path: Path) -> None:
    server.route("GET", "/artifacts/7", artifact(7))
    server.route(
        "GET",
        "/artifacts/7/contents",
        httpx.Response(500, json={"message": "Internal Server Error - storage is down"}),
    )

    result = cli("artifacts", "download", "7", "-o", str(tmp_path))

    assert result.exit_code == 1
    assert result.stderr == "Error: storage is down\n"
    assert list(tmp_path.iterdir()) == []


def test_format_is_refused_for_a_file_artifact(
    cli: Cli, server: FakeServer, tmp_path: Path
) -> None:
    server.route("GET", "/artifacts/7", artifact(7))

    result = cli("artifacts", "download", "7", "-o", str(tmp_path), "--format", "zip")

    assert result.exit_code == 1
    assert "--format applies to directories only" in result.stderr
    assert server.sent("GET", "/artifacts/7/contents") == []
