/**
 * Pure logic of the entrypoint editor's two YAML texts (no Vue, no HTTP):
 *
 * - `readTaskGraph` / `readArtifactGraph`: parse the text with `yaml` (source ranges) into
 *   steps / artifact outputs with their 1-based lines and `$references`, plus parse errors;
 * - `buildGraph`: the DAG (parameters and artifact parameters as sources, steps, artifact
 *   outputs as sinks, edges from references and `dependencies`);
 * - `clientDiagnostics`: instant checks (YAML syntax, unknown references, unknown tasks);
 * - `issuesToDiagnostics`: the server's lint / dry-run messages placed on the right editor
 *   and line (`... (line 3): ...`, `... at line 4, column 1 ...`);
 * - `stepSkeleton` / `artifactSkeleton` / `appendBlock`: "add to graph" text.
 *
 * Task graph syntax (Dioptra): `step: {task: [args] | {kwargs} | scalar}`, or the mixed
 * form `step: {task: name, args, kwargs}`, each with an optional `dependencies` key.
 * A string value starting with `$` (not `$$`) is a reference `$name` or `$name.output`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";

export type Severity = "error" | "warning";

/** What `CodeEditor`'s `diagnostics` prop takes. */
export interface Diagnostic {
  line: number;
  message: string;
  severity: Severity;
  /** 1-based column where the problem starts (else the whole line). */
  column?: number;
}

export interface Reference {
  /** The name before the dot: a parameter, step or artifact parameter. */
  root: string;
  output?: string;
  line: number;
}

export interface StepInfo {
  name: string;
  task: string | null;
  line: number;
  /** Where the task name is written (its key, or the value of `task:`). */
  taskLine: number;
  taskColumn: number;
  refs: Reference[];
  dependencies: Reference[];
}

export interface ArtifactOutputInfo {
  name: string;
  task: string | null;
  line: number;
  refs: Reference[];
}

export interface ParsedText<T> {
  items: T[];
  /** YAML syntax errors and shape problems found while reading. */
  errors: Diagnostic[];
}

function lineOf(counter: LineCounter, node: unknown, fallback = 1): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return fallback;
  return counter.linePos(range[0]).line;
}

function columnOf(counter: LineCounter, node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? counter.linePos(range[0]).col : 1;
}

/** A `$ref` string, or null for literals (`$$x`, a lone `$`, text not starting with `$`). */
export function parseReference(value: string): { root: string; output?: string } | null {
  if (!value.startsWith("$") || value.startsWith("$$") || value.length < 2) return null;
  const body = value.slice(1);
  const dot = body.indexOf(".");
  if (dot < 0) return { root: body };
  return { root: body.slice(0, dot), output: body.slice(dot + 1) };
}

/** Every reference in a value (scalars, nested lists and mapping values). */
function collectRefs(node: unknown, counter: LineCounter, out: Reference[]): void {
  if (isScalar(node)) {
    if (typeof node.value === "string") {
      const ref = parseReference(node.value);
      if (ref) out.push({ ...ref, line: lineOf(counter, node) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collectRefs(item, counter, out);
  } else if (isMap(node)) {
    for (const pair of node.items) collectRefs(pair.value, counter, out);
  }
}

function scalarText(node: unknown): string | null {
  if (isScalar(node) && node.value != null) return String(node.value);
  return null;
}

interface ReadDocument {
  root: YamlNode | null;
  counter: LineCounter;
  errors: Diagnostic[];
}

function readDocument(text: string): ReadDocument {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const errors: Diagnostic[] = [];
  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line;
    errors.push({ line, message: `YAML: ${firstLine(error.message)}`, severity: "error" });
  }
  for (const warning of doc.warnings) {
    const line = warning.linePos?.[0]?.line ?? counter.linePos(warning.pos[0]).line;
    errors.push({ line, message: `YAML: ${firstLine(warning.message)}`, severity: "warning" });
  }
  return { root: (doc.contents as YamlNode | null) ?? null, counter, errors };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

const MIXED_KEYS = new Set(["task", "args", "kwargs", "dependencies"]);

/** The steps of a task graph text (the body of `graph`). */
export function readTaskGraph(text: string): ParsedText<StepInfo> {
  const { root, counter, errors } = readDocument(text);
  const items: StepInfo[] = [];
  if (root == null || (isScalar(root) && root.value == null)) return { items, errors };
  if (!isMap(root)) {
    errors.push({ line: lineOf(counter, root), message: "The task graph must be a mapping of step names to steps.", severity: "error" });
    return { items, errors };
  }
  for (const pair of root.items) {
    const name = scalarText(pair.key) ?? "";
    const line = lineOf(counter, pair.key);
    const step: StepInfo = { name, task: null, line, taskLine: line, taskColumn: 1, refs: [], dependencies: [] };
    const body = pair.value;
    if (isMap(body)) {
      const keys = body.items.map((item) => scalarText(item.key) ?? "");
      const mixed = keys.includes("task");
      for (const item of body.items) {
        const key = scalarText(item.key) ?? "";
        if (key === "dependencies") {
          collectRefsAsNames(item.value, counter, step.dependencies);
        } else if (mixed) {
          if (key === "task") {
            step.task = scalarText(item.value);
            step.taskLine = lineOf(counter, item.value, line);
            step.taskColumn = columnOf(counter, item.value);
          }
          else if (MIXED_KEYS.has(key)) collectRefs(item.value, counter, step.refs);
        } else if (step.task === null) {
          step.task = key;
          step.taskLine = lineOf(counter, item.key, line);
          step.taskColumn = columnOf(counter, item.key);
          collectRefs(item.value, counter, step.refs);
        }
      }
    }
    items.push(step);
  }
  return { items, errors };
}

/** `dependencies: step` or `[a, b]`: plain step names (a `$` is tolerated). */
function collectRefsAsNames(node: unknown, counter: LineCounter, out: Reference[]): void {
  const add = (item: unknown) => {
    const text = scalarText(item);
    if (text) out.push({ root: text.replace(/^\$/, "").split(".")[0] ?? text, line: lineOf(counter, item) });
  };
  if (isSeq(node)) node.items.forEach(add);
  else add(node);
}

/** The outputs of an artifact graph text (the body of `artifact_outputs`). */
export function readArtifactGraph(text: string): ParsedText<ArtifactOutputInfo> {
  const { root, counter, errors } = readDocument(text);
  const items: ArtifactOutputInfo[] = [];
  if (root == null || (isScalar(root) && root.value == null)) return { items, errors };
  if (!isMap(root)) {
    errors.push({ line: lineOf(counter, root), message: "The artifact output graph must be a mapping of output names to outputs.", severity: "error" });
    return { items, errors };
  }
  for (const pair of root.items) {
    const output: ArtifactOutputInfo = { name: scalarText(pair.key) ?? "", task: null, line: lineOf(counter, pair.key), refs: [] };
    if (isMap(pair.value)) {
      for (const item of pair.value.items) {
        const key = scalarText(item.key);
        if (key === "contents") collectRefs(item.value, counter, output.refs);
        else if (key === "task" && isMap(item.value)) output.task = scalarText(item.value.get("name", true));
      }
    }
    items.push(output);
  }
  return { items, errors };
}

// -- the DAG ------------------------------------------------------------------------------

export type NodeKind = "parameter" | "artifactParameter" | "step" | "artifactOutput" | "missing";

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Task name, parameter type, artifact task... */
  detail: string;
  /** The line in its editor (steps: task graph; outputs: artifact graph). */
  line?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** `.output` of the reference, when it names one. */
  label?: string;
  dependency?: boolean;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphInputs {
  parameters: { name: string; type: string }[];
  artifactParameters: { name: string; outputs: string[] }[];
}

export function buildGraph(
  steps: StepInfo[],
  outputs: ArtifactOutputInfo[],
  inputs: GraphInputs,
): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const byName = new Map<string, string>();
  const used = new Set<string>();

  // Steps shadow nothing: Dioptra resolves a bare name as parameter, then step, then
  // artifact input (a clash is a server error anyway).
  for (const p of inputs.parameters) byName.set(p.name, `param:${p.name}`);
  for (const s of steps) if (!byName.has(s.name)) byName.set(s.name, `step:${s.name}`);
  for (const a of inputs.artifactParameters) if (!byName.has(a.name)) byName.set(a.name, `aparam:${a.name}`);

  const missing = new Map<string, GraphNode>();
  const sourceOf = (root: string): string => {
    const id = byName.get(root);
    if (id) {
      used.add(id);
      return id;
    }
    const missingId = `missing:${root}`;
    if (!missing.has(root)) missing.set(root, { id: missingId, kind: "missing", label: `$${root}`, detail: "not defined" });
    return missingId;
  };
  const addEdges = (target: string, refs: Reference[], dependency = false) => {
    const seen = new Set<string>();
    for (const ref of refs) {
      const source = sourceOf(ref.root);
      const key = `${source}|${ref.output ?? ""}`;
      if (seen.has(key) || source === target) continue;
      seen.add(key);
      edges.push({ id: `e:${source}->${target}:${ref.output ?? ""}${dependency ? ":dep" : ""}`, source, target, label: ref.output, dependency });
    }
  };

  for (const s of steps) {
    nodes.push({ id: `step:${s.name}`, kind: "step", label: s.name, detail: s.task ?? "?", line: s.line });
  }
  for (const s of steps) {
    addEdges(`step:${s.name}`, s.refs);
    addEdges(`step:${s.name}`, s.dependencies, true);
  }
  for (const o of outputs) {
    const id = `output:${o.name}`;
    nodes.push({ id, kind: "artifactOutput", label: o.name, detail: o.task ?? "?", line: o.line });
    addEdges(id, o.refs);
  }
  // Sources: every declared parameter (unused ones too, so the picture matches the form).
  const sources: GraphNode[] = [
    ...inputs.parameters.map((p) => ({ id: `param:${p.name}`, kind: "parameter" as const, label: `$${p.name}`, detail: p.type })),
    ...inputs.artifactParameters.map((a) => ({
      id: `aparam:${a.name}`,
      kind: "artifactParameter" as const,
      label: `$${a.name}`,
      detail: a.outputs.length > 1 ? `artifact (${a.outputs.length} outputs)` : "artifact",
    })),
  ];
  void used;
  return { nodes: [...sources, ...nodes, ...missing.values()], edges };
}

// -- instant client-side checks --------------------------------------------------------------

export interface KnownNames {
  parameters: string[];
  artifactParameters: string[];
  /** Function task names of the chosen task plugins (null: not known yet, skip the check). */
  tasks: string[] | null;
  /** Artifact task names of the chosen artifact plugins (null: skip). */
  artifactTasks: string[] | null;
}

export interface ClientChecks {
  task: Diagnostic[];
  artifact: Diagnostic[];
}

/** Warnings a user sees as they type, before the server answers. */
export function clientDiagnostics(
  task: ParsedText<StepInfo>,
  artifact: ParsedText<ArtifactOutputInfo>,
  known: KnownNames,
): ClientChecks {
  const names = new Set([...known.parameters, ...known.artifactParameters, ...task.items.map((s) => s.name)]);
  const stepNames = new Set(task.items.map((s) => s.name));
  const out: ClientChecks = { task: [...task.errors], artifact: [...artifact.errors] };
  const unknownRef = (ref: Reference) => `Unknown reference '$${ref.root}': no parameter, step or artifact parameter has that name.`;
  for (const step of task.items) {
    if (known.tasks && step.task && !known.tasks.includes(step.task)) {
      out.task.push({
        line: step.taskLine,
        column: step.taskColumn,
        severity: "warning",
        message: known.tasks.length
          ? `Step '${step.name}': no chosen task plugin has a task '${step.task}' (known: ${known.tasks.join(", ")}).`
          : `Step '${step.name}': choose a task plugin that provides '${step.task}'.`,
      });
    }
    for (const ref of step.refs) if (!names.has(ref.root)) out.task.push({ line: ref.line, severity: "warning", message: unknownRef(ref) });
    for (const dep of step.dependencies) {
      if (!stepNames.has(dep.root)) out.task.push({ line: dep.line, severity: "warning", message: `Unknown dependency '${dep.root}': no step has that name.` });
    }
  }
  for (const output of artifact.items) {
    if (known.artifactTasks && output.task && !known.artifactTasks.includes(output.task)) {
      out.artifact.push({
        line: output.line,
        severity: "warning",
        message: known.artifactTasks.length
          ? `Artifact output '${output.name}': no chosen artifact plugin has a task '${output.task}' (known: ${known.artifactTasks.join(", ")}).`
          : `Artifact output '${output.name}': choose an artifact plugin that provides '${output.task}'.`,
      });
    }
    for (const ref of output.refs) if (!names.has(ref.root)) out.artifact.push({ line: ref.line, severity: "warning", message: unknownRef(ref) });
  }
  return out;
}

// -- server issues -> editor lines -----------------------------------------------------------

export interface PlacedIssues {
  task: Diagnostic[];
  artifact: Diagnostic[];
  /** Issues with no line (parameters, plugins, ...), shown in the issue list. */
  general: string[];
}

/** Which editor a server message is about: `artifact output '...'` / `artifact graph` vs steps. */
export function issueTarget(message: string): "task" | "artifact" | "general" {
  if (/artifact output '|artifact graph|artifact_outputs/i.test(message)) return "artifact";
  if (/step '|task graph|\bgraph\b.*line \d+/i.test(message)) return "task";
  return "general";
}

export function issueLine(message: string): number | null {
  const match = /\(line (\d+)\)/.exec(message) ?? /\bat line (\d+)/.exec(message) ?? /\bline (\d+)\b/.exec(message);
  return match ? Number(match[1]) : null;
}

/** Clamps a line into the text (a parse error "at line N+1" of an N-line text). */
function clampLine(line: number, text: string): number {
  const count = Math.max(1, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
  return Math.min(Math.max(1, line), count);
}

/** An "unknown task" finding names the step; the mark goes on the task name itself. */
function refineTaskLine(message: string, steps: StepInfo[]): { line: number; column: number } | null {
  const step = /step '([^']+)'/.exec(message)?.[1];
  if (!step || !/unknown task /.test(message)) return null;
  const found = steps.find((s) => s.name === step);
  return found ? { line: found.taskLine, column: found.taskColumn } : null;
}

/** Drops the engine's `semantic.error: ` style prefix and the `[Swap combination {}] `
 * of a graph without swaps: the rest is the sentence a user reads. */
export function readableMessage(message: string): string {
  return message.replace(/^(syntax|schema|semantic|type)\.(error|warning): /, "").replace(/^\[Swap combination \{\}\] /, "");
}

/** A server finding's severity, from its `kind.severity: ` prefix (warnings do not stop a
 * save, e.g. an artifact task no attached plugin registers: jobs are refused until one does). */
export function issueSeverity(message: string): Severity {
  return /^(syntax|schema|semantic|type)\.warning: /.test(message) ? "warning" : "error";
}

export function issuesToDiagnostics(rawMessages: string[], taskText: string, artifactText: string): PlacedIssues {
  const placed: PlacedIssues = { task: [], artifact: [], general: [] };
  const steps = readTaskGraph(taskText).items;
  for (const raw of rawMessages) {
    const severity = issueSeverity(raw);
    const message = readableMessage(raw);
    const target = issueTarget(message);
    const line = issueLine(message);
    if (target === "general" || line === null) {
      // A message about a graph without a line still belongs near that editor.
      if (target === "task" && taskText.trim()) placed.task.push({ line: 1, message, severity });
      else if (target === "artifact" && artifactText.trim()) placed.artifact.push({ line: 1, message, severity });
      else placed.general.push(message);
      continue;
    }
    const text = target === "task" ? taskText : artifactText;
    const refined = target === "task" ? refineTaskLine(message, steps) : null;
    if (refined) placed.task.push({ ...refined, message, severity });
    else placed[target].push({ line: clampLine(line, text), message, severity });
  }
  return placed;
}

/** The messages of a `validateOnly` dry run's `detail.reason` (undeclared globals are
 * repeated by the located `unresolvable reference` messages, so kept only when alone). */
export function reasonMessages(reason: Record<string, unknown>): string[] {
  const lists = (key: string) => (Array.isArray(reason[key]) ? (reason[key] as unknown[]).map(String) : []);
  const located = [...lists("schema_issues"), ...lists("swap_issues"), ...lists("rendered_validation_errors")];
  const unique = [...new Set(located)];
  const missing = lists("missing_global_params");
  if (missing.length && !unique.some((m) => m.includes("unresolvable reference"))) {
    unique.push(...missing.map((name) => `undeclared global parameter: ${name}`));
  }
  return unique;
}

// -- "add to graph" ----------------------------------------------------------------------------

export interface TaskInput {
  name: string;
  type: string;
  required: boolean;
}

function uniqueName(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_") || "step";
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

/** A step calling `task` with its inputs as keyword arguments. An input named like a
 * parameter is bound to it (`$name`); a required one takes the latest value of its type
 * (a step's output or an artifact parameter), else `null` and a comment to fill in;
 * optional ones are listed as comments. */
export function stepSkeleton(
  task: string,
  inputs: TaskInput[],
  takenNames: string[],
  parameterNames: string[],
  /** Values of known types, latest last (`$step`, `$step.output`, `$artifact_param`): a
   * required input takes the latest of its type. */
  sources: { ref: string; type: string }[] = [],
): string {
  const name = uniqueName(`${task}_step`, new Set(takenNames));
  const params = new Set(parameterNames);
  const lines = [`${name}:`];
  const bound = inputs.filter((i) => params.has(i.name) || i.required);
  const optional = inputs.filter((i) => !params.has(i.name) && !i.required);
  const byType = (type: string) => [...sources].reverse().find((source) => source.type === type)?.ref;
  if (!bound.length) {
    // `task:` with no value would pass one None argument: `{}` calls it with none.
    if (optional.length) lines.push(`  # optional: ${optional.map((i) => `${i.name} (${i.type})`).join(", ")}`);
    lines.push(`  ${task}: {}`);
    return lines.join("\n");
  }
  lines.push(`  ${task}:`);
  for (const input of bound) {
    const guess = params.has(input.name) ? undefined : byType(input.type);
    if (params.has(input.name)) lines.push(`    ${input.name}: $${input.name}`);
    else if (guess) lines.push(`    ${input.name}: ${guess}  # the latest ${input.type}`);
    else lines.push(`    ${input.name}: null  # required: ${input.type}`);
  }
  for (const input of optional) lines.push(`    # ${input.name}: ...  (optional, ${input.type})`);
  return lines.join("\n");
}

/** An artifact output saving `contents` (a `$reference`) with an artifact task. */
export function artifactSkeleton(task: string, takenNames: string[], contents: string): string {
  const base = task.replace(/ArtifactTask$|Task$/, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase() || "artifact";
  const name = uniqueName(`${base}_output`, new Set(takenNames));
  return [`${name}:`, `  contents: ${contents || "null  # a $step or $step.output to save"}`, "  task:", `    name: ${task}`].join("\n");
}

/** Appends a block at the end of a YAML text with one newline between. */
export function appendBlock(text: string, block: string): string {
  const trimmed = text.replace(/\s+$/, "");
  return `${trimmed ? `${trimmed}\n` : ""}${block}\n`;
}
