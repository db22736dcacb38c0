"""Regression tests for what fuzzing found, each on SQLite and PostgreSQL: the request
gets the right 4xx in the server's error shape and leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fuzz_checks import error_shape_problem
from fuzz_seed import API, Seeded

Unchanged = Callable[[], AbstractContextManager[None]]
TOO_BIG = 2**31  # one past the largest id (ids are INTEGER columns)
HUGE = 10**30


def assert_client_error(response: Any, status: int, error: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert error_shape_problem(status, body) is None, body
    if error is not None:
        assert body["error"] == error, body
    return body


# -- integers beyond the database range (SQLite could not bind them: 500) ---------------


@pytest.mark.parametrize(
    "path",
    [
        f"/queues/{TOO_BIG}",
        f"/models/{HUGE}",
        f"/entrypoints/{TOO_BIG}/draft",
        f"/plugins/{TOO_BIG}/snapshots/1",
        f"/plugins/1/files/{TOO_BIG}",
        f"/queues/drafts/{TOO_BIG}",
        f"/jobs/{TOO_BIG}/log",
        f"/jobs/{TOO_BIG}/events",
        f"/experiments/{TOO_BIG}/metrics",
    ],
)
def test_a_path_id_too_big_to_exist_is_a_field_error(client: TestClient, path: str) -> None:
    body = assert_client_error(client.get(API + path), 400)

    (messages,) = body["errors"].values()
    assert messages == ["Must be <= 2147483647"]


def test_the_largest_storable_id_is_just_not_found(client: TestClient) -> None:
    response = client.get(f"{API}/queues/{TOO_BIG - 1}")

    assert_client_error(response, 404, "EntityDoesNotExistError")


def test_an_offset_past_the_end_is_an_empty_page(client: TestClient) -> None:
    page = client.get(f"{API}/queues/", params={"index": 2**63 - 1})

    assert page.status_code == 200, page.text
    assert (page.json()["data"], page.json()["isComplete"]) == ([], True)


def test_path_id_limits_change_nothing(client: TestClient, unchanged: Unchanged) -> None:
    with unchanged():
        assert_client_error(client.delete(f"{API}/queues/{TOO_BIG}"), 400)
        assert_client_error(client.post(f"{API}/groups/{TOO_BIG}/members", json={"user": 1}), 400)
        assert_client_error(client.put(f"{API}/models/drafts/{TOO_BIG}", json={"name": "x"}), 400)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"index": 2**63}, "index"),
        ({"index": HUGE, "search": "name:q"}, "index"),
        ({"groupId": TOO_BIG}, "groupId"),
        ({"groupId": -TOO_BIG - 1}, "groupId"),
    ],
)
def test_paging_values_too_big_are_field_errors(
    client: TestClient, query: dict[str, Any], field: str
) -> None:
    for path in ("/queues/", "/tags/", "/queues/drafts/"):
        body = assert_client_error(client.get(API + path, params=query), 400)
        assert list(body["errors"]) == [field]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/queues/", {"group": TOO_BIG, "name": "q2"}, "group"),
        ("/queues/", {"group": -TOO_BIG - 1, "name": "q2"}, "group"),
        ("/experiments/", {"group": 1, "name": "e2", "entrypoints": [HUGE]}, "entrypoints"),
        ("/groups/1/members", {"user": HUGE}, "user"),
        ("/users/current/tokens", {"name": "t", "expiresInDays": HUGE}, "expiresInDays"),
    ],
)
def test_body_integers_too_big_are_field_errors(
    client: TestClient, unchanged: Unchanged, path: str, body: dict[str, Any], field: str
) -> None:
    with unchanged():
        errors = assert_client_error(client.post(API + path, json=body), 400)["errors"]

    assert list(errors) == [field]


def test_tag_ids_too_big_change_nothing(
    client: TestClient, regression_target: tuple[FastAPI, Seeded], unchanged: Unchanged
) -> None:
    queue = regression_target[1].ids["queues"][0]
    with unchanged():
        body = assert_client_error(
            client.put(f"{API}/queues/{queue}/tags", json={"ids": [HUGE]}), 400
        )

    assert body["errors"] == {"ids": ["Must be <= 2147483647"]}


# -- the OpenAPI document describes the errors really sent ------------------------------


def test_the_document_declares_the_error_shapes_and_integer_ranges(client: TestClient) -> None:
    document = client.get(f"{API}/openapi.json").json()
    schemas = document["components"]["schemas"]
    operation = document["paths"]["/api/v1/queues/{id}"]["get"]

    assert "HTTPValidationError" not in schemas
    assert all(
        "422" not in op["responses"] for item in document["paths"].values() for op in item.values()
    )
    error_refs = operation["responses"]["4XX"]["content"]["application/json"]["schema"]["anyOf"]
    assert [ref["$ref"].rsplit("/", 1)[1] for ref in error_refs] == [
        "ErrorBody",
        "RequestErrorsBody",
        "JsonDecodeErrorBody",
    ]
    assert schemas["ErrorBody"]["required"] == ["error", "message", "detail", "originating_path"]
    assert operation["parameters"][0]["schema"]["maximum"] == 2**31 - 1
    group = schemas["QueueCreateBody"]["properties"]["group"]
    assert (group["minimum"], group["maximum"]) == (-(2**31), 2**31 - 1)
    index = document["paths"]["/api/v1/queues/"]["get"]["parameters"][0]
    assert (index["name"], index["schema"]["maximum"]) == ("index", 2**63 - 1)


@contextmanager
def running_job(
    client: TestClient, target: tuple[FastAPI, Seeded]
) -> Iterator[tuple[int, TestClient]]:
    """A new job, claimed: its id and a client holding the job's token (finished after)."""
    app, seeded = target
    experiment, queue = seeded.ids["experiments"][0], seeded.ids["queues"][0]
    submission = {"entrypoint": seeded.ids["entrypoints"][0], "queue": queue}
    job = client.post(f"{API}/experiments/{experiment}/jobs", json=submission).json()
    claimed = client.post(f"{API}/jobs/{job['id']}/claim", json={"worker": "w"}).json()
    worker = TestClient(app, headers={"Authorization": f"Bearer {claimed['token']}"})
    try:
        yield job["id"], worker
    finally:
        finished = worker.put(f"{API}/jobs/{job['id']}/status", json={"status": "finished"})
        assert finished.status_code == 200, finished.text
        worker.close()


def test_metric_steps_keep_the_64_bit_range(
    client: TestClient, regression_target: tuple[FastAPI, Seeded]
) -> None:
    with running_job(client, regression_target) as (job_id, worker):
        url = f"{API}/jobs/{job_id}/metrics"
        stored = worker.post(url, json={"name": "loss", "value": 1.0, "step": 2**62})
        too_big = worker.post(url, json={"name": "loss", "value": 1.0, "step": 2**63})

    assert stored.status_code == 200, stored.text
    history = client.get(f"{url}/loss/snapshots").json()["data"]
    assert [point["step"] for point in history] == [2**62]
    assert assert_client_error(too_big, 400)["errors"] == {
        "step": ["Must be <= 9223372036854775807"]
    }


# -- request bodies: size limit, not JSON, wrong content type -----------------------------

LIMIT = 64 * 1024  # max_upload_bytes of the apps under test


def _chunks(total: int) -> Iterator[bytes]:
    """A body sent without Content-Length (chunked)."""
    for _ in range(total // 1000):
        yield b"x" * 1000


def test_a_body_over_max_upload_bytes_is_413(client: TestClient, unchanged: Unchanged) -> None:
    oversized = {"group": 1, "name": "big", "description": "x" * LIMIT}
    with unchanged():
        declared = client.post(f"{API}/queues/", json=oversized)
        streamed = client.post(
            f"{API}/queues/",
            content=_chunks(LIMIT + 1000),
            headers={"Content-Type": "application/json"},
        )
        bodiless_route = client.post(f"{API}/auth/logout", content=b"x" * (LIMIT + 1))

    for response in (declared, streamed, bodiless_route):
        body = assert_client_error(response, 413, "RequestEntityTooLarge")
        assert body["message"].endswith(f"larger than the limit of {LIMIT} bytes.")


def test_a_body_at_the_limit_is_read(client: TestClient) -> None:
    # Padded with JSON whitespace: a description that long is refused by its own bound.
    fields = '{"group":1,"name":"b"}'
    body = fields[:-1] + " " * (LIMIT - len(fields)) + "}"
    response = client.post(
        f"{API}/queues/drafts/", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 200, response.text
    assert client.delete(f"{API}/queues/drafts/{response.json()['id']}").status_code == 200


def test_artifact_uploads_have_their_own_limit(
    client: TestClient, regression_target: tuple[FastAPI, Seeded]
) -> None:
    with running_job(client, regression_target) as (job_id, worker):
        params = {"name": "big", "filename": "big.bin"}
        uploaded = worker.post(
            f"{API}/jobs/{job_id}/artifactUploads", params=params, content=b"x" * (LIMIT * 2)
        )

    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["fileSize"] == LIMIT * 2


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b"{not json", "application/json", {"message"}),
        (b"\xff\xfe", "application/json", {"message"}),
        (b"", "application/json", {"errors"}),
        (b"null", "application/json", {"errors"}),
        (b"[1, 2]", "application/json", {"errors"}),
        (b'{"group": 1, "name": "plain"}', "text/plain", {"errors"}),
        (b"group=1&name=form", "application/x-www-form-urlencoded", {"errors"}),
        (b'{"group": 1, "name": "none"}', None, {"errors"}),
    ],
)
def test_bodies_that_are_not_a_json_object_are_400(
    client: TestClient,
    unchanged: Unchanged,
    content: bytes,
    content_type: str | None,
    expected: set[str],
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with unchanged():
        response = client.post(f"{API}/queues/", content=content, headers=headers)

    assert set(assert_client_error(response, 400)) == expected


# -- NUL characters (PostgreSQL text cannot hold them: 500) and other unusual text -------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/queues/", {"group": 1, "name": "ok", "description": "a\x00b"}, "description"),
        ("/tags/", {"group": 1, "name": "t\x00"}, "name"),
        (
            "/users/",
            {"username": "u\x00", "email": "u@x.org", "password": "p", "confirmPassword": "p"},
            "username",
        ),
        ("/auth/login", {"username": "alice\x00", "password": "pw"}, "username"),
        ("/users/current/tokens", {"name": "\x00"}, "name"),
        ("/plugins/{plugin}/files", {"filename": "n.py", "contents": "x = '\x00'"}, "contents"),
    ],
)
def test_nul_characters_in_text_are_field_errors(
    client: TestClient,
    regression_target: tuple[FastAPI, Seeded],
    unchanged: Unchanged,
    path: str,
    body: dict[str, Any],
    field: str,
) -> None:
    url = API + path.format(plugin=regression_target[1].ids["plugins"][0])
    with unchanged():
        errors = assert_client_error(client.post(url, json=body), 400)["errors"]

    assert errors == {field: ["Null characters are not allowed."]}


def test_nul_characters_in_mappings_and_lists_are_field_errors(
    client: TestClient, regression_target: tuple[FastAPI, Seeded], unchanged: Unchanged
) -> None:
    seeded = regression_target[1]
    experiment = seeded.ids["experiments"][0]
    submission = {
        "entrypoint": seeded.ids["entrypoints"][0],
        "queue": seeded.ids["queues"][0],
        "values": {"n\x00": "1"},
    }
    with unchanged():
        response = client.post(f"{API}/experiments/{experiment}/jobs", json=submission)

    assert assert_client_error(response, 400)["errors"] == {
        "values": ["Null characters are not allowed."]
    }


@pytest.mark.parametrize("search", ["\x00", "name:a\x00*", "name:\U000b6369*"])
def test_unprintable_searches_are_422(client: TestClient, search: str) -> None:
    response = client.get(f"{API}/queues/", params={"search": search})

    body = assert_client_error(response, 422, "SearchParseError")
    assert body["detail"]["query"] == search


def test_unicode_names_and_searches_work(client: TestClient) -> None:
    created = client.post(f"{API}/models/", json={"group": 1, "name": "modèle ✓ 😀"})
    assert created.status_code == 200, created.text

    found = client.get(f"{API}/models/", params={"search": "name:*😀*"})
    assert [model["name"] for model in found.json()["data"]] == ["modèle ✓ 😀"]
    assert client.delete(f"{API}/models/{created.json()['id']}").status_code == 200


def test_unknown_resource_types_of_a_tag_are_an_empty_page(
    client: TestClient, regression_target: tuple[FastAPI, Seeded]
) -> None:
    tag = regression_target[1].ids["tags"][0]
    url = f"{API}/tags/{tag}/resources/"
    tagged = client.get(url, params={"resourceType": "queue"}).json()["data"]

    for resource_type in ("bogus", "queue\x00", "é"):
        page = client.get(url, params={"resourceType": resource_type})
        assert page.status_code == 200, page.text
        assert (page.json()["totalNumResults"], page.json()["data"]) == (0, [])
    assert tagged  # a known type still filters


def test_metric_names_no_metric_can_have_are_an_empty_history(
    client: TestClient, regression_target: tuple[FastAPI, Seeded]
) -> None:
    job = regression_target[1].ids["jobs"][0]
    recorded = client.get(f"{API}/jobs/{job}/metrics/loss/snapshots").json()["data"]

    for name in ("lo%00ss", "bad%20name", "_"):
        page = client.get(f"{API}/jobs/{job}/metrics/{name}/snapshots")
        assert page.status_code == 200, page.text
        assert (page.json()["totalNumResults"], page.json()["data"]) == (0, [])
    assert [point["step"] for point in recorded] == [0, 1]


# -- resource import from git (1.2 answers 500 for every git failure) -------------------


@pytest.mark.parametrize(
    "git_url", ["", "notaurl", "https://example.com/a/b", "https://github.com/owner/repo"]
)
def test_git_import_failures_are_400_git_errors(
    client: TestClient, unchanged: Unchanged, git_url: str
) -> None:
    form = {"group": "1", "sourceType": "git", "gitUrl": git_url}
    with unchanged():
        response = client.post(f"{API}/workflows/resourceImport", data=form)

    body = assert_client_error(response, 400, "GitError")
    assert body["message"].startswith("Bad Request - Failed to download repository archive")


# -- the error cases the issue names, checked by hand: right 4xx, nothing changed -------


@pytest.mark.parametrize(
    "filename", ["../x.py", "/abs.py", "a/../b.py", "a//b.py", "x.txt", "a\\b.py", "", "é.py"]
)
def test_illegal_plugin_filenames_are_field_errors(
    client: TestClient,
    regression_target: tuple[FastAPI, Seeded],
    unchanged: Unchanged,
    filename: str,
) -> None:
    plugin = regression_target[1].ids["plugins"][0]
    with unchanged():
        response = client.post(
            f"{API}/plugins/{plugin}/files", json={"filename": filename, "contents": "x = 1\n"}
        )

    assert list(assert_client_error(response, 400)["errors"]) == ["filename"]


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "error"),
    [
        ("POST", "/queues/", {"group": 1, "name": "q"}, 409, "EntityExistsError"),
        ("PUT", "/tags/{tag}", {"name": "blue"}, 409, "EntityExistsError"),
        ("GET", "/queues/999999", None, 404, "EntityDoesNotExistError"),
        ("DELETE", "/experiments/999999", None, 404, "EntityDoesNotExistError"),
        ("PUT", "/queues/{queue}", {"name": "bad/name"}, 400, "ResourceNameError"),
        ("GET", "/queues/?search=bogusfield:x", None, 422, "SearchParseError"),
        ("GET", "/queues/?sortBy=bogus", None, 400, "SortParameterValidationError"),
        ("PATCH", "/queues/{queue}", {}, 405, "MethodNotAllowed"),
    ],
)
def test_domain_errors_have_the_error_body_and_change_nothing(
    client: TestClient,
    regression_target: tuple[FastAPI, Seeded],
    unchanged: Unchanged,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    status: int,
    error: str,
) -> None:
    ids = regression_target[1].ids
    url = API + path.format(tag=ids["tags"][0], queue=ids["queues"][0])
    with unchanged():
        response = client.request(method, url, json=body)

    assert_client_error(response, status, error)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"group": "one", "name": "q9"}, "group", "Not a valid integer."),
        ({"group": 1, "name": 5}, "name", "Not a valid string."),
        ({"group": 1, "name": "q9", "extra": 1}, "extra", "Unknown field."),
        ({"name": "q9"}, "group", "Missing data for required field."),
        ({"group": 1.5, "name": "q9"}, "group", "Not a valid integer."),
    ],
)
def test_wrong_types_are_field_errors(
    client: TestClient, unchanged: Unchanged, body: dict[str, Any], field: str, message: str
) -> None:
    with unchanged():
        response = client.post(f"{API}/queues/", json=body)

    assert assert_client_error(response, 400)["errors"] == {field: [message]}
