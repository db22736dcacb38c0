"""Signature analysis: golden answers from the reference server, plus our extensions.

The ``GOLDEN`` cases were sent to Dioptra 1.2.2's ``pluginTaskSignatureAnalysis``
endpoint; its answers are written here in compact form and expanded by ``_wire``.
"""

from __future__ import annotations

import textwrap
from typing import Any, NamedTuple

import pytest

from dioptra.engine.signatures import (
    SignatureAnalysisError,
    analyze_source,
    derive_type_name,
)

# (name, [(input, type, required)], [output types], [(missing name, description)])
CompactTask = tuple[str, list[tuple[str, str, bool]], list[str], list[tuple[str, str]]]


class GoldenCase(NamedTuple):
    case_id: str
    source: str
    tasks: list[CompactTask]


def _wire(tasks: list[CompactTask]) -> dict[str, Any]:
    return {
        "tasks": [
            {
                "name": name,
                "inputs": [{"name": n, "type": t, "required": r} for n, t, r in inputs],
                "outputs": [{"name": "output", "type": t} for t in outputs],
                "missing_types": [{"name": n, "description": d} for n, d in missing],
            }
            for name, inputs, outputs, missing in tasks
        ]
    }


GOLDEN = [
    GoldenCase(
        "01_bare",
        """\
from dioptra import pyplugs

@pyplugs.register
def hello(name: str, times: int = 1) -> str:
    return name * times
""",
        [("hello", [("name", "string", True), ("times", "integer", False)], ["string"], [])],
    ),
    GoldenCase(
        "02_called",
        """\
from dioptra import pyplugs

@pyplugs.register()
def scale(x: float, factor: float = 2.0) -> float:
    return x * factor

def helper(y: int) -> int:
    return y
""",
        [("scale", [("x", "number", True), ("factor", "number", False)], ["number"], [])],
    ),
    GoldenCase(
        "03_alias_register",
        """\
from dioptra.pyplugs import register as r

@r
def a(flag: bool) -> None:
    pass

@r()
def b(flag: bool = True):
    pass
""",
        [("a", [("flag", "boolean", True)], [], []), ("b", [("flag", "boolean", False)], [], [])],
    ),
    GoldenCase(
        "04_module_alias",
        """\
import dioptra.pyplugs as p

@p.register
def f(x: "np.ndarray") -> "np.ndarray":
    return x
""",
        [("f", [("x", "np_ndarray", True)], ["np_ndarray"], [("np_ndarray", "'np.ndarray'")])],
    ),
    GoldenCase(
        "05_full_dotted",
        """\
import dioptra.pyplugs

@dioptra.pyplugs.register
def f(x: list[int], y: dict[str, float]) -> tuple[int, str]:
    return (1, "a")
""",
        [
            (
                "f",
                [("x", "list_int", True), ("y", "dict_str_float", True)],
                ["tuple_int_str"],
                [
                    ("list_int", "list[int]"),
                    ("dict_str_float", "dict[str, float]"),
                    ("tuple_int_str", "tuple[int, str]"),
                ],
            )
        ],
    ),
    GoldenCase(
        "06_import_dioptra_only",
        """\
import dioptra

@dioptra.pyplugs.register
def not_found(x: int) -> int:
    return x
""",
        [],
    ),
    GoldenCase(
        "07_kwonly_posonly",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: int, /, b: str, *args, c: float, d: bool = False, **kwargs) -> int:
    return a
""",
        [
            (
                "f",
                [
                    ("a", "integer", True),
                    ("b", "string", True),
                    ("c", "number", True),
                    ("d", "boolean", False),
                ],
                ["integer"],
                [],
            )
        ],
    ),
    GoldenCase(
        "08_union",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: int | None, b: str | int | float, c: "int | None" = None) -> int | str:
    return a
""",
        [
            (
                "f",
                [("a", "int_none", True), ("b", "str_int_float", True), ("c", "int_none", False)],
                ["int_str"],
                [
                    ("int_none", "int | None"),
                    ("str_int_float", "str | int | float"),
                    ("int_str", "int | str"),
                ],
            )
        ],
    ),
    GoldenCase(
        "09_underivable",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: [int, str], b: [int, str], c: 3, d, e, f: "123abc", g: "") -> (int, str):
    return a
""",
        [
            (
                "f",
                [
                    ("a", "type1", True),
                    ("b", "type1", True),
                    ("c", "type2", True),
                    ("d", "type3", True),
                    ("e", "type4", True),
                    ("f", "type5", True),
                    ("g", "type6", True),
                ],
                ["type7"],
                [
                    ("type1", "[int, str]"),
                    ("type2", "3"),
                    ("type5", "'123abc'"),
                    ("type6", "''"),
                    ("type7", "(int, str)"),
                ],
            )
        ],
    ),
    GoldenCase(
        "10_user_type1",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a, b: type1, c: Type2, d: "type3") -> [x]:
    return a
""",
        [
            (
                "f",
                [
                    ("a", "type4", True),
                    ("b", "type1", True),
                    ("c", "type2", True),
                    ("d", "type3", True),
                ],
                ["type5"],
                [("type1", "type1"), ("type2", "Type2"), ("type3", "'type3'"), ("type5", "[x]")],
            )
        ],
    ),
    GoldenCase(
        "11_from_dioptra_import",
        """\
from dioptra import pyplugs as pp

@pp.register
def f(model: tf.keras.Model, data: pandas.DataFrame) -> tf.keras.Model:
    return model
""",
        [
            (
                "f",
                [("model", "tf_keras_model", True), ("data", "pandas_dataframe", True)],
                ["tf_keras_model"],
                [("tf_keras_model", "tf.keras.Model"), ("pandas_dataframe", "pandas.DataFrame")],
            )
        ],
    ),
    GoldenCase(
        "12_other_decorator",
        """\
import functools
from dioptra import pyplugs

@functools.lru_cache
def cached(x: int) -> int:
    return x

@register
def not_imported(x: int) -> int:
    return x

@pyplugs.register
@functools.lru_cache
def both(x: int) -> int:
    return x
""",
        [("both", [("x", "integer", True)], ["integer"], [])],
    ),
    GoldenCase(
        "13_nested_and_class",
        """\
from dioptra import pyplugs

class C:
    @pyplugs.register
    def method(self, x: int) -> int:
        return x

def outer():
    @pyplugs.register
    def inner(x: int) -> int:
        return x
    return inner

@pyplugs.register
async def asyncer(x: int) -> int:
    return x
""",
        [],
    ),
    GoldenCase(
        "14_import_after",
        """\
@pyplugs.register
def before(x: int) -> int:
    return x

from dioptra import pyplugs

@pyplugs.register
def after(x: int) -> int:
    return x
""",
        [("after", [("x", "integer", True)], ["integer"], [])],
    ),
    GoldenCase(
        "15_relative",
        """\
from .pyplugs import register
from ..dioptra import pyplugs

@register
def a(x: int) -> int:
    return x

@pyplugs.register
def b(x: int) -> int:
    return x
""",
        [],
    ),
    GoldenCase(
        "16_typing",
        """\
from typing import Any, Optional
import typing
from dioptra import pyplugs

@pyplugs.register
def f(a: Any, b: typing.Any, c: Optional[ "Foo" ], d: typing.Optional[typing.List[int]] = None) -> Any:
    return a
""",  # noqa: E501
        [
            (
                "f",
                [
                    ("a", "any", True),
                    ("b", "typing_any", True),
                    ("c", "optional_foo", True),
                    ("d", "typing_optional_typing_list_int", False),
                ],
                ["any"],
                [
                    ("typing_any", "typing.Any"),
                    ("optional_foo", "Optional['Foo']"),
                    ("typing_optional_typing_list_int", "typing.Optional[typing.List[int]]"),
                ],
            )
        ],
    ),
    GoldenCase(
        "17_same_annotation_reuse",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: [int], b: [int], c: [str], d: np.ndarray, e: "np.ndarray", f: np.ndarray) -> [int]:
    return a
""",
        [
            (
                "f",
                [
                    ("a", "type1", True),
                    ("b", "type1", True),
                    ("c", "type2", True),
                    ("d", "np_ndarray", True),
                    ("e", "np_ndarray", True),
                    ("f", "np_ndarray", True),
                ],
                ["type1"],
                [("np_ndarray", "np.ndarray"), ("type1", "[int]"), ("type2", "[str]")],
            )
        ],
    ),
    GoldenCase(
        "18_multiple_tasks",
        """\
from dioptra import pyplugs
import numpy as np

@pyplugs.register
def sample(size: int, mean: float = 0.0, std: float = 1.0, seed: int | None = None) -> np.ndarray:
    return np.random.default_rng(seed).normal(mean, std, size)

@pyplugs.register
def add_noise(data: np.ndarray, scale: float = 0.1) -> np.ndarray:
    return data

@pyplugs.register
def stats(data: np.ndarray) -> None:
    print(data)
""",
        [
            (
                "sample",
                [
                    ("size", "integer", True),
                    ("mean", "number", False),
                    ("std", "number", False),
                    ("seed", "int_none", False),
                ],
                ["np_ndarray"],
                [("int_none", "int | None"), ("np_ndarray", "np.ndarray")],
            ),
            (
                "add_noise",
                [("data", "np_ndarray", True), ("scale", "number", False)],
                ["np_ndarray"],
                [("np_ndarray", "np.ndarray")],
            ),
            ("stats", [("data", "np_ndarray", True)], [], [("np_ndarray", "np.ndarray")]),
        ],
    ),
    GoldenCase(
        "19_str_names",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: "str", b: "Int", c: "BOOL", d: "NoneType", e: None, g: "None", h: "Float") -> "list[ str ]":
    return a
""",  # noqa: E501
        [
            (
                "f",
                [
                    ("a", "string", True),
                    ("b", "integer", True),
                    ("c", "boolean", True),
                    ("d", "nonetype", True),
                    ("e", "null", True),
                    ("g", "none", True),
                    ("h", "number", True),
                ],
                ["list_str"],
                [("nonetype", "'NoneType'"), ("none", "'None'"), ("list_str", "'list[ str ]'")],
            )
        ],
    ),
    GoldenCase(
        "20_calls_and_attr",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: foo(), b: x[0].y, c: lambda: 1, d: Literal["a", "b"], e: Annotated[int, "meta"]) -> foo.bar.baz:
    return a
""",  # noqa: E501
        [
            (
                "f",
                [
                    ("a", "type1", True),
                    ("b", "type2", True),
                    ("c", "type3", True),
                    ("d", "literal_a_b", True),
                    ("e", "annotated_int_meta", True),
                ],
                ["foo_bar_baz"],
                [
                    ("literal_a_b", "Literal['a', 'b']"),
                    ("annotated_int_meta", "Annotated[int, 'meta']"),
                    ("foo_bar_baz", "foo.bar.baz"),
                    ("type1", "foo()"),
                    ("type2", "x[0].y"),
                    ("type3", "lambda: 1"),
                ],
            )
        ],
    ),
    GoldenCase(
        "21_from_dioptra_pyplugs_import_star",
        """\
from dioptra.pyplugs import *

@register
def f(x: int) -> int:
    return x
""",
        [],
    ),
    GoldenCase(
        "22_register_with_args",
        """\
from dioptra import pyplugs

@pyplugs.register(plugin="other")
def f(x: int) -> int:
    return x
""",
        [("f", [("x", "integer", True)], ["integer"], [])],
    ),
    GoldenCase(
        "23_artifact_class",
        """\
from pathlib import Path
import numpy as np
from dioptra.sdk.api.artifact import ArtifactTaskInterface

class NumpyArrayArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: np.ndarray, **kwargs) -> Path:
        return working_dir

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs) -> np.ndarray:
        return np.load(working_dir / path)
""",
        [],
    ),
    GoldenCase(
        "24_unicode_and_weird",
        """\
from dioptra import pyplugs

@pyplugs.register
def f(a: "Ünïcode Type", b: "__private__", c: "a--b..c", d: "_x") -> "  spaced   out  ":
    return a
""",
        [
            (
                "f",
                [
                    ("a", "ünïcodetype", True),
                    ("b", "private", True),
                    ("c", "a_b_c", True),
                    ("d", "x", True),
                ],
                ["spacedout"],
                [
                    ("ünïcodetype", "'Ünïcode Type'"),
                    ("private", "'__private__'"),
                    ("a_b_c", "'a--b..c'"),
                    ("x", "'_x'"),
                    ("spacedout", "'  spaced   out  '"),
                ],
            )
        ],
    ),
    GoldenCase(
        "25_rebound",
        """\
from dioptra import pyplugs
import something as pyplugs

@pyplugs.register
def f(x: int) -> int:
    return x
""",
        [],
    ),
]


@pytest.mark.parametrize("case", GOLDEN, ids=[case.case_id for case in GOLDEN])
def test_matches_reference_server(case: GoldenCase) -> None:
    wire = analyze_source(case.source).to_wire()
    wire.pop("artifactTasks")  # ours only: the original has no artifact-class analysis
    assert wire == _wire(case.tasks)


def test_wire_key_order_matches_original() -> None:
    wire = analyze_source(GOLDEN[0].source).to_wire()
    task = wire["tasks"][0]
    assert list(wire) == ["tasks", "artifactTasks"]
    assert list(task) == ["name", "inputs", "outputs", "missing_types"]
    assert list(task["inputs"][0]) == ["name", "type", "required"]


def test_task_line_numbers() -> None:
    source = "from dioptra import pyplugs\n\n\n@pyplugs.register\ndef f() -> None:\n    pass\n"
    (task,) = analyze_source(source).function_tasks
    assert (task.name, task.line, task.inputs, task.outputs) == ("f", 5, [], [])


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("None", "null"),
        ("str", "string"),
        ("int", "integer"),
        ("float", "number"),
        ("bool", "boolean"),
        ("'Str'", "string"),
        ("np.ndarray", "np_ndarray"),
        ("dict[str, list[int]]", "dict_str_list_int"),
        ("int | None", "int_none"),
        ("'My Type'", "mytype"),
        ("'9lives'", None),
        ("''", None),
        ("f()", None),
        ("[int]", None),
        ("'___'", None),
    ],
)
def test_derive_type_name(annotation: str, expected: str | None) -> None:
    import ast

    node = ast.parse(annotation, mode="eval").body
    assert derive_type_name(node) == expected


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("def f(:\n    pass\n", 1),
        ("from dioptra import pyplugs\n\n@pyplugs.register\ndef f(x) -> int\n    return x\n", 4),
        ("x = 1\n  y = 2\n", 2),
    ],
)
def test_syntax_errors_name_the_line(source: str, line: int) -> None:
    with pytest.raises(SignatureAnalysisError) as caught:
        analyze_source(source)
    assert caught.value.line == line
    assert f"line {line}" in str(caught.value)
    assert "Failed to parse Python source" in str(caught.value)


def test_null_bytes_are_a_clear_error() -> None:
    with pytest.raises(SignatureAnalysisError, match="Failed to parse"):
        analyze_source("x = 1\0\n")


def test_never_executes_the_code(tmp_path: Any) -> None:
    marker = tmp_path / "ran"
    source = textwrap.dedent(
        f"""\
        from dioptra import pyplugs
        open({str(marker)!r}, "w").write("x")
        raise SystemExit(3)

        @pyplugs.register
        def f(x: int) -> int:
            return x
        """
    )
    assert [t.name for t in analyze_source(source).function_tasks] == ["f"]
    assert not marker.exists()


# ----------------------------------------------------------------- artifact tasks

NUMPY_ARTIFACT = textwrap.dedent(
    """\
    from pathlib import Path
    import numpy as np
    from dioptra.sdk.api.artifact import ArtifactTaskInterface
    from dioptra import pyplugs

    class NumpyArrayArtifactTask(ArtifactTaskInterface):
        @staticmethod
        def serialize(working_dir: Path, name: str, contents: np.ndarray, **kwargs) -> Path:
            return working_dir / f"{name}.npy"

        @staticmethod
        def deserialize(working_dir: Path, path: str, **kwargs) -> np.ndarray:
            return np.load(working_dir / path)

    class NotAnArtifact:
        def deserialize(self) -> int:
            return 1

    @pyplugs.register
    def make(n: int) -> np.ndarray:
        return np.zeros(n)
    """
)


def test_artifact_task_output_from_deserialize() -> None:
    report = analyze_source(NUMPY_ARTIFACT)
    assert [t.name for t in report.function_tasks] == ["make"]
    (artifact,) = report.artifact_tasks
    assert artifact.name == "NumpyArrayArtifactTask"
    assert artifact.inputs == []
    assert [(o.name, o.type_name) for o in artifact.outputs] == [("output", "np_ndarray")]
    assert [(m.name, m.description) for m in artifact.missing_types] == [
        ("np_ndarray", "np.ndarray")
    ]
    assert report.to_wire()["artifactTasks"] == [
        {
            "name": "NumpyArrayArtifactTask",
            "outputs": [{"name": "output", "type": "np_ndarray"}],
            "missing_types": [{"name": "np_ndarray", "description": "np.ndarray"}],
        }
    ]
    # The same type used by both kinds of task is reported once.
    assert [m.name for m in report.missing_types] == ["np_ndarray"]


@pytest.mark.parametrize(
    ("imports", "base"),
    [
        ("from dioptra.sdk.api.artifact import ArtifactTaskInterface", "ArtifactTaskInterface"),
        ("from dioptra.sdk.api.artifact import ArtifactTaskInterface as ATI", "ATI"),
        ("from dioptra.sdk.api import artifact", "artifact.ArtifactTaskInterface"),
        ("import dioptra.sdk.api.artifact as art", "art.ArtifactTaskInterface"),
        ("import dioptra.sdk.api.artifact", "dioptra.sdk.api.artifact.ArtifactTaskInterface"),
    ],
)
def test_artifact_task_import_forms(imports: str, base: str) -> None:
    source = f"{imports}\n\nclass Saver({base}):\n    pass\n"
    (artifact,) = analyze_source(source).artifact_tasks
    assert artifact.name == "Saver"
    # No deserialize annotation: the artifact may hold anything.
    assert [(o.name, o.type_name) for o in artifact.outputs] == [("output", "any")]
    assert artifact.missing_types == []


@pytest.mark.parametrize(
    "source",
    [
        "import dioptra\n\nclass A(dioptra.sdk.api.artifact.ArtifactTaskInterface):\n    pass\n",
        "class A(ArtifactTaskInterface):\n    pass\n",
        "from abc import ABC\n\nclass A(ABC):\n    pass\n",
        "from .artifact import ArtifactTaskInterface\nclass A(ArtifactTaskInterface):\n    pass\n",
    ],
)
def test_classes_that_are_not_artifact_tasks(source: str) -> None:
    assert analyze_source(source).artifact_tasks == []


def test_artifact_subclass_inherits_deserialize_and_types() -> None:
    source = textwrap.dedent(
        """\
        from dioptra.sdk.api.artifact import ArtifactTaskInterface

        class Base(ArtifactTaskInterface):
            @staticmethod
            def deserialize(working_dir, path, **kwargs) -> "PIL.Image":
                ...

        class Png(Base):
            pass

        class Weird(ArtifactTaskInterface):
            @staticmethod
            def deserialize(working_dir, path) -> [int, str]:
                ...

        class Nothing(ArtifactTaskInterface):
            @staticmethod
            def deserialize(working_dir, path) -> None:
                ...
        """
    )
    tasks = {t.name: t for t in analyze_source(source).artifact_tasks}
    assert list(tasks) == ["Base", "Png", "Weird", "Nothing"]
    assert tasks["Png"].outputs[0].type_name == "pil_image"
    assert tasks["Png"].missing_types[0].description == "'PIL.Image'"
    assert tasks["Weird"].outputs[0].type_name == "type1"
    assert tasks["Weird"].missing_types[0].description == "[int, str]"
    assert tasks["Nothing"].outputs[0].type_name == "null"
    assert tasks["Nothing"].missing_types == []


def test_empty_source_has_no_tasks() -> None:
    assert analyze_source("").to_wire() == {"tasks": [], "artifactTasks": []}
