"""Resource import: the multipart form for each kind of source."""

from __future__ import annotations

import email.parser
import email.policy
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import WEB_ROOT, FakeServer

from dioptra.client import (
    DioptraClient,
    DioptraFile,
    IllegalArgumentError,
    select_files_in_directory,
)


def _form_parts(content_type: str, body: bytes) -> list[tuple[str, str | None, bytes]]:
    """(field name, filename, content) of each part of a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts.append((str(name), part.get_filename(), payload))
    return parts


def _sent_form(server: FakeServer) -> list[tuple[str, str | None, bytes]]:
    sent = server.last
    assert (sent.method, sent.path) == ("POST", "/workflows/resourceImport")
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    return _form_parts(sent.headers["content-type"], sent.content)


def test_import_from_git(json_client: DioptraClient[dict[str, Any]], server: FakeServer) -> None:
    json_client.workflows.import_resources(
        1,
        "https://github.com/org/repo.git#main",
        config_path="extra/dioptra.toml",
        resolve_name_conflicts_strategy="update",
    )

    assert _sent_form(server) == [
        ("group", None, b"1"),
        ("sourceType", None, b"git"),
        ("gitUrl", None, b"https://github.com/org/repo.git#main"),
        ("configPath", None, b"extra/dioptra.toml"),
        ("resolveNameConflictsStrategy", None, b"update"),
    ]


def test_import_an_archive(json_client: DioptraClient[dict[str, Any]], server: FakeServer) -> None:
    archive = DioptraFile("resources.tar.gz", io.BytesIO(b"\x1f\x8barchive"), "application/gzip")

    json_client.workflows.import_resources(3, archive)

    assert _sent_form(server) == [
        ("group", None, b"3"),
        ("sourceType", None, b"upload_archive"),
        ("archiveFile", "resources.tar.gz", b"\x1f\x8barchive"),
    ]


def test_import_a_directory_of_files(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "plugins" / "hello").mkdir(parents=True)
    (tmp_path / "dioptra.toml").write_text("[[plugins]]\n")
    (tmp_path / "plugins" / "hello" / "tasks.py").write_text("x = 1\n")
    files = select_files_in_directory(tmp_path, recursive=True)

    json_client.workflows.import_resources(1, files)

    assert _sent_form(server) == [
        ("group", None, b"1"),
        ("sourceType", None, b"upload_files"),
        ("files", "dioptra.toml", b"[[plugins]]\n"),
        ("files", "plugins/hello/tasks.py", b"x = 1\n"),
    ]
    for file_ in files:
        file_.stream.close()


def test_import_survives_a_redirect_with_its_files(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "POST",
        "/workflows/resourceImport",
        httpx.Response(308, headers={"Location": f"{WEB_ROOT}/api/v1/workflows/resourceImport/"}),
    )

    json_client.workflows.import_resources(1, [DioptraFile("a.py", io.BytesIO(b"abc"), None)])

    first, second = server.requests
    assert second.path == "/workflows/resourceImport/"
    assert second.content == first.content
    assert b"abc" in second.content


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (42, "must be one of str, DioptraFile, or list"),
        (["a.py"], "other than DioptraFile\\): str"),
        ([], "the list is empty"),
    ],
    ids=["int", "list-of-str", "empty-list"],
)
def test_bad_sources_are_refused_before_sending(
    source: Any, message: str, json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(IllegalArgumentError, match=message):
        json_client.workflows.import_resources(1, source)

    assert server.requests == []
