"""Helpers for the plugin, plugin file and parameter type tests."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Sequence
from typing import Any

from api_testing import API
from fastapi.testclient import TestClient

# Ids of the builtin parameter types seeded into ``public`` (see conftest).
BUILTIN_IDS = {"any": 1, "string": 2, "integer": 3, "number": 4, "boolean": 5, "null": 6}


def create_type(
    client: TestClient,
    name: str,
    structure: dict[str, Any] | None = None,
    group: int = 1,
    description: str | None = None,
) -> dict[str, Any]:
    response = client.post(
        f"{API}/pluginParameterTypes/",
        json={"group": group, "name": name, "structure": structure, "description": description},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def create_plugin(
    client: TestClient, name: str, group: int = 1, description: str | None = None
) -> dict[str, Any]:
    response = client.post(
        f"{API}/plugins/", json={"group": group, "name": name, "description": description}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def function_task(
    name: str,
    inputs: Sequence[tuple[str, int]] = (),
    outputs: Sequence[tuple[str, int]] = (),
) -> dict[str, Any]:
    return {
        "name": name,
        "inputParams": [{"name": n, "parameterType": t} for n, t in inputs],
        "outputParams": [{"name": n, "parameterType": t} for n, t in outputs],
    }


def file_body(
    filename: str,
    contents: str = "",
    functions: list[dict[str, Any]] | None = None,
    artifacts: list[dict[str, Any]] | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    return {
        "filename": filename,
        "contents": contents,
        "description": description,
        "tasks": {"functions": functions or [], "artifacts": artifacts or []},
    }


def create_file(client: TestClient, plugin_id: int, **kwargs: Any) -> dict[str, Any]:
    response = client.post(f"{API}/plugins/{plugin_id}/files", json=file_body(**kwargs))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def get_plugin(client: TestClient, plugin_id: int) -> dict[str, Any]:
    response = client.get(f"{API}/plugins/{plugin_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def unpack(data: bytes, file_type: str) -> dict[str, bytes]:
    """Every member of a tar.gz or zip archive: name -> bytes."""
    members: dict[str, bytes] = {}
    if file_type == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                members[name] = archive.read(name)
        return members
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            extracted = archive.extractfile(member)
            assert extracted is not None
            members[member.name] = extracted.read()
    return members


def manifest_of(members: dict[str, bytes]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(members["manifest.json"])
    return manifest
