import { describe, expect, it } from "vitest";
import { finiteOrSay, numeric, stepAxes } from "./charts";

describe("metric charts", () => {
  it("draws non-finite values as gaps and says so in the tooltip", () => {
    expect(numeric(1.5)).toBe(1.5);
    expect(numeric("2")).toBe(2);
    expect(numeric("nan")).toBeNull();
    expect(numeric("inf")).toBeNull();
    expect(finiteOrSay(null)).toBe("not finite");
    expect(finiteOrSay(3)).toBe("3");
  });

  it("puts whole steps along x in the theme's colors", () => {
    const { xAxis, yAxis } = stepAxes({ text: "#111", line: "#222", primary: "#333" });
    expect(xAxis).toMatchObject({ name: "step", minInterval: 1, axisLabel: { color: "#111" } });
    expect(yAxis).toMatchObject({ scale: true, splitLine: { lineStyle: { color: "#222" } } });
  });
});
