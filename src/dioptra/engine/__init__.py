"""The task engine: experiment documents, their types, validation and execution.

Pure: it takes a document (a mapping, or YAML text) and importable plugin modules;
it touches no database and speaks no HTTP.
"""

from dioptra.engine.errors import (
    ArtifactError,
    EngineError,
    ExperimentValidationError,
    MissingGlobalParametersError,
    PluginLoadError,
    SwapError,
    TaskExecutionError,
    YamlSyntaxError,
)
from dioptra.engine.execution import ArtifactInput, RunResult, SavedArtifact, run_experiment
from dioptra.engine.issues import Issue, IssueKind, Severity, is_valid
from dioptra.engine.source_map import SourceMap, load_yaml
from dioptra.engine.swaps import (
    CompiledDocument,
    SwapInfo,
    compile_swaps,
    graph_reference_roots,
    list_swaps,
    render_swaps,
    validate_swappable,
)
from dioptra.engine.validation import validate

__all__ = [
    "ArtifactError",
    "ArtifactInput",
    "CompiledDocument",
    "EngineError",
    "ExperimentValidationError",
    "Issue",
    "IssueKind",
    "MissingGlobalParametersError",
    "PluginLoadError",
    "RunResult",
    "SavedArtifact",
    "Severity",
    "SourceMap",
    "SwapError",
    "SwapInfo",
    "TaskExecutionError",
    "YamlSyntaxError",
    "compile_swaps",
    "graph_reference_roots",
    "is_valid",
    "list_swaps",
    "load_yaml",
    "render_swaps",
    "run_experiment",
    "validate",
    "validate_swappable",
]
