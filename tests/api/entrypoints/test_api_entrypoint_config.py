"""The engine document of an entrypoint snapshot (``/config``) with swaps, sections and
partial; the swaps listing; the dynamic global parameters."""

from __future__ import annotations

from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import (
    ARTIFACT_GRAPH,
    EPOCHS,
    SWAP_GRAPH,
    N,
    artifact_plugin,
    create_entrypoint,
    create_plugin,
    function_task,
    ok_json,
    parameter,
)
from fastapi.testclient import TestClient

UNUSED = parameter("unused", "string", "u")


@pytest.fixture
def swapped(alice: TestClient, training: dict[str, Any]) -> dict[str, Any]:
    return create_entrypoint(
        alice,
        [training["id"]],
        name="swapped",
        task_graph=SWAP_GRAPH,
        parameters=[N, EPOCHS, UNUSED],
    )


def snapshot_url(entrypoint: dict[str, Any], route: str) -> str:
    return f"{API}/entrypoints/{entrypoint['id']}/snapshots/{entrypoint['snapshot']}/{route}"


def config(client: TestClient, entrypoint: dict[str, Any], **params: Any) -> Any:
    return client.get(snapshot_url(entrypoint, "config"), params=params)


def test_config_of_a_plain_graph(alice: TestClient, training: dict[str, Any]) -> None:
    savers = artifact_plugin(alice)
    entrypoint = create_entrypoint(
        alice,
        [training["id"]],
        parameters=[N, UNUSED],
        artifactGraph=ARTIFACT_GRAPH,
        artifactPlugins=[savers["id"]],
        artifactParameters=[{"name": "prior", "outputParams": [{"name": "v", "parameterType": 4}]}],
    )

    document = ok_json(config(alice, entrypoint))

    assert list(document) == [
        "types",
        "parameters",
        "tasks",
        "graph",
        "artifact_outputs",
        "artifact_inputs",
    ]
    assert document["types"] == {}
    # Only the globals the graph uses (1.2).
    assert document["parameters"] == {"n": {"default": 3, "type": "integer"}}
    assert document["tasks"]["load"] == {
        "plugin": "training.tasks.load",
        "inputs": [{"name": "n", "type": "integer", "required": True}],
        "outputs": {"data": "integer"},
    }
    assert document["tasks"]["pair"]["outputs"] == [{"a": "integer"}, {"b": "integer"}]
    assert document["tasks"]["noop"] == {"plugin": "training.tasks.noop"}
    assert document["graph"] == {"prep": {"load": ["$n"]}, "fit": {"fit_small": ["$prep.data"]}}
    assert document["artifact_outputs"] == {
        "saved": {"contents": "$fit.model", "task": {"name": "NumberSaver"}}
    }
    assert document["artifact_inputs"] == {"prior": {"v": "number"}}


def test_config_needs_every_swap_chosen(alice: TestClient, swapped: dict[str, Any]) -> None:
    body = assert_error(config(alice, swapped), 400, "EntrypointSwapsRenderError", {})

    assert body["message"] == "Bad Request - Swaps ['model'] needed by graph but not provided."


def test_config_with_a_swap_keeps_only_the_chosen_alias(
    alice: TestClient, swapped: dict[str, Any]
) -> None:
    large = ok_json(config(alice, swapped, **{"swaps[model]": "large"}))
    small = ok_json(config(alice, swapped, **{"swaps[model]": "small"}))

    assert large["graph"]["train"] == {
        "?model": {
            "?outputs": ["trained"],
            "large": {"task": "fit_large", "kwargs": {"data": "$prep.data", "epochs": "$epochs"}},
        },
        "dependencies": ["prep"],
    }
    assert list(large["parameters"]) == ["n", "epochs"]
    assert small["graph"]["train"]["?model"] == {
        "?outputs": ["trained"],
        "small": {"fit_small": ["$prep.data"]},
    }
    assert list(small["parameters"]) == ["n"]
    # Tasks are all registered tasks under their own names (nothing compiled).
    assert "fit_large" in small["tasks"] and "train_fit_small" not in small["tasks"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"swaps[model]": "large", "swaps[zz]": "x"},
            "Swaps ['zz'] were provided but not used.",
        ),
        ({"swaps[model]": "nope"}, "Tasks ['nope'] requested for swaps but were not found."),
        ({"swaps[zz]": "small"}, "Swaps ['model'] needed by graph but not provided."),
    ],
)
def test_bad_swap_choices(
    alice: TestClient, swapped: dict[str, Any], params: dict[str, str], message: str
) -> None:
    body = assert_error(config(alice, swapped, **params), 400, "EntrypointSwapsRenderError")

    assert body["message"] == f"Bad Request - {message}"


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("swaps=small", {"swaps": ["Use swaps[name]=alias query parameters."]}),
        (
            "swaps[model]=small&swaps[model]=large",
            {"swaps": ["Provide exactly one alias for swaps[model]."]},
        ),
        ("swaps[]=small", {"swaps": ["Invalid swap parameter: swaps[]"]}),
        ("sections=graph,bogus", {"sections": ["Invalid config sections: ['bogus']."]}),
        ("partial=maybe", {"partial": ["Not a valid boolean."]}),
    ],
)
def test_malformed_config_queries(
    alice: TestClient, swapped: dict[str, Any], query: str, errors: dict[str, list[str]]
) -> None:
    response = alice.get(f"{snapshot_url(swapped, 'config')}?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_partial_keeps_every_alias_and_every_parameter(
    alice: TestClient, swapped: dict[str, Any]
) -> None:
    everything = ok_json(config(alice, swapped, partial=True))
    chosen = ok_json(config(alice, swapped, partial="true", **{"swaps[model]": "small"}))

    assert list(everything["graph"]["train"]["?model"]) == ["?outputs", "small", "large"]
    assert list(everything["parameters"]) == ["n", "epochs", "unused"]
    assert list(chosen["graph"]["train"]["?model"]) == ["?outputs", "small"]
    assert list(chosen["parameters"]) == ["n", "epochs", "unused"]


def test_sections(alice: TestClient, swapped: dict[str, Any]) -> None:
    some = ok_json(config(alice, swapped, sections="graph,parameters", **{"swaps[model]": "small"}))
    # Without graph and tasks no swap choice is needed, and nothing is filtered.
    no_graph = ok_json(config(alice, swapped, sections="types, parameters"))
    empty = config(alice, swapped, sections="")

    assert list(some) == ["parameters", "graph"]
    assert list(some["parameters"]) == ["n"]
    assert no_graph == {
        "types": {},
        "parameters": {
            "n": {"default": 3, "type": "integer"},
            "epochs": {"default": 10, "type": "integer"},
            "unused": {"default": "u", "type": "string"},
        },
    }
    # An empty list means every section (so the swap is needed again).
    assert_error(empty, 400, "EntrypointSwapsRenderError")
    tasks_only = config(alice, swapped, sections="tasks")
    assert_error(tasks_only, 400, "EntrypointSwapsRenderError")


def test_parameters_used_only_by_artifact_outputs_are_kept(
    alice: TestClient, training: dict[str, Any]
) -> None:
    """1.2 drops them and then fails its own validation; we keep them."""
    savers = artifact_plugin(alice)
    entrypoint = create_entrypoint(
        alice,
        [training["id"]],
        parameters=[N, parameter("scale", "float", "2.5")],
        artifactGraph="saved:\n  contents: $scale\n  task:\n    name: NumberSaver\n",
        artifactPlugins=[savers["id"]],
    )

    document = ok_json(config(alice, entrypoint))

    assert document["parameters"]["scale"] == {"default": 2.5, "type": "number"}


def test_old_snapshots_keep_their_plugins(alice: TestClient, training: dict[str, Any]) -> None:
    entrypoint = create_entrypoint(alice, [training["id"]])
    file_id = training["files"][0]["id"]
    changed = {
        "filename": "tasks.py",
        "contents": "# v2\n",
        "tasks": {
            "functions": [
                function_task("load", [("n", 3)], [("data", 3)]),
                function_task("fit_small", [("data", 3)], [("model", 4)]),
            ]
        },
    }
    ok_json(alice.put(f"{API}/plugins/{training['id']}/files/{file_id}", json=changed))
    ok_json(
        alice.post(
            f"{API}/entrypoints/{entrypoint['id']}/plugins", json={"plugins": [training["id"]]}
        )
    )

    old = ok_json(config(alice, entrypoint))

    assert "fit_large" in old["tasks"]  # the snapshot is pinned to the old plugin version


def test_config_of_unknown_or_foreign_snapshot_is_404(
    alice: TestClient, training: dict[str, Any]
) -> None:
    one = create_entrypoint(alice, [training["id"]], name="one")
    two = create_entrypoint(alice, [training["id"]], name="two")

    foreign = alice.get(f"{API}/entrypoints/{one['id']}/snapshots/{two['snapshot']}/config")
    unknown = alice.get(f"{API}/entrypoints/{one['id']}/snapshots/99999/config")

    assert_error(foreign, 404, "EntityDoesNotExistError")
    assert_error(unknown, 404, "EntityDoesNotExistError")


# -- swaps listing and dynamic globals ---------------------------------------------------------


def test_swaps_listing(
    alice: TestClient, swapped: dict[str, Any], training: dict[str, Any]
) -> None:
    file_snapshot = swapped["plugins"][0]["files"][0]["snapshotId"]

    listed = ok_json(alice.get(snapshot_url(swapped, "swaps")))

    assert listed == [
        {
            "swapName": "model",
            "taskAlias": "small",
            "taskName": "fit_small",
            "entrypointKeywordArgs": [],
            "pluginFileResourceSnapshotId": file_snapshot,
        },
        {
            "swapName": "model",
            "taskAlias": "large",
            "taskName": "fit_large",
            "entrypointKeywordArgs": ["epochs"],
            "pluginFileResourceSnapshotId": file_snapshot,
        },
    ]
    plain = create_entrypoint(alice, [training["id"]], name="plain")
    assert ok_json(alice.get(snapshot_url(plain, "swaps"))) == []


def test_dynamic_global_parameters(alice: TestClient, training: dict[str, Any]) -> None:
    unused_plugin = create_plugin(
        alice, "unused", [function_task("idle", [], [])], filename="idle.py"
    )
    entrypoint = create_entrypoint(
        alice,
        [training["id"], unused_plugin["id"]],
        task_graph=SWAP_GRAPH,
        parameters=[N, EPOCHS, UNUSED],
    )
    url = snapshot_url(entrypoint, "dynamicGlobalParameters")

    large = ok_json(alice.get(url, params={"swaps[model]": "large"}))
    small = ok_json(alice.get(url, params={"swaps[model]": "small"}))
    missing = alice.get(url)

    assert large == {
        "entrypointParams": [N, EPOCHS],
        "topologicalSort": ["prep", "train", "score"],
        "activePlugins": [{"name": "training"}],
    }
    assert small["entrypointParams"] == [N]
    body = assert_error(missing, 400, "EntrypointSwapsRenderError")
    assert body["message"] == "Bad Request - Swaps ['model'] needed by graph but not provided."


def test_dynamic_globals_of_a_plain_graph(alice: TestClient, training: dict[str, Any]) -> None:
    graph = "fit:\n  fit_small: [$prep.data]\nprep:\n  load: [$n]\n"
    entrypoint = create_entrypoint(
        alice, [training["id"]], task_graph=graph, parameters=[UNUSED, N]
    )

    found = ok_json(alice.get(snapshot_url(entrypoint, "dynamicGlobalParameters")))

    assert found == {
        "entrypointParams": [N],
        "topologicalSort": ["prep", "fit"],
        "activePlugins": [{"name": "training"}],
    }


def test_a_rendering_that_does_not_validate_is_a_400_error() -> None:
    """Saved graphs validate, so this is checked on the service function the config route
    and job configs share: a stored document whose rendering fails (here a task input
    of the wrong type) answers ``rendered_validation_errors``."""
    from dioptra.engine.assemble import (
        EntrypointParameterSpec,
        ParamSpec,
        PluginFileSpec,
        PluginSpec,
        TaskSpec,
        assemble,
    )
    from dioptra.server.services.entrypoints.config import render_config
    from dioptra.server.services.entrypoints.document import EntrypointDocument
    from dioptra.server.services.entrypoints.errors import EntrypointValidationError

    plugin = PluginSpec(
        "p", [PluginFileSpec("t.py", [TaskSpec("load", [ParamSpec("n", "integer")])])]
    )
    built = assemble(
        plugins=[plugin],
        task_graph="prep:\n  load: [$word]\n",
        parameters=[EntrypointParameterSpec("word", "string", "x")],
    )
    document = EntrypointDocument(built.document, built.source_map, {})

    with pytest.raises(EntrypointValidationError) as raised:
        render_config(document, {})

    [message] = raised.value.reason["rendered_validation_errors"]
    assert message.startswith("type.error: step 'prep', argument 'n' (line 2)")
    assert render_config(document, {}, partial=True)["graph"] == {"prep": {"load": ["$word"]}}


def test_a_snapshots_config_follows_the_groups_types(
    alice: TestClient, training: dict[str, Any]
) -> None:
    """The document of a snapshot is kept between requests; the group's parameter types,
    which it includes, may change meanwhile."""
    from plugin_testing import create_type

    entrypoint = create_entrypoint(alice, [training["id"]], parameters=[N])
    assert ok_json(config(alice, entrypoint))["types"] == {}
    created = create_type(alice, "image", {"list": "number"})
    assert ok_json(config(alice, entrypoint))["types"] == {"image": {"list": "number"}}
    changed = {"name": "image", "structure": {"list": "integer"}, "description": None}
    ok_json(alice.put(f"{API}/pluginParameterTypes/{created['id']}", json=changed))
    assert ok_json(config(alice, entrypoint))["types"] == {"image": {"list": "integer"}}
    ok_json(alice.delete(f"{API}/pluginParameterTypes/{created['id']}"))
    assert ok_json(config(alice, entrypoint))["types"] == {}
