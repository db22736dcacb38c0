import { describe, expect, it } from "vitest";
import { safeNext } from "./navigation";

describe("safeNext", () => {
  it("keeps paths of the app", () => {
    expect(safeNext("/queues?page=2")).toBe("/queues?page=2");
    expect(safeNext(["/jobs/3"])).toBe("/jobs/3");
  });
  it("refuses other sites and nonsense", () => {
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(42)).toBe("/");
  });
});
