"""dioptra.toml: parsing, every kind of error, and loading a project folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dioptra.engine.manifest import ManifestError, ManifestProblem, parse_manifest
from dioptra.engine.project import load_project

TUTORIAL = Path(__file__).resolve().parents[3] / "examples" / "tutorial"

# What Dioptra 1.2.2's GET /entrypoints/{id}/snapshots/{s}/config answered after
# importing examples/tutorial into it with POST /workflows/resourceImport.
REFERENCE_CONFIGS = {
    "hello_world": {
        "types": {
            "NumpyArray": None,
            "PngBytes": None,
            "Statistics": {"mapping": ["string", "number"]},
        },
        "parameters": {"name": {"default": "World", "type": "string"}},
        "tasks": {
            "hello_world": {
                "plugin": "hello_world.tasks.hello_world",
                "inputs": [{"name": "name", "type": "string", "required": False}],
                "outputs": {"greeting": "string"},
            }
        },
        "graph": {"greet": {"hello_world": {"name": "$name"}}},
        "artifact_outputs": {},
        "artifact_inputs": {},
    },
    "rescale_and_graph_array": {
        "types": {
            "NumpyArray": None,
            "PngBytes": None,
            "Statistics": {"mapping": ["string", "number"]},
        },
        "parameters": {"title": {"default": "Rescaled arrays", "type": "string"}},
        "tasks": {
            "plot_arrays": {
                "plugin": "rescale_and_graph.tasks.plot_arrays",
                "inputs": [
                    {"name": "original", "type": "NumpyArray", "required": True},
                    {"name": "min_max", "type": "NumpyArray", "required": True},
                    {"name": "z_score", "type": "NumpyArray", "required": True},
                    {"name": "log", "type": "NumpyArray", "required": True},
                    {"name": "title", "type": "string", "required": False},
                ],
                "outputs": {"png": "PngBytes"},
            },
            "rescale_array": {
                "plugin": "rescale_and_graph.tasks.rescale_array",
                "inputs": [
                    {"name": "data", "type": "NumpyArray", "required": True},
                    {"name": "method", "type": "string", "required": True},
                ],
                "outputs": {"rescaled": "NumpyArray"},
            },
        },
        "graph": {
            "min_max_step": {"rescale_array": {"data": "$array", "method": "min_max"}},
            "z_score_step": {"rescale_array": {"data": "$array", "method": "z_score"}},
            "log_step": {"rescale_array": {"data": "$array", "method": "log"}},
            "plot_step": {
                "plot_arrays": {
                    "original": "$array",
                    "min_max": "$min_max_step",
                    "z_score": "$z_score_step",
                    "log": "$log_step",
                    "title": "$title",
                }
            },
        },
        "artifact_outputs": {
            "rescaled_plot": {"contents": "$plot_step", "task": {"name": "PngBytesArtifactTask"}}
        },
        "artifact_inputs": {"array": {"array": "NumpyArray"}},
    },
}

VALID = """\
top_level_extra = "ignored, as Dioptra's schema allows"

[[plugin_param_types]]
name = "Model"
structure = { is_a = "Base" }

[[plugin_param_types]]
name = "Base"

[[plugins]]
path = "plugins/ml"
description = "machine learning"

  [[plugins.tasks.functions]]
  filename = "train.py"
  name = "fit"
  input_params = [
    { name = "epochs", type = "integer", required = true },
    { name = "lr", type = "number" },
  ]
  output_params = [{ name = "model", type = "Model" }]

  [[plugins.tasks.artifacts]]
  filename = "__init__.py"
  name = "ModelSaver"
  output_params = [{ name = "model", type = "Model" }]

[[entrypoints]]
path = "flows/train.yml"
name = "train model 1.0"
params = [
  { name = "epochs", type = "integer", default_value = 3 },
  { name = "lr", type = "float", default_value = 0.5 },
  { name = "verbose", type = "boolean", default_value = true },
  { name = "tag", type = "string" },
  { name = "layers", type = "list", default_value = "[1, 2]" },
]
artifact_params = [{ name = "previous", output_params = [{ name = "model", type = "Model" }] }]
plugins = ["ml"]
artifact_plugins = ["ml"]
"""


def test_parse_valid_manifest() -> None:
    manifest = parse_manifest(VALID)
    assert [t.name for t in manifest.plugin_param_types] == ["Model", "Base"]
    assert manifest.plugin_param_types[0].structure == {"is_a": "Base"}
    (plugin,) = manifest.plugins
    assert (plugin.name, plugin.path, plugin.description) == (
        "ml",
        "plugins/ml",
        "machine learning",
    )
    (fit,) = plugin.functions
    assert [(p.name, p.type, p.required) for p in fit.input_params] == [
        ("epochs", "integer", True),
        ("lr", "number", False),  # Dioptra's import: an omitted "required" is false
    ]
    assert [(o.name, o.type) for o in fit.output_params] == [("model", "Model")]
    assert plugin.artifacts[0].filename == "__init__.py"
    entrypoint = manifest.entrypoint("train model 1.0")
    assert entrypoint is not None
    # TOML numbers and booleans become the string form entrypoint parameters are stored in.
    assert [(p.name, p.type, p.default_value) for p in entrypoint.params] == [
        ("epochs", "integer", "3"),
        ("lr", "float", "0.5"),
        ("verbose", "boolean", "true"),
        ("tag", "string", None),
        ("layers", "list", "[1, 2]"),
    ]
    assert entrypoint.artifact_params[0].output_params[0].type == "Model"
    assert (entrypoint.plugins, entrypoint.artifact_plugins) == (("ml",), ("ml",))
    assert manifest.resolve(entrypoint.path) == "flows/train.yml"
    assert manifest.plugin("nope") is None


def test_empty_manifest_is_valid() -> None:
    manifest = parse_manifest("")
    assert (manifest.plugins, manifest.entrypoints, manifest.plugin_param_types) == ((), (), ())


def _problems(text: str, config_path: str = "dioptra.toml") -> list[ManifestProblem]:
    with pytest.raises(ManifestError) as caught:
        parse_manifest(textwrap.dedent(text), config_path=config_path)
    assert str(caught.value).startswith(config_path)
    return caught.value.problems


def _one(text: str, key: str, fragment: str, config_path: str = "dioptra.toml") -> None:
    problems = _problems(text, config_path)
    assert [p.key for p in problems] == [key], problems
    assert fragment in problems[0].message, problems[0].message


def test_toml_syntax_error_names_the_line() -> None:
    _one('[[plugins]]\npath = "a"\nname = \n', "", "line 3")


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ('plugins = "x"', "plugins", "must be an array"),
        ('plugins = ["x"]', "plugins[0]", "must be a table"),
        ('[[plugins]]\npath = "p"\nbogus = 1', "plugins[0].bogus", "unknown key"),
        ('[[plugins]]\ndescription = "d"', "plugins[0].path", "is required"),
        ('[[entrypoints]]\npath = "e.yml"', "entrypoints[0].name", "is required"),
        ("[[plugins]]\npath = 5", "plugins[0].path", "must be a string"),
        ('[[plugins]]\npath = "p"\ntasks = 3', "plugins[0].tasks", "must be a table"),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            "input_params = []",
            "plugins[0].tasks.functions[0].output_params",
            "is required",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            'input_params = [{name = "x", type = "string", required = "yes"}]\noutput_params = []',
            "plugins[0].tasks.functions[0].input_params[0].required",
            "must be true or false",
        ),
        (
            '[[plugin_param_types]]\nname = "T"\nstructure = 1',
            "plugin_param_types[0].structure",
            "",
        ),
    ],
)
def test_shape_errors(text: str, key: str, fragment: str) -> None:
    _one(text, key, fragment)


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ('[[plugin_param_types]]\nname = "a/b"', "plugin_param_types[0].name", "not a valid name"),
        ('[[plugin_param_types]]\nname = "   "', "plugin_param_types[0].name", "not a valid name"),
        ('[[plugin_param_types]]\nname = " Integer "', "plugin_param_types[0].name", "builtin"),
        ('[[plugins]]\npath = "plugins/my-plugin"', "plugins[0].path", "identifier"),
        ('[[plugins]]\npath = "plugins/_"', "plugins[0].path", "identifier"),
        ('[[entrypoints]]\npath = "e.yml"\nname = "bad!"', "entrypoints[0].name", "valid name"),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.artifacts]]\nfilename = "a.py"\n'
            'name = "1abc"\noutput_params = []',
            "plugins[0].tasks.artifacts[0].name",
            "identifier",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "pkg/_x.py"\n'
            'name = "f"\ninput_params = []\noutput_params = []',
            "plugins[0].tasks.functions[0].filename",
            "not a valid plugin file name",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            'input_params = [{name = "_", type = "string"}]\noutput_params = []',
            "plugins[0].tasks.functions[0].input_params[0].name",
            "identifier",
        ),
        (
            '[[entrypoints]]\npath = "e.yml"\nname = "e"\n'
            'artifact_params = [{name = "a-b", output_params = []}]',
            "entrypoints[0].artifact_params[0].name",
            "identifier",
        ),
        (
            '[[entrypoints]]\npath = "e.yml"\nname = "e"\n'
            'params = [{name = "a.b", type = "string"}]',
            "entrypoints[0].params[0].name",
            "without '.'",
        ),
    ],
)
def test_name_errors(text: str, key: str, fragment: str) -> None:
    _one(text, key, fragment)


@pytest.mark.parametrize(
    ("params", "key", "fragment"),
    [
        ('{name = "n", type = "str"}', "type", "'string', 'float'"),
        ('{name = "n", type = "integer", default_value = "ten"}', "default_value", "whole number"),
        ('{name = "n", type = "integer", default_value = true}', "default_value", "'n'"),
        ('{name = "n", type = "boolean", default_value = "yes"}', "default_value", "true or false"),
        ('{name = "n", type = "mapping", default_value = "[1]"}', "default_value", "JSON object"),
        ('{name = "n", type = "float", default_value = [1.0]}', "default_value", ""),
    ],
)
def test_entrypoint_parameter_errors(params: str, key: str, fragment: str) -> None:
    text = f'[[entrypoints]]\npath = "e.yml"\nname = "e"\nparams = [{params}]\n'
    _one(text, f"entrypoints[0].params[0].{key}", fragment)


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        (
            '[[plugin_param_types]]\nname = "T"\n[[plugin_param_types]]\nname = "T"',
            "plugin_param_types[1].name",
            "duplicate type 'T'",
        ),
        ('[[plugins]]\npath = "a/p"\n[[plugins]]\npath = "b/p"', "plugins[1].path", "duplicate"),
        (
            '[[entrypoints]]\npath = "a.yml"\nname = "e"\n[[entrypoints]]\npath = "b.yml"\n'
            'name = "e"',
            "entrypoints[1].name",
            "duplicate entrypoint 'e'",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            "input_params = []\noutput_params = []\n"
            '[[plugins.tasks.functions]]\nfilename = "b.py"\nname = "f"\n'
            "input_params = []\noutput_params = []",
            "plugins[0].tasks.functions[1].name",
            "duplicate function task 'f'",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            "input_params = []\noutput_params = []\n"
            '[[plugins.tasks.artifacts]]\nfilename = "a.py"\nname = "f"\noutput_params = []',
            "plugins[0].tasks.artifacts[0].name",
            "duplicate task 'f': a function task of the same file",
        ),
        (
            '[[plugins]]\npath = "p"\n[[plugins.tasks.functions]]\nfilename = "a.py"\nname = "f"\n'
            'input_params = [{name = "x", type = "string"}, {name = "x", type = "integer"}]\n'
            "output_params = []",
            "plugins[0].tasks.functions[0].input_params[1].name",
            "duplicate input 'x'",
        ),
        (
            '[[entrypoints]]\npath = "e.yml"\nname = "e"\n'
            'params = [{name = "a", type = "string"}]\n'
            'artifact_params = [{name = "a", output_params = []}]',
            "entrypoints[0].artifact_params[0].name",
            "duplicate parameter 'a'",
        ),
    ],
)
def test_duplicate_names(text: str, key: str, fragment: str) -> None:
    _one(text, key, fragment)


# Dioptra's own duplicate-name cases: each file is also structurally wrong (missing
# paths, a parameter with a "type" it does not take, tasks without files); the repeated
# name must be reported beside those problems, never hidden by them.
@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        (
            "entrypoints = [{ name = 'twice' }, { name = 'twice' }]",
            "entrypoints[1].name",
            "duplicate entrypoint 'twice'",
        ),
        (
            "plugins = [{ path = 'tasks.py', tasks = { functions = [{ name = 'twice' },"
            " { name = 'twice' }] } }]",
            "plugins[0].tasks.functions[1].name",
            "duplicate function task 'twice'",
        ),
        (
            "entrypoints = [{ name = 'e', params = [{ name = 'twice', type = 'str' },"
            " { name = 'twice', type = 'str' }] }]",
            "entrypoints[0].params[1].name",
            "duplicate parameter 'twice'",
        ),
        (
            "entrypoints = [{ name = 'e', artifact_params = [{ name = 'twice', type = 'str' },"
            " { name = 'twice', type = 'str' }] }]",
            "entrypoints[0].artifact_params[1].name",
            "duplicate parameter 'twice'",
        ),
        (
            "plugins = [{ path = 'p', tasks = { functions = [{ name = 'f', output_params ="
            " [{ name = 'twice', type = 'str' }, { name = 'twice', type = 'str' }] }] } }]",
            "plugins[0].tasks.functions[0].output_params[1].name",
            "duplicate output 'twice'",
        ),
        (
            "plugins = [{ path = 'p', tasks = { artifacts = [{ name = 'twice' },"
            " { name = 'twice' }] } }]",
            "plugins[0].tasks.artifacts[1].name",
            "duplicate artifact task 'twice'",
        ),
    ],
)
def test_duplicates_are_reported_beside_structural_problems(
    text: str, key: str, fragment: str
) -> None:
    problems = _problems(text)
    assert any("is required" in p.message or "unknown key" in p.message for p in problems)
    assert [p.message for p in problems if p.key == key] == [fragment], problems


def test_structural_problems_quote_the_entry_at_fault() -> None:
    problems = _problems(
        "entrypoints = [{ name = 'e' }]\nplugins = [{ path = 7 }, { path = 'p', colour = 'red' }]"
    )
    assert [str(p) for p in problems] == [
        "plugins[0].path: must be a string, found 7",
        'plugins[1].colour: unknown key, in {"path": "p", "colour": "red"}',
        'entrypoints[0].path: is required, in {"name": "e"}',
    ]


def test_structure_comes_before_name_rules() -> None:
    # A bad plugin name alone is a name problem; beside a structural one, only the
    # structure is reported (as Dioptra checks its schema first).
    _one('[[plugins]]\npath = "plugins/my-plugin"', "plugins[0].path", "identifier")
    _one(
        '[[plugins]]\npath = "plugins/my-plugin"\n[[entrypoints]]\nname = "e"',
        "entrypoints[0].path",
        "is required",
    )


def test_plugin_names_are_the_stem_of_their_path() -> None:
    manifest = parse_manifest('[[plugins]]\npath = "tasks.py"\n[[plugins]]\npath = "lib/x"')
    assert [plugin.name for plugin in manifest.plugins] == ["tasks", "x"]
    _one(
        '[[plugins]]\npath = "a/tasks.py"\n[[plugins]]\npath = "b/tasks"',
        "plugins[1].path",
        "duplicate plugin 'tasks'",
    )


def test_unknown_types_and_undeclared_plugins() -> None:
    text = """\
        [[plugins]]
        path = "p"
          [[plugins.tasks.functions]]
          filename = "a.py"
          name = "f"
          input_params = [{ name = "x", type = "Tensor" }]
          output_params = [{ name = "y", type = "string" }]

        [[entrypoints]]
        path = "e.yml"
        name = "e"
        artifact_params = [{ name = "a", output_params = [{ name = "o", type = "Blob" }] }]
        plugins = ["p", "q"]
        artifact_plugins = ["r"]
        """
    problems = _problems(text)
    assert [(p.key, p.message.split(";")[0]) for p in problems] == [
        ("plugins[0].tasks.functions[0].input_params[0].type", "unknown type 'Tensor'"),
        ("entrypoints[0].artifact_params[0].output_params[0].type", "unknown type 'Blob'"),
        ("entrypoints[0].plugins[1]", "plugin 'q' is used but not declared in [[plugins]]"),
        (
            "entrypoints[0].artifact_plugins[0]",
            "plugin 'r' is used but not declared in [[plugins]]",
        ),
    ]
    assert "[[plugin_param_types]]" in problems[0].message


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/etc/plugins", "absolute"),
        ("../outside", "outside the project root"),
        ("a/../../outside", "outside the project root"),
        ("a\\\\b", "POSIX"),
        ("c:/x", "POSIX"),
        (".git/hooks", ".git"),
        ("a/\\u0007b", "control characters"),
        ("", "empty"),
        ("plugins/CON", "reserved"),
    ],
)
def test_unsafe_paths(path: str, fragment: str) -> None:
    problems = _problems(f'[[entrypoints]]\npath = "{path}"\nname = "e"\n')
    assert [p.key for p in problems] == ["entrypoints[0].path"]
    assert fragment in problems[0].message


def test_paths_are_relative_to_the_manifest_folder() -> None:
    text = '[[plugins]]\npath = "../shared/tools"\n[[entrypoints]]\npath = "./e.yml"\nname = "e"\n'
    manifest = parse_manifest(text, config_path="projects/one/dioptra.toml")
    assert manifest.resolve(manifest.plugins[0].path) == "projects/shared/tools"
    assert manifest.resolve(manifest.entrypoints[0].path) == "projects/one/e.yml"
    _one(
        '[[plugins]]\npath = "../../../tools"\n',
        "plugins[0].path",
        "outside the project root",
        config_path="projects/one/dioptra.toml",
    )


def test_all_problems_are_reported_together() -> None:
    text = """\
        [[plugins]]
        path = "/abs"
        [[entrypoints]]
        path = "../x.yml"
        name = "e"
        plugins = ["missing"]
        """
    keys = [p.key for p in _problems(text)]
    assert keys == ["plugins[0].path", "entrypoints[0].path", "entrypoints[0].plugins[0]"]


# --------------------------------------------------------------------------- projects


def test_tutorial_documents_match_the_reference_server() -> None:
    project = load_project(TUTORIAL)
    assert list(project.entrypoints) == [
        "hello_world",
        "sample_and_transform",
        "sample_and_save_artifact",
        "rescale_and_graph_array",
    ]
    for name, expected in REFERENCE_CONFIGS.items():
        assert project.document(name) == expected, name


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


PROJECT_TOML = """\
[[plugins]]
path = "plugins/kit"
  [[plugins.tasks.functions]]
  filename = "__init__.py"
  name = "top"
  input_params = []
  output_params = [{ name = "out", type = "integer" }]
  [[plugins.tasks.functions]]
  filename = "sub/ops.py"
  name = "double"
  input_params = [{ name = "x", type = "integer", required = true }]
  output_params = [{ name = "y", type = "integer" }, { name = "z", type = "integer" }]
  [[plugins.tasks.artifacts]]
  filename = "__init__.py"
  name = "Keeper"
  output_params = [{ name = "thing", type = "any" }]

[[entrypoints]]
path = "flows/run.yml"
name = "run"
params = [{ name = "x", type = "integer", default_value = "2" }]
plugins = ["kit"]
artifact_plugins = ["kit"]
"""

RUN_YML = """\
# comment line 1
graph:
  first:
    task: top
  second:
    double: [$x]
artifacts:
  kept:
    contents: $second.y
    task: {name: Keeper}
"""


def test_load_project(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "dioptra.toml": PROJECT_TOML,
            "plugins/kit/__init__.py": "",
            "plugins/kit/sub/ops.py": "",
            "plugins/kit/.hidden.py": "this file is not part of the plugin",
            "flows/run.yml": RUN_YML,
        },
    )
    project = load_project(root)
    plugin = project.plugins["kit"]
    assert sorted(plugin.sources) == ["__init__.py", "sub/ops.py"]
    assert plugin.directory == root.resolve() / "plugins" / "kit"
    assembly = project.assemble("run")
    document = assembly.document
    assert document["tasks"] == {
        "top": {"plugin": "kit.top", "outputs": {"out": "integer"}},
        "double": {
            "plugin": "kit.sub.ops.double",
            "inputs": [{"name": "x", "type": "integer", "required": True}],
            "outputs": [{"y": "integer"}, {"z": "integer"}],
        },
    }
    assert document["parameters"] == {"x": {"default": 2, "type": "integer"}}
    assert document["artifact_outputs"]["kept"]["contents"] == "$second.y"
    # Lines point into the entrypoint file.
    assert assembly.source_map.line(("graph", "second", "double", 0)) == 6
    assert assembly.source_map.line(("artifact_outputs", "kept", "task")) == 10
    assert project.plugin_paths("run") == [root.resolve() / "plugins"]
    assert project.artifact_task_modules("run") == {"Keeper": "kit"}
    assert project.entrypoint_for_file(root / "flows" / ".." / "flows" / "run.yml") is not None
    assert project.entrypoint_for_file(root / "dioptra.toml") is None
    with pytest.raises(ManifestError, match=r"no entrypoint named 'walk' \(entrypoints: run\)"):
        project.entrypoint("walk")


def test_manifest_in_a_subfolder(tmp_path: Path) -> None:
    toml = PROJECT_TOML.replace('"plugins/kit"', '"../plugins/kit"').replace(
        '"flows/run.yml"', '"../flows/run.yml"'
    )
    root = _write(
        tmp_path,
        {
            "config/dioptra.toml": toml,
            "plugins/kit/__init__.py": "",
            "plugins/kit/sub/ops.py": "",
            "flows/run.yml": RUN_YML,
        },
    )
    project = load_project(root, "config/dioptra.toml")
    assert project.document("run")["graph"]["second"] == {"double": ["$x"]}


def _load_problems(root: Path) -> list[str]:
    with pytest.raises(ManifestError) as caught:
        load_project(root)
    return [str(problem) for problem in caught.value.problems]


def test_missing_manifest(tmp_path: Path) -> None:
    assert _load_problems(tmp_path) == ["file not found"]


def _project_files(**overrides: str | None) -> dict[str, str]:
    files: dict[str, str | None] = {
        "dioptra.toml": PROJECT_TOML,
        "plugins/kit/__init__.py": "",
        "plugins/kit/sub/ops.py": "",
        "flows/run.yml": RUN_YML,
    }
    files.update(overrides)
    return {name: text for name, text in files.items() if text is not None}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"plugins/kit/__init__.py": None, "plugins/kit/sub/ops.py": None},
            "plugins[0].path: 'plugins/kit' is not a folder",
        ),
        (
            {"plugins/kit/sub/ops.py": None},
            "plugins[0].tasks: task 'double' is declared in 'sub/ops.py', which is not a file "
            "of plugin 'kit'",
        ),
        (
            {"plugins/kit/1bad.py": ""},
            "plugins[0].path: '1bad.py' is not a valid plugin file name",
        ),
        (
            {"plugins/kit/_private/x.py": ""},
            "plugins[0].path: '_private/x.py' is not a valid plugin file name",
        ),
        ({"flows/run.yml": None}, "entrypoints[0].path: 'flows/run.yml' is not a file"),
        (
            {"flows/run.yml": "graph:\n  a: [1\n"},
            "flows/run.yml:3: invalid YAML (column 1): ",
        ),
        (
            {"flows/run.yml": "artifacts: {}\n"},
            "entrypoints[0].path: 'flows/run.yml' has no steps under graph:",
        ),
        (
            {"flows/run.yml": "- a list\n"},
            "entrypoints[0].path: 'flows/run.yml' has no steps under graph:",
        ),
    ],
)
def test_project_file_problems(
    tmp_path: Path, overrides: dict[str, str | None], expected: str
) -> None:
    root = _write(tmp_path, _project_files(**overrides))
    problems = _load_problems(root)
    assert len(problems) == 1
    assert problems[0].startswith(expected), problems


def test_symlinks_out_of_the_project_are_refused(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside", {"ops.py": "", "run.yml": RUN_YML})
    root = _write(tmp_path / "project", _project_files(**{"flows/run.yml": None}))
    (root / "flows").mkdir(exist_ok=True)
    (root / "flows" / "run.yml").symlink_to(outside / "run.yml")
    (root / "plugins" / "kit" / "linked.py").symlink_to(outside / "ops.py")
    problems = _load_problems(root)
    assert problems == [
        "plugins[0].path: 'linked.py' leads outside the project folder",
        "entrypoints[0].path: 'flows/run.yml' leads outside the project folder",
    ]
