"""``dioptra engine``: validate and run entrypoints of a local project, in this process.

A project is a folder with a ``dioptra.toml`` (plugins, types, entrypoints), the
same file ``dioptra import`` reads. Nothing here needs a server.
"""

from __future__ import annotations

import importlib
import inspect
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from dioptra.engine import (
    ArtifactInput,
    EngineError,
    ExperimentValidationError,
    Issue,
    SwapError,
    TaskExecutionError,
    is_valid,
    list_swaps,
    run_experiment,
    validate_swappable,
)
from dioptra.engine.assemble import AssemblyError
from dioptra.engine.manifest import ManifestError
from dioptra.engine.parameters import ParameterCoercionError, coerce_parameter
from dioptra.engine.plugins import plugin_search_path
from dioptra.engine.project import Project, ProjectEntrypoint, load_project
from dioptra.sdk.api.artifact import ArtifactTaskInterface

app = typer.Typer(
    help="Validate and run entrypoints of a local project (a folder with a dioptra.toml).",
    no_args_is_help=True,
)

EXIT_FAILED = 1  # the experiment is invalid or a task failed
EXIT_BAD_INPUT = 2  # the project, the entrypoint or an option is wrong

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        help="The project folder, holding the manifest (default: the nearest folder above "
        "a YAML file given as the entrypoint that has one, else the current folder).",
    ),
]
ConfigOption = Annotated[
    str,
    typer.Option("--config", help="The manifest's path inside the project folder."),
]


class _UserError(Exception):
    """A problem to report in one clear message, then exit."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


# --------------------------------------------------------------------------- validate


@app.command(
    "validate",
    epilog=(
        "Examples:  dioptra engine validate --project examples/tutorial sample_and_transform"
        "  |  dioptra engine validate experiment.yml"
    ),
)
def validate_command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="ENTRYPOINT_NAME_OR_YAML",
            help="An entrypoint of the project, by name or by its YAML file; "
            "or a YAML file holding a whole experiment document.",
        ),
    ],
    project: ProjectOption = None,
    config: ConfigOption = "dioptra.toml",
) -> None:
    """Check an entrypoint's task graph (every swap choice too); print each issue with its line."""
    try:
        source, issues = _issues_of(target, project, config)
    except _UserError as error:
        _fail(str(error), error.code)
    for issue in issues:
        typer.echo(_issue_line(source, issue))
    errors = sum(1 for issue in issues if issue.is_error)
    warnings = len(issues) - errors
    if is_valid(issues):
        suffix = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
        typer.echo(f"{source}: valid{suffix}")
        return
    typer.echo(f"{source}: invalid, {errors} error{'s' if errors != 1 else ''}", err=True)
    raise typer.Exit(EXIT_FAILED)


def _issues_of(target: str, project_dir: Path | None, config: str) -> tuple[str, list[Issue]]:
    path = Path(target)
    project_dir = _project_dir(target, project_dir, config)
    if _looks_like_file(target) and not (project_dir / config).is_file():
        return str(path), _validate_document_file(path)
    project = _load(project_dir, config)
    entrypoint = _find_entrypoint(project, target)
    if entrypoint is None:  # a YAML file that is not one of the project's entrypoints
        return str(path), _validate_document_file(path)
    _, issues = _entrypoint_issues(project, entrypoint)
    return _shown(entrypoint.file), issues


def _validate_document_file(path: Path) -> list[Issue]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _UserError(f"cannot read {path}: {error}") from None
    return validate_swappable(text)


def _issue_line(source: str, issue: Issue) -> str:
    where = f"{source}:{issue.line}" if issue.line is not None else source
    return f"{where}: {issue}"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):  # elsewhere, or the current folder is gone
        return str(path)


# --------------------------------------------------------------------------- run


@app.command(
    epilog=(
        "Example:  dioptra engine run --project examples/tutorial sample_and_save_artifact "
        "-p sample_size=5 -p seed=3 --out /tmp/run1"
    )
)
def run(
    entrypoint: Annotated[
        str,
        typer.Argument(
            metavar="ENTRYPOINT",
            help="An entrypoint of the project, by name or by its YAML file.",
        ),
    ],
    project: ProjectOption = None,
    config: ConfigOption = "dioptra.toml",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            metavar="NAME=VALUE",
            help="An entrypoint parameter, written as a job value (lists and mappings as "
            "JSON). Repeatable.",
        ),
    ] = None,
    artifact: Annotated[
        list[str] | None,
        typer.Option(
            "--artifact",
            "-a",
            metavar="NAME=[TASK:]PATH",
            help="A file (or folder) for an artifact parameter, loaded by the artifact task "
            "of the entrypoint's artifact plugins whose outputs match (or TASK). Repeatable.",
        ),
    ] = None,
    swap: Annotated[
        list[str] | None,
        typer.Option("--swap", metavar="NAME=ALIAS", help="A swap choice. Repeatable."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Working folder of the run, where artifacts are saved (default: a "
            "temporary folder, removed at the end unless the run saved artifacts).",
        ),
    ] = None,
    show_traceback: Annotated[
        bool,
        typer.Option("--traceback", help="Show the traceback of a failing task."),
    ] = False,
) -> None:
    """Run an entrypoint in this process; print its step outputs and saved artifacts."""
    source, name = entrypoint, entrypoint
    working_dir: Path | None = None
    keep = out is not None  # a temporary folder is kept only for the artifacts it holds
    try:
        try:
            loaded = _load(_project_dir(entrypoint, project, config), config)
            chosen = _find_entrypoint(loaded, entrypoint)
            if chosen is None:
                raise _UserError(f"{entrypoint} is not an entrypoint file of {loaded.config_file}")
            source, name = _shown(chosen.file), chosen.declaration.name
            document, issues = _entrypoint_issues(loaded, chosen)
            if not is_valid(issues):
                raise ExperimentValidationError(issues)  # reported with lines, below
            values = _parameters(chosen, param or [])
            swaps = _swap_choices(document, swap or [])
            working_dir = _working_dir(out)
            with plugin_search_path(loaded.plugin_paths(name)):
                classes = _import_artifact_tasks(loaded, name)
                inputs = _artifact_inputs(loaded, chosen, artifact or [], classes)
                result = run_experiment(
                    document,
                    values,
                    swaps=swaps,
                    working_dir=working_dir,
                    artifact_inputs=inputs,
                    artifact_tasks=classes,
                    plugin_paths=loaded.plugin_paths(name),
                )
        except _UserError as error:
            _fail(str(error), error.code)
        except ExperimentValidationError as error:
            for issue in error.issues:
                typer.echo(_issue_line(source, issue), err=True)
            _fail(f"{name} is not valid; nothing ran", EXIT_FAILED)
        except TaskExecutionError as error:
            if show_traceback:
                typer.echo(error.traceback_text, err=True)
            _fail(str(error), EXIT_FAILED)
        except SwapError as error:
            _fail(str(error), EXIT_BAD_INPUT)
        except EngineError as error:
            _fail(str(error), EXIT_FAILED)
        _print_result(result.outputs, [(a.name, a.task_name, a.path) for a in result.artifacts])
        if out is not None:
            typer.echo(f"working folder: {working_dir}")
        elif result.artifacts:
            keep = True
            typer.echo(
                f"working folder: {working_dir} (temporary; remove it when done, or use --out)"
            )
    finally:
        if working_dir is not None and not keep:
            shutil.rmtree(working_dir, ignore_errors=True)


def _looks_like_file(target: str) -> bool:
    return Path(target).suffix in (".yml", ".yaml") or Path(target).is_file()


def _project_dir(target: str, given: Path | None, config: str) -> Path:
    """The project folder: as given, else the nearest one above a YAML target, else ``.``."""
    if given is not None:
        return given
    if _looks_like_file(target):
        for folder in Path(target).resolve().parents:
            if (folder / config).is_file():
                return folder
    return Path(".")


def _load(project_dir: Path, config: str) -> Project:
    try:
        return load_project(project_dir, config)
    except ManifestError as error:
        raise _UserError(str(error)) from None


def _find_entrypoint(project: Project, target: str) -> ProjectEntrypoint | None:
    if target in project.entrypoints:
        return project.entrypoints[target]
    if _looks_like_file(target):
        return project.entrypoint_for_file(Path(target))
    known = ", ".join(project.entrypoints) or "none"
    raise _UserError(f"no entrypoint named {target!r} in {project.config_file} (known: {known})")


def _entrypoint_issues(
    project: Project, entrypoint: ProjectEntrypoint
) -> tuple[dict[str, Any], list[Issue]]:
    """An entrypoint's document and its issues, with lines in the entrypoint's file."""
    name = entrypoint.declaration.name
    try:
        assembly = project.assemble(name)
    except (AssemblyError, ParameterCoercionError) as error:
        raise _UserError(f"{_shown(entrypoint.file)}: {error}", EXIT_FAILED) from None
    # Artifact task names are known statically; their argument schemas need plugin code.
    names = dict.fromkeys(project.artifact_task_modules(name))
    issues = validate_swappable(
        assembly.document,
        artifact_tasks={task: None for task in names},
        source_map=assembly.source_map,
    )
    return assembly.document, issues


def _pairs(items: Sequence[str], option: str) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise _UserError(f"{option} expects NAME=VALUE, got {item!r}")
        pairs.append((name.strip(), value))
    return pairs


def _parameters(entrypoint: ProjectEntrypoint, items: Sequence[str]) -> dict[str, Any]:
    """Coerce ``NAME=VALUE`` strings by the declared parameter types, as job values are."""
    declared = {p.name: p.type for p in entrypoint.declaration.params}
    values: dict[str, Any] = {}
    for name, text in _pairs(items, "--param"):
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise _UserError(f"{entrypoint.declaration.name} has no parameter {name!r} ({known})")
        try:
            values[name] = coerce_parameter(text, declared[name], name=name)
        except ParameterCoercionError as error:
            raise _UserError(str(error)) from None
    return values


def _swap_choices(document: Mapping[str, Any], items: Sequence[str]) -> dict[str, str]:
    """``--swap NAME=ALIAS`` choices, checked against the graph's swaps."""
    swaps = {info.swap_name: info for info in list_swaps(document)}
    choices = dict(_pairs(items, "--swap"))
    for name, alias in choices.items():
        if name not in swaps:
            raise _UserError(
                f"the graph has no swap {name!r} (swaps: {', '.join(swaps) or 'none'})"
            )
        if alias not in swaps[name].aliases:
            aliases = ", ".join(swaps[name].aliases)
            raise _UserError(f"swap {name!r} has no alias {alias!r} (aliases: {aliases})")
    unchosen = [i for i in swaps.values() if len(i.aliases) > 1 and i.swap_name not in choices]
    if unchosen:
        options = " ".join(f"--swap {i.swap_name}={'|'.join(i.aliases)}" for i in unchosen)
        raise _UserError(f"choose an alias for each swap: {options}")
    return choices


def _working_dir(out: Path | None) -> Path:
    if out is None:
        return Path(tempfile.mkdtemp(prefix="dioptra-run-"))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _UserError(f"cannot create the output folder {out}: {error}") from None
    return out.resolve()


def _import_artifact_tasks(
    project: Project, entrypoint: str
) -> dict[str, type[ArtifactTaskInterface]]:
    """Import the artifact task classes of an entrypoint's artifact plugins.

    This runs plugin code, so call it inside ``plugin_search_path``.
    """
    classes: dict[str, type[ArtifactTaskInterface]] = {}
    for task_name, module_name in project.artifact_task_modules(entrypoint).items():
        where = f"artifact task {task_name!r} (module {module_name!r})"
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # any failure of user code while importing
            raise _UserError(f"{where}: cannot import: {type(error).__name__}: {error}") from None
        cls = getattr(module, task_name, None)
        if not (inspect.isclass(cls) and issubclass(cls, ArtifactTaskInterface)):
            raise _UserError(f"{where}: no class deriving from ArtifactTaskInterface")
        classes[task_name] = cls
    return classes


def import_artifact_tasks(
    project: Project, entrypoint: str
) -> dict[str, type[ArtifactTaskInterface]]:
    """The artifact task classes of an entrypoint's artifact plugins (imports plugin code)."""
    with plugin_search_path(project.plugin_paths(entrypoint)):
        return _import_artifact_tasks(project, entrypoint)


def _artifact_inputs(
    project: Project,
    entrypoint: ProjectEntrypoint,
    items: Sequence[str],
    classes: Mapping[str, type[ArtifactTaskInterface]],
) -> dict[str, ArtifactInput]:
    params = {p.name: p for p in entrypoint.declaration.artifact_params}
    tasks = _artifact_task_outputs(project, entrypoint)
    inputs: dict[str, ArtifactInput] = {}
    for name, spec in _pairs(items, "--artifact"):
        if name not in params:
            known = ", ".join(params) or "none"
            raise _UserError(
                f"{entrypoint.declaration.name} has no artifact parameter {name!r} ({known})"
            )
        task_name, sep, path_text = spec.partition(":")
        if not sep or task_name not in classes:
            task_name, path_text = "", spec
        wanted = [(o.name, o.type) for o in params[name].output_params]
        if not task_name:
            matches = [
                t
                for t, outputs in tasks.items()
                if [ty for _, ty in outputs] == [ty for _, ty in wanted]
            ]
            if len(matches) != 1:
                found = ", ".join(matches) or "none"
                raise _UserError(
                    f"artifact parameter {name!r}: choose its artifact task as "
                    f"{name}=TASK:PATH (tasks whose outputs match: {found})"
                )
            task_name = matches[0]
        path = Path(path_text).resolve()
        if not path.exists():
            raise _UserError(f"artifact parameter {name!r}: {path_text} does not exist")
        inputs[name] = ArtifactInput(classes[task_name], path.parent, path.name)
    missing = [n for n in params if n not in inputs]
    if missing:
        raise _UserError(
            f"{entrypoint.declaration.name} needs artifact parameter(s) "
            + ", ".join(f"--artifact {n}=PATH" for n in missing)
        )
    return inputs


def _artifact_task_outputs(
    project: Project, entrypoint: ProjectEntrypoint
) -> dict[str, list[tuple[str, str]]]:
    outputs: dict[str, list[tuple[str, str]]] = {}
    for plugin_name in entrypoint.declaration.artifact_plugins:
        for plugin_file in project.plugins[plugin_name].spec.files:
            for task in plugin_file.artifact_tasks:
                outputs[task.name] = list(task.outputs)
    return outputs


def _print_result(
    outputs: Mapping[str, Mapping[str, Any]], artifacts: Sequence[tuple[str, str, Path]]
) -> None:
    typer.echo("outputs:")
    for step, values in outputs.items():
        for output, value in values.items():
            typer.echo(f"  {step}.{output} = {_short(value)}")
    if artifacts:
        typer.echo("artifacts:")
        for name, task_name, path in artifacts:
            typer.echo(f"  {name} ({task_name}): {path}")


def _short(value: Any, limit: int = 200) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
