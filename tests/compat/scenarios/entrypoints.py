"""Entrypoints through the original client: create (parameters, artifact parameters,
plugins, artifact plugins, queues), validate-only, lint, plugin snapshot pinning on
modify, the snapshot routes (config with swaps, swaps, global parameters, bundles), the
plugins/artifact plugins/queues sub-collections, tags and drafts."""

from __future__ import annotations

import io
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from _support import done, expect_status, logged_in_client, names, public_group_id, unique
from _world import (
    ARTIFACT_GRAPH,
    PARAMETERS,
    TASK_GRAPH,
    TRAINING_PY,
    artifact_parameters,
    builtin_types,
    make_plugins,
    training_tasks,
)


def tar_members(path: Path) -> set[str]:
    with tarfile.open(fileobj=io.BytesIO(path.read_bytes()), mode="r:gz") as archive:
        return {m.name for m in archive.getmembers() if m.isfile()}


def create_and_validate(
    client: Any, group: int, types: dict[str, int], world: dict[str, Any]
) -> dict[str, Any]:
    training, savers, queue = world["training"], world["savers"], world["queue"]
    fields: dict[str, Any] = {
        "task_graph": TASK_GRAPH,
        "artifact_graph": ARTIFACT_GRAPH,
        "description": "trains",
        "parameters": PARAMETERS,
        "artifact_parameters": artifact_parameters(types),
        "queues": [queue["id"]],
        "plugins": [training["id"]],
        "artifact_plugins": [savers["id"]],
    }
    name = unique("ep")

    checked = client.entrypoints.create(group_id=group, name=name, validate_only=True, **fields)
    assert "id" not in checked and checked["name"] == name, checked
    assert client.entrypoints.get(search=f"name:{name}")["totalNumResults"] == 0

    ep = client.entrypoints.create(group_id=group, name=name, **fields)
    assert ep["taskGraph"] == TASK_GRAPH and ep["artifactGraph"] == ARTIFACT_GRAPH, ep
    assert ep["parameters"] == PARAMETERS, ep["parameters"]
    (prev,) = ep["artifactParameters"]
    assert prev["name"] == "prev", prev
    assert prev["outputParams"][0]["parameterType"]["id"] == types["number"], prev
    (bound,) = ep["plugins"]
    assert bound["id"] == training["id"] and bound["snapshotId"] == training["snapshot"], bound
    assert bound["latestSnapshot"] is True, bound
    assert [p["id"] for p in ep["artifactPlugins"]] == [savers["id"]], ep["artifactPlugins"]
    assert [q["id"] for q in ep["queues"]] == [queue["id"]], ep["queues"]
    assert client.entrypoints.get_by_id(ep["id"])["snapshot"] == ep["snapshot"]
    expect_status(409, client.entrypoints.create, group_id=group, name=name, **fields)

    # A graph naming an unknown task is refused, saved or not.
    broken = {**fields, "task_graph": "a:\n  nosuch: [1]\n"}
    for validate_only in (True, False):
        refused = expect_status(
            400,
            client.entrypoints.create,
            group_id=group,
            name=unique("broken"),
            validate_only=validate_only,
            **broken,
        )
        assert refused["error"] == "EntrypointValidationError", refused

    lint_body = {
        "group": group,
        "name": unique("linted"),
        "taskGraph": TASK_GRAPH,
        "parameters": PARAMETERS,
        "plugins": [training["id"]],
    }
    assert client.entrypoints.lint(lint_body) == {"valid": True, "issues": []}
    report = client.entrypoints.lint({**lint_body, "taskGraph": "a:\n  nosuch: [1]\n"})
    assert report["valid"] is False and "nosuch" in report["issues"][0]["message"], report
    # A taken name meets a 409 only once the rest is valid; issues are reported first.
    expect_status(409, client.entrypoints.lint, {**lint_body, "name": name})
    taken = client.entrypoints.lint({**lint_body, "name": name, "taskGraph": "a:\n  nosuch: [1]\n"})
    assert taken["valid"] is False and "nosuch" in str(taken["issues"]), taken
    # lint_by_id knows the saved plugins, lint only those of its body.
    body = {"name": name, "taskGraph": "prep:\n  load: [3]\n", "parameters": []}
    assert client.entrypoints.lint_by_id(ep["id"], body) == {"valid": True, "issues": []}
    unbound = client.entrypoints.lint({**body, "name": unique("unbound"), "group": group})
    assert unbound["valid"] is False and "tasks" in str(unbound["issues"]), unbound
    return ep


def snapshot_routes(client: Any, ep: dict[str, Any], world: dict[str, Any]) -> None:
    swaps = client.entrypoints.snapshots.get_swaps(ep["id"], ep["snapshot"])
    assert {(s["swapName"], s["taskAlias"], s["taskName"]) for s in swaps} == {
        ("model", "small", "fit_small"),
        ("model", "large", "fit_large"),
    }, swaps
    large = next(s for s in swaps if s["taskAlias"] == "large")
    assert large["entrypointKeywordArgs"] == ["epochs"], large

    config = client.entrypoints.snapshots.get_config(
        ep["id"], ep["snapshot"], swap_parameters={"model": "small"}
    )
    model_swap = config["graph"]["train"]["?model"]
    assert set(model_swap) == {"?outputs", "small"}, model_swap
    assert set(config["tasks"]) >= {"load", "fit_small", "score"}, config["tasks"]
    assert config["tasks"]["load"]["plugin"] == f"{world['training']['name']}.training.load"
    assert config["parameters"]["n"]["default"] == 3, config["parameters"]
    partial = client.entrypoints.snapshots.get_config(ep["id"], ep["snapshot"], partial=True)
    assert set(partial["graph"]["train"]["?model"]) == {"?outputs", "small", "large"}, partial
    expect_status(400, client.entrypoints.snapshots.get_config, ep["id"], ep["snapshot"])
    only_graph = client.entrypoints.snapshots.get_config(
        ep["id"], ep["snapshot"], swap_parameters={"model": "large"}, sections=["graph"]
    )
    assert set(only_graph) == {"graph"}, only_graph

    params = client.entrypoints.snapshots.get_task_graph_global_params(
        ep["id"], ep["snapshot"], swaps={"model": "large"}
    )
    assert [p["name"] for p in params["entrypointParams"]] == ["n", "epochs"], params
    assert params["topologicalSort"] == ["prep", "train", "score"], params

    (artifact_plugin,) = client.entrypoints.snapshots.get_artifact_plugins(ep["id"], ep["snapshot"])
    assert artifact_plugin["id"] == world["savers"]["id"], artifact_plugin
    with tempfile.TemporaryDirectory() as folder:
        bundle = client.entrypoints.snapshots.get_plugins_bundle(
            ep["id"], ep["snapshot"], output_dir=Path(folder)
        )
        assert f"{world['training']['name']}/training.py" in tar_members(bundle)
        savers_bundle = client.entrypoints.snapshots.get_artifact_plugins_bundle(
            ep["id"], ep["snapshot"], output_dir=Path(folder)
        )
        assert f"{world['savers']['name']}/savers.py" in tar_members(savers_bundle)


def pinned_plugins(
    client: Any, group: int, types: dict[str, int], ep: dict[str, Any], world: dict[str, Any]
) -> dict[str, Any]:
    """A plugin change leaves the entrypoint on the old snapshot until it is repinned."""
    training = world["training"]
    (file_,) = training["files"]
    client.plugins.files.modify_by_id(
        training["id"],
        file_["id"],
        "training.py",
        TRAINING_PY + "\n# v2\n",
        function_tasks=training_tasks(types),
    )
    latest = client.plugins.get_by_id(training["id"])["snapshot"]
    stale = client.entrypoints.get_by_id(ep["id"])["plugins"][0]
    assert stale["snapshotId"] == training["snapshot"] and stale["latestSnapshot"] is False

    def modify(plugin_snapshot: int, validate_only: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = client.entrypoints.modify_by_id(
            ep["id"],
            name=ep["name"],
            task_graph=TASK_GRAPH,
            artifact_graph=ARTIFACT_GRAPH,
            description="retrained",
            parameters=PARAMETERS,
            artifact_parameters=artifact_parameters(types),
            queues=[world["queue"]["id"]],
            plugin_snapshot_ids=[plugin_snapshot],
            artifact_plugin_snapshot_ids=[world["savers"]["snapshot"]],
            validate_only=validate_only,
        )
        return result

    kept = modify(training["snapshot"])
    assert kept["snapshot"] > ep["snapshot"] and kept["description"] == "retrained", kept
    assert kept["plugins"][0]["snapshotId"] == training["snapshot"], kept["plugins"]
    preview = modify(latest, validate_only=True)
    assert preview["plugins"][0]["snapshotId"] == latest, preview
    assert client.entrypoints.get_by_id(ep["id"])["snapshot"] == kept["snapshot"]
    moved = modify(latest)
    assert moved["plugins"][0]["snapshotId"] == latest and moved["plugins"][0]["latestSnapshot"]
    history = client.entrypoints.snapshots.get(ep["id"])
    assert [s["snapshot"] for s in history["data"]] == [
        ep["snapshot"],
        kept["snapshot"],
        moved["snapshot"],
    ], history
    old = client.entrypoints.snapshots.get_by_id(ep["id"], snapshot_id=ep["snapshot"])
    assert old["description"] == "trains" and old["latestSnapshot"] is False, old
    return moved


def sub_collections(client: Any, group: int, ep: dict[str, Any], world: dict[str, Any]) -> None:
    training, savers = world["training"], world["savers"]
    assert [p["id"] for p in client.entrypoints.plugins.get(ep["id"])] == [training["id"]]
    assert client.entrypoints.plugins.get_by_id(ep["id"], training["id"])["id"] == training["id"]
    assert [p["id"] for p in client.entrypoints.artifact_plugins.get(ep["id"])] == [savers["id"]]
    expect_status(404, client.entrypoints.plugins.get_by_id, ep["id"], savers["id"])
    # (An entrypoint without an artifact graph: ours refuses to detach an artifact plugin
    # the graph names, which 1.2 allows; see the compat README.)
    plain = client.entrypoints.create(
        group_id=group,
        name=unique("plain-ep"),
        task_graph=TASK_GRAPH,
        parameters=PARAMETERS,
        plugins=[training["id"]],
    )
    assert client.entrypoints.artifact_plugins.get(plain["id"]) == []
    attached = client.entrypoints.artifact_plugins.create(plain["id"], [savers["id"]])
    assert [p["id"] for p in attached] == [savers["id"]], attached
    again = client.entrypoints.artifact_plugins.get_by_id(plain["id"], savers["id"])
    assert again["snapshotId"] == client.plugins.get_by_id(savers["id"])["snapshot"], again
    removed = client.entrypoints.artifact_plugins.delete_by_id(plain["id"], savers["id"])
    assert removed == {"id": [savers["id"]], "status": "Success"}, removed
    assert client.entrypoints.artifact_plugins.get(plain["id"]) == []
    expect_status(404, client.entrypoints.artifact_plugins.get_by_id, plain["id"], savers["id"])

    extra = client.plugins.create(group_id=group, name=unique("extra"))
    client.entrypoints.plugins.create(ep["id"], plugin_ids=[extra["id"]])
    assert sorted(p["id"] for p in client.entrypoints.plugins.get(ep["id"])) == sorted(
        [training["id"], extra["id"]]
    )
    client.entrypoints.plugins.delete_by_id(ep["id"], extra["id"])
    assert [p["id"] for p in client.entrypoints.plugins.get(ep["id"])] == [training["id"]]

    queue, other = world["queue"], client.queues.create(group_id=group, name=unique("other-q"))
    client.entrypoints.queues.create(ep["id"], queue_ids=[other["id"]])
    assert sorted(q["id"] for q in client.entrypoints.queues.get(ep["id"])) == sorted(
        [queue["id"], other["id"]]
    )
    client.entrypoints.queues.delete_by_id(ep["id"], other["id"])
    assert [q["id"] for q in client.entrypoints.queues.get(ep["id"])] == [queue["id"]]
    client.entrypoints.queues.modify_by_id(ep["id"], queue_ids=[other["id"]])
    assert [q["id"] for q in client.entrypoints.queues.get(ep["id"])] == [other["id"]]
    client.entrypoints.queues.delete(ep["id"])
    assert client.entrypoints.queues.get(ep["id"]) == []
    client.entrypoints.queues.create(ep["id"], queue_ids=[queue["id"]])


def tags_drafts_delete(
    client: Any, group: int, types: dict[str, int], ep: dict[str, Any], world: dict[str, Any]
) -> None:
    tag = client.tags.create(group_id=group, name=unique("ep-tag"))
    client.entrypoints.tags.modify(ep["id"], ids=[tag["id"]])
    assert [t["id"] for t in client.entrypoints.tags.get(ep["id"])] == [tag["id"]]
    assert names(client.entrypoints.get(search=f"tag:{unique('ep-tag')}")) == [ep["name"]]

    draft = client.entrypoints.new_resource_drafts.create(
        group_id=group,
        name=unique("drafted-ep"),
        description=None,
        task_graph=TASK_GRAPH,
        artifact_graph="",
        parameters=PARAMETERS,
        artifact_parameters=[],
        queues=[world["queue"]["id"]],
        plugins=[world["training"]["id"]],
        artifact_plugins=[],
    )
    made = client.entrypoints.get_by_id(client.workflows.commit_draft(draft["id"])["id"][0])
    assert (
        made["name"] == unique("drafted-ep") and made["plugins"][0]["id"] == world["training"]["id"]
    )

    change = client.entrypoints.modify_resource_drafts.create(
        ep["id"],
        name=ep["name"],
        description="drafted",
        task_graph=TASK_GRAPH,
        artifact_graph=ARTIFACT_GRAPH,
        parameters=PARAMETERS,
        artifact_parameters=artifact_parameters(types),
        queues=[world["queue"]["id"]],
    )
    assert client.entrypoints.get_by_id(ep["id"])["hasDraft"] is True
    client.workflows.commit_draft(change["id"])
    changed = client.entrypoints.get_by_id(ep["id"])
    assert changed["description"] == "drafted", changed
    assert [p["id"] for p in changed["plugins"]] == [world["training"]["id"]], changed["plugins"]

    client.entrypoints.delete_by_id(made["id"])
    assert client.entrypoints.get(search=f"name:{made['name']}")["totalNumResults"] == 0
    assert client.entrypoints.get_by_id(made["id"])["deleted"] is True


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)
    types = builtin_types(client, group)
    training, savers = make_plugins(client, group, types)
    world = {
        "training": training,
        "savers": savers,
        "queue": client.queues.create(group_id=group, name=unique("ep-queue")),
    }
    ep = create_and_validate(client, group, types, world)
    snapshot_routes(client, ep, world)
    ep = pinned_plugins(client, group, types, ep, world)
    sub_collections(client, group, ep, world)
    tags_drafts_delete(client, group, types, ep, world)
    done("entrypoints")


if __name__ == "__main__":
    main()
