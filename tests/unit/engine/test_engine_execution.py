"""``run_experiment``: calls, outputs, ordering, failures, artifacts (§3.3, §4.4-4.5)."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from dioptra.engine import (
    ArtifactError,
    ArtifactInput,
    EngineError,
    ExperimentValidationError,
    MissingGlobalParametersError,
    PluginLoadError,
    SavedArtifact,
    SwapError,
    TaskExecutionError,
    compile_swaps,
    run_experiment,
)
from dioptra.sdk.api.artifact import ArtifactTaskInterface

PLUGIN = """\
from pathlib import Path

from dioptra import pyplugs


@pyplugs.register
def add(a, b=0):
    return a + b


@pyplugs.register()
def echo(value):
    return value


@pyplugs.register
def pair(x):
    return x, x * 2


@pyplugs.register
def number():
    return 5


@pyplugs.register
def tick():
    return "ignored"


@pyplugs.register
def log(tag, journal):
    with open(journal, "a") as handle:
        handle.write(tag + "\\n")
    return tag


@pyplugs.register
def fail(x):
    raise ValueError(f"cannot handle {x}")


@pyplugs.register
def broken_generator():
    yield 1
    raise RuntimeError("generator broke")


def unregistered(x):
    return x
"""

TASKS = """\
add: {plugin: plug.ops.add, inputs: [{a: any}, {name: b, type: any, required: false}],
      outputs: {total: any}}
echo: {plugin: plug.ops.echo, inputs: [{value: any}], outputs: {value: any}}
echo_listed: {plugin: plug.ops.echo, inputs: [{value: any}], outputs: [{value: any}]}
pair: {plugin: plug.ops.pair, inputs: [{x: any}], outputs: [{one: any}, {two: any}]}
number: {plugin: plug.ops.number, outputs: {n: integer}}
number_listed: {plugin: plug.ops.number, outputs: [{n: integer}]}
tick: {plugin: plug.ops.tick}
log: {plugin: plug.ops.log, inputs: [{tag: any}, {journal: string}], outputs: {tag: any}}
fail: {plugin: plug.ops.fail, inputs: [{x: any}], outputs: {never: any}}
broken_generator: {plugin: plug.ops.broken_generator, outputs: [{a: any}, {b: any}]}
unregistered: {plugin: plug.ops.unregistered, inputs: [{x: any}]}
missing_function: {plugin: plug.ops.nowhere}
missing_module: {plugin: plug.nothing.here}
"""


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    root = tmp_path / "plugins"
    (root / "plug").mkdir(parents=True)
    (root / "plug" / "__init__.py").write_text("")
    (root / "plug" / "ops.py").write_text(PLUGIN)
    return root


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


def document(graph: str, **sections: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"tasks": yaml.safe_load(TASKS), "graph": yaml.safe_load(graph)}
    result.update(sections)
    return result


def run(doc: Any, plugins: Path, work: Path, **options: Any) -> Any:
    return run_experiment(doc, working_dir=work, plugin_paths=[plugins], **options)


def test_positional_keyword_mixed_and_scalar_calls(plugins: Path, work: Path) -> None:
    graph = """
    positional: {add: [1, 2]}
    keyword: {add: {a: 10, b: 5}}
    mixed: {task: add, args: [100], kwargs: {b: 1}}
    mixed_scalar: {task: add, args: 7}
    scalar: {echo: hello}
    null_scalar: {echo: null}
    """
    result = run(document(graph), plugins, work)
    assert result.outputs == {
        "positional": {"total": 3},
        "keyword": {"total": 15},
        "mixed": {"total": 101},
        "mixed_scalar": {"total": 7},
        "scalar": {"value": "hello"},
        "null_scalar": {"value": None},
    }


def test_zero_argument_tasks_and_tasks_without_outputs(plugins: Path, work: Path) -> None:
    graph = "a: {task: number}\nb: {number: []}\nc: {task: tick}\n"
    result = run(document(graph), plugins, work)
    assert result.outputs == {"a": {"n": 5}, "b": {"n": 5}, "c": {}}


def test_globals_use_supplied_values_then_defaults(plugins: Path, work: Path) -> None:
    doc = document(
        "s: {add: [$x, $y]}",
        parameters={"x": 1, "y": {"type": "integer", "default": 2}},
    )
    assert run(doc, plugins, work).outputs["s"] == {"total": 3}
    assert run(doc, plugins, work, parameters={"y": 40}).outputs["s"] == {"total": 41}


def test_missing_globals_are_a_clear_error(plugins: Path, work: Path) -> None:
    doc = document("s: {add: [$x, $y]}", parameters={"x": {"type": "integer"}, "y": 1})
    with pytest.raises(MissingGlobalParametersError, match="'x'") as caught:
        run(doc, plugins, work)
    assert caught.value.names == ["x"]
    assert run(doc, plugins, work, parameters={"x": 2}).outputs["s"] == {"total": 3}


def test_undeclared_values_are_dropped_with_a_warning(
    plugins: Path, work: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = document("s: {echo: [$x]}", parameters={"x": 1})
    with caplog.at_level(logging.WARNING, logger="dioptra.engine"):
        result = run(doc, plugins, work, parameters={"x": 5, "stray": 3})
    assert result.outputs["s"] == {"value": 5}
    assert "'stray'" in caplog.text


def test_single_and_multiple_outputs(plugins: Path, work: Path) -> None:
    graph = """
    p: {pair: [3]}
    first: {echo: [$p.one]}
    second: {echo: [$p.two]}
    listed: {echo_listed: [[7]]}
    whole: {echo: [$listed]}
    """
    result = run(document(graph), plugins, work)
    assert result.outputs["p"] == {"one": 3, "two": 6}
    assert result.outputs["second"] == {"value": 6}
    # a list of outputs unpacks the return value, even when it has one item
    assert result.outputs["listed"] == {"value": 7}
    assert result.outputs["whole"] == {"value": 7}


def test_a_single_output_takes_the_whole_return_value(plugins: Path, work: Path) -> None:
    result = run(document("p: {echo: [[1, 2, 3]]}"), plugins, work)
    assert result.outputs["p"] == {"value": [1, 2, 3]}


@pytest.mark.parametrize(("task", "count"), [("number", 2), ("number_listed", 1)])
def test_non_iterable_output_for_a_list_of_outputs(
    plugins: Path, work: Path, task: str, count: int
) -> None:
    doc = document(f"s: {{task: {task}}}")
    if count == 2:
        doc["tasks"][task]["outputs"] = [{"a": "any"}, {"b": "any"}]
    with pytest.raises(TaskExecutionError, match=f"must return an iterable of {count}") as caught:
        run(doc, plugins, work)
    assert caught.value.step == "s"
    assert caught.value.task == task
    assert "returned int" in str(caught.value)


def test_a_generator_failing_while_unpacked_is_a_task_error(plugins: Path, work: Path) -> None:
    with pytest.raises(TaskExecutionError, match="generator broke"):
        run(document("s: {task: broken_generator}"), plugins, work)


def test_output_count_mismatch_warns_and_keeps_what_there_is(
    plugins: Path, work: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = document("s: {pair: [1]}")
    doc["tasks"]["pair"]["outputs"] = [{"one": "any"}, {"two": "any"}, {"three": "any"}]
    with caplog.at_level(logging.WARNING, logger="dioptra.engine"):
        result = run(doc, plugins, work)
    assert result.outputs["s"] == {"one": 1, "two": 2}
    assert "returned 2 values for the 3 outputs" in caplog.text


def test_nested_references_and_escapes(plugins: Path, work: Path) -> None:
    graph = """
    base: {add: [1, 1]}
    p: {pair: [5]}
    nested:
      echo:
        value:
          items: [$base, {deep: [$p.two, $size]}]
          "$key": "$$literal"
          alone: "$"
          middle: "a$base"
    """
    result = run(document(graph, parameters={"size": 9}), plugins, work)
    assert result.outputs["nested"]["value"] == {
        "items": [2, {"deep": [10, 9]}],
        "$key": "$literal",
        "alone": "$",
        "middle": "a$base",
    }


def test_steps_run_in_dependency_order(plugins: Path, work: Path) -> None:
    journal = work / "journal.txt"
    graph = """
    last: {log: [last, $journal], dependencies: [middle]}
    middle: {log: [$first_tag, $journal]}
    first_tag: {echo: [first]}
    early: {log: [early, $journal]}
    later: {task: log, kwargs: {tag: later, journal: $journal}, dependencies: early}
    """
    run(document(graph, parameters={"journal": str(journal)}), plugins, work)
    order = journal.read_text().split()
    assert order.index("first") < order.index("last")
    assert order.index("early") < order.index("later")
    assert sorted(order) == ["early", "first", "last", "later"]


def test_steps_are_logged(plugins: Path, work: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="dioptra.engine"):
        run(document("only: {add: [1]}"), plugins, work)
    messages = [record.getMessage() for record in caplog.records]
    assert any("step 'only'" in m and "started" in m for m in messages)
    assert any("step 'only' finished" in m for m in messages)


def test_a_failing_task_names_step_task_and_cause(plugins: Path, work: Path) -> None:
    with pytest.raises(TaskExecutionError) as caught:
        run(document("ok: {add: [1]}\nbad: {fail: [$ok]}"), plugins, work)
    error = caught.value
    assert "step 'bad'" in str(error)
    assert "task 'fail'" in str(error)
    assert "plug.ops.fail" in str(error)
    assert "ValueError: cannot handle 1" in str(error)
    assert isinstance(error.__cause__, ValueError)
    assert (error.step, error.task, error.plugin) == ("bad", "fail", "plug.ops.fail")
    assert "raise ValueError" in error.traceback_text
    assert "ops.py" in error.traceback_text


def test_invalid_documents_raise_with_all_issues(plugins: Path, work: Path) -> None:
    doc = document("a: {add: [$ghost]}\nb: {nope: []}")
    with pytest.raises(ExperimentValidationError) as caught:
        run(doc, plugins, work)
    assert len(caught.value.issues) == 2
    assert "$ghost" in str(caught.value)
    assert "unknown task 'nope'" in str(caught.value)


def test_yaml_text_is_accepted_and_bad_yaml_is_a_validation_error(
    plugins: Path, work: Path
) -> None:
    text = "tasks:\n" + textwrap.indent(TASKS, "  ") + "graph:\n  s: {add: [2, 3]}\n"
    assert run(text, plugins, work).outputs == {"s": {"total": 5}}
    with pytest.raises(ExperimentValidationError, match="invalid YAML"):
        run("graph: [", plugins, work)


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("unregistered: [1]", "not registered; decorate it with @pyplugs.register"),
        ("task: missing_function", "has no function 'nowhere'"),
        ("task: missing_module", "cannot import plugin module 'plug.nothing'"),
    ],
)
def test_plugin_problems_are_clear_errors(plugins: Path, work: Path, step: str, text: str) -> None:
    with pytest.raises(PluginLoadError, match=text):
        run(document(f"s: {{{step}}}"), plugins, work)


def test_plugin_paths_are_only_on_sys_path_during_the_run(tmp_path: Path, work: Path) -> None:
    before = list(sys.path)
    results = []
    for version in (1, 2):  # same module name, different code: each run imports its own
        root = tmp_path / f"plugins{version}"
        (root / "plug").mkdir(parents=True)
        (root / "plug" / "__init__.py").write_text("")
        (root / "plug" / "ops.py").write_text(
            "from dioptra import pyplugs\n\n"
            f"@pyplugs.register\ndef number():\n    return {version}\n"
        )
        results.append(run(document("s: {task: number}"), root, work).outputs["s"]["n"])
    assert results == [1, 2]
    assert sys.path == before
    assert "plug.ops" not in sys.modules


def test_swaps_choose_the_task_that_runs(plugins: Path, work: Path) -> None:
    graph = """
    s:
      ?kind:
        ?outputs: [result]
        sum: {add: [2, 3]}
        double: {task: pair, args: [4]}
    t: {echo: [$s.result]}
    """
    doc = document(graph)
    doc["tasks"]["pair"]["outputs"] = {"both": "any"}
    assert run(doc, plugins, work, swaps={"kind": "sum"}).outputs["t"] == {"value": 5}
    assert run(doc, plugins, work, swaps={"kind": "double"}).outputs["t"] == {"value": (4, 8)}
    with pytest.raises(SwapError, match="unknown swap 'other'"):
        run(doc, plugins, work, swaps={"other": "x"})
    with pytest.raises(SwapError, match="no alias 'triple'"):
        run(doc, plugins, work, swaps={"kind": "triple"})
    with pytest.raises(ExperimentValidationError, match="choose one"):
        run(doc, plugins, work)


def test_a_compiled_document_fails_under_the_users_task_name(plugins: Path, work: Path) -> None:
    doc = document("s:\n  ?k:\n    ?outputs: [x]\n    boom: {fail: [1]}\n")
    with pytest.raises(TaskExecutionError) as caught:
        run(compile_swaps(doc, {"k": "boom"}), plugins, work)
    assert "'fail' (step 's', swap 'k', choice 'boom')" in str(caught.value)


# -- artifacts ------------------------------------------------------------------------------


class TextArtifact(ArtifactTaskInterface):
    journal: list[str] = []

    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        TextArtifact.journal.append(f"serialize {name}")
        path = working_dir / f"{name}.txt"
        path.write_text(f"{contents}{kwargs.get('suffix', '')}")
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        TextArtifact.journal.append(f"deserialize {path}")
        return (working_dir / path).read_text()

    @staticmethod
    def validation() -> dict[str, Any] | None:
        return {"suffix": {"type": "string"}}


class FolderArtifact(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        folder = working_dir / name
        folder.mkdir()
        for key, value in contents.items():
            (folder / key).write_text(str(value))
        return folder.relative_to(working_dir)  # relative paths are taken from working_dir

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        folder = working_dir / path
        return sorted(p.name for p in folder.iterdir()), len(list(folder.iterdir()))


class EscapingArtifact(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        outside = working_dir.parent / "outside.txt"
        outside.write_text("leaked")
        return outside

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        raise NotImplementedError


class SymlinkArtifact(EscapingArtifact):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        outside = working_dir.parent / "target.txt"
        outside.write_text("secret")
        link = working_dir / "link.txt"
        link.symlink_to(outside)
        return link


class FailingArtifact(EscapingArtifact):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        raise OSError("disk full")


class GhostArtifact(EscapingArtifact):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        return working_dir / "never-written.txt"


ARTIFACT_TASKS: dict[str, type[ArtifactTaskInterface]] = {
    "TextArtifact": TextArtifact,
    "FolderArtifact": FolderArtifact,
    "EscapingArtifact": EscapingArtifact,
    "SymlinkArtifact": SymlinkArtifact,
    "FailingArtifact": FailingArtifact,
    "GhostArtifact": GhostArtifact,
}


def artifact_document(task: str = "TextArtifact", args: Any = None) -> dict[str, Any]:
    doc = document("s: {add: [$previous, '!']}\np: {pair: [$s]}")
    doc["artifact_inputs"] = {"previous": {"text": "string"}}
    doc["artifact_outputs"] = {
        "note": {"contents": "$s", "task": {"name": task, "args": args or {}}},
        "folder": {"contents": "$folder_contents", "task": {"name": "FolderArtifact"}},
    }
    doc["parameters"] = {"folder_contents": {"default": {"a.txt": 1, "b.txt": 2}}}
    return doc


@pytest.fixture
def stored(tmp_path: Path) -> ArtifactInput:
    store = tmp_path / "stored"
    store.mkdir()
    (store / "previous.txt").write_text("hello")
    return ArtifactInput(task=TextArtifact, working_dir=store, path="previous.txt")


def test_artifacts_are_loaded_before_and_saved_after_the_graph(
    plugins: Path, work: Path, stored: ArtifactInput
) -> None:
    TextArtifact.journal.clear()
    result = run(
        artifact_document(args={"suffix": "?"}),
        plugins,
        work,
        artifact_inputs={"previous": stored},
        artifact_tasks=ARTIFACT_TASKS,
    )
    assert result.outputs["s"] == {"total": "hello!"}
    assert TextArtifact.journal == ["deserialize previous.txt", "serialize note"]
    assert result.artifacts == [
        SavedArtifact("note", "TextArtifact", (work / "note.txt").resolve(), False),
        SavedArtifact("folder", "FolderArtifact", (work / "folder").resolve(), True),
    ]
    assert (work / "note.txt").read_text() == "hello!?"
    assert sorted(p.name for p in (work / "folder").iterdir()) == ["a.txt", "b.txt"]


def test_an_artifact_input_with_several_outputs_is_unpacked(plugins: Path, work: Path) -> None:
    store = work / "store"
    (store / "data").mkdir(parents=True)
    (store / "data" / "x").write_text("")
    doc = document("names: {echo: [$old.names]}\ncount: {echo: [$old.count]}")
    doc["artifact_inputs"] = {"old": [{"names": "any"}, {"count": "integer"}]}
    result = run(
        doc,
        plugins,
        work,
        artifact_inputs={"old": ArtifactInput(FolderArtifact, store, "data")},
    )
    assert result.outputs == {"names": {"value": ["x"]}, "count": {"value": 1}}


def test_a_missing_artifact_input_is_a_clear_error(plugins: Path, work: Path) -> None:
    with pytest.raises(EngineError, match="no artifact was supplied for artifact input 'previous'"):
        run(artifact_document(), plugins, work, artifact_tasks=ARTIFACT_TASKS)


def test_a_failing_deserialize_names_the_artifact(plugins: Path, work: Path) -> None:
    missing = ArtifactInput(TextArtifact, work, "absent.txt")
    with pytest.raises(TaskExecutionError, match="artifact input 'previous'") as caught:
        run(
            artifact_document(),
            plugins,
            work,
            artifact_inputs={"previous": missing},
            artifact_tasks=ARTIFACT_TASKS,
        )
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_artifact_tasks_are_validated_by_name_and_args(
    plugins: Path, work: Path, stored: ArtifactInput
) -> None:
    options: dict[str, Any] = {"artifact_inputs": {"previous": stored}}
    with pytest.raises(ExperimentValidationError, match="unknown artifact task 'TextArtifact'"):
        run(artifact_document(), plugins, work, **options)
    with pytest.raises(ExperimentValidationError, match="is not of type 'string'"):
        run(
            artifact_document(args={"suffix": 5}),
            plugins,
            work,
            artifact_tasks=ARTIFACT_TASKS,
            **options,
        )


@pytest.mark.parametrize(
    ("task", "error", "text"),
    [
        ("EscapingArtifact", ArtifactError, "outside the working directory"),
        ("SymlinkArtifact", ArtifactError, "outside the working directory"),
        ("GhostArtifact", ArtifactError, "does not exist"),
        ("FailingArtifact", TaskExecutionError, "FailingArtifact.serialize failed: OSError"),
    ],
)
def test_bad_serialize_results_are_refused(
    plugins: Path, work: Path, stored: ArtifactInput, task: str, error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=text):
        run(
            artifact_document(task),
            plugins,
            work,
            artifact_inputs={"previous": stored},
            artifact_tasks=ARTIFACT_TASKS,
        )


class PathlessArtifact(EscapingArtifact):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        return None  # type: ignore[return-value]


class FailingValidation(TextArtifact):
    @staticmethod
    def validation() -> dict[str, Any] | None:
        raise RuntimeError("no schema today")


def test_serialize_must_return_a_path(plugins: Path, work: Path, stored: ArtifactInput) -> None:
    with pytest.raises(ArtifactError, match="must return the path it wrote, not NoneType"):
        run(
            artifact_document("PathlessArtifact"),
            plugins,
            work,
            artifact_inputs={"previous": stored},
            artifact_tasks={**ARTIFACT_TASKS, "PathlessArtifact": PathlessArtifact},
        )


def test_bad_artifact_task_classes_are_clear_errors(
    plugins: Path, work: Path, stored: ArtifactInput
) -> None:
    options: dict[str, Any] = {"artifact_inputs": {"previous": stored}}
    with pytest.raises(EngineError, match=r"validation\(\) failed \(RuntimeError"):
        run(
            artifact_document(),
            plugins,
            work,
            artifact_tasks={**ARTIFACT_TASKS, "TextArtifact": FailingValidation},
            **options,
        )
    with pytest.raises(EngineError, match="is not an artifact task class"):
        run(
            artifact_document(),
            plugins,
            work,
            artifact_tasks={**ARTIFACT_TASKS, "TextArtifact": int},  # type: ignore[dict-item]
            **options,
        )


def test_artifact_input_problems(
    plugins: Path, work: Path, stored: ArtifactInput, caplog: pytest.LogCaptureFixture
) -> None:
    doc = document("s: {echo: [$old.a]}")
    doc["artifact_inputs"] = {"old": [{"a": "any"}, {"b": "any"}]}
    counted = ArtifactInput(FolderArtifact, stored.working_dir, ".")
    doc["graph"]["s"] = {"echo": ["$old.b"]}
    assert run(doc, plugins, work, artifact_inputs={"old": counted}).outputs["s"] == {"value": 1}
    # one declared output but a value that is stored whole, and an undeclared extra input
    doc["artifact_inputs"] = {"old": {"text": "any"}}
    doc["graph"]["s"] = {"echo": ["$old"]}
    with caplog.at_level(logging.WARNING, logger="dioptra.engine"):
        result = run(doc, plugins, work, artifact_inputs={"old": stored, "spare": stored})
    assert result.outputs["s"] == {"value": "hello"}
    assert "'spare'" in caplog.text
    # several declared outputs need an iterable
    doc["artifact_inputs"] = {"old": [{"a": "any"}, {"b": "any"}]}
    doc["graph"]["s"] = {"echo": ["$old.a"]}
    with pytest.raises(EngineError, match="must return an iterable of 2"):
        run(doc, plugins, work, artifact_inputs={"old": ArtifactInput(NumberArtifact, work, "x")})


class NumberArtifact(EscapingArtifact):
    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        return 42


def test_an_output_a_task_did_not_produce_is_a_clear_error(plugins: Path, work: Path) -> None:
    doc = document("s: {pair: [1]}\nt: {echo: [$s.three]}")
    doc["tasks"]["pair"]["outputs"] = [{"one": "any"}, {"two": "any"}, {"three": "any"}]
    with pytest.raises(EngineError, match="step 's' produced no output 'three'"):
        run(doc, plugins, work)
