"""Transport behaviour: errors, redirects, cookies, tokens, addresses, response objects."""

from __future__ import annotations

import pickle
from typing import Any

import httpx
import pytest
from conftest import WEB_ROOT, FakeServer

from dioptra.client import (
    APIConnectionError,
    BadRequestError,
    ConflictError,
    DioptraClient,
    DioptraClientError,
    DioptraResponse,
    ForbiddenError,
    IllegalArgumentError,
    JSONDecodeError,
    LockedError,
    NotFoundError,
    ServerError,
    StatusCodeError,
    UnauthorizedError,
    ValidationError,
    connect_json_dioptra_client,
    connect_response_dioptra_client,
)

NOT_FOUND_BODY = {
    "error": "EntityDoesNotExistError",
    "message": "Not Found - Failed to locate Queue with resource_id having value (9)",
    "detail": {"entity_type": "queue", "resource_id": 9},
    "originating_path": "/api/v1/queues/9?",
}


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, UnauthorizedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, ValidationError),
        (423, LockedError),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_error_status_raises_its_typed_error(
    status: int,
    error_class: type[StatusCodeError],
    json_client: DioptraClient[dict[str, Any]],
    server: FakeServer,
) -> None:
    server.route("GET", "/queues/9", httpx.Response(status, json=NOT_FOUND_BODY))

    with pytest.raises(error_class) as caught:
        json_client.queues.get_by_id(9)

    error = caught.value
    assert isinstance(error, StatusCodeError)
    assert isinstance(error, DioptraClientError)
    assert error.status_code == status
    assert error.body == NOT_FOUND_BODY
    assert error.error == "EntityDoesNotExistError"
    assert error.message == NOT_FOUND_BODY["message"]
    assert error.detail == {"entity_type": "queue", "resource_id": 9}
    assert error.method == "GET"
    assert error.url == f"{WEB_ROOT}/api/v1/queues/9"
    assert f"HTTP {status} from GET {WEB_ROOT}/api/v1/queues/9" in str(error)
    assert "EntityDoesNotExistError" in str(error)


def test_unlisted_status_raises_the_base_status_code_error(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route("GET", "/queues/9", httpx.Response(418, text="short and stout"))

    with pytest.raises(StatusCodeError) as caught:
        json_client.queues.get_by_id(9)

    assert type(caught.value) is StatusCodeError
    assert caught.value.body is None
    assert caught.value.text == "short and stout"
    assert caught.value.message == "I'm a Teapot"


def test_request_validation_errors_come_back_as_detail(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    body = {"errors": {"name": ["Missing data for required field."]}}
    server.route("POST", "/queues", httpx.Response(400, json=body))

    with pytest.raises(BadRequestError) as caught:
        json_client.queues.create(1, "")

    assert caught.value.detail == body["errors"]
    assert caught.value.message == "Bad Request"
    assert "Missing data for required field." in str(caught.value)


def test_a_message_that_repeats_the_detail_as_a_repr_is_shown_once() -> None:
    finding = "type.error: [Swap combination {}] step 's' (line 3): input 'size' expects integer"
    reason = {"rendered_validation_errors": [finding]}
    body = {
        "error": "EntrypointValidationError",
        "message": f"Bad Request - {reason!r}",
        "detail": {"reason": reason},
    }

    error = BadRequestError(400, body)

    assert error.message == body["message"]  # as Dioptra 1.2 sends it
    assert str(error).count("input 'size' expects integer") == 1
    assert str(error).startswith("HTTP 400 [EntrypointValidationError]: Bad Request (detail: ")


def test_conflict_exposes_the_existing_id(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    body = {
        "error": "EntityExistsError",
        "message": "Conflict - The Queue with name having value (q) already exists.",
        "detail": {"entity_type": "queue", "existing_id": 7},
    }
    server.route("POST", "/queues", httpx.Response(409, json=body))

    with pytest.raises(ConflictError) as caught:
        json_client.queues.create(1, "q")

    assert caught.value.detail["existing_id"] == 7


def test_status_code_error_survives_pickling() -> None:
    error = NotFoundError(404, NOT_FOUND_BODY, method="GET", url="http://x/api/v1/queues/9")

    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is NotFoundError
    assert (copy.status_code, copy.error, copy.detail, copy.url) == (
        404,
        "EntityDoesNotExistError",
        NOT_FOUND_BODY["detail"],
        "http://x/api/v1/queues/9",
    )


def test_non_json_success_raises_json_decode_error(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route("GET", "/queues/1", httpx.Response(200, text="<html>proxy page</html>"))

    with pytest.raises(JSONDecodeError, match="GET"):
        json_client.queues.get_by_id(1)


def test_empty_success_body_is_none(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route("DELETE", "/queues/1", httpx.Response(204))

    assert json_client.queues.delete_by_id(1) is None


def test_connection_failure_raises_api_connection_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = connect_json_dioptra_client(WEB_ROOT, transport=httpx.MockTransport(refuse))

    with pytest.raises(APIConnectionError, match="connection refused"):
        client.queues.get()


def test_collection_redirect_is_followed_with_method_and_body(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "POST",
        "/queues",
        httpx.Response(308, headers={"Location": f"{WEB_ROOT}/api/v1/queues/"}),
    )
    server.route("POST", "/queues/", lambda request: httpx.Response(200, content=request.content))

    created = json_client.queues.create(1, "q", "d")

    first, second = server.requests
    assert (first.method, first.path, second.method, second.path) == (
        "POST",
        "/queues",
        "POST",
        "/queues/",
    )
    assert second.content == first.content
    assert created == {"group": 1, "name": "q", "description": "d"}


def test_redirect_keeps_the_query_string(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "GET",
        "/queues",
        lambda request: httpx.Response(
            308, headers={"Location": f"{WEB_ROOT}/api/v1/queues/?{request.url.query.decode()}"}
        ),
    )
    server.route("GET", "/queues/", httpx.Response(200, json={"data": []}))

    assert json_client.queues.get(search="x") == {"data": []}
    assert server.last.query == [("index", "0"), ("pageLength", "10"), ("search", "x")]


def test_login_cookie_is_sent_on_later_requests(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "POST",
        "/auth/login",
        httpx.Response(
            200,
            json={"username": "alice", "status": "Login successful"},
            headers={"Set-Cookie": "session=abc123; HttpOnly; Path=/"},
        ),
    )

    json_client.auth.login("alice", "pw")
    json_client.queues.get()

    assert "cookie" not in server.requests[0].headers
    assert server.last.headers["cookie"] == "session=abc123"


def test_close_forgets_the_login(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route(
        "POST",
        "/auth/login",
        httpx.Response(200, json={}, headers={"Set-Cookie": "session=abc; Path=/"}),
    )
    json_client.auth.login("alice", "pw")

    json_client.close()
    json_client.queues.get()

    assert "cookie" not in server.last.headers


def test_token_is_sent_as_bearer(server: FakeServer) -> None:
    client = connect_json_dioptra_client(WEB_ROOT, token="tok-1", transport=server.transport())

    client.queues.get()

    assert server.last.headers["authorization"] == "Bearer tok-1"


def test_token_comes_from_the_environment(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOPTRA_API_TOKEN", "env-tok")
    client = connect_response_dioptra_client(WEB_ROOT, transport=server.transport())

    client.jobs.get_by_id(1)

    assert server.last.headers["authorization"] == "Bearer env-tok"


def test_explicit_token_wins_over_the_environment(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOPTRA_API_TOKEN", "env-tok")
    client = connect_json_dioptra_client(WEB_ROOT, token="arg-tok", transport=server.transport())

    client.jobs.get_by_id(1)

    assert server.last.headers["authorization"] == "Bearer arg-tok"


def test_no_token_sends_no_authorization(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.jobs.get_by_id(1)

    assert "authorization" not in server.last.headers
    assert server.last.headers["user-agent"].startswith("dioptra-client/")


@pytest.mark.parametrize(
    ("address", "api_root"),
    [
        ("http://dioptra.test", "http://dioptra.test/api/v1"),
        ("http://dioptra.test/", "http://dioptra.test/api/v1"),
        ("https://example.org/dioptra/", "https://example.org/dioptra/api/v1"),
    ],
)
def test_api_root_is_the_web_root_plus_api_v1(address: str, api_root: str) -> None:
    client = connect_json_dioptra_client(address)

    assert client.queues.url == f"{api_root}/queues"


def test_address_defaults_to_dioptra_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_API", "http://from-env:5000")

    assert connect_json_dioptra_client().jobs.url == "http://from-env:5000/api/v1/jobs"


def test_missing_address_names_the_variable() -> None:
    with pytest.raises(ValueError, match="DIOPTRA_API environment variable must be set"):
        connect_response_dioptra_client()


def test_address_without_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="must start with http:// or https://"):
        connect_json_dioptra_client("localhost:5000")


def test_response_client_returns_requests_like_responses(
    response_client: DioptraClient[DioptraResponse], server: FakeServer
) -> None:
    server.route(
        "GET",
        "/queues/3",
        httpx.Response(200, json={"id": 3}, headers={"X-Extra": "yes"}),
    )

    response = response_client.queues.get_by_id(3)

    assert isinstance(response, DioptraResponse)
    assert (response.status_code, response.ok, bool(response)) == (200, True, True)
    assert response.json() == {"id": 3}
    assert response.text == '{"id":3}'
    assert response.content == b'{"id":3}'
    assert response.headers["x-extra"] == "yes"
    assert response.url == f"{WEB_ROOT}/api/v1/queues/3"
    assert (response.request.method, response.request.url) == ("GET", response.url)
    response.raise_for_status()  # a 2xx answer does not raise


def test_response_client_does_not_raise_until_asked(
    response_client: DioptraClient[DioptraResponse], server: FakeServer
) -> None:
    server.route("GET", "/queues/9", httpx.Response(404, json=NOT_FOUND_BODY))

    response = response_client.queues.get_by_id(9)

    assert (response.status_code, response.ok, repr(response)) == (404, False, "<Response [404]>")
    with pytest.raises(NotFoundError) as caught:
        response.raise_for_status()
    assert caught.value.detail == NOT_FOUND_BODY["detail"]


def test_response_history_lists_redirects(
    response_client: DioptraClient[DioptraResponse], server: FakeServer
) -> None:
    server.route("GET", "/tags", httpx.Response(308, headers={"Location": "/api/v1/tags/"}))
    server.route("GET", "/tags/", httpx.Response(200, json={"data": []}))

    response = response_client.tags.get()

    assert [earlier.status_code for earlier in response.history] == [308]
    assert response.url == f"{WEB_ROOT}/api/v1/tags/"


def test_multipart_only_goes_with_post(json_client: DioptraClient[dict[str, Any]]) -> None:
    session = json_client.session

    with pytest.raises(IllegalArgumentError, match="only sent with POST"):
        session.make_request("put", session.url, data={"a": 1})
    with pytest.raises(IllegalArgumentError, match="both JSON and multipart"):
        session.make_request("post", session.url, json_={"a": 1}, data={"b": 2})
    with pytest.raises(DioptraClientError, match="Unsupported method"):
        session.make_request("trace", session.url)


def test_query_values_are_sent_like_requests_did(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.session.get(
        json_client.session.url, params={"flag": True, "off": False, "skip": None, "many": [1, 2]}
    )

    assert server.last.query == [("flag", "True"), ("off", "False"), ("many", "1"), ("many", "2")]
