/** The metric charts' shared parts (`composables/useEChart.ts` draws them). */

export interface ChartColors {
  text: string;
  line: string;
  primary: string;
}

/** A metric value as a number; null (a gap in the chart) for "nan", "inf" and the like. */
export function numeric(value: number | string): number | null {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The tooltip's way of showing a gap. */
export function finiteOrSay(value: unknown): string {
  return value == null ? "not finite" : String(value);
}

/** The axes of a metric against its step: whole steps along x, y scaled to the values. */
export function stepAxes(colors: ChartColors) {
  return {
    xAxis: {
      type: "value",
      name: "step",
      nameLocation: "middle",
      nameGap: 24,
      nameTextStyle: { color: colors.text },
      minInterval: 1,
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.line } },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      scale: true,
      axisLabel: { color: colors.text },
      splitLine: { lineStyle: { color: colors.line } },
    },
  };
}
