/**
 * An ECharts chart in an element, for the metric charts: built once mounted, drawn again
 * when `watched` or the theme changes, resized with its box, disposed on unmount. The
 * caller registers the chart types it draws (`use([...])` from "echarts/core": modular
 * imports keep the bundle small) and builds its option from the theme's colors.
 */
import { init, type ECharts, type EChartsCoreOption, type ECElementEvent } from "echarts/core";
import { onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from "vue";
import type { ChartColors } from "@/utils/charts";
import { useTheme } from "./useTheme";

export interface EChartOptions {
  /** What the chart shows: it is drawn again when this changes. */
  watched: WatchSource;
  /** Called with the clicked element (a bar, a line's point). */
  onClick?: (params: ECElementEvent) => void;
  /** Merge a change into the chart rather than replace it (keeps a live chart's zoom). */
  merge?: boolean;
}

function themeColors(dark: boolean): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: css("--p-text-muted-color", dark ? "#a1a1aa" : "#64748b"),
    line: css("--p-content-border-color", dark ? "#3f3f46" : "#e2e8f0"),
    primary: css("--p-primary-color", "#3b82f6"),
  };
}

export function useEChart(
  el: Ref<HTMLElement | null>,
  option: (colors: ChartColors) => EChartsCoreOption,
  { watched, onClick, merge = false }: EChartOptions,
): void {
  const { isDark } = useTheme();
  let chart: ECharts | null = null;
  let observer: ResizeObserver | null = null;
  const draw = (replace: boolean) => chart?.setOption(option(themeColors(isDark.value)), { notMerge: replace });

  onMounted(() => {
    if (!el.value) return;
    chart = init(el.value, undefined, { renderer: "canvas" });
    draw(true);
    if (onClick) chart.on("click", (params) => onClick(params as ECElementEvent));
    observer = new ResizeObserver(() => chart?.resize());
    observer.observe(el.value);
  });
  watch(watched, () => draw(!merge));
  watch(isDark, () => draw(true));
  onBeforeUnmount(() => {
    observer?.disconnect();
    chart?.dispose();
    chart = null;
  });
}
