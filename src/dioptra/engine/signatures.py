"""Static signature analysis of plugin source code (never imports it).

Given the text of a plugin file, find its function tasks (module-level ``def``s
decorated with ``dioptra.pyplugs.register`` in any import form) and its artifact
tasks (module-level classes deriving from ``ArtifactTaskInterface``), and suggest
task-engine type names for their inputs and outputs from the annotations.

The naming rules follow Dioptra's ``pluginTaskSignatureAnalysis`` endpoint, so
``SignatureReport.to_wire()`` answers exactly as the original does (plus an extra
``artifactTasks`` key):

- ``None`` -> ``null``; ``str/int/float/bool`` -> ``string/integer/number/boolean``;
- names, dotted names, subscripts, ``A | B`` and string annotations -> their source
  text lower-cased, spaces removed, runs of non-word characters -> ``_``, trimmed;
- anything else (or a result not starting with a letter), and missing annotations,
  get generated names ``type1, type2, ...``; identical annotation text reuses one name.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

BUILTIN_TYPE_NAMES = frozenset({"any", "string", "integer", "number", "boolean", "null"})

_PYTHON_TO_ENGINE_TYPE = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "None": "null",
}

_REGISTER = "dioptra.pyplugs.register"
_ARTIFACT_INTERFACE = "dioptra.sdk.api.artifact.ArtifactTaskInterface"
_OUTPUT_NAME = "output"


class SignatureAnalysisError(ValueError):
    """The source could not be parsed; carries the position of the problem."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        where = f" (line {line}" + (f", column {column}" if column else "") + ")" if line else ""
        super().__init__(f"{message}{where}")


@dataclass(frozen=True)
class InputSignature:
    name: str
    type_name: str
    required: bool


@dataclass(frozen=True)
class OutputSignature:
    name: str
    type_name: str


@dataclass(frozen=True)
class MissingType:
    """A non-builtin type name a task uses; ``description`` is its annotation text."""

    name: str
    description: str


@dataclass(frozen=True)
class TaskSignature:
    name: str
    inputs: list[InputSignature]
    outputs: list[OutputSignature]
    missing_types: list[MissingType]
    line: int

    def to_wire(self, *, with_inputs: bool = True) -> dict[str, Any]:
        wire: dict[str, Any] = {"name": self.name}
        if with_inputs:
            wire["inputs"] = [
                {"name": i.name, "type": i.type_name, "required": i.required} for i in self.inputs
            ]
        wire["outputs"] = [{"name": o.name, "type": o.type_name} for o in self.outputs]
        wire["missing_types"] = [
            {"name": m.name, "description": m.description} for m in self.missing_types
        ]
        return wire


@dataclass(frozen=True)
class SignatureReport:
    function_tasks: list[TaskSignature] = field(default_factory=list)
    artifact_tasks: list[TaskSignature] = field(default_factory=list)

    @property
    def missing_types(self) -> list[MissingType]:
        """Distinct missing types over all tasks, first description wins."""
        seen: dict[str, MissingType] = {}
        for task in itertools.chain(self.function_tasks, self.artifact_tasks):
            for missing in task.missing_types:
                seen.setdefault(missing.name, missing)
        return list(seen.values())

    def to_wire(self) -> dict[str, Any]:
        """The ``pluginTaskSignatureAnalysis`` response body, plus ``artifactTasks``."""
        return {
            "tasks": [task.to_wire() for task in self.function_tasks],
            "artifactTasks": [task.to_wire(with_inputs=False) for task in self.artifact_tasks],
        }


def analyze_source(source: str) -> SignatureReport:
    """Find the function and artifact tasks of a plugin file and derive their types."""
    module = _parse(source)
    imports = _ImportTable()
    function_tasks: list[TaskSignature] = []
    artifact_classes: dict[str, ast.ClassDef] = {}
    for statement in module.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            imports.record(statement)
        elif isinstance(statement, ast.FunctionDef) and _is_registered(statement, imports):
            function_tasks.append(_function_signature(statement))
        elif isinstance(statement, ast.ClassDef) and _is_artifact_class(
            statement, imports, artifact_classes
        ):
            artifact_classes[statement.name] = statement
    artifact_tasks = [
        _artifact_signature(cls, artifact_classes) for cls in artifact_classes.values()
    ]
    return SignatureReport(function_tasks=function_tasks, artifact_tasks=artifact_tasks)


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError as error:
        raise SignatureAnalysisError(
            f"Failed to parse Python source: {error.msg}", error.lineno, error.offset
        ) from error
    except (ValueError, RecursionError, MemoryError) as error:
        # Null bytes (ValueError) or pathologically nested expressions.
        raise SignatureAnalysisError(f"Failed to parse Python source: {error}") from error


class _ImportTable:
    """What the module-level imports bind, as fully qualified dotted names.

    ``bindings`` maps a local name to the dotted path it refers to; ``modules``
    holds every dotted path an import statement mentions, so that attribute
    access such as ``dioptra.pyplugs.register`` only counts when
    ``dioptra.pyplugs`` was itself imported somewhere.
    """

    def __init__(self) -> None:
        self.bindings: dict[str, str | None] = {}
        self.modules: set[str] = set()

    def record(self, statement: ast.Import | ast.ImportFrom) -> None:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                self._mention(alias.name)
                if alias.asname:
                    self.bindings[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    self.bindings[head] = head
            return
        if statement.level or not statement.module:
            # Relative imports cannot be resolved without knowing the package.
            for alias in statement.names:
                self.bindings[alias.asname or alias.name] = None
            return
        for alias in statement.names:
            if alias.name == "*":
                continue
            qualified = f"{statement.module}.{alias.name}"
            self._mention(qualified)
            self.bindings[alias.asname or alias.name] = qualified

    def _mention(self, dotted: str) -> None:
        parts = dotted.split(".")
        self.modules.update(".".join(parts[: i + 1]) for i in range(len(parts)))

    def refers_to(self, expression: ast.expr, target: str) -> bool:
        """Whether a (possibly called) dotted-name expression names ``target``."""
        if isinstance(expression, ast.Call):
            expression = expression.func
        dotted = _dotted_name(expression)
        if dotted is None:
            return False
        head, _, rest = dotted.partition(".")
        bound = self.bindings.get(head)
        if bound is None:
            return False
        qualified = f"{bound}.{rest}" if rest else bound
        if qualified != target:
            return False
        if not rest:
            return True
        # Attribute access below what was bound: the owning module must be imported.
        return qualified.rpartition(".")[0] in self.modules


def _dotted_name(expression: ast.expr) -> str | None:
    if isinstance(expression, ast.Name):
        return expression.id
    if isinstance(expression, ast.Attribute):
        owner = _dotted_name(expression.value)
        return None if owner is None else f"{owner}.{expression.attr}"
    return None


def _is_registered(function: ast.FunctionDef, imports: _ImportTable) -> bool:
    return any(imports.refers_to(d, _REGISTER) for d in function.decorator_list)


def _is_artifact_class(
    cls: ast.ClassDef, imports: _ImportTable, known: dict[str, ast.ClassDef]
) -> bool:
    for base in cls.bases:
        if imports.refers_to(base, _ARTIFACT_INTERFACE):
            return True
        # A subclass of an artifact task defined earlier in the same file.
        if isinstance(base, ast.Name) and base.id in known:
            return True
    return False


# --------------------------------------------------------------------------- types


def derive_type_name(annotation: ast.expr) -> str | None:
    """The task-engine type name an annotation suggests, or None if underivable."""
    text: str | None
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        text = "null"
    elif isinstance(annotation, ast.Name):
        text = annotation.id
    elif isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value
    elif isinstance(annotation, ast.Subscript | ast.BinOp) or _dotted_name(annotation):
        text = ast.unparse(annotation)
    else:
        text = None
    if not text:
        return None
    text = text.strip().lower().replace(" ", "")
    text = re.sub(r"\W+", "_", text)
    text = re.sub(r"_+", "_", text).strip("_")
    text = _PYTHON_TO_ENGINE_TYPE.get(text, text)
    if not text or not text[0].isalpha():
        return None
    return text


class _TypeNamer:
    """Names the types of one task in two passes, as the original does.

    Pass one derives names from annotations; pass two generates ``typeN`` names
    for the rest, avoiding every derived name, so that a user's own ``type1``
    annotation always keeps its name.
    """

    def __init__(self) -> None:
        self.missing: list[MissingType] = []
        self._suggested: set[str] = set()

    def derived(self, annotation: ast.expr | None) -> str | None:
        if annotation is None:
            return None
        name = derive_type_name(annotation)
        if name and name not in BUILTIN_TYPE_NAMES and name not in self._suggested:
            self.missing.append(MissingType(name, ast.unparse(annotation)))
            self._suggested.add(name)
        return name

    def complete(
        self, slots: list[tuple[str | None, ast.expr | None]], *, in_use: set[str]
    ) -> list[str]:
        """Fill the ``None`` names of ``slots`` (derived name, annotation) with generated ones."""
        used = set(in_use)
        by_annotation: dict[str, str] = {}
        names: list[str] = []
        for derived, annotation in slots:
            if derived is not None:
                names.append(derived)
                continue
            text = ast.unparse(annotation) if annotation is not None else None
            name = by_annotation.get(text) if text is not None else None
            if name is None:
                name = _generated_name(used)
                if text is not None:
                    by_annotation[text] = name
            if text is not None and name not in used:
                self.missing.append(MissingType(name, text))
            used.add(name)
            names.append(name)
        return names


def _generated_name(used: set[str]) -> str:
    counter = 1
    while f"type{counter}" in used:
        counter += 1
    return f"type{counter}"


# --------------------------------------------------------------------------- tasks


def _arguments(function: ast.FunctionDef) -> Iterator[tuple[ast.arg, bool]]:
    """Every named argument in order, with whether it is required (has no default)."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    first_defaulted = len(positional) - len(arguments.defaults)
    for index, argument in enumerate(positional):
        yield argument, index < first_defaulted
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        yield argument, default is None


def _returns_value(function: ast.FunctionDef) -> bool:
    returns = function.returns
    return returns is not None and not (isinstance(returns, ast.Constant) and returns.value is None)


def _function_signature(function: ast.FunctionDef) -> TaskSignature:
    namer = _TypeNamer()
    arguments = list(_arguments(function))
    slots: list[tuple[str | None, ast.expr | None]] = [
        (namer.derived(argument.annotation), argument.annotation) for argument, _ in arguments
    ]
    if _returns_value(function):
        slots.append((namer.derived(function.returns), function.returns))
    in_use = {name for name, _ in slots if name is not None}
    names = namer.complete(slots, in_use=in_use)
    inputs = [
        InputSignature(argument.arg, type_name, required)
        for (argument, required), type_name in zip(arguments, names, strict=False)
    ]
    outputs = [OutputSignature(_OUTPUT_NAME, names[-1])] if _returns_value(function) else []
    return TaskSignature(function.name, inputs, outputs, namer.missing, function.lineno)


def _find_deserialize(
    cls: ast.ClassDef, classes: dict[str, ast.ClassDef], seen: frozenset[str] = frozenset()
) -> ast.FunctionDef | None:
    for statement in cls.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == "deserialize":
            return statement
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes and base.id not in seen:
            found = _find_deserialize(classes[base.id], classes, seen | {cls.name})
            if found is not None:
                return found
    return None


def _artifact_signature(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> TaskSignature:
    """An artifact task produces what its ``deserialize`` returns (``any`` if unannotated)."""
    deserialize = _find_deserialize(cls, classes)
    annotation = deserialize.returns if deserialize is not None else None
    namer = _TypeNamer()
    if annotation is None:
        type_name = "any"
    else:
        derived = namer.derived(annotation)
        in_use = {derived} if derived else set()
        type_name = namer.complete([(derived, annotation)], in_use=in_use)[0]
    outputs = [OutputSignature(_OUTPUT_NAME, type_name)]
    return TaskSignature(cls.name, [], outputs, namer.missing, cls.lineno)
