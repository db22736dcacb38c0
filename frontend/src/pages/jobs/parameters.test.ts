import { describe, expect, it } from "vitest";
import {
  artifactFits,
  artifactParameterDecls,
  checkInput,
  checkSweep,
  checkTimeout,
  combinations,
  initialInput,
  jobErrorFields,
  parameterKind,
  serializeInput,
  sweepValues,
} from "./parameters";

const decl = (parameterType: string, defaultValue: string | null = null) => ({ name: "p", parameterType, defaultValue });

describe("parameter inputs", () => {
  it("picks an input per type", () => {
    expect(parameterKind("boolean")).toBe("boolean");
    expect(parameterKind("float")).toBe("float");
    expect(parameterKind("whatever")).toBe("string");
  });
  it("prefills the default, or the rerun value", () => {
    expect(initialInput(decl("boolean", "True"))).toBe(true);
    expect(initialInput(decl("boolean", null))).toBe(false);
    expect(initialInput(decl("integer", "100"))).toBe("100");
    expect(initialInput(decl("integer", "100"), "7")).toBe("7");
    expect(initialInput(decl("list", "[1,2]"))).toBe("[1,2]");
    expect(initialInput(decl("string", null))).toBe("");
  });
  it("checks numbers as Python reads them", () => {
    expect(checkInput(decl("integer", "1"), "12")).toBeNull();
    expect(checkInput(decl("integer", "1"), "1_000")).toBeNull();
    expect(checkInput(decl("integer", "1"), "1.5")).toMatch(/whole number/);
    expect(checkInput(decl("float", "1"), "1e-3")).toBeNull();
    expect(checkInput(decl("float", "1"), ".5")).toBeNull();
    expect(checkInput(decl("float", "1"), "nan")).toBeNull();
    expect(checkInput(decl("float", "1"), "abc")).toMatch(/number/);
    expect(checkInput(decl("integer", null), "")).toMatch(/required/);
  });
  it("checks lists and mappings as JSON, or YAML when given a parser", () => {
    expect(checkInput(decl("list"), "[1, 2]")).toBeNull();
    expect(checkInput(decl("list"), '{"a": 1}')).toMatch(/list/);
    expect(checkInput(decl("mapping"), '{"a": 1}')).toBeNull();
    expect(checkInput(decl("mapping"), "a: 1")).toMatch(/JSON/);
    const yaml = (text: string) => (text === "a: 1" ? { a: 1 } : (() => { throw new Error("bad"); })());
    expect(checkInput(decl("mapping"), "a: 1", yaml)).toBeNull();
    expect(serializeInput(decl("mapping"), "a: 1", yaml)).toBe('{"a":1}');
  });
  it("serializes for the server", () => {
    expect(serializeInput(decl("boolean"), true)).toBe("true");
    expect(serializeInput(decl("boolean"), false)).toBe("false");
    expect(serializeInput(decl("integer"), " 5 ")).toBe("5");
    expect(serializeInput(decl("list"), "[1,\n 2]")).toBe("[1,2]");
    expect(serializeInput(decl("string"), " a ")).toBe(" a ");
  });
  it("checks timeouts", () => {
    expect(checkTimeout("24h")).toBeNull();
    expect(checkTimeout("30")).toBeNull();
    expect(checkTimeout("0")).not.toBeNull();
    expect(checkTimeout("xx")).not.toBeNull();
  });
});

describe("artifact parameters", () => {
  const numpy = { id: 8, name: "NumpyArray" };
  const png = { id: 9, name: "PngBytes" };
  const [param] = artifactParameterDecls([{ name: "array", outputParams: [{ name: "array", parameterType: numpy }] }]);
  it("keeps artifacts whose task outputs the same types in order", () => {
    expect(param).toBeDefined();
    expect(artifactFits({ outputParams: [{ name: "x", parameterType: numpy }] }, param!)).toBe(true);
    expect(artifactFits({ outputParams: [{ name: "x", parameterType: png }] }, param!)).toBe(false);
    expect(artifactFits({ outputParams: [] }, param!)).toBe(false);
    expect(artifactFits({}, param!)).toBe(false);
    expect(artifactFits(null, param!)).toBe(false);
  });
});

describe("jobErrorFields", () => {
  it("puts a type mismatch next to its parameter", () => {
    const message = `Could not cast value(s) "['abc']" of parameter(s) "['sample_size']" to declared entrypoint parameter type "['integer']".`;
    expect(jobErrorFields("EntrypointParameterTypeMismatchError", message, ["sample_size"], [])).toEqual({
      "values.sample_size": 'The server cannot read "abc" as integer.',
    });
  });
  it("places missing values and artifacts", () => {
    expect(
      jobErrorFields("JobParameterMissingError", "The following job Parameters are missing a value: a,b.", ["a", "b"], []),
    ).toEqual({ "values.a": "A value is required.", "values.b": "A value is required." });
    expect(
      jobErrorFields(
        "JobArtifactParameterMissingError",
        "The following job Artifact Parameters are missing a value: array.",
        [],
        ["array"],
      ),
    ).toEqual({ "artifactValues.array": "Choose an artifact." });
  });
  it("places timeout and queue errors, and keeps the rest general", () => {
    expect(jobErrorFields("JobTimeoutError", "Invalid job timeout", [], [])).toEqual({ timeout: "Invalid job timeout" });
    expect(jobErrorFields("EntityNotRegisteredError", "The requested queue having id (7) is not registered", [], [])).toHaveProperty("queue");
    expect(jobErrorFields("Other", "Something broke", ["name"], [])).toEqual({ _: "Something broke" });
  });
});

describe("sweeps", () => {
  it("reads and checks a comma-separated list", () => {
    expect(sweepValues(" 10, 100 ,, 1000")).toEqual(["10", "100", "1000"]);
    expect(checkSweep(decl("integer", "1"), "10, 20")).toBeNull();
    expect(checkSweep(decl("integer", "1"), "10, x")).toMatch(/^x:/);
    expect(checkSweep(decl("integer", "1"), " , ")).toMatch(/one or more/);
  });
  it("makes every combination", () => {
    expect(combinations({ a: "1" }, [["b", ["x", "y"]], ["c", ["0", "1"]]])).toEqual([
      { a: "1", b: "x", c: "0" },
      { a: "1", b: "x", c: "1" },
      { a: "1", b: "y", c: "0" },
      { a: "1", b: "y", c: "1" },
    ]);
    expect(combinations({ a: "1" }, [])).toEqual([{ a: "1" }]);
  });
});
