"""What each client method puts on the wire: HTTP method, path, query and JSON body.

One row per public method of the client tree; `test_every_method_has_a_wire_case`
fails if a method is added without a row here (or in the dedicated tests named in
`COVERED_ELSEWHERE`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import client_surface
import httpx
import pytest
from conftest import FakeServer

import dioptra.client
from dioptra.client import DioptraClient, FileTypes

NO_BODY = object()
PAGE = [("index", "0"), ("pageLength", "10")]


@dataclass(frozen=True)
class WireCase:
    id: str
    call: Callable[[DioptraClient[Any], Path], Any]
    method: str
    path: str
    query: list[tuple[str, str]]
    body: Any = NO_BODY


def case(
    id_: str,
    call: Callable[[DioptraClient[Any], Path], Any],
    method: str,
    path: str,
    query: list[tuple[str, str]] | None = None,
    body: Any = NO_BODY,
) -> WireCase:
    return WireCase(id_, call, method, path, query or [], body)


TASK = {"name": "f", "inputParams": [{"name": "x", "parameterType": 3}], "outputParams": []}
ARTIFACT_TASK = {"name": "a", "outputParams": [{"name": "o", "parameterType": 4}]}

CASES: list[WireCase] = [
    # auth
    case(
        "auth.login",
        lambda c, _: c.auth.login("alice", "pw"),
        "POST",
        "/auth/login",
        body={"username": "alice", "password": "pw"},
    ),
    case(
        "auth.logout",
        lambda c, _: c.auth.logout(everywhere=True),
        "POST",
        "/auth/logout",
        [("everywhere", "True")],
    ),
    # users and tokens
    case(
        "users.get",
        lambda c, _: c.users.get(index=5, page_length=2, search="ali"),
        "GET",
        "/users",
        [("index", "5"), ("pageLength", "2"), ("search", "ali")],
    ),
    case(
        "users.create",
        lambda c, _: c.users.create("alice", "a@x.org", "pw"),
        "POST",
        "/users",
        body={"username": "alice", "email": "a@x.org", "password": "pw", "confirmPassword": "pw"},
    ),
    case("users.get_by_id", lambda c, _: c.users.get_by_id(4), "GET", "/users/4"),
    case(
        "users.change_password_by_id",
        lambda c, _: c.users.change_password_by_id(4, "old", "new"),
        "POST",
        "/users/4/password",
        body={"oldPassword": "old", "newPassword": "new", "confirmNewPassword": "new"},
    ),
    case("users.get_current", lambda c, _: c.users.get_current(), "GET", "/users/current"),
    case(
        "users.modify_current_user",
        lambda c, _: c.users.modify_current_user("bob", "b@x.org"),
        "PUT",
        "/users/current",
        body={"username": "bob", "email": "b@x.org"},
    ),
    case(
        "users.change_current_user_password",
        lambda c, _: c.users.change_current_user_password("old", "new"),
        "POST",
        "/users/current/password",
        body={"oldPassword": "old", "newPassword": "new", "confirmNewPassword": "new"},
    ),
    case(
        "users.delete_current_user",
        lambda c, _: c.users.delete_current_user("pw"),
        "DELETE",
        "/users/current",
        body={"password": "pw"},
    ),
    case("users.tokens.get", lambda c, _: c.users.tokens.get(), "GET", "/users/current/tokens"),
    case(
        "users.tokens.create",
        lambda c, _: c.users.tokens.create("ci", expires_in_days=30),
        "POST",
        "/users/current/tokens",
        body={"name": "ci", "expiresInDays": 30},
    ),
    case(
        "users.tokens.delete_by_id",
        lambda c, _: c.users.tokens.delete_by_id(9),
        "DELETE",
        "/users/current/tokens/9",
    ),
    # groups and members
    case(
        "groups.get",
        lambda c, _: c.groups.get(search="pub"),
        "GET",
        "/groups",
        [*PAGE, ("search", "pub")],
    ),
    case("groups.get_by_id", lambda c, _: c.groups.get_by_id(1), "GET", "/groups/1"),
    case(
        "groups.create",
        lambda c, _: c.groups.create("team"),
        "POST",
        "/groups/",
        body={"name": "team"},
    ),
    case("groups.members.get", lambda c, _: c.groups.members.get(2), "GET", "/groups/2/members"),
    case(
        "groups.members.add",
        lambda c, _: c.groups.members.add(2, 7, write=False, share_read=True, admin=True),
        "POST",
        "/groups/2/members",
        body={
            "user": 7,
            "read": True,
            "write": False,
            "shareRead": True,
            "shareWrite": False,
            "admin": True,
        },
    ),
    case(
        "groups.members.remove",
        lambda c, _: c.groups.members.remove(2, 7),
        "DELETE",
        "/groups/2/members/7",
    ),
    # queues (the shape every snapshotted family shares)
    case(
        "queues.get",
        lambda c, _: c.queues.get(
            group_id=1, sort_by="name", descending=True, search="q*", show_deleted=False
        ),
        "GET",
        "/queues",
        [
            *PAGE,
            ("sortBy", "name"),
            ("descending", "True"),
            ("search", "q*"),
            ("groupId", "1"),
            ("showDeleted", "False"),
        ],
    ),
    case("queues.get_by_id", lambda c, _: c.queues.get_by_id(3), "GET", "/queues/3"),
    case(
        "queues.create",
        lambda c, _: c.queues.create(1, "q", "d"),
        "POST",
        "/queues",
        body={"group": 1, "name": "q", "description": "d"},
    ),
    case(
        "queues.modify_by_id",
        lambda c, _: c.queues.modify_by_id(3, "q2", None),
        "PUT",
        "/queues/3",
        body={"name": "q2"},
    ),
    case("queues.delete_by_id", lambda c, _: c.queues.delete_by_id(3), "DELETE", "/queues/3"),
    case(
        "queues.snapshots.get",
        lambda c, _: c.queues.snapshots.get(3, index=2, search="x"),
        "GET",
        "/queues/3/snapshots",
        [("index", "2"), ("pageLength", "10"), ("search", "x")],
    ),
    case(
        "queues.snapshots.get_by_id",
        lambda c, _: c.queues.snapshots.get_by_id(3, snapshot_id=11),
        "GET",
        "/queues/3/snapshots/11",
    ),
    case("queues.tags.get", lambda c, _: c.queues.tags.get(3), "GET", "/queues/3/tags"),
    case(
        "queues.tags.modify",
        lambda c, _: c.queues.tags.modify(3, ids=[1, 2]),
        "PUT",
        "/queues/3/tags",
        body={"ids": [1, 2]},
    ),
    case(
        "queues.tags.append",
        lambda c, _: c.queues.tags.append(3, ids=[5]),
        "POST",
        "/queues/3/tags",
        body={"ids": [5]},
    ),
    case(
        "queues.tags.remove",
        lambda c, _: c.queues.tags.remove(3, tag_id=5),
        "DELETE",
        "/queues/3/tags/5",
    ),
    case(
        "queues.tags.remove_all",
        lambda c, _: c.queues.tags.remove_all(3),
        "DELETE",
        "/queues/3/tags",
    ),
    case(
        "queues.new_resource_drafts.get",
        lambda c, _: c.queues.new_resource_drafts.get(draft_type="new", group_id=1),
        "GET",
        "/queues/drafts",
        [*PAGE, ("groupId", "1"), ("draftType", "new")],
    ),
    case(
        "queues.new_resource_drafts.get_by_id",
        lambda c, _: c.queues.new_resource_drafts.get_by_id(draft_id=8),
        "GET",
        "/queues/drafts/8",
    ),
    case(
        "queues.new_resource_drafts.create",
        lambda c, _: c.queues.new_resource_drafts.create(group_id=1, name="q", description="d"),
        "POST",
        "/queues/drafts",
        body={"group": 1, "name": "q", "description": "d"},
    ),
    case(
        "queues.new_resource_drafts.modify",
        lambda c, _: c.queues.new_resource_drafts.modify(draft_id=8, name="q", description=None),
        "PUT",
        "/queues/drafts/8",
        body={"name": "q", "description": None},
    ),
    case(
        "queues.new_resource_drafts.delete",
        lambda c, _: c.queues.new_resource_drafts.delete(draft_id=8),
        "DELETE",
        "/queues/drafts/8",
    ),
    case(
        "queues.modify_resource_drafts.get_by_id",
        lambda c, _: c.queues.modify_resource_drafts.get_by_id(3),
        "GET",
        "/queues/3/draft",
    ),
    case(
        "queues.modify_resource_drafts.create",
        lambda c, _: c.queues.modify_resource_drafts.create(3, name="q", description="d"),
        "POST",
        "/queues/3/draft",
        body={"name": "q", "description": "d"},
    ),
    case(
        "queues.modify_resource_drafts.modify",
        lambda c, _: c.queues.modify_resource_drafts.modify(
            3, resource_snapshot_id="12", name="q", description="d"
        ),
        "PUT",
        "/queues/3/draft",
        body={"resourceSnapshot": 12, "resourceData": {"name": "q", "description": "d"}},
    ),
    case(
        "queues.modify_resource_drafts.delete",
        lambda c, _: c.queues.modify_resource_drafts.delete(3),
        "DELETE",
        "/queues/3/draft",
    ),
    # tags
    case(
        "tags.get",
        lambda c, _: c.tags.get(group_id=1, sort_by="name", descending=False, search="t"),
        "GET",
        "/tags",
        [*PAGE, ("sortBy", "name"), ("descending", "False"), ("search", "t"), ("groupId", "1")],
    ),
    case("tags.get_by_id", lambda c, _: c.tags.get_by_id(5), "GET", "/tags/5"),
    case(
        "tags.create",
        lambda c, _: c.tags.create(1, "t"),
        "POST",
        "/tags",
        body={"group": 1, "name": "t"},
    ),
    case(
        "tags.modify_by_id",
        lambda c, _: c.tags.modify_by_id(5, "u"),
        "PUT",
        "/tags/5",
        body={"name": "u"},
    ),
    case("tags.delete_by_id", lambda c, _: c.tags.delete_by_id(5), "DELETE", "/tags/5"),
    case(
        "tags.get_resources_for_tag",
        lambda c, _: c.tags.get_resources_for_tag(5, resource_type="queue", page_length=3),
        "GET",
        "/tags/5/resources",
        [("index", "0"), ("pageLength", "3"), ("resourceType", "queue")],
    ),
    # plugin parameter types
    case(
        "plugin_parameter_types.get",
        lambda c, _: c.plugin_parameter_types.get(show_deleted=True),
        "GET",
        "/pluginParameterTypes",
        [*PAGE, ("showDeleted", "True")],
    ),
    case(
        "plugin_parameter_types.get_by_id",
        lambda c, _: c.plugin_parameter_types.get_by_id(4),
        "GET",
        "/pluginParameterTypes/4",
    ),
    case(
        "plugin_parameter_types.create",
        lambda c, _: c.plugin_parameter_types.create(1, "img", structure={"list": "int"}),
        "POST",
        "/pluginParameterTypes",
        body={"group": 1, "name": "img", "structure": {"list": "int"}},
    ),
    case(
        "plugin_parameter_types.modify_by_id",
        lambda c, _: c.plugin_parameter_types.modify_by_id(4, "img", "d", None),
        "PUT",
        "/pluginParameterTypes/4",
        body={"name": "img", "description": "d"},
    ),
    case(
        "plugin_parameter_types.delete_by_id",
        lambda c, _: c.plugin_parameter_types.delete_by_id(4),
        "DELETE",
        "/pluginParameterTypes/4",
    ),
    case(
        "plugin_parameter_types.new_resource_drafts.create",
        lambda c, _: c.plugin_parameter_types.new_resource_drafts.create(
            group_id=1, name="t", description=None, structure=None
        ),
        "POST",
        "/pluginParameterTypes/drafts",
        body={"group": 1, "name": "t", "description": None, "structure": None},
    ),
    # plugins and plugin files
    case("plugins.get", lambda c, _: c.plugins.get(), "GET", "/plugins", PAGE),
    case("plugins.get_by_id", lambda c, _: c.plugins.get_by_id(6), "GET", "/plugins/6"),
    case(
        "plugins.create",
        lambda c, _: c.plugins.create(1, "p"),
        "POST",
        "/plugins",
        body={"group": 1, "name": "p"},
    ),
    case(
        "plugins.modify_by_id",
        lambda c, _: c.plugins.modify_by_id(6, "p", "d"),
        "PUT",
        "/plugins/6",
        body={"name": "p", "description": "d"},
    ),
    case("plugins.delete_by_id", lambda c, _: c.plugins.delete_by_id(6), "DELETE", "/plugins/6"),
    case(
        "plugins.files.get",
        lambda c, _: c.plugins.files.get(6, sort_by="filename", descending=True, search="a"),
        "GET",
        "/plugins/6/files",
        [*PAGE, ("sortBy", "filename"), ("descending", "True"), ("search", "a")],
    ),
    case(
        "plugins.files.get_by_id",
        lambda c, _: c.plugins.files.get_by_id(6, 7),
        "GET",
        "/plugins/6/files/7",
    ),
    case(
        "plugins.files.create",
        lambda c, _: c.plugins.files.create(
            6, "a.py", "x = 1\n", function_tasks=[TASK], artifact_tasks=[ARTIFACT_TASK]
        ),
        "POST",
        "/plugins/6/files",
        body={
            "filename": "a.py",
            "contents": "x = 1\n",
            "tasks": {"functions": [TASK], "artifacts": [ARTIFACT_TASK]},
        },
    ),
    case(
        "plugins.files.modify_by_id",
        lambda c, _: c.plugins.files.modify_by_id(6, 7, "b.py", "", description="d"),
        "PUT",
        "/plugins/6/files/7",
        body={"filename": "b.py", "contents": "", "tasks": {}, "description": "d"},
    ),
    case(
        "plugins.files.delete_by_id",
        lambda c, _: c.plugins.files.delete_by_id(6, 7),
        "DELETE",
        "/plugins/6/files/7",
    ),
    case(
        "plugins.files.delete_all",
        lambda c, _: c.plugins.files.delete_all(6),
        "DELETE",
        "/plugins/6/files",
    ),
    case(
        "plugins.files.snapshots.get",
        lambda c, _: c.plugins.files.snapshots.get(6, 7),
        "GET",
        "/plugins/6/files/7/snapshots",
        PAGE,
    ),
    case(
        "plugins.files.snapshots.get_by_id",
        lambda c, _: c.plugins.files.snapshots.get_by_id(6, 7, snapshot_id=20),
        "GET",
        "/plugins/6/files/7/snapshots/20",
    ),
    case(
        "plugins.files.tags.get",
        lambda c, _: c.plugins.files.tags.get(6, 7),
        "GET",
        "/plugins/6/files/7/tags",
    ),
    case(
        "plugins.files.tags.append",
        lambda c, _: c.plugins.files.tags.append(6, 7, ids=[1]),
        "POST",
        "/plugins/6/files/7/tags",
        body={"ids": [1]},
    ),
    case(
        "plugins.files.tags.modify",
        lambda c, _: c.plugins.files.tags.modify(6, 7, ids=[]),
        "PUT",
        "/plugins/6/files/7/tags",
        body={"ids": []},
    ),
    case(
        "plugins.files.tags.remove",
        lambda c, _: c.plugins.files.tags.remove(6, 7, tag_id=1),
        "DELETE",
        "/plugins/6/files/7/tags/1",
    ),
    case(
        "plugins.files.tags.remove_all",
        lambda c, _: c.plugins.files.tags.remove_all(6, 7),
        "DELETE",
        "/plugins/6/files/7/tags",
    ),
    case(
        "plugins.files.new_resource_drafts.get",
        lambda c, _: c.plugins.files.new_resource_drafts.get(6, index=1),
        "GET",
        "/plugins/6/files/drafts",
        [("index", "1"), ("pageLength", "10")],
    ),
    case(
        "plugins.files.new_resource_drafts.get_by_id",
        lambda c, _: c.plugins.files.new_resource_drafts.get_by_id(6, draft_id=2),
        "GET",
        "/plugins/6/files/drafts/2",
    ),
    case(
        "plugins.files.new_resource_drafts.create",
        lambda c, _: c.plugins.files.new_resource_drafts.create(
            6, filename="a.py", contents="", tasks={}, description=None
        ),
        "POST",
        "/plugins/6/files/drafts",
        body={"filename": "a.py", "contents": "", "tasks": {}, "description": None},
    ),
    case(
        "plugins.files.new_resource_drafts.modify",
        lambda c, _: c.plugins.files.new_resource_drafts.modify(
            6, draft_id=2, filename="a.py", contents="", tasks={}, description="d"
        ),
        "PUT",
        "/plugins/6/files/drafts/2",
        body={"filename": "a.py", "contents": "", "tasks": {}, "description": "d"},
    ),
    case(
        "plugins.files.new_resource_drafts.delete",
        lambda c, _: c.plugins.files.new_resource_drafts.delete(6, draft_id=2),
        "DELETE",
        "/plugins/6/files/drafts/2",
    ),
    case(
        "plugins.files.modify_resource_drafts.get_by_id",
        lambda c, _: c.plugins.files.modify_resource_drafts.get_by_id(6, 7),
        "GET",
        "/plugins/6/files/7/draft",
    ),
    case(
        "plugins.files.modify_resource_drafts.create",
        lambda c, _: c.plugins.files.modify_resource_drafts.create(
            6, 7, filename="a.py", contents="", tasks={}, description=None
        ),
        "POST",
        "/plugins/6/files/7/draft",
        body={"filename": "a.py", "contents": "", "tasks": {}, "description": None},
    ),
    case(
        "plugins.files.modify_resource_drafts.modify",
        lambda c, _: c.plugins.files.modify_resource_drafts.modify(
            6, 7, resource_snapshot_id=30, filename="a.py", contents="", tasks={}, description=None
        ),
        "PUT",
        "/plugins/6/files/7/draft",
        body={
            "resourceSnapshot": 30,
            "resourceData": {"filename": "a.py", "contents": "", "tasks": {}, "description": None},
        },
    ),
    case(
        "plugins.files.modify_resource_drafts.delete",
        lambda c, _: c.plugins.files.modify_resource_drafts.delete(6, 7),
        "DELETE",
        "/plugins/6/files/7/draft",
    ),
    case(
        "plugins.snapshots.get_files_bundle",
        lambda c, tmp: c.plugins.snapshots.get_files_bundle(6, 40, output_dir=tmp),
        "GET",
        "/plugins/6/snapshots/40/files/bundle",
        [("fileType", "tar_gz")],
    ),
    # entrypoints
    case(
        "entrypoints.get",
        lambda c, _: c.entrypoints.get(show_deleted=True, search="e"),
        "GET",
        "/entrypoints",
        [*PAGE, ("search", "e"), ("showDeleted", "True")],
    ),
    case("entrypoints.get_by_id", lambda c, _: c.entrypoints.get_by_id(2), "GET", "/entrypoints/2"),
    case(
        "entrypoints.create",
        lambda c, _: c.entrypoints.create(
            1,
            "ep",
            "graph: {}",
            artifact_graph="a: {}",
            parameters=[{"name": "n", "defaultValue": "1", "parameterType": "integer"}],
            artifact_parameters=[{"name": "m", "outputParams": []}],
            queues=[3],
            plugins=[6],
            artifact_plugins=[8],
        ),
        "POST",
        "/entrypoints",
        [("validateOnly", "False")],
        body={
            "group": 1,
            "name": "ep",
            "taskGraph": "graph: {}",
            "artifactGraph": "a: {}",
            "parameters": [{"name": "n", "defaultValue": "1", "parameterType": "integer"}],
            "artifactParameters": [{"name": "m", "outputParams": []}],
            "queues": [3],
            "plugins": [6],
            "artifactPlugins": [8],
        },
    ),
    case(
        "entrypoints.modify_by_id",
        lambda c, _: c.entrypoints.modify_by_id(
            2, "ep", "graph: {}", None, "d", [], None, [3], [41], [42], validate_only=True
        ),
        "PUT",
        "/entrypoints/2",
        [("validateOnly", "True")],
        body={
            "name": "ep",
            "taskGraph": "graph: {}",
            "pluginSnapshotIds": [41],
            "artifactPluginSnapshotIds": [42],
            "description": "d",
            "parameters": [],
            "queues": [3],
        },
    ),
    case(
        "entrypoints.delete_by_id",
        lambda c, _: c.entrypoints.delete_by_id(2),
        "DELETE",
        "/entrypoints/2",
    ),
    case(
        "entrypoints.lint",
        lambda c, _: c.entrypoints.lint({"taskGraph": "x"}),
        "POST",
        "/entrypoints:lint",
        body={"taskGraph": "x"},
    ),
    case(
        "entrypoints.lint_by_id",
        lambda c, _: c.entrypoints.lint_by_id(2, {"taskGraph": "x"}),
        "POST",
        "/entrypoints/2:lint",
        body={"taskGraph": "x"},
    ),
    case(
        "entrypoints.plugins.get",
        lambda c, _: c.entrypoints.plugins.get(2),
        "GET",
        "/entrypoints/2/plugins",
    ),
    case(
        "entrypoints.plugins.get_by_id",
        lambda c, _: c.entrypoints.plugins.get_by_id(2, 6),
        "GET",
        "/entrypoints/2/plugins/6",
    ),
    case(
        "entrypoints.plugins.create",
        lambda c, _: c.entrypoints.plugins.create(2, [6, 7]),
        "POST",
        "/entrypoints/2/plugins",
        body={"plugins": [6, 7]},
    ),
    case(
        "entrypoints.plugins.delete_by_id",
        lambda c, _: c.entrypoints.plugins.delete_by_id(2, 6),
        "DELETE",
        "/entrypoints/2/plugins/6",
    ),
    case(
        "entrypoints.artifact_plugins.get",
        lambda c, _: c.entrypoints.artifact_plugins.get(2),
        "GET",
        "/entrypoints/2/artifactPlugins",
    ),
    case(
        "entrypoints.artifact_plugins.get_by_id",
        lambda c, _: c.entrypoints.artifact_plugins.get_by_id(2, 8),
        "GET",
        "/entrypoints/2/artifactPlugins/8",
    ),
    case(
        "entrypoints.artifact_plugins.create",
        lambda c, _: c.entrypoints.artifact_plugins.create(2, [8]),
        "POST",
        "/entrypoints/2/artifactPlugins",
        body={"artifactPlugins": [8]},
    ),
    case(
        "entrypoints.artifact_plugins.delete_by_id",
        lambda c, _: c.entrypoints.artifact_plugins.delete_by_id(2, 8),
        "DELETE",
        "/entrypoints/2/artifactPlugins/8",
    ),
    case(
        "entrypoints.queues.get",
        lambda c, _: c.entrypoints.queues.get(2),
        "GET",
        "/entrypoints/2/queues",
    ),
    case(
        "entrypoints.queues.create",
        lambda c, _: c.entrypoints.queues.create(2, [3]),
        "POST",
        "/entrypoints/2/queues",
        body={"ids": [3]},
    ),
    case(
        "entrypoints.queues.modify_by_id",
        lambda c, _: c.entrypoints.queues.modify_by_id(2, [3, 4]),
        "PUT",
        "/entrypoints/2/queues",
        body={"ids": [3, 4]},
    ),
    case(
        "entrypoints.queues.delete",
        lambda c, _: c.entrypoints.queues.delete(2),
        "DELETE",
        "/entrypoints/2/queues",
    ),
    case(
        "entrypoints.queues.delete_by_id",
        lambda c, _: c.entrypoints.queues.delete_by_id(2, 3),
        "DELETE",
        "/entrypoints/2/queues/3",
    ),
    case(
        "entrypoints.snapshots.get_config",
        lambda c, _: c.entrypoints.snapshots.get_config(
            2, 50, swap_parameters={"model": "cnn"}, sections=["graph", "parameters"], partial=True
        ),
        "GET",
        "/entrypoints/2/snapshots/50/config",
        [("swaps[model]", "cnn"), ("sections", "graph,parameters"), ("partial", "True")],
    ),
    case(
        "entrypoints.snapshots.get_plugins_bundle",
        lambda c, tmp: c.entrypoints.snapshots.get_plugins_bundle(
            2, 50, file_type=FileTypes.ZIP, output_dir=tmp
        ),
        "GET",
        "/entrypoints/2/snapshots/50/plugins/bundle",
        [("fileType", "zip")],
    ),
    case(
        "entrypoints.snapshots.get_artifact_plugins",
        lambda c, _: c.entrypoints.snapshots.get_artifact_plugins(2, 50),
        "GET",
        "/entrypoints/2/snapshots/50/artifactPlugins",
    ),
    case(
        "entrypoints.snapshots.get_artifact_plugins_bundle",
        lambda c, tmp: c.entrypoints.snapshots.get_artifact_plugins_bundle(2, 50, output_dir=tmp),
        "GET",
        "/entrypoints/2/snapshots/50/artifactPlugins/bundle",
        [("fileType", "tar_gz")],
    ),
    case(
        "entrypoints.snapshots.get_task_graph_global_params",
        lambda c, _: c.entrypoints.snapshots.get_task_graph_global_params(2, 50, {"m": "a"}),
        "GET",
        "/entrypoints/2/snapshots/50/dynamicGlobalParameters",
        [("swaps[m]", "a")],
    ),
    case(
        "entrypoints.snapshots.get_swaps",
        lambda c, _: c.entrypoints.snapshots.get_swaps(2, 50),
        "GET",
        "/entrypoints/2/snapshots/50/swaps",
    ),
    case(
        "entrypoints.new_resource_drafts.create",
        lambda c, _: c.entrypoints.new_resource_drafts.create(
            group_id=1,
            name="ep",
            description=None,
            task_graph="g",
            artifact_graph="",
            parameters=[],
            artifact_parameters=[],
            queues=[],
            plugins=[],
            artifact_plugins=[],
        ),
        "POST",
        "/entrypoints/drafts",
        body={
            "group": 1,
            "name": "ep",
            "description": None,
            "taskGraph": "g",
            "artifactGraph": "",
            "parameters": [],
            "artifactParameters": [],
            "queues": [],
            "plugins": [],
            "artifactPlugins": [],
        },
    ),
    # experiments and their jobs
    case(
        "experiments.get",
        lambda c, _: c.experiments.get(group_id=2),
        "GET",
        "/experiments",
        [*PAGE, ("groupId", "2")],
    ),
    case("experiments.get_by_id", lambda c, _: c.experiments.get_by_id(9), "GET", "/experiments/9"),
    case(
        "experiments.create",
        lambda c, _: c.experiments.create(1, "x", entrypoints=[2]),
        "POST",
        "/experiments",
        body={"group": 1, "name": "x", "entrypoints": [2]},
    ),
    case(
        "experiments.modify_by_id",
        lambda c, _: c.experiments.modify_by_id(9, "x", "d", None),
        "PUT",
        "/experiments/9",
        body={"name": "x", "description": "d"},
    ),
    case(
        "experiments.delete_by_id",
        lambda c, _: c.experiments.delete_by_id(9),
        "DELETE",
        "/experiments/9",
    ),
    case(
        "experiments.get_metrics_by_id",
        lambda c, _: c.experiments.get_metrics_by_id(9, sort_by="accuracy", descending=True),
        "GET",
        "/experiments/9/metrics",
        [*PAGE, ("sortBy", "accuracy"), ("descending", "True")],
    ),
    case(
        "experiments.entrypoints.get",
        lambda c, _: c.experiments.entrypoints.get(9),
        "GET",
        "/experiments/9/entrypoints",
    ),
    case(
        "experiments.entrypoints.create",
        lambda c, _: c.experiments.entrypoints.create(9, [2]),
        "POST",
        "/experiments/9/entrypoints",
        body={"ids": [2]},
    ),
    case(
        "experiments.entrypoints.modify_by_id",
        lambda c, _: c.experiments.entrypoints.modify_by_id(9, [2, 3]),
        "PUT",
        "/experiments/9/entrypoints",
        body={"ids": [2, 3]},
    ),
    case(
        "experiments.entrypoints.delete",
        lambda c, _: c.experiments.entrypoints.delete(9),
        "DELETE",
        "/experiments/9/entrypoints",
    ),
    case(
        "experiments.entrypoints.delete_by_id",
        lambda c, _: c.experiments.entrypoints.delete_by_id(9, 2),
        "DELETE",
        "/experiments/9/entrypoints/2",
    ),
    case(
        "experiments.jobs.get",
        lambda c, _: c.experiments.jobs.get(9, search="status:failed"),
        "GET",
        "/experiments/9/jobs",
        [*PAGE, ("search", "status:failed")],
    ),
    case(
        "experiments.jobs.get_by_id",
        lambda c, _: c.experiments.jobs.get_by_id(9, 12),
        "GET",
        "/experiments/9/jobs/12",
    ),
    case(
        "experiments.jobs.create",
        lambda c, _: c.experiments.jobs.create(
            9,
            2,
            3,
            entrypoint_snapshot_id=50,
            values={"n": "5"},
            artifact_values={"m": {"id": 4, "snapshotId": 44}},
            timeout="1h",
            description="run",
            swaps={"model": "cnn"},
        ),
        "POST",
        "/experiments/9/jobs",
        body={
            "entrypoint": 2,
            "queue": 3,
            "entrypointSnapshot": 50,
            "values": {"n": "5"},
            "artifactValues": {"m": {"id": 4, "snapshotId": 44}},
            "timeout": "1h",
            "description": "run",
            "swaps": [{"swap_name": "model", "task_alias": "cnn"}],
        },
    ),
    case(
        "experiments.jobs.delete_by_id",
        lambda c, _: c.experiments.jobs.delete_by_id(9, 12),
        "DELETE",
        "/experiments/9/jobs/12",
    ),
    case(
        "experiments.jobs.create_artifact",
        lambda c, _: c.experiments.jobs.create_artifact(9, 12, "s3://b/k", "d"),
        "POST",
        "/experiments/9/jobs/12/artifacts",
        body={"uri": "s3://b/k", "description": "d"},
    ),
    case(
        "experiments.jobs.get_mlflow_run_id",
        lambda c, _: c.experiments.jobs.get_mlflow_run_id(9, 12),
        "GET",
        "/experiments/9/jobs/12/mlflowRun",
    ),
    case(
        "experiments.jobs.set_mlflow_run_id",
        lambda c, _: c.experiments.jobs.set_mlflow_run_id(9, 12, "abc"),
        "POST",
        "/experiments/9/jobs/12/mlflowRun",
        body={"mlflowRunId": "abc"},
    ),
    case(
        "experiments.jobs.get_status",
        lambda c, _: c.experiments.jobs.get_status(9, 12),
        "GET",
        "/experiments/9/jobs/12/status",
    ),
    case(
        "experiments.jobs.set_status",
        lambda c, _: c.experiments.jobs.set_status(9, 12, "started"),
        "PUT",
        "/experiments/9/jobs/12/status",
        body={"status": "started"},
    ),
    # jobs
    case(
        "jobs.get",
        lambda c, _: c.jobs.get(sort_by="createdOn", descending=True),
        "GET",
        "/jobs",
        [*PAGE, ("sortBy", "createdOn"), ("descending", "True")],
    ),
    case("jobs.get_by_id", lambda c, _: c.jobs.get_by_id(12), "GET", "/jobs/12"),
    case("jobs.delete_by_id", lambda c, _: c.jobs.delete_by_id(12), "DELETE", "/jobs/12"),
    case(
        "jobs.get_parameters",
        lambda c, _: c.jobs.get_parameters(12),
        "GET",
        "/jobs/12/parameters",
    ),
    case(
        "jobs.get_artifact_parameters",
        lambda c, _: c.jobs.get_artifact_parameters(12),
        "GET",
        "/jobs/12/artifactParameters",
    ),
    case("jobs.get_status", lambda c, _: c.jobs.get_status(12), "GET", "/jobs/12/status"),
    case("jobs.get_config", lambda c, _: c.jobs.get_config(12), "GET", "/jobs/12/config"),
    case(
        "jobs.get_mlflow_run_id",
        lambda c, _: c.jobs.get_mlflow_run_id(12),
        "GET",
        "/jobs/12/mlflowRun",
    ),
    case(
        "jobs.set_mlflow_run_id",
        lambda c, _: c.jobs.set_mlflow_run_id(12, "abc"),
        "POST",
        "/jobs/12/mlflowRun",
        body={"mlflowRunId": "abc"},
    ),
    case(
        "jobs.get_metrics_by_id",
        lambda c, _: c.jobs.get_metrics_by_id(12),
        "GET",
        "/jobs/12/metrics",
    ),
    case(
        "jobs.append_metric_by_id",
        lambda c, _: c.jobs.append_metric_by_id(
            12, "loss", 0.5, metric_step=3, timestamp=datetime.datetime(2025, 1, 2, 3, 4, 5)
        ),
        "POST",
        "/jobs/12/metrics",
        body={"name": "loss", "value": 0.5, "step": 3, "timestamp": "2025-01-02T03:04:05"},
    ),
    case(
        "jobs.get_metrics_snapshots_by_id",
        lambda c, _: c.jobs.get_metrics_snapshots_by_id(12, "val loss", page_length=100),
        "GET",
        "/jobs/12/metrics/val%20loss/snapshots",
        [("index", "0"), ("pageLength", "100")],
    ),
    case(
        "jobs.get_logs_by_id",
        lambda c, _: c.jobs.get_logs_by_id(12, severity=["ERROR", "WARNING"], descending=False),
        "GET",
        "/jobs/12/log",
        [*PAGE, ("descending", "False"), ("severity", "ERROR"), ("severity", "WARNING")],
    ),
    case(
        "jobs.append_logs_by_id",
        lambda c, _: c.jobs.append_logs_by_id(
            12, iter([{"severity": "INFO", "loggerName": "x", "message": "hi"}])
        ),
        "POST",
        "/jobs/12/log",
        body={"data": [{"severity": "INFO", "loggerName": "x", "message": "hi"}]},
    ),
    case("jobs.cancel", lambda c, _: c.jobs.cancel(12), "POST", "/jobs/12/cancel"),
    case("jobs.rerun", lambda c, _: c.jobs.rerun(12), "POST", "/jobs/12/rerun"),
    case(
        "jobs.snapshots.get",
        lambda c, _: c.jobs.snapshots.get(12),
        "GET",
        "/jobs/12/snapshots",
        PAGE,
    ),
    case(
        "jobs.snapshots.get_by_id",
        lambda c, _: c.jobs.snapshots.get_by_id(12, snapshot_id=60),
        "GET",
        "/jobs/12/snapshots/60",
    ),
    case("jobs.tags.get", lambda c, _: c.jobs.tags.get(12), "GET", "/jobs/12/tags"),
    case(
        "jobs.tags.append",
        lambda c, _: c.jobs.tags.append(12, ids=[1]),
        "POST",
        "/jobs/12/tags",
        body={"ids": [1]},
    ),
    case(
        "jobs.tags.modify",
        lambda c, _: c.jobs.tags.modify(12, ids=[1]),
        "PUT",
        "/jobs/12/tags",
        body={"ids": [1]},
    ),
    case(
        "jobs.tags.remove",
        lambda c, _: c.jobs.tags.remove(12, tag_id=1),
        "DELETE",
        "/jobs/12/tags/1",
    ),
    case(
        "jobs.tags.remove_all", lambda c, _: c.jobs.tags.remove_all(12), "DELETE", "/jobs/12/tags"
    ),
    # artifacts
    case(
        "artifacts.get",
        lambda c, _: c.artifacts.get(group_id=1, search="uri"),
        "GET",
        "/artifacts",
        [*PAGE, ("search", "uri"), ("groupId", "1")],
    ),
    case("artifacts.get_by_id", lambda c, _: c.artifacts.get_by_id(4), "GET", "/artifacts/4"),
    case(
        "artifacts.create",
        lambda c, _: c.artifacts.create("1", "12", "s3://b/k", plugin_snapshot_id="40", task_id=7),
        "POST",
        "/artifacts",
        body={
            "group": 1,
            "job": 12,
            "artifactUri": "s3://b/k",
            "pluginSnapshotId": 40,
            "taskId": 7,
        },
    ),
    case(
        "artifacts.modify_by_id",
        lambda c, _: c.artifacts.modify_by_id(4, description="better"),
        "PUT",
        "/artifacts/4",
        body={"description": "better"},
    ),
    case("artifacts.get_files", lambda c, _: c.artifacts.get_files(4), "GET", "/artifacts/4/files"),
    case(
        "artifacts.get_contents",
        lambda c, tmp: c.artifacts.get_contents(
            4, file_type=FileTypes.TAR_GZ, artifact_path="sub/dir", output_dir=tmp
        ),
        "GET",
        "/artifacts/4/contents",
        [("fileType", "tar_gz"), ("path", "sub/dir")],
    ),
    case(
        "artifacts.snapshots.get",
        lambda c, _: c.artifacts.snapshots.get(4),
        "GET",
        "/artifacts/4/snapshots",
        PAGE,
    ),
    case(
        "artifacts.snapshots.get_by_id",
        lambda c, _: c.artifacts.snapshots.get_by_id(4, snapshot_id=70),
        "GET",
        "/artifacts/4/snapshots/70",
    ),
    case(
        "artifacts.snapshots.get_contents",
        lambda c, tmp: c.artifacts.snapshots.get_contents(4, 70, output_dir=tmp),
        "GET",
        "/artifacts/4/snapshots/70/contents",
    ),
    # models and versions
    case("models.get", lambda c, _: c.models.get(), "GET", "/models", PAGE),
    case("models.get_by_id", lambda c, _: c.models.get_by_id(5), "GET", "/models/5"),
    case(
        "models.create",
        lambda c, _: c.models.create(1, "m", "d"),
        "POST",
        "/models",
        body={"group": 1, "name": "m", "description": "d"},
    ),
    case(
        "models.modify_by_id",
        lambda c, _: c.models.modify_by_id(5, "m", None),
        "PUT",
        "/models/5",
        body={"name": "m"},
    ),
    case("models.delete_by_id", lambda c, _: c.models.delete_by_id(5), "DELETE", "/models/5"),
    case(
        "models.versions.get",
        lambda c, _: c.models.versions.get(5, search="v"),
        "GET",
        "/models/5/versions",
        [*PAGE, ("search", "v")],
    ),
    case(
        "models.versions.get_by_id",
        lambda c, _: c.models.versions.get_by_id(5, 2),
        "GET",
        "/models/5/versions/2",
    ),
    case(
        "models.versions.create",
        lambda c, _: c.models.versions.create(5, 4, "first"),
        "POST",
        "/models/5/versions",
        body={"artifact": 4, "description": "first"},
    ),
    case(
        "models.versions.modify_by_id",
        lambda c, _: c.models.versions.modify_by_id(5, 2, "second"),
        "PUT",
        "/models/5/versions/2",
        body={"description": "second"},
    ),
    # workflows (multipart import is checked in test_client_workflows.py)
    case(
        "workflows.analyze_plugin_task_signatures",
        lambda c, _: c.workflows.analyze_plugin_task_signatures("def f(): pass"),
        "POST",
        "/workflows/pluginTaskSignatureAnalysis",
        body={"pythonCode": "def f(): pass"},
    ),
    case(
        "workflows.commit_draft",
        lambda c, _: c.workflows.commit_draft(8),
        "POST",
        "/workflows/draftCommit/8",
    ),
]

# Families that reuse the generic sub-clients checked in full for queues above: one
# call each proves the wiring (root path and draft fields) for the family.
_FAMILY_WIRING: list[tuple[str, str, dict[str, Any]]] = [
    ("experiments", "/experiments", {"name": "x", "description": None, "entrypoints": []}),
    ("models", "/models", {"name": "m", "description": None}),
    ("plugins", "/plugins", {"name": "p", "description": None}),
    (
        "entrypoints",
        "/entrypoints",
        {
            "name": "e",
            "description": None,
            "taskGraph": "g",
            "artifactGraph": "",
            "parameters": [],
            "artifactParameters": [],
            "queues": [],
        },
    ),
    (
        "plugin_parameter_types",
        "/pluginParameterTypes",
        {"name": "t", "description": None, "structure": None},
    ),
]


def _new_draft_fields(modify_fields: dict[str, Any]) -> dict[str, Any]:
    """A family's new-draft fields: its modification fields, plus plugin links for
    entrypoints (which cannot change them through a modification draft)."""
    if "taskGraph" in modify_fields:
        return modify_fields | {"plugins": [], "artifactPlugins": []}
    return modify_fields


def _cases_for_family(family: str, root: str, modify_fields: dict[str, Any]) -> list[WireCase]:
    new_fields = _new_draft_fields(modify_fields)

    def on(action: Callable[[Any], Any]) -> Callable[[DioptraClient[Any], Path], Any]:
        return lambda client, _tmp: action(getattr(client, family))

    return [
        case(
            f"{family}.snapshots.get",
            on(lambda f: f.snapshots.get(1)),
            "GET",
            f"{root}/1/snapshots",
            PAGE,
        ),
        case(
            f"{family}.snapshots.get_by_id",
            on(lambda f: f.snapshots.get_by_id(1, snapshot_id=2)),
            "GET",
            f"{root}/1/snapshots/2",
        ),
        case(f"{family}.tags.get", on(lambda f: f.tags.get(1)), "GET", f"{root}/1/tags"),
        case(
            f"{family}.tags.append",
            on(lambda f: f.tags.append(1, ids=[3])),
            "POST",
            f"{root}/1/tags",
            body={"ids": [3]},
        ),
        case(
            f"{family}.tags.modify",
            on(lambda f: f.tags.modify(1, ids=[3])),
            "PUT",
            f"{root}/1/tags",
            body={"ids": [3]},
        ),
        case(
            f"{family}.tags.remove",
            on(lambda f: f.tags.remove(1, tag_id=3)),
            "DELETE",
            f"{root}/1/tags/3",
        ),
        case(
            f"{family}.tags.remove_all",
            on(lambda f: f.tags.remove_all(1)),
            "DELETE",
            f"{root}/1/tags",
        ),
        case(
            f"{family}.new_resource_drafts.get",
            on(lambda f: f.new_resource_drafts.get(draft_type="all")),
            "GET",
            f"{root}/drafts",
            [*PAGE, ("draftType", "all")],
        ),
        case(
            f"{family}.new_resource_drafts.get_by_id",
            on(lambda f: f.new_resource_drafts.get_by_id(draft_id=4)),
            "GET",
            f"{root}/drafts/4",
        ),
        case(
            f"{family}.new_resource_drafts.create",
            on(lambda f: f.new_resource_drafts.create(group_id=1, **new_fields)),
            "POST",
            f"{root}/drafts",
            body={"group": 1} | new_fields,
        ),
        case(
            f"{family}.new_resource_drafts.modify",
            on(lambda f: f.new_resource_drafts.modify(draft_id=4, **new_fields)),
            "PUT",
            f"{root}/drafts/4",
            body=new_fields,
        ),
        case(
            f"{family}.new_resource_drafts.delete",
            on(lambda f: f.new_resource_drafts.delete(draft_id=4)),
            "DELETE",
            f"{root}/drafts/4",
        ),
        case(
            f"{family}.modify_resource_drafts.get_by_id",
            on(lambda f: f.modify_resource_drafts.get_by_id(1)),
            "GET",
            f"{root}/1/draft",
        ),
        case(
            f"{family}.modify_resource_drafts.create",
            on(lambda f: f.modify_resource_drafts.create(1, **modify_fields)),
            "POST",
            f"{root}/1/draft",
            body=modify_fields,
        ),
        case(
            f"{family}.modify_resource_drafts.modify",
            on(
                lambda f: f.modify_resource_drafts.modify(
                    1, resource_snapshot_id=2, **modify_fields
                )
            ),
            "PUT",
            f"{root}/1/draft",
            body={"resourceSnapshot": 2, "resourceData": modify_fields},
        ),
        case(
            f"{family}.modify_resource_drafts.delete",
            on(lambda f: f.modify_resource_drafts.delete(1)),
            "DELETE",
            f"{root}/1/draft",
        ),
    ]


def _family_cases() -> list[WireCase]:
    return [wire for wiring in _FAMILY_WIRING for wire in _cases_for_family(*wiring)]


ALL_CASES = CASES + [c for c in _family_cases() if c.id not in {existing.id for existing in CASES}]

COVERED_ELSEWHERE = {
    "close",  # test_client_sessions.py
    "jobs.wait",  # test_client_jobs.py
    "jobs.follow",  # test_client_jobs.py
    "workflows.import_resources",  # test_client_workflows.py
}


def _query_sorted(query: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(query)


@pytest.mark.parametrize("wire", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_method_sends_expected_request(
    wire: WireCase,
    json_client: DioptraClient[dict[str, Any]],
    server: FakeServer,
    tmp_path: Path,
) -> None:
    wire.call(json_client, tmp_path)

    sent = server.last
    assert (sent.method, sent.path) == (wire.method, wire.path)
    assert _query_sorted(sent.query) == _query_sorted(wire.query)
    if wire.body is NO_BODY:
        assert sent.content == b""
    else:
        assert sent.headers["content-type"] == "application/json"
        assert sent.json == wire.body


def test_every_method_has_a_wire_case() -> None:
    client = dioptra.client.connect_json_dioptra_client("http://dioptra.test")
    tree = client_surface.describe_object_tree(client)
    methods = {
        f"{path.removeprefix('client').lstrip('.')}.{name}".lstrip(".")
        for path, names in tree.items()
        if not path.startswith("client.session")  # HTTP plumbing, tested on its own
        for name in names
        if name != "build_sub_collection_url"
    }
    covered = {c.id for c in ALL_CASES} | COVERED_ELSEWHERE
    assert sorted(methods - covered) == []


def test_json_client_returns_parsed_body(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    server.route("GET", "/queues/3", httpx.Response(200, json={"id": 3, "name": "q"}))

    assert json_client.queues.get_by_id(3) == {"id": 3, "name": "q"}


def test_path_segments_are_percent_encoded(
    json_client: DioptraClient[dict[str, Any]], server: FakeServer
) -> None:
    json_client.jobs.get_metrics_snapshots_by_id(12, "a/b?c")

    assert server.last.path == "/jobs/12/metrics/a%2Fb%3Fc/snapshots"
    assert server.last.query == PAGE  # the "?" did not start a query string
