/**
 * A parameter type's `structure`, typed as JSON or YAML: parsing (with line numbers) and
 * the same shape rules the task engine applies on the server (engine/type_definitions.py),
 * so problems show while typing. The server stays the judge: its message is shown on save.
 *
 * A structure is null (a simple type) or a mapping with exactly one key:
 *   is_a: <simple type name>            list: <type>
 *   tuple: [<type>, ...]                union: [<type>, ...]
 *   mapping: {prop: <type>, ...} | [<string|integer>, <type>]
 * where <type> is a type name or an inline structure (not a simple one).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from "yaml";

export const STRUCTURE_KEYS = ["is_a", "list", "tuple", "union", "mapping"] as const;
export const BUILTIN_NAMES = ["any", "string", "integer", "number", "boolean", "null"];

export type IssuePath = (string | number)[];

export interface StructureIssue {
  path: IssuePath;
  message: string;
  severity: "error" | "warning";
  /** 1-based, when known. */
  line?: number;
  column?: number;
}

export interface ParsedStructure {
  /** The structure to send (null for a simple type); undefined when the text does not parse. */
  value: unknown;
  issues: StructureIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function quoted(name: unknown): string {
  return `'${String(name)}'`;
}

/**
 * Checks a structure. `known` are the names of the group's other types (builtins are always
 * known); `self` is the type's own name (a reference to it is a cycle).
 */
export function validateStructure(structure: unknown, known: readonly string[] = [], self = ""): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const names = new Set([...BUILTIN_NAMES, ...known]);
  const error = (path: IssuePath, message: string) => issues.push({ path, message, severity: "error" });
  const warn = (path: IssuePath, message: string) => issues.push({ path, message, severity: "warning" });

  function structureKey(definition: Record<string, unknown>, path: IssuePath): string | null {
    const unknownKeys = Object.keys(definition).filter((key) => !(STRUCTURE_KEYS as readonly string[]).includes(key));
    for (const key of unknownKeys) {
      error([...path, key], `unknown key ${quoted(key)} in a type definition (expected one of ${STRUCTURE_KEYS.join(", ")})`);
    }
    const present = STRUCTURE_KEYS.filter((key) => key in definition);
    if (present.length > 1) {
      error(path, `a type definition has exactly one structure key, found several: ${present.join(", ")}`);
      return null;
    }
    if (unknownKeys.length || !present.length) return null;
    return present[0] ?? null;
  }

  function lookup(name: string, path: IssuePath) {
    if (self && name === self) error(path, `the type refers to itself (${quoted(name)}): definitions cannot be cyclic`);
    else if (!names.has(name)) error(path, `unknown type ${quoted(name)}`);
  }

  function nested(definition: unknown, path: IssuePath) {
    if (typeof definition === "string") return lookup(definition, path);
    if (
      definition === null ||
      definition === undefined ||
      (isRecord(definition) && (Object.keys(definition).length === 0 || Object.keys(definition).join() === "is_a"))
    ) {
      return error(
        path,
        'an inline (anonymous) definition cannot be a simple type: define it by name as its own type (write the null type as the string "null")',
      );
    }
    if (!isRecord(definition)) return error(path, `expected a type name or an inline definition, not ${JSON.stringify(definition)}`);
    const key = structureKey(definition, path);
    if (key) body(key, definition[key], [...path, key]);
  }

  function body(key: string, value: unknown, path: IssuePath) {
    if (key === "list") return nested(value, path);
    if (key === "tuple" || key === "union") {
      if (!Array.isArray(value)) return error(path, `${quoted(key)} must be a list of types`);
      value.forEach((item, index) => nested(item, [...path, index]));
      if (key === "union") {
        const seen = new Set<string>();
        value.forEach((item, index) => {
          if (typeof item !== "string") return;
          if (seen.has(item)) warn([...path, index], `union member ${quoted(item)} is listed more than once`);
          seen.add(item);
        });
        if (value.length === 0) warn(path, "an empty union matches no value");
      }
      return;
    }
    // mapping
    if (isRecord(value)) {
      for (const [prop, definition] of Object.entries(value)) nested(definition, [...path, prop]);
      return;
    }
    if (Array.isArray(value) && value.length === 2) {
      const [keyType, valueType] = value;
      if (typeof keyType === "string" && names.has(keyType) && keyType !== "string" && keyType !== "integer") {
        error([...path, 0], `mapping keys must be string or integer, not ${quoted(keyType)}`);
      } else nested(keyType, [...path, 0]);
      nested(valueType, [...path, 1]);
      return;
    }
    error(path, "'mapping' must be a mapping of property types or a [key type, value type] pair");
  }

  if (structure === null || structure === undefined) return issues;
  if (!isRecord(structure)) {
    error([], `a type definition must be null or a mapping with one of the keys ${STRUCTURE_KEYS.join(", ")}`);
    return issues;
  }
  if (Object.keys(structure).length === 0) return issues;
  const key = structureKey(structure, []);
  if (!key) return issues;
  if (key === "is_a") {
    const parent = structure.is_a;
    if (typeof parent !== "string") error(["is_a"], "'is_a' must name a simple type");
    else lookup(parent, ["is_a"]);
    return issues;
  }
  body(key, structure[key], [key]);
  return issues;
}

/**
 * Parses the editor text (JSON is YAML too) and checks it. Empty text or `null` is a simple
 * type. Issues carry the line and column of the node they are about.
 */
export function parseStructure(text: string, known: readonly string[] = [], self = ""): ParsedStructure {
  if (!text.trim()) return { value: null, issues: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    return {
      value: undefined,
      issues: doc.errors.map((problem) => ({
        path: [],
        message: problem.message.split("\n")[0] ?? problem.message,
        severity: "error" as const,
        ...position(problem.pos[0]),
      })),
    };
  }
  const value: unknown = doc.toJS();
  const issues = validateStructure(value, known, self).map((issue) => {
    const node = nodeAt(doc.contents as YamlNode | null, issue.path);
    return node?.range ? { ...issue, ...position(node.range[0]) } : { ...issue, line: 1 };
  });
  for (const warning of doc.warnings) {
    issues.push({ path: [], message: warning.message, severity: "warning", ...position(warning.pos[0]) });
  }
  return { value: value === undefined ? null : value, issues };
}

/** The node at a path (a map key's node when the path ends at an unknown key). */
function nodeAt(root: YamlNode | null, path: IssuePath): YamlNode | null {
  let node: YamlNode | null = root;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return node;
      const value = pair.value as YamlNode | null;
      node = value && value.range ? value : (pair.key as YamlNode);
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part] as YamlNode | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

/** The text the editor starts with for a stored structure (YAML; JSON when asked). */
export function structureToText(structure: unknown, format: "yaml" | "json"): string {
  if (structure === null || structure === undefined) return "";
  if (format === "json") return JSON.stringify(structure, null, 2);
  return stringify(structure, { flowCollectionPadding: false });
}

export { describeStructure } from "./describeStructure";
