"""Assembly of engine documents from registration-shaped data (Dioptra's config endpoint)."""

from __future__ import annotations

import pytest

from dioptra.engine.assemble import (
    ArtifactParameterSpec,
    ArtifactTaskSpec,
    EmptyGraphError,
    EntrypointParameterSpec,
    InvalidYamlError,
    OutputSpec,
    ParamSpec,
    PluginFileSpec,
    PluginSpec,
    TaskSpec,
    UnknownTypeError,
    YamlSection,
    assemble,
    assemble_document,
    plugin_task_path,
)
from dioptra.engine.parameters import ParameterCoercionError
from dioptra.engine.source_map import load_yaml

GRAPH = """\
sample:
  sample_normal:
    size: $size
noisy:
  add_noise: [$sample]
"""


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("tasks.py", "p.tasks.f"),
        ("pkg/mod.py", "p.pkg.mod.f"),
        ("a/b/c.py", "p.a.b.c.f"),
        ("__init__.py", "p.f"),
        ("pkg/__init__.py", "p.pkg.f"),
    ],
)
def test_plugin_task_path(filename: str, expected: str) -> None:
    assert plugin_task_path("p", filename, "f") == expected


def _plugins() -> list[PluginSpec]:
    sample = TaskSpec(
        "sample_normal",
        inputs=[ParamSpec("size", "integer"), ParamSpec("seed", "integer", required=False)],
        outputs=[OutputSpec("output", "NumpyArray")],
    )
    noise = TaskSpec(
        "add_noise",
        inputs=[ParamSpec("data", "NumpyArray")],
        outputs=[("noisy", "NumpyArray"), ("noise", "NumpyArray")],
    )
    hello = TaskSpec("hello")
    return [
        PluginSpec(
            "sampling",
            files=[
                PluginFileSpec("tasks.py", function_tasks=[sample]),
                PluginFileSpec("ops/noise.py", function_tasks=[noise]),
                PluginFileSpec("__init__.py", function_tasks=[hello]),
                PluginFileSpec("art.py", artifact_tasks=[ArtifactTaskSpec("Saver", [])]),
            ],
        )
    ]


def test_full_document() -> None:
    document = assemble_document(
        plugins=_plugins(),
        task_graph=GRAPH,
        artifact_graph="save:\n  contents: $noisy.noisy\n  task:\n    name: Saver\n",
        parameters=[
            EntrypointParameterSpec("size", "integer", "10"),
            EntrypointParameterSpec("scale", "float", None),
            EntrypointParameterSpec("dims", "list", "[1, 2]"),
            EntrypointParameterSpec("opts", "mapping", None),
        ],
        artifact_parameters=[
            ArtifactParameterSpec("previous", [("array", "NumpyArray")]),
            ArtifactParameterSpec("pair", [("a", "string"), ("b", "Image")]),
        ],
        type_definitions={"NumpyArray": None, "Image": {"list": "integer"}},
        extra_types={"Unused": {"is_a": "Other"}, "Other": None, "string": None},
    )
    assert list(document) == [
        "types",
        "parameters",
        "tasks",
        "graph",
        "artifact_outputs",
        "artifact_inputs",
    ]
    assert document["types"] == {
        "NumpyArray": None,
        "Unused": {"is_a": "Other"},
        "Other": None,
        "Image": {"list": "integer"},
    }
    assert list(document["types"]) == ["NumpyArray", "Unused", "Other", "Image"]
    assert document["parameters"] == {
        "size": {"default": 10, "type": "integer"},
        "scale": {"type": "number"},
        "dims": {"default": [1, 2]},
        "opts": {},
    }
    assert document["tasks"] == {
        "sample_normal": {
            "plugin": "sampling.tasks.sample_normal",
            "inputs": [
                {"name": "size", "type": "integer", "required": True},
                {"name": "seed", "type": "integer", "required": False},
            ],
            "outputs": {"output": "NumpyArray"},
        },
        "add_noise": {
            "plugin": "sampling.ops.noise.add_noise",
            "inputs": [{"name": "data", "type": "NumpyArray", "required": True}],
            "outputs": [{"noisy": "NumpyArray"}, {"noise": "NumpyArray"}],
        },
        "hello": {"plugin": "sampling.hello"},
    }
    assert document["graph"] == {
        "sample": {"sample_normal": {"size": "$size"}},
        "noisy": {"add_noise": ["$sample"]},
    }
    assert document["artifact_outputs"] == {
        "save": {"contents": "$noisy.noisy", "task": {"name": "Saver"}}
    }
    assert document["artifact_inputs"] == {
        "previous": {"array": "NumpyArray"},
        "pair": [{"a": "string"}, {"b": "Image"}],
    }


def test_empty_artifact_graph_and_no_extra_types_without_tasks() -> None:
    document = assemble_document(
        plugins=[PluginSpec("arts", [PluginFileSpec("a.py", artifact_tasks=[])])],
        task_graph="step:\n  task: t\n",
        artifact_graph="   \n",
        extra_types={"Group": None},
    )
    # Dioptra adds the group's types only when a function task exists.
    assert document["types"] == {}
    assert document["tasks"] == {}
    assert document["artifact_outputs"] == {}
    assert document["artifact_inputs"] == {}
    assert document["parameters"] == {}


def test_same_task_name_later_wins() -> None:
    plugins = [
        PluginSpec("one", [PluginFileSpec("a.py", [TaskSpec("f")])]),
        PluginSpec("two", [PluginFileSpec("b/c.py", [TaskSpec("f")])]),
    ]
    document = assemble_document(plugins=plugins, task_graph="s:\n  f: []\n")
    assert document["tasks"] == {"f": {"plugin": "two.b.c.f"}}


def test_unknown_type_names_the_user() -> None:
    with pytest.raises(UnknownTypeError, match="task 'sample_normal' of plugin 'sampling'"):
        assemble_document(plugins=_plugins(), task_graph=GRAPH)
    with pytest.raises(UnknownTypeError, match=r"artifact parameter 'old'.*'Mystery'"):
        assemble_document(
            plugins=[],
            task_graph=GRAPH,
            artifact_parameters=[ArtifactParameterSpec("old", [("x", "Mystery")])],
        )


def test_invalid_yaml_reports_section_and_line() -> None:
    with pytest.raises(InvalidYamlError, match=r"task graph.*line 2") as caught:
        assemble_document(plugins=[], task_graph="a:\n  b: c: d\n")
    assert caught.value.section == "task graph"
    with pytest.raises(InvalidYamlError, match="artifact graph"):
        assemble_document(plugins=[], task_graph=GRAPH, artifact_graph="x: : :\n  - y")


@pytest.mark.parametrize("graph", ["", "# nothing\n", "{}"])
def test_empty_graph(graph: str) -> None:
    with pytest.raises(EmptyGraphError, match="empty"):
        assemble_document(plugins=[], task_graph=graph)


def test_bad_default_names_the_parameter() -> None:
    with pytest.raises(ParameterCoercionError, match="'size'"):
        assemble_document(
            plugins=[],
            task_graph=GRAPH,
            parameters=[EntrypointParameterSpec("size", "integer", "ten")],
        )


def test_source_map_from_text_and_from_parsed_sections() -> None:
    result = assemble(plugins=[], task_graph=GRAPH, artifact_graph="a:\n  contents: $x\n")
    assert result.source_map.line(("graph", "noisy", "add_noise", 0)) == 5
    assert result.source_map.line(("artifact_outputs", "a", "contents")) == 2

    entrypoint_file = "# my entrypoint\ngraph:\n  step:\n    hello: []\nartifacts:\n  out: {}\n"
    data, lines = load_yaml(entrypoint_file)
    result = assemble(
        plugins=[],
        task_graph=YamlSection(data["graph"], lines.subtree(("graph",))),
        artifact_graph=YamlSection(data["artifacts"], lines.subtree(("artifacts",))),
    )
    assert result.document["graph"] == {"step": {"hello": []}}
    # Lines refer to the entrypoint file the sections came from.
    assert result.source_map.line(("graph", "step", "hello")) == 4
    assert result.source_map.line(("artifact_outputs", "out")) == 6
