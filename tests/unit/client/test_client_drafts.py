"""Local checks of draft fields and sub-collection ids, before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import WEB_ROOT, FakeServer

from dioptra.client import (
    DioptraClient,
    DraftFieldsValidationError,
    FieldNameCollisionError,
    FieldsValidationError,
    SubCollectionUrlError,
)


def test_missing_and_unknown_draft_fields_are_named(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(DraftFieldsValidationError) as caught:
        json_client.queues.new_resource_drafts.create(group_id=1, name="q", colour="red")

    message = str(caught.value)
    assert "colour not allowed" in message
    assert "description missing" in message
    assert "expected exactly description, name" in message
    assert message.endswith(": queues")
    assert server.requests == []


def test_modification_drafts_are_checked_too(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(DraftFieldsValidationError, match="plugins not allowed"):
        json_client.entrypoints.modify_resource_drafts.create(
            2,
            name="e",
            description=None,
            task_graph="g",
            artifact_graph="",
            parameters=[],
            artifact_parameters=[],
            queues=[],
            plugins=[],
        )
    assert server.requests == []


def test_snake_case_fields_become_camel_case(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.entrypoints.modify_resource_drafts.modify(
        2,
        resource_snapshot_id=5,
        name="e",
        description=None,
        task_graph="g",
        artifactGraph="",  # camelCase is accepted as well
        parameters=[],
        artifact_parameters=[],
        queues=[1],
    )

    assert server.last.json["resourceData"] == {
        "name": "e",
        "description": None,
        "taskGraph": "g",
        "artifactGraph": "",
        "parameters": [],
        "artifactParameters": [],
        "queues": [1],
    }


def test_two_spellings_of_one_field_collide(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(FieldNameCollisionError, match="task_graph"):
        json_client.entrypoints.modify_resource_drafts.create(
            2, taskGraph="a", task_graph="b", name="e"
        )
    assert server.requests == []


def test_reserved_field_names_are_refused(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(FieldsValidationError, match=r"reserved.*group"):
        json_client.queues.new_resource_drafts.create(
            group_id=1, group=2, name="q", description=None
        )
    with pytest.raises(FieldsValidationError, match=r"reserved.*draftId"):
        json_client.queues.new_resource_drafts.modify(
            draft_id=1, draftId=2, name="q", description=None
        )
    assert server.requests == []


def test_top_level_new_draft_needs_a_group(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.raises(FieldsValidationError, match="group_id"):
        json_client.models.new_resource_drafts.create(name="m", description=None)
    assert server.requests == []


def test_plugin_file_draft_ignores_group_with_a_warning(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    with pytest.warns(UserWarning, match="group_id"):
        json_client.plugins.files.new_resource_drafts.create(
            6, group_id=1, filename="a.py", contents="", tasks={}, description=None
        )

    assert "group" not in server.last.json


def test_sub_collection_urls_need_every_parent_id(
    json_client: DioptraClient[dict[str, Any]],
) -> None:
    files = json_client.plugins.files

    assert files.build_sub_collection_url(6) == f"{WEB_ROOT}/api/v1/plugins/6/files"
    assert files.tags.build_sub_collection_url(6, 7) == f"{WEB_ROOT}/api/v1/plugins/6/files/7/tags"
    assert (
        files.new_resource_drafts.build_sub_collection_url(6)
        == f"{WEB_ROOT}/api/v1/plugins/6/files/drafts"
    )
    assert (
        json_client.queues.new_resource_drafts.build_sub_collection_url()
        == f"{WEB_ROOT}/api/v1/queues/drafts"
    )
    with pytest.raises(SubCollectionUrlError, match="expected 2"):
        files.tags.get(6)
    with pytest.raises(SubCollectionUrlError, match="expected 0"):
        json_client.queues.new_resource_drafts.get(3)
    with pytest.raises(SubCollectionUrlError, match="expected 1"):
        json_client.plugins.files.new_resource_drafts.get_by_id(draft_id=2)
