/** A structure in a few words, for tables and pickers (no YAML parser needed here). */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A one-line description of a structure for tables: "list of NumpyArray", "mapping string → number". */
export function describeStructure(structure: unknown): string {
  if (structure === null || structure === undefined) return "simple";
  if (!isRecord(structure)) return "invalid";
  const keys = Object.keys(structure);
  if (keys.length === 0) return "simple";
  const key = keys[0] as string;
  const value = structure[key];
  const inner = (v: unknown): string => (typeof v === "string" ? v : isRecord(v) ? `(${describeStructure(v)})` : "?");
  switch (key) {
    case "is_a":
      return `a kind of ${String(value)}`;
    case "list":
      return `list of ${inner(value)}`;
    case "tuple":
      return Array.isArray(value) ? `tuple (${value.map(inner).join(", ")})` : "tuple";
    case "union":
      return Array.isArray(value) ? `one of ${value.map(inner).join(" | ")}` : "union";
    case "mapping":
      if (Array.isArray(value)) return `mapping ${inner(value[0])} → ${inner(value[1])}`;
      if (isRecord(value)) return `record {${Object.keys(value).join(", ")}}`;
      return "mapping";
    default:
      return key;
  }
}
