"""Save-time validation of entrypoint graphs (Dioptra 1.2) and ``:lint``.

Invalid graphs answer 400 ``EntrypointValidationError`` with ``detail.reason`` sorted into
1.2's stages; our messages also name the step, the argument and the line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_testing import API, assert_error
from entrypoint_testing import (
    ARTIFACT_GRAPH,
    EPOCHS,
    SIMPLE_GRAPH,
    SWAP_GRAPH,
    N,
    artifact_plugin,
    create_entrypoint,
    create_plugin,
    entrypoint_body,
    function_task,
    ok_json,
    parameter,
    put_body,
    reason,
)
from fastapi.testclient import TestClient


def post(client: TestClient, body: dict[str, Any]) -> Any:
    return client.post(f"{API}/entrypoints/", json=body)


def test_type_mismatch_is_a_rendered_error_naming_step_argument_and_line(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    graph = "prep:\n  load: [$n]\nfit:\n  fit_small:\n    data: $label\n"
    body = entrypoint_body(
        [training["id"]], task_graph=graph, parameters=[N, parameter("label", "string", "x")]
    )

    with unchanged():
        response = post(alice, body)

    found = reason(response)
    assert list(found) == ["rendered_validation_errors"]
    [message] = found["rendered_validation_errors"]
    assert message.startswith("type.error: [Swap combination {}] ")
    assert "step 'fit', argument 'data' (line 5)" in message
    assert "expects integer" in message and "string" in message
    body_message = response.json()["message"]
    assert body_message == f"Bad Request - {found!r}"


def test_unknown_task_is_a_swap_issue_only(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    # The unresolvable $zzz would be a rendered error, but 1.2 stops at unknown tasks.
    graph = "prep:\n  load: [$n]\nfit:\n  nosuch: [$zzz]\n"

    with unchanged():
        response = post(alice, entrypoint_body([training["id"]], task_graph=graph))

    found = reason(response)
    assert list(found) == ["swap_issues"]
    [message] = found["swap_issues"]
    # The line of the task's name (the one to fix), not the step's.
    assert message.startswith("semantic.error: step 'fit' (line 4): unknown task 'nosuch'")


def test_cycle_is_reported_as_swap_issue_and_rendered_error(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    graph = "a:\n  load: [$b.data]\nb:\n  load: [$a.data]\n"

    with unchanged():
        response = post(alice, entrypoint_body([training["id"]], task_graph=graph, parameters=[]))

    found = reason(response)
    assert set(found) == {"swap_issues", "rendered_validation_errors"}
    assert found["swap_issues"] == [
        "semantic.error: step 'a' (line 1): steps depend on each other in a cycle: a -> b -> a"
    ]
    assert found["rendered_validation_errors"] == [
        "semantic.error: [Swap combination {}] step 'a' (line 1): steps depend on each other "
        "in a cycle: a -> b -> a"
    ]


def test_missing_global_parameter(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    graph = "prep:\n  load: [$count]\n"

    with unchanged():
        response = post(alice, entrypoint_body([training["id"]], task_graph=graph, parameters=[]))

    found = reason(response)
    assert found["missing_global_params"] == ["count"]
    [message] = found["rendered_validation_errors"]
    assert "step 'prep', argument 'n' (line 2): unresolvable reference '$count'" in message
    assert list(found) == ["missing_global_params", "rendered_validation_errors"]


def test_artifact_parameters_count_as_declared_globals(
    alice: TestClient, training: dict[str, Any]
) -> None:
    graph = "fit:\n  fit_small: [$data_in.v]\n"
    artifacts = [{"name": "data_in", "outputParams": [{"name": "v", "parameterType": 3}]}]

    created = create_entrypoint(
        alice, [training["id"]], task_graph=graph, parameters=[], artifactParameters=artifacts
    )

    assert created["artifactParameters"][0]["name"] == "data_in"


@pytest.mark.parametrize(
    ("graph", "error", "message"),
    [
        (
            "prep:\n  load: [$n\n",
            "InvalidYamlError",
            "Bad Request - Failed to parse entrypoint task graph YAML: the task graph is not "
            "valid YAML at line 3, column 1: did not find expected ',' or ']' (while parsing "
            "a flow sequence)",
        ),
        ("", "EmptyGraphError", "Bad Request - Provided swaps graph is empty."),
        ("# only a comment\n", "EmptyGraphError", "Bad Request - Provided swaps graph is empty."),
    ],
)
def test_unparsable_or_empty_graphs(
    alice: TestClient,
    unchanged: Callable[[], Any],
    training: dict[str, Any],
    graph: str,
    error: str,
    message: str,
) -> None:
    with unchanged():
        response = post(alice, entrypoint_body([training["id"]], task_graph=graph))

    assert assert_error(response, 400, error, {})["message"] == message


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"plugins": []}, "section 'tasks': needs at least one task"),
        ({"parameters": [N, parameter("opts", "list", None)]}, "parameter 'opts'"),
        ({"taskGraph": "prep: 5\n"}, "step 'prep' (line 1)"),
        ({"taskGraph": "- a\n- b\n"}, "section 'graph': must be a mapping"),
    ],
)
def test_schema_issues(
    alice: TestClient,
    unchanged: Callable[[], Any],
    training: dict[str, Any],
    fields: dict[str, Any],
    expected: str,
) -> None:
    with unchanged():
        response = post(alice, {**entrypoint_body([training["id"]]), **fields})

    found = reason(response)
    assert list(found) == ["schema_issues"]
    assert any(expected in message for message in found["schema_issues"]), found
    assert all(message.startswith("schema.error: ") for message in found["schema_issues"])


def test_an_unregistered_artifact_task_saves_with_a_warning(
    alice: TestClient, training: dict[str, Any]
) -> None:
    """As Dioptra 1.2.2, an artifact output may name an artifact task that no attached
    artifact plugin registers (its job would fail later); here the save says so."""
    savers = artifact_plugin(alice)
    body = entrypoint_body([training["id"]], artifactGraph=ARTIFACT_GRAPH)

    without_plugin = ok_json(post(alice, body))
    misnamed = ok_json(
        post(
            alice,
            {
                **body,
                "name": "misnamed",
                "artifactPlugins": [savers["id"]],
                "artifactGraph": ARTIFACT_GRAPH.replace("NumberSaver", "PngSaver"),
            },
        )
    )

    [warning] = without_plugin["warnings"]
    assert warning["path"] == "graph"
    assert warning["message"].startswith(
        "semantic.warning: artifact output 'saved' (line 4): no attached artifact plugin "
        "registers the artifact task 'NumberSaver' (registered: none)"
    )
    [warning] = misnamed["warnings"]
    assert "'PngSaver' (registered: 'NumberSaver')" in warning["message"]
    assert without_plugin["artifactGraph"] == ARTIFACT_GRAPH
    # Saved as given; reading it back carries no save warnings.
    stored = ok_json(alice.get(f"{API}/entrypoints/{without_plugin['id']}"))
    assert "warnings" not in stored
    assert stored["artifactGraph"] == ARTIFACT_GRAPH
    # A PUT that attaches the plugin saves without warnings.
    fixed = ok_json(
        alice.put(
            f"{API}/entrypoints/{without_plugin['id']}",
            json=put_body(stored, artifactPluginSnapshotIds=[savers["snapshot"]]),
        )
    )
    assert "warnings" not in fixed


def test_every_other_artifact_graph_problem_is_still_an_error(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    body = entrypoint_body([training["id"]], artifactGraph=ARTIFACT_GRAPH)

    with unchanged():
        bad_reference = post(
            alice, {**body, "artifactGraph": ARTIFACT_GRAPH.replace("$fit.model", "$nope.x")}
        )
        bad_yaml = post(alice, {**body, "artifactGraph": "a: [\n"})
        no_task = post(alice, {**body, "artifactGraph": "saved:\n  contents: $fit.model\n"})

    [message] = reason(bad_reference)["rendered_validation_errors"]
    assert "artifact output 'saved'" in message and "'nope'" in message
    [message] = reason(bad_yaml)["schema_issues"]
    assert message.startswith("syntax.error: the artifact graph is not valid YAML at line 2")
    [message] = reason(no_task)["schema_issues"]
    assert "needs 'task'" in message


def test_swap_graph_saves_and_each_alias_is_validated(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    created = create_entrypoint(
        alice, [training["id"]], task_graph=SWAP_GRAPH, parameters=[N, EPOCHS]
    )
    assert created["taskGraph"] == SWAP_GRAPH

    # The "large" alias needs $epochs, which is not declared.
    with unchanged():
        response = post(alice, entrypoint_body([training["id"]], name="e2", task_graph=SWAP_GRAPH))
    found = reason(response)
    assert found["missing_global_params"] == ["epochs"]
    [message] = found["rendered_validation_errors"]
    assert "step 'train', argument 'epochs' (line 10): alias 'large' of swap 'model'" in message


def test_swap_alias_rules_are_swap_issues(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    wrong_outputs = SWAP_GRAPH.replace("task: fit_large", "task: pair")
    wrong_types = SWAP_GRAPH.replace("fit_small: [$prep.data]", "fit_text: [$prep.data]")
    unknown_alias_task = SWAP_GRAPH.replace("fit_small: [$prep.data]", "fit_tiny: [$prep.data]")
    params = [N, EPOCHS]

    with unchanged():
        responses = [
            post(alice, entrypoint_body([training["id"]], task_graph=g, parameters=params))
            for g in (wrong_outputs, wrong_types, unknown_alias_task)
        ]

    outputs, types, unknown = (reason(r) for r in responses)
    assert list(outputs) == ["swap_issues"]
    assert "'?outputs' names 1" in outputs["swap_issues"][0]
    assert list(types) == ["swap_issues"]
    assert "same ordered output types" in types["swap_issues"][0]
    assert list(unknown) == ["swap_issues"]
    assert "unknown task 'fit_tiny'" in unknown["swap_issues"][0]


def test_put_and_plugin_detach_are_validated(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    entrypoint = create_entrypoint(alice, [training["id"]])
    url = f"{API}/entrypoints/{entrypoint['id']}"

    with unchanged():
        put = alice.put(url, json=put_body(entrypoint, taskGraph="x:\n  nosuch: []\n"))
        detach = alice.delete(f"{url}/plugins/{training['id']}")

    assert list(reason(put)) == ["swap_issues"]
    assert list(reason(detach)) == ["schema_issues"]


def test_syncing_to_a_plugin_version_without_the_task_is_refused(
    alice: TestClient, unchanged: Callable[[], Any]
) -> None:
    plugin = create_plugin(alice, "shifting", [function_task("load", [("n", 3)], [("data", 3)])])
    entrypoint = create_entrypoint(alice, [plugin["id"]], task_graph="prep:\n  load: [$n]\n")
    file_id = plugin["files"][0]["id"]
    renamed = {
        "filename": "tasks.py",
        "contents": "# renamed\n",
        "tasks": {"functions": [function_task("load2", [("n", 3)], [("data", 3)])]},
    }
    ok_json(alice.put(f"{API}/plugins/{plugin['id']}/files/{file_id}", json=renamed))

    with unchanged():
        response = alice.post(
            f"{API}/entrypoints/{entrypoint['id']}/plugins", json={"plugins": [plugin["id"]]}
        )

    assert "unknown task 'load'" in reason(response)["swap_issues"][0]


def test_unused_list_parameter_without_default_is_refused(
    alice: TestClient, training: dict[str, Any]
) -> None:
    """1.2 quirk kept: list/mapping parameters need a default even when unused."""
    body = entrypoint_body([training["id"]], parameters=[N, parameter("m", "mapping", None)])

    assert list(reason(post(alice, body))) == ["schema_issues"]


# -- lint ----------------------------------------------------------------------------------


def lint(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = ok_json(client.post(f"{API}/entrypoints:lint", json=body))
    return result


def test_lint_answers_200_with_issues_and_stores_nothing(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    with unchanged():
        valid = lint(alice, entrypoint_body([training["id"]]))
        unknown = lint(alice, entrypoint_body([training["id"]], task_graph="x:\n  nosuch: []\n"))
        no_tasks = lint(alice, entrypoint_body([]))
        bad_yaml = lint(alice, entrypoint_body([training["id"]], task_graph="x: [\n"))
        empty = lint(alice, entrypoint_body([training["id"]], task_graph=""))
        # Lint stops before the rendered checks (as 1.2): a type mismatch passes.
        mismatch = lint(
            alice,
            entrypoint_body(
                [training["id"]],
                task_graph="x:\n  load: [$s]\n",
                parameters=[parameter("s", "string", "a")],
            ),
        )

    assert valid == {"valid": True, "issues": []}
    assert unknown["valid"] is False
    [issue] = unknown["issues"]
    assert issue["path"] == "graph"
    assert issue["message"].startswith("semantic.error: step 'x' (line 2): unknown task 'nosuch'")
    assert no_tasks == {
        "valid": False,
        "issues": [
            {
                "path": "entrypoint",
                "message": "schema.error: section 'tasks': needs at least one task",
            }
        ],
    }
    assert bad_yaml["valid"] is False
    assert bad_yaml["issues"][0]["path"] == "graph"
    assert bad_yaml["issues"][0]["message"].startswith("Failed to parse entrypoint task graph YAML")
    assert empty == {
        "valid": False,
        "issues": [{"path": "graph", "message": "Provided swaps graph is empty."}],
    }
    assert mismatch == {"valid": True, "issues": []}


def test_lint_reports_an_unregistered_artifact_task_as_a_warning(
    alice: TestClient, training: dict[str, Any]
) -> None:
    body = entrypoint_body([training["id"]], artifactGraph=ARTIFACT_GRAPH)

    result = lint(alice, body)

    assert result["valid"] is True
    assert result["issues"] == []
    [warning] = result["warnings"]
    assert warning["path"] == "graph"
    assert "the artifact task 'NumberSaver' (registered: none)" in warning["message"]
    assert warning["message"].startswith("semantic.warning: artifact output 'saved' (line 4)")


def test_lint_still_raises_for_non_graph_errors(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    create_entrypoint(alice, [training["id"]], name="taken")

    with unchanged():
        clash = alice.post(
            f"{API}/entrypoints:lint", json=entrypoint_body([training["id"]], name="taken")
        )
        bad_name = alice.post(
            f"{API}/entrypoints:lint", json=entrypoint_body([training["id"]], name="a/b")
        )
        unknown_plugin = alice.post(f"{API}/entrypoints:lint", json=entrypoint_body([999]))
        missing = alice.post(f"{API}/entrypoints:lint", json={"taskGraph": SIMPLE_GRAPH})

    assert_error(clash, 409, "EntityExistsError")
    assert_error(bad_name, 400, "ResourceNameError")
    assert_error(unknown_plugin, 404, "EntityDoesNotExistError")
    assert missing.status_code == 400
    assert missing.json() == {
        "errors": {
            "name": ["Missing data for required field."],
            "group": ["Missing data for required field."],
        }
    }


def test_lint_by_id_uses_the_saved_bindings(alice: TestClient, training: dict[str, Any]) -> None:
    entrypoint = create_entrypoint(alice, [training["id"]])
    url = f"{API}/entrypoints/{entrypoint['id']}:lint"

    same_name = ok_json(alice.post(url, json={"name": "ep", "taskGraph": SIMPLE_GRAPH}))
    unknown = ok_json(alice.post(url, json={"name": "ep", "taskGraph": "x:\n  nosuch: []\n"}))
    absent = alice.post(f"{API}/entrypoints/999:lint", json={"name": "ep", "taskGraph": "x: 1\n"})

    assert same_name == {"valid": True, "issues": []}
    assert unknown["valid"] is False
    assert "known tasks: 'load'" in unknown["issues"][0]["message"]
    assert_error(absent, 404, "EntityDoesNotExistError")
    # Nothing was saved.
    assert (
        ok_json(alice.get(f"{API}/entrypoints/{entrypoint['id']}/snapshots"))["totalNumResults"]
        == 1
    )


def test_artifact_output_types_come_from_parameter_types(
    alice: TestClient, training: dict[str, Any]
) -> None:
    """An artifact input's declared output type reaches the document's types."""
    structure = {"list": "number"}
    vector = ok_json(
        alice.post(
            f"{API}/pluginParameterTypes/",
            json={"group": 1, "name": "Vector", "structure": structure},
        )
    )
    artifacts = [{"name": "vec", "outputParams": [{"name": "v", "parameterType": vector["id"]}]}]
    entrypoint = create_entrypoint(alice, [training["id"]], artifactParameters=artifacts)

    config = ok_json(
        alice.get(f"{API}/entrypoints/{entrypoint['id']}/snapshots/{entrypoint['snapshot']}/config")
    )

    assert config["types"]["Vector"] == structure
    assert config["artifact_inputs"] == {"vec": {"v": "Vector"}}
    assert entrypoint["artifactParameters"][0]["outputParams"][0]["parameterType"]["name"] == (
        "Vector"
    )


def test_a_broken_parameter_type_breaks_only_what_uses_it(
    alice: TestClient, unchanged: Callable[[], Any], training: dict[str, Any]
) -> None:
    """Types are stored as sent (as in 1.2.2); one the engine cannot build, and one that
    refers to it, are left out of the group's types, and a task declared with it makes
    the entrypoints using it fail validation, naming the problem."""
    types = f"{API}/pluginParameterTypes"
    shape = ok_json(alice.post(f"{types}/", json={"group": 1, "name": "shape"}))
    shapes = {"group": 1, "name": "shapes", "structure": {"list": "shape"}}
    ok_json(alice.post(f"{types}/", json=shapes))
    plain = create_entrypoint(alice, [training["id"]], name="plain")

    broken = alice.put(f"{types}/{shape['id']}", json={"name": "shape", "structure": {"key": 1}})
    measure = function_task("measure", [("s", shape["id"])], [("n", 3)])
    shaped = create_plugin(alice, "shaped", [measure])
    saved = alice.put(f"{API}/entrypoints/{plain['id']}", json=put_body(plain, description="v2"))
    with unchanged():
        used = post(alice, entrypoint_body([shaped["id"]], "uses", "m:\n  measure: [$n]\n"))

    assert ok_json(broken)["structure"] == {"key": 1}
    snapshot = ok_json(saved)["snapshot"]
    config = ok_json(alice.get(f"{API}/entrypoints/{plain['id']}/snapshots/{snapshot}/config"))
    assert "shape" not in config["types"] and "shapes" not in config["types"]
    messages = [message for found in reason(used).values() for message in found]
    assert any("'shape'" in m and "unknown key 'key'" in m for m in messages), messages
