"""A project folder read from disk: its ``dioptra.toml`` (checked by
:mod:`dioptra.engine.manifest`), the plugin files and entrypoint files it names, and the
engine document of any entrypoint, assembled.

:func:`load_project` reads everything the manifest names (paths confined to the
project folder) and raises :class:`~dioptra.engine.manifest.ManifestError` listing every
problem found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dioptra.engine.assemble import (
    ArtifactParameterSpec,
    ArtifactTaskSpec,
    Assembly,
    EntrypointParameterSpec,
    ParamSpec,
    PluginFileSpec,
    PluginSpec,
    TaskSpec,
    YamlSection,
    assemble,
    plugin_task_path,
)
from dioptra.engine.errors import YamlSyntaxError
from dioptra.engine.manifest import (
    NOTHING_EXISTING,
    PLUGIN_FILENAME,
    ArtifactTaskDecl,
    EntrypointDecl,
    ExistingNames,
    FunctionTaskDecl,
    Manifest,
    ManifestError,
    ManifestProblem,
    PluginDecl,
    parse_manifest,
)
from dioptra.engine.source_map import load_yaml


@dataclass(frozen=True)
class ProjectPlugin:
    declaration: PluginDecl
    directory: Path
    sources: Mapping[str, str]  # plugin file name (POSIX, relative) -> source text
    spec: PluginSpec


@dataclass(frozen=True)
class ProjectEntrypoint:
    declaration: EntrypointDecl
    file: Path
    graph: YamlSection
    artifacts: YamlSection


@dataclass(frozen=True)
class Project:
    """A project folder: its manifest, plugin sources and entrypoint files, all read."""

    root: Path
    config_file: Path
    manifest: Manifest
    plugins: Mapping[str, ProjectPlugin]
    entrypoints: Mapping[str, ProjectEntrypoint]

    def entrypoint(self, name: str) -> ProjectEntrypoint:
        if name not in self.entrypoints:
            known = ", ".join(self.entrypoints) or "none"
            problem = ManifestProblem("", f"no entrypoint named {name!r} (entrypoints: {known})")
            raise ManifestError(str(self.config_file), [problem])
        return self.entrypoints[name]

    def entrypoint_for_file(self, path: Path) -> ProjectEntrypoint | None:
        wanted = path.resolve()
        return next((e for e in self.entrypoints.values() if e.file == wanted), None)

    def assemble(self, name: str) -> Assembly:
        """The engine document of an entrypoint, with the lines of its entrypoint file.

        Raises ``AssemblyError`` (e.g. an empty graph) or ``ParameterCoercionError``.
        """
        entrypoint = self.entrypoint(name)
        declaration = entrypoint.declaration
        types = {t.name: t.structure for t in self.manifest.plugin_param_types}
        return assemble(
            plugins=[self.plugins[p].spec for p in declaration.plugins],
            task_graph=entrypoint.graph,
            artifact_graph=entrypoint.artifacts,
            parameters=[
                EntrypointParameterSpec(p.name, p.type, p.default_value) for p in declaration.params
            ],
            artifact_parameters=[
                ArtifactParameterSpec(a.name, [(o.name, o.type) for o in a.output_params])
                for a in declaration.artifact_params
            ],
            type_definitions=types,
            extra_types=types,  # as Dioptra, which adds every type of the entrypoint's group
        )

    def document(self, name: str) -> dict[str, Any]:
        return self.assemble(name).document

    def plugin_paths(self, name: str | None = None) -> list[Path]:
        """The folders to put on ``sys.path`` so that ``<plugin>.<module>`` imports."""
        names: Iterable[str] = self.plugins
        if name is not None:
            declaration = self.entrypoint(name).declaration
            names = [*declaration.plugins, *declaration.artifact_plugins]
        return list(dict.fromkeys(self.plugins[n].directory.parent for n in names))

    def artifact_task_modules(self, name: str) -> dict[str, str]:
        """Artifact task class name -> the module defining it, over an entrypoint's
        artifact plugins. Importing is the caller's business: this module runs no plugin code."""
        found: dict[str, str] = {}
        for plugin_name in self.entrypoint(name).declaration.artifact_plugins:
            for plugin_file in self.plugins[plugin_name].spec.files:
                module = plugin_task_path(plugin_name, plugin_file.filename, "").rstrip(".")
                found.update({task.name: module for task in plugin_file.artifact_tasks})
        return found


def load_project(
    root: Path, config_path: str = "dioptra.toml", existing: ExistingNames = NOTHING_EXISTING
) -> Project:
    """Read a project folder: the manifest, every plugin file and every entrypoint file.

    Plugin files are the ``*.py`` files under a plugin's folder whose names do not
    start with ``.``; their tasks are those the manifest declares (as in Dioptra's
    import). ``existing``: what the manifest may use undeclared (see ``parse_manifest``).
    Raises :class:`ManifestError` listing every problem found.
    """
    root = root.resolve()
    config_file = root / config_path
    label = str(config_file)
    try:
        if not _inside(config_file, root):
            raise ValueError("the manifest is outside the project folder")
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(label, [ManifestProblem("", "file not found")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ManifestError(label, [ManifestProblem("", f"cannot be read: {error}")]) from None
    manifest = parse_manifest(text, config_path=config_path, source=label, existing=existing)
    problems: list[ManifestProblem] = []
    plugins: dict[str, ProjectPlugin] = {}
    for index, plugin in enumerate(manifest.plugins):
        try:
            plugins[plugin.name] = _load_plugin(root, manifest, plugin)
        except _FileProblem as problem:
            problems.append(problem.at(f"plugins[{index}]"))
    entrypoints: dict[str, ProjectEntrypoint] = {}
    for index, entrypoint in enumerate(manifest.entrypoints):
        try:
            entrypoints[entrypoint.name] = _load_entrypoint(root, manifest, entrypoint)
        except _FileProblem as problem:
            problems.append(problem.at(f"entrypoints[{index}]"))
    if problems:
        raise ManifestError(label, problems)
    return Project(root, config_file, manifest, plugins, entrypoints)


class _FileProblem(Exception):
    def __init__(self, field: str, message: str, *, located: bool = False):
        super().__init__(message)
        self.field = field
        self.message = message
        self.located = located  # the message starts with the file (and line) it is about

    def at(self, key: str) -> ManifestProblem:
        return ManifestProblem("" if self.located else f"{key}.{self.field}", self.message)


def _inside(path: Path, root: Path) -> bool:
    # resolve() follows symlinks, so a link pointing out of the project is caught too.
    return path.resolve().is_relative_to(root)


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise _FileProblem("path", f"{shown!r} is not a file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _FileProblem("path", f"{shown!r} cannot be read: {error}") from None


def _load_plugin(root: Path, manifest: Manifest, declaration: PluginDecl) -> ProjectPlugin:
    directory = root / manifest.resolve(declaration.path)
    if not _inside(directory, root):
        raise _FileProblem("path", f"{declaration.path!r} leads outside the project folder")
    if not directory.is_dir():
        raise _FileProblem("path", f"{declaration.path!r} is not a folder")
    sources: dict[str, str] = {}
    for path in sorted(directory.rglob("[!.]*.py")):
        filename = path.relative_to(directory).as_posix()
        if not PLUGIN_FILENAME.fullmatch(filename):
            raise _FileProblem("path", f"{filename!r} is not a valid plugin file name")
        if not _inside(path, root):
            raise _FileProblem("path", f"{filename!r} leads outside the project folder")
        sources[filename] = _read(path, filename)
    tasks: list[FunctionTaskDecl | ArtifactTaskDecl] = [
        *declaration.functions,
        *declaration.artifacts,
    ]
    for task in tasks:
        if task.filename not in sources:
            message = f"task {task.name!r} is declared in {task.filename!r}, which is not a file"
            raise _FileProblem("tasks", f"{message} of plugin {declaration.name!r}")
    files = [
        PluginFileSpec(
            filename,
            function_tasks=[
                TaskSpec(
                    t.name,
                    [ParamSpec(p.name, p.type, p.required) for p in t.input_params],
                    [(o.name, o.type) for o in t.output_params],
                )
                for t in declaration.functions
                if t.filename == filename
            ],
            artifact_tasks=[
                ArtifactTaskSpec(t.name, [(o.name, o.type) for o in t.output_params])
                for t in declaration.artifacts
                if t.filename == filename
            ],
        )
        for filename in sources
    ]
    return ProjectPlugin(declaration, directory, sources, PluginSpec(declaration.name, files))


def _load_entrypoint(
    root: Path, manifest: Manifest, declaration: EntrypointDecl
) -> ProjectEntrypoint:
    file = root / manifest.resolve(declaration.path)
    if not _inside(file, root):
        raise _FileProblem("path", f"{declaration.path!r} leads outside the project folder")
    try:
        data, lines = load_yaml(_read(file, declaration.path))
    except YamlSyntaxError as error:
        # Located in the user's file, as editors and compilers do: "file:line: problem".
        line = f":{error.line}" if error.line is not None else ""
        column = f" (column {error.column})" if error.column is not None else ""
        raise _FileProblem(
            "path",
            f"{declaration.path}{line}: {error.heading}{column}: {error.problem}",
            located=True,
        ) from None
    if not isinstance(data, dict) or not data.get("graph"):
        raise _FileProblem("path", f"{declaration.path!r} has no steps under graph:")
    artifacts = data.get("artifacts")
    return ProjectEntrypoint(
        declaration,
        file.resolve(),
        graph=YamlSection(data["graph"], lines.subtree(("graph",))),
        artifacts=YamlSection(artifacts or {}, lines.subtree(("artifacts",))),
    )
