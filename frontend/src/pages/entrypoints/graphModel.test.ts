import { describe, expect, it } from "vitest";
import {
  appendBlock,
  artifactSkeleton,
  buildGraph,
  clientDiagnostics,
  issuesToDiagnostics,
  readArtifactGraph,
  readTaskGraph,
  reasonMessages,
  stepSkeleton,
} from "./graphModel";

const CHAIN = `sample_step:
  sample_normal_distribution:
    size: $sample_size
    seed: $seed
stats:
  print_stats: [$sample_step, sample]
noise:
  task: add_noise
  kwargs:
    data: $sample_step.sample
  dependencies: [stats]
`;

describe("readTaskGraph", () => {
  it("reads steps, tasks, lines and references", () => {
    const { items, errors } = readTaskGraph(CHAIN);
    expect(errors).toEqual([]);
    expect(items.map((s) => [s.name, s.task, s.line])).toEqual([
      ["sample_step", "sample_normal_distribution", 1],
      ["stats", "print_stats", 5],
      ["noise", "add_noise", 7],
    ]);
    expect(items[0].refs.map((r) => [r.root, r.line])).toEqual([["sample_size", 3], ["seed", 4]]);
    expect(items[2].refs).toEqual([{ root: "sample_step", output: "sample", line: 10 }]);
    expect(items[2].dependencies.map((d) => d.root)).toEqual(["stats"]);
  });

  it("places an unknown task on the line of its name", () => {
    const placed = issuesToDiagnostics(
      ["semantic.error: step 'step1' (line 1): unknown task 'hello_wrld' (known tasks: 'hello_world')"],
      "step1:\n  hello_wrld:\n    name: $name\n",
      "",
    );
    expect(placed.task).toEqual([expect.objectContaining({ line: 2, column: 3 })]);
  });

  it("places a server warning as a warning on its artifact output line", () => {
    const placed = issuesToDiagnostics(
      [
        "semantic.warning: artifact output 'saved' (line 2): no attached artifact plugin registers the artifact task 'text' (registered: none); jobs of this entrypoint are refused until one does",
      ],
      "step1:\n  hello: []\n",
      "other:\n  contents: $step1.x\n  task:\n    name: text\n",
    );
    expect(placed.task).toEqual([]);
    expect(placed.artifact).toEqual([expect.objectContaining({ line: 2, severity: "warning" })]);
    expect(placed.artifact[0].message).toMatch(/^artifact output 'saved' \(line 2\): no attached/);
  });

  it("reports YAML syntax errors with their line", () => {
    const { errors } = readTaskGraph("a:\n  t:\n    x: [\n");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].severity).toBe("error");
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
  });

  it("treats an empty text as no steps and $$ as a literal", () => {
    expect(readTaskGraph("").items).toEqual([]);
    expect(readTaskGraph("s:\n  t: [$$x, $]\n").items[0].refs).toEqual([]);
  });
});

describe("buildGraph", () => {
  it("links parameters, steps and artifact outputs", () => {
    const steps = readTaskGraph(CHAIN).items;
    const outputs = readArtifactGraph("saved:\n  contents: $noise\n  task:\n    name: NumpyArrayArtifactTask\n").items;
    const graph = buildGraph(steps, outputs, {
      parameters: [{ name: "sample_size", type: "integer" }, { name: "seed", type: "integer" }],
      artifactParameters: [],
    });
    expect(graph.nodes.map((n) => n.id)).toEqual([
      "param:sample_size",
      "param:seed",
      "step:sample_step",
      "step:stats",
      "step:noise",
      "output:saved",
    ]);
    expect(graph.edges.map((e) => `${e.source}>${e.target}`)).toContain("step:sample_step>step:noise");
    expect(graph.edges.find((e) => e.dependency)?.source).toBe("step:stats");
    expect(graph.edges.map((e) => `${e.source}>${e.target}`)).toContain("step:noise>output:saved");
  });

  it("shows an unknown reference as a missing node", () => {
    const graph = buildGraph(readTaskGraph("s:\n  t: [$nope]\n").items, [], { parameters: [], artifactParameters: [] });
    expect(graph.nodes.find((n) => n.kind === "missing")?.label).toBe("$nope");
  });
});

describe("diagnostics", () => {
  it("places server messages on the right editor and line", () => {
    const placed = issuesToDiagnostics(
      [
        "semantic.error: step 'step1' (line 2): unknown task 'hello_wrld' (known tasks: 'hello_world')",
        "semantic.error: [Swap combination {}] artifact output 'out' (line 4): unknown artifact task 'X'",
        "Failed to parse entrypoint task graph YAML: the task graph is not valid YAML at line 9, column 1: x",
        "schema.error: parameter 'a': needs a type or a default",
      ],
      "a:\n  b: 1\nc:\n  d: 2\n",
      "out:\n  contents: $a\n  task:\n    name: X\n",
    );
    // "unknown task" goes on the task name (line 2 holds `b:`, the step's task key).
    expect(placed.task.map((d) => d.line)).toEqual([2, 4]);
    expect(placed.artifact).toEqual([expect.objectContaining({ line: 4, severity: "error" })]);
    expect(placed.general).toEqual(["parameter 'a': needs a type or a default"]);
    expect(placed.artifact[0]?.message).toBe("artifact output 'out' (line 4): unknown artifact task 'X'");
  });

  it("warns about unknown tasks and references as you type", () => {
    const checks = clientDiagnostics(readTaskGraph("s:\n  hello_wrld:\n    name: $nme\n"), readArtifactGraph(""), {
      parameters: ["name"],
      artifactParameters: [],
      tasks: ["hello_world"],
      artifactTasks: [],
    });
    expect(checks.task.map((d) => [d.line, d.severity])).toEqual([[2, "warning"], [3, "warning"]]);
  });

  it("keeps undeclared globals only when no located message says it", () => {
    expect(reasonMessages({ missing_global_params: ["x"] })).toEqual(["undeclared global parameter: x"]);
    expect(
      reasonMessages({ missing_global_params: ["x"], rendered_validation_errors: ["step 's' (line 1): unresolvable reference '$x'"] }),
    ).toHaveLength(1);
  });
});

describe("skeletons", () => {
  it("binds inputs named like parameters and lists optional ones", () => {
    const text = stepSkeleton(
      "hello_world",
      [{ name: "name", type: "string", required: false }, { name: "greeting", type: "string", required: false }],
      ["hello_world_step"],
      ["name"],
    );
    expect(text).toBe("hello_world_step_2:\n  hello_world:\n    name: $name\n    # greeting: ...  (optional, string)");
    expect(readTaskGraph(text).errors).toEqual([]);
  });

  it("binds a required input to the latest value of its type", () => {
    const text = stepSkeleton("add_noise", [{ name: "data", type: "NumpyArray", required: true }], ["sample_step"], [], [
      { ref: "$array", type: "NumpyArray" },
      { ref: "$sample_step", type: "NumpyArray" },
      { ref: "$stats", type: "Statistics" },
    ]);
    expect(text).toBe("add_noise_step:\n  add_noise:\n    data: $sample_step  # the latest NumpyArray");
  });

  it("writes a call without arguments as an empty mapping", () => {
    expect(stepSkeleton("go", [], [], [])).toBe("go_step:\n  go: {}");
    const text = stepSkeleton("go", [{ name: "x", type: "string", required: false }], [], []);
    expect(text).toBe("go_step:\n  # optional: x (string)\n  go: {}");
    expect(readTaskGraph(text).items[0]?.task).toBe("go");
  });

  it("makes an artifact output that parses", () => {
    const text = artifactSkeleton("NumpyArrayArtifactTask", [], "$transform_step");
    expect(text).toBe("numpy_array_output:\n  contents: $transform_step\n  task:\n    name: NumpyArrayArtifactTask");
    expect(readArtifactGraph(appendBlock("", text)).items[0].refs[0].root).toBe("transform_step");
    expect(appendBlock("a: 1\n\n", "b: 2")).toBe("a: 1\nb: 2\n");
  });
});
