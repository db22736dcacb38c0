/**
 * The plugin file editor's model, without Vue: name rules, the task drafts the forms edit,
 * their conversion to and from the API, checks made before saving, and the merge of a
 * signature analysis into the drafts (with suggested type names mapped to real types).
 */
import type {
  AnalyzedParam,
  AnalyzedTask,
  SignatureReport,
  StoredParam,
  StoredTasks,
  TasksIn,
} from "@/api/plugins";

// -- names -------------------------------------------------------------------------------

/** The server's identifier rule (plugin, task and parameter names): not just "_". */
const IDENTIFIER = /^(?:[A-Za-z]|[A-Za-z_][A-Za-z0-9_]+)$/;
/** The server's filename rule: identifier segments ending in ".py", folders start with a letter. */
const FILENAME = /^(?!.*\/_)(?!_\/)(?:[a-zA-Z][a-zA-Z0-9_]*\/)*[a-zA-Z_][a-zA-Z0-9_]*\.py$/;

export const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Why a plugin name is refused (null when fine). The plugin is imported by this name. */
export function pluginNameProblem(name: string): string | null {
  if (!name) return "A name is required.";
  if (!isIdentifier(name))
    return "Use a Python module name: letters, digits and underscores, not starting with a digit (and not just “_”).";
  if (PYTHON_KEYWORDS.has(name)) return `“${name}” is a Python keyword: the plugin could not be imported by it.`;
  return null;
}

export function filenameProblem(filename: string): string | null {
  if (!filename) return "A filename is required.";
  if (!filename.endsWith(".py")) return "A plugin file name ends with “.py” (e.g. tasks.py).";
  if (!FILENAME.test(filename))
    return "Use letters, digits and underscores (not starting with a digit), folders separated by “/”, ending in “.py”; “_.py” is not allowed.";
  return null;
}

export function identifierProblem(what: string, name: string): string | null {
  if (!name) return `A ${what} name is required.`;
  if (!isIdentifier(name)) return `“${name}” is not a Python identifier (letters, digits, underscores; not starting with a digit; not “_”).`;
  return null;
}

// -- drafts --------------------------------------------------------------------------------

export type TaskKind = "function" | "artifact";

export interface ParamDraft {
  /** Stable key for v-for. */
  key: string;
  name: string;
  typeId: number | null;
  /** The stored type's name, shown when it is not among the usable types (deleted, other group). */
  typeName?: string;
  typeDeleted?: boolean;
  required: boolean;
}

export interface TaskDraft {
  key: string;
  kind: TaskKind;
  name: string;
  inputs: ParamDraft[];
  outputs: ParamDraft[];
}

export interface TaskDrafts {
  functions: TaskDraft[];
  artifacts: TaskDraft[];
}

let counter = 0;
export function newKey(prefix = "k"): string {
  counter += 1;
  return `${prefix}${counter}`;
}

export function emptyParam(required = true): ParamDraft {
  return { key: newKey("p"), name: "", typeId: null, required };
}

export function emptyTask(kind: TaskKind): TaskDraft {
  return {
    key: newKey("t"),
    kind,
    name: "",
    inputs: [],
    outputs: kind === "artifact" ? [{ ...emptyParam(), name: "output" }] : [],
  };
}

function paramFromStored(param: StoredParam): ParamDraft {
  return {
    key: newKey("p"),
    name: param.name,
    typeId: param.parameterType.id,
    typeName: param.parameterType.name,
    typeDeleted: param.parameterType.deleted,
    required: param.required ?? true,
  };
}

export function draftsFromStored(tasks: StoredTasks): TaskDrafts {
  return {
    functions: tasks.functions.map((task) => ({
      key: newKey("t"),
      kind: "function",
      name: task.name,
      inputs: (task.inputParams ?? []).map(paramFromStored),
      outputs: task.outputParams.map(paramFromStored),
    })),
    artifacts: tasks.artifacts.map((task) => ({
      key: newKey("t"),
      kind: "artifact",
      name: task.name,
      inputs: [],
      outputs: task.outputParams.map(paramFromStored),
    })),
  };
}

/** The `tasks` of a file body. Call after `taskProblems` found nothing (types are set). */
export function draftsToTasksIn(drafts: TaskDrafts): TasksIn {
  const out = (params: ParamDraft[]) => params.map((p) => ({ name: p.name.trim(), parameterType: p.typeId as number }));
  return {
    functions: drafts.functions.map((task) => ({
      name: task.name.trim(),
      inputParams: task.inputs.map((p) => ({ name: p.name.trim(), parameterType: p.typeId as number, required: p.required })),
      outputParams: out(task.outputs),
    })),
    artifacts: drafts.artifacts.map((task) => ({ name: task.name.trim(), outputParams: out(task.outputs) })),
  };
}

/** A comparable fingerprint of drafts (for "unsaved changes"). */
export function draftsFingerprint(drafts: TaskDrafts): string {
  const params = (list: ParamDraft[]) => list.map((p) => [p.name, p.typeId, p.required]);
  const tasks = (list: TaskDraft[]) => list.map((t) => [t.name, params(t.inputs), params(t.outputs)]);
  return JSON.stringify([tasks(drafts.functions), tasks(drafts.artifacts)]);
}

/**
 * Problems found before saving, keyed like the server's field errors:
 * `tasks.functions.0.name`, `tasks.artifacts.1.outputParams.0.parameterType`, ...
 */
export function taskProblems(drafts: TaskDrafts): Record<string, string> {
  const problems: Record<string, string> = {};
  const allNames = [...drafts.functions, ...drafts.artifacts].map((t) => t.name.trim());
  const groups: [TaskKind, "functions" | "artifacts"][] = [
    ["function", "functions"],
    ["artifact", "artifacts"],
  ];
  for (const [kind, list] of groups) {
    drafts[list].forEach((task, index) => {
      const base = `tasks.${list}.${index}`;
      const name = task.name.trim();
      const nameProblem = identifierProblem("task", name);
      if (nameProblem) problems[`${base}.name`] = nameProblem;
      else if (allNames.filter((n) => n === name).length > 1) problems[`${base}.name`] = `Task names must be unique in a file: “${name}” is used twice.`;
      const sides: ["inputParams" | "outputParams", ParamDraft[]][] =
        kind === "function"
          ? [
              ["inputParams", task.inputs],
              ["outputParams", task.outputs],
            ]
          : [["outputParams", task.outputs]];
      for (const [side, params] of sides) {
        const names = params.map((p) => p.name.trim());
        params.forEach((param, pIndex) => {
          const key = `${base}.${side}.${pIndex}`;
          const paramName = param.name.trim();
          const problem = identifierProblem(side === "inputParams" ? "input" : "output", paramName);
          if (problem) problems[`${key}.name`] = problem;
          else if (names.filter((n) => n === paramName).length > 1) problems[`${key}.name`] = `“${paramName}” is listed twice.`;
          if (param.typeId == null) problems[`${key}.parameterType`] = "Choose a type.";
        });
      }
      if (kind === "artifact" && task.outputs.length === 0)
        problems[`${base}.outputParams`] = "An artifact task has at least one output (what deserialize returns).";
    });
  }
  return problems;
}

/**
 * Tasks whose name the code does not define (by the last analysis of the code): the server
 * accepts them, but a job would fail when it loads the task. Keyed like `taskProblems`.
 */
export function taskNameWarnings(drafts: TaskDrafts, report: SignatureReport): Record<string, string> {
  const warnings: Record<string, string> = {};
  const functions = report.tasks.map((t) => t.name);
  const artifacts = report.artifactTasks.map((t) => t.name);
  drafts.functions.forEach((task, index) => {
    const name = task.name.trim();
    if (!isIdentifier(name) || functions.includes(name)) return;
    warnings[`tasks.functions.${index}.name`] = artifacts.includes(name)
      ? `“${name}” is an artifact task class in the code, not a function: register it as an artifact task.`
      : `The code has no function “${name}” registered with @pyplugs.register: a job would fail to load it.`;
  });
  drafts.artifacts.forEach((task, index) => {
    const name = task.name.trim();
    if (!isIdentifier(name) || artifacts.includes(name)) return;
    warnings[`tasks.artifacts.${index}.name`] = functions.includes(name)
      ? `“${name}” is a function task in the code, not an artifact task class.`
      : `The code has no class “${name}” deriving from ArtifactTaskInterface: a job would fail to load it.`;
  });
  return warnings;
}

// -- signature analysis ---------------------------------------------------------------------

export interface TypeLike {
  id: number;
  name: string;
}

/** Names the analysis makes up for parameters without an annotation (type1, type2, ...). */
export function isGeneratedTypeName(name: string, task: AnalyzedTask): boolean {
  return /^type\d+$/.test(name) && !task.missing_types.some((m) => m.name === name);
}

/** Well-known annotations and the type name the tutorials give them. */
const ALIASES: Record<string, string> = {
  np_ndarray: "NumpyArray",
  numpy_ndarray: "NumpyArray",
  ndarray: "NumpyArray",
  np_array: "NumpyArray",
  numpy_array: "NumpyArray",
  npt_ndarray: "NumpyArray",
  npt_arraylike: "NumpyArray",
  pd_dataframe: "DataFrame",
  pandas_dataframe: "DataFrame",
  dataframe: "DataFrame",
  pd_series: "Series",
  pandas_series: "Series",
  path: "Path",
  pathlib_path: "Path",
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The name to give a new type for a suggested one (the tutorials' names for well-known ones). */
export function proposedTypeName(suggested: string): string {
  return ALIASES[suggested] ?? suggested;
}

/**
 * The existing type a suggested name stands for: same name, then the same ignoring case
 * and punctuation, then a well-known alias (np_ndarray -> NumpyArray); generated names
 * (a parameter without annotation) map to `any`.
 */
export function matchSuggestedType<T extends TypeLike>(suggested: string, types: readonly T[], generated = false): T | null {
  if (generated) return types.find((t) => t.name === "any") ?? null;
  const exact = types.find((t) => t.name === suggested);
  if (exact) return exact;
  const loose = types.find((t) => squash(t.name) === squash(suggested));
  if (loose) return loose;
  const alias = ALIASES[suggested];
  if (alias) return types.find((t) => t.name === alias) ?? types.find((t) => squash(t.name) === squash(alias)) ?? null;
  return null;
}

/**
 * A structure for a missing type, from its annotation text, when it is made only of builtins:
 * `dict[str, int]` -> {mapping: [string, integer]}, `list[float]` -> {list: number},
 * `tuple[int, str]` -> {tuple: [...]}, `X | None` / `Optional[X]` -> {union: [X, null]}.
 * Anything else is a simple type (null).
 */
export function proposedStructure(annotation: string): Record<string, unknown> | null {
  const builtin: Record<string, string> = { str: "string", int: "integer", float: "number", bool: "boolean", None: "null", Any: "any", object: "any" };
  const text = annotation.replace(/\s+/g, "").replace(/^typing\./, "");

  function split(args: string): string[] | null {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < args.length; i += 1) {
      const c = args[i];
      if (c === "[") depth += 1;
      else if (c === "]") depth -= 1;
      else if (c === "," && depth === 0) {
        parts.push(args.slice(start, i));
        start = i + 1;
      }
      if (depth < 0) return null;
    }
    parts.push(args.slice(start));
    return parts;
  }

  function convert(expr: string): unknown {
    if (builtin[expr]) return builtin[expr];
    const unionParts = split(expr.replace(/\|/g, ","));
    if (expr.includes("|") && unionParts && !expr.includes("[")) {
      const members = unionParts.map(convert);
      return members.every((m) => m !== undefined) ? { union: members } : undefined;
    }
    const match = /^([A-Za-z_.]+)\[(.*)\]$/.exec(expr);
    if (!match) return undefined;
    const head = (match[1] ?? "").replace(/^typing\./, "");
    const args = split(match[2] ?? "");
    if (!args) return undefined;
    const items = args.map(convert);
    if (items.some((i) => i === undefined)) return undefined;
    if ((head === "list" || head === "List" || head === "Sequence") && items.length === 1) return { list: items[0] };
    if ((head === "dict" || head === "Dict" || head === "Mapping") && items.length === 2) {
      return items[0] === "string" || items[0] === "integer" ? { mapping: items } : undefined;
    }
    if ((head === "tuple" || head === "Tuple") && items.length >= 1 && !args.includes("...")) return { tuple: items };
    if (head === "Optional" && items.length === 1) return { union: [items[0], "null"] };
    if (head === "Union" && items.length >= 2) return { union: items };
    return undefined;
  }

  const result = convert(text);
  return typeof result === "object" && result !== null ? (result as Record<string, unknown>) : null;
}

/** A distinct suggested type name of an analysis and what it maps to. */
export interface SuggestedType {
  name: string;
  /** The annotation text (when the analysis reported it missing). */
  annotation: string;
  /** True for the made-up names of parameters without an annotation. */
  generated: boolean;
  /** The tasks and parameters using it, for display. */
  usedBy: string[];
}

export function suggestedTypes(report: SignatureReport): SuggestedType[] {
  const byName = new Map<string, SuggestedType>();
  const visit = (task: AnalyzedTask, params: { name: string; type: string }[], side: string) => {
    for (const param of params) {
      const existing = byName.get(param.type);
      const use = side === "in" ? `${task.name}(${param.name})` : `${task.name} → ${param.name}`;
      if (existing) existing.usedBy.push(use);
      else {
        byName.set(param.type, {
          name: param.type,
          annotation: task.missing_types.find((m) => m.name === param.type)?.description ?? param.type,
          generated: isGeneratedTypeName(param.type, task),
          usedBy: [use],
        });
      }
    }
  };
  for (const task of report.tasks) {
    visit(task, task.inputs ?? [], "in");
    visit(task, task.outputs, "out");
  }
  for (const task of report.artifactTasks) visit(task, task.outputs, "out");
  return [...byName.values()];
}

/**
 * The outputs of an analysed task as they would be registered. A Python return value has no
 * name, so the analysis calls it "output"; when the registered task has one output too, its
 * name (the one entrypoints refer to, `$step.sample`) is kept.
 */
export function analyzedOutputs(task: AnalyzedTask, previous: TaskDraft | undefined): AnalyzedParam[] {
  const only = task.outputs.length === 1 ? task.outputs[0] : undefined;
  const before = previous?.outputs.length === 1 ? previous.outputs[0] : undefined;
  if (only && before && only.name === "output" && before.name.trim()) return [{ ...only, name: before.name.trim() }];
  return task.outputs;
}

/** How an analysed task compares with what the form registers. */
export type TaskStatus = "new" | "same" | "changed";

export function analyzedStatus(
  task: AnalyzedTask,
  kind: TaskKind,
  drafts: TaskDrafts,
  mapping: Record<string, number | null>,
): TaskStatus {
  const list = kind === "function" ? drafts.functions : drafts.artifacts;
  const current = list.find((t) => t.name === task.name);
  if (!current) return "new";
  const same = (params: ParamDraft[], analyzed: { name: string; type: string; required?: boolean }[], withRequired: boolean) =>
    params.length === analyzed.length &&
    analyzed.every((a, i) => {
      const p = params[i];
      return p && p.name === a.name && p.typeId === (mapping[a.type] ?? null) && (!withRequired || p.required === (a.required ?? true));
    });
  const unchanged =
    kind === "function"
      ? same(current.inputs, task.inputs ?? [], true) && same(current.outputs, analyzedOutputs(task, current), false)
      : same(current.outputs, analyzedOutputs(task, current), false);
  return unchanged ? "same" : "changed";
}

/**
 * Merges the chosen analysed tasks into the drafts: a task of the same kind and name is
 * replaced in place (keeping the type a same-named parameter had when the suggestion maps
 * to nothing), others are appended.
 */
export function mergeAnalysis(
  drafts: TaskDrafts,
  report: SignatureReport,
  chosen: { functions: string[]; artifacts: string[] },
  mapping: Record<string, number | null>,
): TaskDrafts {
  const build = (
    task: AnalyzedTask,
    kind: TaskKind,
    previous: TaskDraft | undefined,
  ): TaskDraft => {
    const param = (a: { name: string; type: string; required?: boolean }, old: ParamDraft[] | undefined): ParamDraft => {
      const before = old?.find((p) => p.name === a.name);
      const typeId = mapping[a.type] ?? before?.typeId ?? null;
      return {
        key: newKey("p"),
        name: a.name,
        typeId,
        typeName: typeId === before?.typeId ? before?.typeName : undefined,
        required: a.required ?? true,
      };
    };
    return {
      key: previous?.key ?? newKey("t"),
      kind,
      name: task.name,
      inputs: kind === "function" ? (task.inputs ?? []).map((a) => param(a, previous?.inputs)) : [],
      outputs: analyzedOutputs(task, previous).map((a) => param(a, previous?.outputs)),
    };
  };
  const merge = (list: TaskDraft[], analyzed: AnalyzedTask[], names: string[], kind: TaskKind) => {
    const next = [...list];
    for (const task of analyzed) {
      if (!names.includes(task.name)) continue;
      const index = next.findIndex((t) => t.name === task.name);
      if (index >= 0) next[index] = build(task, kind, next[index]);
      else next.push(build(task, kind, undefined));
    }
    return next;
  };
  return {
    functions: merge(drafts.functions, report.tasks, chosen.functions, "function"),
    artifacts: merge(drafts.artifacts, report.artifactTasks, chosen.artifacts, "artifact"),
  };
}

/** The line and column of "… (line 3, column 7)" in the analysis' parse error. */
export function parseErrorPosition(message: string): { line: number; column?: number } | null {
  const match = /\(line (\d+)(?:, column (\d+))?\)/.exec(message);
  if (!match) return null;
  return { line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined };
}
