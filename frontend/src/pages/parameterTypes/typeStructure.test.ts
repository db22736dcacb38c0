import { describe, expect, it } from "vitest";
import { describeStructure, parseStructure, structureToText, validateStructure } from "./typeStructure";

describe("validateStructure", () => {
  it("accepts the shapes the engine accepts", () => {
    for (const structure of [
      null,
      {},
      { is_a: "string" },
      { list: "NumpyArray" },
      { tuple: ["integer", { list: "string" }] },
      { union: ["string", "null"] },
      { mapping: ["string", "number"] },
      { mapping: { a: "integer", b: { list: "number" } } },
    ]) {
      expect(validateStructure(structure, ["NumpyArray"])).toEqual([]);
    }
  });

  it("reports shape errors with their path", () => {
    expect(validateStructure({ lists: "string" })[0]).toMatchObject({ path: ["lists"], severity: "error" });
    expect(validateStructure({ list: "string", tuple: [] })[0]?.message).toMatch(/exactly one structure key/);
    expect(validateStructure({ list: "Nope" })[0]).toMatchObject({ path: ["list"], message: "unknown type 'Nope'" });
    expect(validateStructure({ mapping: ["number", "string"] })[0]?.path).toEqual(["mapping", 0]);
    expect(validateStructure({ mapping: 3 })[0]?.message).toMatch(/'mapping' must be/);
    expect(validateStructure({ tuple: "string" })[0]?.message).toMatch(/must be a list/);
    expect(validateStructure({ list: null })[0]?.message).toMatch(/inline/);
    expect(validateStructure([1, 2])[0]?.message).toMatch(/must be null or a mapping/);
    expect(validateStructure({ list: "Self" }, [], "Self")[0]?.message).toMatch(/itself/);
    expect(validateStructure({ union: ["string", "string"] })[0]?.severity).toBe("warning");
  });
});

describe("parseStructure", () => {
  it("treats empty text as a simple type", () => {
    expect(parseStructure("  \n")).toEqual({ value: null, issues: [] });
    expect(parseStructure("null")).toEqual({ value: null, issues: [] });
  });

  it("parses JSON and YAML alike", () => {
    expect(parseStructure('{"mapping": ["string", "number"]}').value).toEqual({ mapping: ["string", "number"] });
    expect(parseStructure("mapping:\n  - string\n  - number\n").value).toEqual({ mapping: ["string", "number"] });
  });

  it("puts parse errors on their line", () => {
    const parsed = parseStructure('{\n  "list": "string",\n  oops\n');
    expect(parsed.value).toBeUndefined();
    expect(parsed.issues[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("puts shape errors on the node's line", () => {
    const parsed = parseStructure("mapping:\n  a: integer\n  b: Unknown\n");
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ line: 3, message: "unknown type 'Unknown'" });
    const key = parseStructure("list: string\nextra: 1\n");
    expect(key.issues[0]?.line).toBe(2);
  });
});

describe("structureToText / describeStructure", () => {
  it("round-trips", () => {
    const structure = { mapping: { a: "integer", b: { list: "number" } } };
    expect(parseStructure(structureToText(structure, "yaml")).value).toEqual(structure);
    expect(JSON.parse(structureToText(structure, "json"))).toEqual(structure);
    expect(structureToText(null, "yaml")).toBe("");
  });
  it("describes", () => {
    expect(describeStructure(null)).toBe("simple");
    expect(describeStructure({ list: "NumpyArray" })).toBe("list of NumpyArray");
    expect(describeStructure({ mapping: ["string", "number"] })).toBe("mapping string → number");
    expect(describeStructure({ union: ["string", { list: "integer" }] })).toBe("one of string | (list of integer)");
  });
});
