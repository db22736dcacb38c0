/**
 * The job form's parameter logic, pure (no Vue): which input each entrypoint parameter
 * gets, its starting value, the client-side check before submit, the string the server
 * takes, which artifacts fit an artifact parameter, and the server's errors by field.
 *
 * The server (engine/parameters.py) reads values as: string as is; boolean "true"/"false"
 * (any case); integer Python int(); float Python float(); list and mapping JSON.
 */

export type ParameterKind = "boolean" | "integer" | "float" | "list" | "mapping" | "string";

export interface ParameterDecl {
  name: string;
  defaultValue: string | null;
  parameterType: string;
}

/** The value an input holds: a toggle holds a boolean, everything else text. */
export type ParameterInput = boolean | string;

export function parameterKind(parameterType: string): ParameterKind {
  switch (parameterType) {
    case "boolean":
    case "integer":
    case "float":
    case "list":
    case "mapping":
      return parameterType;
    default:
      return "string";
  }
}

/** Pretty-prints JSON text when it parses, so a list/mapping default is easy to edit. */
function prettyJson(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return text.length <= 60 ? text : JSON.stringify(parsed, null, 2);
  } catch {
    return text;
  }
}

/** An input's first value: the default (or the value of a job being rerun). */
export function initialInput(decl: ParameterDecl, value?: string | null): ParameterInput {
  const kind = parameterKind(decl.parameterType);
  const text = value ?? decl.defaultValue;
  if (kind === "boolean") return (text ?? "").trim().toLowerCase() === "true";
  if (text == null) return "";
  if (kind === "list" || kind === "mapping") return prettyJson(text);
  return text;
}

const INTEGER = /^\s*[+-]?\d(_?\d)*\s*$/;
const FLOAT = /^\s*[+-]?((\d(_?\d)*)?\.?\d(_?\d)*([eE][+-]?\d+)?|(\d(_?\d)*)\.|inf(inity)?|nan)\s*$/i;

/** Parses list/mapping text: JSON first, then YAML when a parser is given. */
export type YamlParse = (text: string) => unknown;

function structured(kind: "list" | "mapping", text: string, yamlParse?: YamlParse): { value?: unknown; error?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (jsonError) {
    if (!yamlParse) return { error: `Not valid JSON: ${(jsonError as Error).message}` };
    try {
      parsed = yamlParse(text);
    } catch (yamlError) {
      return { error: `Neither JSON nor YAML: ${((yamlError as Error).message.split("\n")[0] ?? "").replace(/:\s*$/, "")}` };
    }
  }
  if (kind === "list" && !Array.isArray(parsed)) return { error: "Write a list, e.g. [1, 2, 3]." };
  if (kind === "mapping" && (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)))
    return { error: 'Write a mapping, e.g. {"key": "value"}.' };
  return { value: parsed };
}

/** What is wrong with an input (null when it will do); the server checks again. */
export function checkInput(decl: ParameterDecl, input: ParameterInput, yamlParse?: YamlParse): string | null {
  const kind = parameterKind(decl.parameterType);
  if (kind === "boolean" || kind === "string") return null;
  const text = String(input);
  if (!text.trim()) return decl.defaultValue == null ? "A value is required." : "Give a value (the default was cleared).";
  if (kind === "integer" && !INTEGER.test(text)) return "Write a whole number, e.g. 100.";
  if (kind === "float" && !FLOAT.test(text)) return "Write a number, e.g. 0.5 or 1e-3.";
  if (kind === "list" || kind === "mapping") return structured(kind, text, yamlParse).error ?? null;
  return null;
}

/** The string the server takes for an input. */
export function serializeInput(decl: ParameterDecl, input: ParameterInput, yamlParse?: YamlParse): string {
  const kind = parameterKind(decl.parameterType);
  if (kind === "boolean") return input === true || String(input).toLowerCase() === "true" ? "true" : "false";
  const text = String(input);
  if (kind === "list" || kind === "mapping") {
    const { value } = structured(kind, text, yamlParse);
    return value === undefined ? text : JSON.stringify(value);
  }
  if (kind === "integer" || kind === "float") return text.trim();
  return text;
}

// -- artifact parameters ------------------------------------------------------------------

export interface OutputParam {
  name: string;
  parameterType: { id: number; name: string } | string;
}

function readOutputs(raw: unknown): OutputParam[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item): item is OutputParam => typeof item === "object" && item !== null && typeof (item as OutputParam).name === "string",
  );
}

export interface ArtifactParameterDecl {
  name: string;
  outputParams: OutputParam[];
}

/** The entrypoint's `artifactParameters` (typed loosely by the API) as declarations. */
export function artifactParameterDecls(raw: readonly Record<string, unknown>[]): ArtifactParameterDecl[] {
  return raw
    .filter((item) => typeof item.name === "string")
    .map((item) => ({ name: item.name as string, outputParams: readOutputs(item.outputParams) }));
}

export function typeName(type: OutputParam["parameterType"]): string {
  return typeof type === "string" ? type : type.name;
}

/** The output types an artifact's task gives, or null when it has no artifact task. */
export function artifactOutputs(task: unknown): OutputParam[] | null {
  if (typeof task !== "object" || task === null) return null;
  const outputs = (task as { outputParams?: unknown }).outputParams;
  return Array.isArray(outputs) ? readOutputs(outputs) : null;
}

/** Whether an artifact's task outputs exactly the parameter's types, in order (as the server checks). */
export function artifactFits(task: unknown, decl: ArtifactParameterDecl): boolean {
  const outputs = artifactOutputs(task);
  if (!outputs || outputs.length !== decl.outputParams.length) return false;
  return outputs.every((output, index) => {
    const wanted = decl.outputParams[index];
    if (!wanted) return false;
    const a = output.parameterType;
    const b = wanted.parameterType;
    if (typeof a !== "string" && typeof b !== "string") return a.id === b.id;
    return typeName(a) === typeName(b);
  });
}

export function outputsLabel(outputs: readonly OutputParam[]): string {
  return outputs.map((output) => `${output.name}: ${typeName(output.parameterType)}`).join(", ");
}

// -- the server's errors, by field ---------------------------------------------------------

/** Names quoted in a message: `"['a', 'b']"` lists, or a comma list after a colon. */
function namesIn(message: string): string[] {
  const listed = /\[([^\]]*)\]/.exec(message);
  if (listed?.[1] !== undefined && /'/.test(listed[1])) {
    return [...listed[1].matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "").filter(Boolean);
  }
  const afterColon = /:\s*([^:]+?)\.?$/.exec(message);
  if (afterColon?.[1]) return afterColon[1].split(",").map((s) => s.trim()).filter(Boolean);
  return [];
}

/**
 * Places a job submission's error next to the fields it is about. Keys: `timeout`,
 * `queue`, `entrypoint`, `values.<name>`, `artifactValues.<name>`; `_` holds what has no field.
 */
export function jobErrorFields(
  code: string | undefined,
  message: string,
  parameterNames: readonly string[],
  artifactNames: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (prefix: string, names: readonly string[], text: (name: string) => string) => {
    for (const name of names) out[`${prefix}.${name}`] = text(name);
  };
  switch (code) {
    case "JobTimeoutError":
      out.timeout = message;
      return out;
    case "EntrypointParameterTypeMismatchError": {
      const listed = [...message.matchAll(/\[([^\]]*)\]/g)].map((m) =>
        [...(m[1] ?? "").matchAll(/'([^']*)'/g)].map((q) => q[1] ?? ""),
      );
      const [values = [], names = [], types = []] = listed;
      names.forEach((name, index) => {
        out[`values.${name}`] = `The server cannot read "${values[index] ?? ""}" as ${types[index] ?? "its type"}.`;
      });
      if (names.length) return out;
      break;
    }
    case "JobParameterMissingError": {
      const names = namesIn(message).filter((n) => parameterNames.includes(n));
      put("values", names, () => "A value is required.");
      if (names.length) return out;
      break;
    }
    case "JobArtifactParameterMissingError": {
      const names = namesIn(message).filter((n) => artifactNames.includes(n));
      put("artifactValues", names, () => "Choose an artifact.");
      if (names.length) return out;
      break;
    }
    case "ArtifactParameterTypeMismatchError": {
      const names = namesIn(message).filter((n) => artifactNames.includes(n));
      put("artifactValues", names, () => message);
      if (names.length) return out;
      break;
    }
    case "EntityNotRegisteredError":
      if (/queue/.test(message)) out.queue = message;
      else out.entrypoint = message;
      return out;
    default:
      break;
  }
  // A message that names exactly one of the parameters goes next to it.
  const mentioned = parameterNames.filter((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(message));
  const mentionedArtifacts = artifactNames.filter((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(message));
  if (mentioned.length === 1 && !mentionedArtifacts.length) out[`values.${mentioned[0]}`] = message;
  else if (mentionedArtifacts.length === 1 && !mentioned.length) out[`artifactValues.${mentionedArtifacts[0]}`] = message;
  else out._ = message;
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Dioptra's timeout form: seconds, or a number with s, m, h, d or w. */
export function checkTimeout(timeout: string): string | null {
  if (!/^\s*\d+(\.\d+)?\s*[smhdw]?\s*$/i.test(timeout) || !/[1-9]/.test(timeout))
    return "Write a duration: seconds, or a number followed by s, m, h, d or w (e.g. 30m, 24h).";
  return null;
}

// -- sweeps: one job per combination of values ---------------------------------------------

/** Kinds whose values can be swept (written as a comma-separated list). */
export function sweepable(decl: ParameterDecl): boolean {
  const kind = parameterKind(decl.parameterType);
  return kind === "integer" || kind === "float" || kind === "string";
}

/** The values of a swept input: comma-separated, trimmed, empty items dropped. */
export function sweepValues(text: string): string[] {
  return text
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
}

/** What is wrong with a swept input (null when every value will do). */
export function checkSweep(decl: ParameterDecl, text: string): string | null {
  const values = sweepValues(text);
  if (!values.length) return "Give one or more values, separated by commas.";
  for (const value of values) {
    const problem = checkInput(decl, value);
    if (problem) return `${value}: ${problem}`;
  }
  return null;
}

/** Every combination of the swept values with the fixed ones (the first parameter varies slowest). */
export function combinations(fixed: Record<string, string>, swept: [string, string[]][]): Record<string, string>[] {
  let out: Record<string, string>[] = [{ ...fixed }];
  for (const [name, values] of swept) {
    out = out.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return out;
}

/** The most jobs one submission may start. */
export const MAX_SWEEP_JOBS = 100;
