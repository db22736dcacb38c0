"""POST /workflows/pluginTaskSignatureAnalysis: static task discovery in plugin source."""

from __future__ import annotations

from api_testing import API, assert_error
from fastapi.testclient import TestClient

ROUTE = f"{API}/workflows/pluginTaskSignatureAnalysis"

SOURCE = """
from dioptra import pyplugs
from dioptra.sdk.api.artifact import ArtifactTaskInterface


@pyplugs.register
def scale(data: "Frame", factor: float = 2.0, *, label: str | None = None) -> "Frame":
    return data


@pyplugs.register()
def log_it(message, level: int) -> None:
    print(message)


def helper(x: int) -> int:  # not registered: not a task
    return x


class FrameSaver(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir, name, contents: "Frame", **kwargs) -> str:
        return name

    @staticmethod
    def deserialize(working_dir, path: str, **kwargs) -> "Frame":
        return path
"""


def test_tasks_with_derived_types(alice: TestClient) -> None:
    response = alice.post(ROUTE, json={"pythonCode": SOURCE})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["tasks"] == [
        {
            "name": "scale",
            "inputs": [
                {"name": "data", "type": "frame", "required": True},
                {"name": "factor", "type": "number", "required": False},
                {"name": "label", "type": "str_none", "required": False},
            ],
            "outputs": [{"name": "output", "type": "frame"}],
            "missing_types": [
                {"name": "frame", "description": "'Frame'"},
                {"name": "str_none", "description": "str | None"},
            ],
        },
        {
            "name": "log_it",
            "inputs": [
                {"name": "message", "type": "type1", "required": True},
                {"name": "level", "type": "integer", "required": True},
            ],
            "outputs": [],
            "missing_types": [],
        },
    ]
    assert [task["name"] for task in body["artifactTasks"]] == ["FrameSaver"]


def test_source_without_tasks(alice: TestClient) -> None:
    response = alice.post(ROUTE, json={"pythonCode": "x = 1\n"})

    assert response.json() == {"tasks": [], "artifactTasks": []}


def test_syntax_error_is_400(alice: TestClient) -> None:
    response = alice.post(ROUTE, json={"pythonCode": "def f(:\n    pass\n"})

    body = assert_error(response, 400, "InvalidPythonError", {})
    assert body["message"].startswith("Bad Request - Failed to parse Python source: ")
    assert "line 1" in body["message"]


def test_body_is_validated(alice: TestClient) -> None:
    missing = alice.post(ROUTE, json={})
    not_text = alice.post(ROUTE, json={"pythonCode": 5})

    assert missing.status_code == 400
    assert missing.json() == {"errors": {"pythonCode": ["Missing data for required field."]}}
    assert not_text.status_code == 400
    assert not_text.json() == {"errors": {"pythonCode": ["Not a valid string."]}}


def test_login_is_required(anon: TestClient) -> None:
    assert_error(anon.post(ROUTE, json={"pythonCode": "x = 1"}), 401, "NoCurrentUserError")
