import { describe, expect, it } from "vitest";
import { hunks, lineDiff } from "./lineDiff";

describe("lineDiff", () => {
  it("finds added and removed lines", () => {
    const result = lineDiff("a\nb\nc\nd", "a\nB\nc\nd\ne");
    expect(result.added).toBe(2);
    expect(result.removed).toBe(1);
    expect(result.lines.map((l) => `${l.kind[0]}${l.text}`)).toEqual(["sa", "rb", "aB", "sc", "sd", "ae"]);
    expect(result.lines.find((l) => l.text === "e")?.newLine).toBe(5);
  });
  it("is empty for equal texts", () => {
    const result = lineDiff("x\ny", "x\ny");
    expect(result.added + result.removed).toBe(0);
    expect(hunks(result.lines)).toEqual([]);
  });
  it("keeps context around changes", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const after = before.replace("l10", "L10");
    const shown = hunks(lineDiff(before, after).lines, 2);
    expect(shown.map((l) => l?.text ?? "…")).toEqual(["l8", "l9", "l10", "L10", "l11", "l12"]);
  });
});
