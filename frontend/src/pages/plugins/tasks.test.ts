import { describe, expect, it } from "vitest";
import type { SignatureReport } from "@/api/plugins";
import {
  analyzedStatus,
  draftsFromStored,
  draftsToTasksIn,
  emptyTask,
  filenameProblem,
  matchSuggestedType,
  mergeAnalysis,
  parseErrorPosition,
  pluginNameProblem,
  proposedStructure,
  proposedTypeName,
  suggestedTypes,
  taskNameWarnings,
  taskProblems,
  type TaskDrafts,
} from "./tasks";

const types = [
  { id: 1, name: "any" },
  { id: 2, name: "string" },
  { id: 3, name: "integer" },
  { id: 8, name: "NumpyArray" },
];

const report: SignatureReport = {
  tasks: [
    {
      name: "hello_world",
      inputs: [
        { name: "name", type: "string", required: true },
        { name: "arr", type: "np_ndarray", required: false },
        { name: "x", type: "type1", required: true },
      ],
      outputs: [{ name: "output", type: "string" }],
      missing_types: [{ name: "np_ndarray", description: "np.ndarray" }],
    },
  ],
  artifactTasks: [
    {
      name: "NumpyArrayArtifactTask",
      outputs: [{ name: "output", type: "np_ndarray" }],
      missing_types: [{ name: "np_ndarray", description: "np.ndarray" }],
    },
  ],
};

describe("names", () => {
  it("checks plugin names like the server", () => {
    expect(pluginNameProblem("hello_world")).toBeNull();
    expect(pluginNameProblem("a")).toBeNull();
    expect(pluginNameProblem("_")).not.toBeNull();
    expect(pluginNameProblem("1abc")).not.toBeNull();
    expect(pluginNameProblem("bad name")).not.toBeNull();
    expect(pluginNameProblem("class")).toMatch(/keyword/);
  });
  it("checks filenames like the server", () => {
    expect(filenameProblem("tasks.py")).toBeNull();
    expect(filenameProblem("_private.py")).toBeNull();
    expect(filenameProblem("sub/mod.py")).toBeNull();
    expect(filenameProblem("x.txt")).toMatch(/\.py/);
    expect(filenameProblem("sub/_x.py")).not.toBeNull();
    expect(filenameProblem("1x.py")).not.toBeNull();
  });
});

describe("type suggestions", () => {
  it("maps suggested names to existing types", () => {
    expect(matchSuggestedType("string", types)?.id).toBe(2);
    expect(matchSuggestedType("np_ndarray", types)?.id).toBe(8);
    expect(matchSuggestedType("numpyarray", types)?.id).toBe(8);
    expect(matchSuggestedType("type1", types, true)?.id).toBe(1);
    expect(matchSuggestedType("dict_str_int", types)).toBeNull();
    expect(proposedTypeName("np_ndarray")).toBe("NumpyArray");
    expect(proposedTypeName("bytes")).toBe("bytes");
  });
  it("lists distinct suggestions", () => {
    const list = suggestedTypes(report);
    expect(list.map((s) => s.name)).toEqual(["string", "np_ndarray", "type1"]);
    expect(list.find((s) => s.name === "type1")?.generated).toBe(true);
    expect(list.find((s) => s.name === "np_ndarray")?.annotation).toBe("np.ndarray");
  });
  it("proposes structures for builtin generics", () => {
    expect(proposedStructure("dict[str, int]")).toEqual({ mapping: ["string", "integer"] });
    expect(proposedStructure("list[float]")).toEqual({ list: "number" });
    expect(proposedStructure("tuple[int, str]")).toEqual({ tuple: ["integer", "string"] });
    expect(proposedStructure("str | None")).toEqual({ union: ["string", "null"] });
    expect(proposedStructure("Optional[list[int]]")).toEqual({ union: [{ list: "integer" }, "null"] });
    expect(proposedStructure("np.ndarray")).toBeNull();
    expect(proposedStructure("dict[float, int]")).toBeNull();
  });
});

describe("drafts", () => {
  it("merges an analysis and converts to the API body", () => {
    const empty: TaskDrafts = { functions: [], artifacts: [] };
    const mapping = { string: 2, np_ndarray: 8, type1: 1 };
    const merged = mergeAnalysis(empty, report, { functions: ["hello_world"], artifacts: ["NumpyArrayArtifactTask"] }, mapping);
    expect(taskProblems(merged)).toEqual({});
    expect(taskNameWarnings(merged, report)).toEqual({});
    expect(draftsToTasksIn(merged)).toEqual({
      functions: [
        {
          name: "hello_world",
          inputParams: [
            { name: "name", parameterType: 2, required: true },
            { name: "arr", parameterType: 8, required: false },
            { name: "x", parameterType: 1, required: true },
          ],
          outputParams: [{ name: "output", parameterType: 2 }],
        },
      ],
      artifacts: [{ name: "NumpyArrayArtifactTask", outputParams: [{ name: "output", parameterType: 8 }] }],
    });
    expect(analyzedStatus(report.tasks[0]!, "function", merged, mapping)).toBe("same");
    expect(analyzedStatus(report.tasks[0]!, "function", merged, { ...mapping, type1: 3 })).toBe("changed");
    expect(analyzedStatus(report.tasks[0]!, "function", empty, mapping)).toBe("new");
  });

  it("keeps a known type when the suggestion maps to nothing", () => {
    const start = draftsFromStored({
      functions: [],
      artifacts: [{ id: 1, name: "NumpyArrayArtifactTask", outputParams: [{ name: "output", parameterType: { id: 8, name: "NumpyArray", deleted: false, group: { id: 1, name: "public" } } }] }],
    });
    const merged = mergeAnalysis(start, report, { functions: [], artifacts: ["NumpyArrayArtifactTask"] }, { np_ndarray: null });
    expect(merged.artifacts[0]?.outputs[0]?.typeId).toBe(8);
    expect(merged.artifacts[0]?.key).toBe(start.artifacts[0]?.key);
  });

  it("keeps the registered name of a single output", () => {
    const start = draftsFromStored({
      functions: [
        {
          id: 1,
          name: "hello_world",
          inputParams: [],
          outputParams: [{ name: "greeting", parameterType: { id: 2, name: "string", deleted: false, group: { id: 1, name: "public" } } }],
        },
      ],
      artifacts: [],
    });
    const mapping = { string: 2, np_ndarray: 8, type1: 1 };
    const merged = mergeAnalysis(start, report, { functions: ["hello_world"], artifacts: [] }, mapping);
    expect(merged.functions[0]?.outputs.map((o) => o.name)).toEqual(["greeting"]);
    expect(analyzedStatus(report.tasks[0]!, "function", merged, mapping)).toBe("same");
  });

  it("finds problems keyed like the server's field errors", () => {
    const drafts: TaskDrafts = { functions: [emptyTask("function")], artifacts: [emptyTask("artifact")] };
    drafts.functions[0]!.name = "f";
    drafts.functions[0]!.inputs.push({ key: "a", name: "x", typeId: null, required: true }, { key: "b", name: "x", typeId: 2, required: true });
    drafts.artifacts[0]!.name = "f";
    const problems = taskProblems(drafts);
    expect(problems["tasks.functions.0.name"]).toMatch(/unique/);
    expect(problems["tasks.functions.0.inputParams.0.parameterType"]).toBe("Choose a type.");
    expect(problems["tasks.functions.0.inputParams.1.name"]).toMatch(/twice/);
    expect(problems["tasks.artifacts.0.outputParams.0.parameterType"]).toBe("Choose a type.");
    drafts.artifacts[0]!.name = "G";
    drafts.functions[0]!.name = "NumpyArrayArtifactTask";
    const warnings = taskNameWarnings(drafts, report);
    expect(warnings["tasks.artifacts.0.name"]).toMatch(/ArtifactTaskInterface/);
    expect(warnings["tasks.functions.0.name"]).toMatch(/artifact task class/);
  });

  it("reads the position of a parse error", () => {
    expect(parseErrorPosition("Failed to parse Python source: invalid syntax (line 1, column 7)")).toEqual({ line: 1, column: 7 });
    expect(parseErrorPosition("Failed")).toBeNull();
  });
});
