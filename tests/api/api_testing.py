"""Helpers for the HTTP-level tests."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from dioptra.server.db.base import Base

API = "/api/v1"


def register(client: TestClient, username: str, password: str = "pw") -> dict[str, object]:
    response = client.post(
        "/api/v1/users/",
        json={
            "username": username,
            "email": f"{username}@example.org",
            "password": password,
            "confirmPassword": password,
        },
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def login(client: TestClient, username: str, password: str = "pw") -> None:
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text


def table_contents(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, for "this failed request changed nothing" checks."""
    contents: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(sa.select(table)).all()
            contents[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return contents


def create_queue(
    client: TestClient, name: str, group: int = 1, description: str | None = None
) -> dict[str, Any]:
    response = client.post(
        f"{API}/queues/", json={"group": group, "name": name, "description": description}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def create_tag(client: TestClient, name: str, group: int = 1) -> dict[str, Any]:
    response = client.post(f"{API}/tags/", json={"group": group, "name": name})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def assert_error(
    response: Any, status: int, error: str, detail: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The response is Dioptra's error body with this status and error class."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "message", "detail", "originating_path"}
    assert body["error"] == error
    if detail is not None:
        assert body["detail"] == detail
    return body
