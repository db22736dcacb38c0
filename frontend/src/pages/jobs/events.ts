/**
 * What the job page shows live, built from `GET /jobs/{id}/events` (pure, no Vue):
 * `event: status|log|metric|end`, `data: <JSON>` (see server/services/job_events.py).
 *
 * The stream replays everything on each (re)connection, so records are merged by key:
 * logs by id, metric values by (name, step). Nothing is lost or doubled on a reconnect.
 */

import { isFinalStatus } from "@/utils/jobStatus";

export const SEVERITIES = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export { isCancellable, isFinalStatus } from "@/utils/jobStatus";

export interface LogRecord {
  id: number;
  severity: string;
  loggerName: string;
  message: string;
  createdOn: string;
}

export interface MetricPoint {
  name: string;
  value: number | string;
  step: number;
  timestamp: string;
}

export interface StatusEvent {
  id: number;
  status: string;
  statusMessage: string | null;
  deleted?: boolean;
}

export interface JobLiveState {
  status: StatusEvent | null;
  /** Sorted by id (the order the server received them). */
  logs: LogRecord[];
  /** Each metric's points, sorted by step. */
  metrics: Record<string, MetricPoint[]>;
  ended: boolean;
}

export function emptyLiveState(): JobLiveState {
  return { status: null, logs: [], metrics: {}, ended: false };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Adds log records, keeping ids unique and the list sorted. Returns the same array when nothing is new. */
export function mergeLogs(existing: LogRecord[], incoming: readonly LogRecord[]): LogRecord[] {
  if (!incoming.length) return existing;
  const last = existing.at(-1)?.id ?? -Infinity;
  const fresh = incoming.filter((r) => r.id > last);
  // The common case: new records after the last one, in order.
  if (fresh.length === incoming.length && fresh.every((r, i) => i === 0 || r.id > (fresh[i - 1]?.id ?? -Infinity)))
    return existing.concat(fresh);
  const byId = new Map(existing.map((r) => [r.id, r]));
  let changed = false;
  for (const record of incoming) {
    if (!byId.has(record.id)) {
      byId.set(record.id, record);
      changed = true;
    }
  }
  if (!changed) return existing;
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Adds metric values: one per (name, step), the newest value winning; points sorted by step. */
export function mergeMetrics(existing: Record<string, MetricPoint[]>, incoming: readonly MetricPoint[]): Record<string, MetricPoint[]> {
  if (!incoming.length) return existing;
  const out = { ...existing };
  for (const point of incoming) {
    const points = out[point.name] ? [...(out[point.name] as MetricPoint[])] : [];
    const at = points.findIndex((p) => p.step === point.step);
    if (at >= 0) points[at] = point;
    else {
      points.push(point);
      if (points.length > 1 && (points[points.length - 2]?.step ?? 0) > point.step) points.sort((a, b) => a.step - b.step);
    }
    out[point.name] = points;
  }
  return out;
}

/** A parsed event, or null for one this page does not know (ignored). */
export type JobEvent =
  | { type: "status"; data: StatusEvent }
  | { type: "log"; data: LogRecord }
  | { type: "metric"; data: MetricPoint }
  | { type: "end"; data: { id: number; status: string } };

export function parseEvent(type: string, raw: string): JobEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  switch (type) {
    case "status":
      return typeof data.status === "string" ? { type, data: data as unknown as StatusEvent } : null;
    case "log":
      return typeof data.id === "number" ? { type, data: data as unknown as LogRecord } : null;
    case "metric":
      return typeof data.name === "string" ? { type, data: data as unknown as MetricPoint } : null;
    case "end":
      return { type, data: data as { id: number; status: string } };
    default:
      return null;
  }
}

/** Applies a batch of events (the page batches them per animation frame). */
export function applyEvents(state: JobLiveState, events: readonly JobEvent[]): JobLiveState {
  if (!events.length) return state;
  let status = state.status;
  let ended = state.ended;
  const logs: LogRecord[] = [];
  const metrics: MetricPoint[] = [];
  for (const event of events) {
    if (event.type === "status") status = event.data;
    else if (event.type === "log") logs.push(event.data);
    else if (event.type === "metric") metrics.push(event.data);
    else {
      ended = true;
      if (!status || status.status !== event.data.status)
        status = { id: event.data.id, status: event.data.status, statusMessage: status?.statusMessage ?? null };
    }
  }
  return {
    status,
    ended,
    logs: mergeLogs(state.logs, logs),
    metrics: mergeMetrics(state.metrics, metrics),
  };
}

/** The latest value (highest step) of each metric, sorted by name. */
export function latestMetrics(metrics: Record<string, MetricPoint[]>): MetricPoint[] {
  return Object.keys(metrics)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => metrics[name]?.at(-1))
    .filter((p): p is MetricPoint => p !== undefined);
}

// -- logs ----------------------------------------------------------------------------------

export interface LogFilter {
  severities: readonly string[];
  search: string;
}

/** Case-insensitive substring search over logger name and message; severities are kept as chosen. */
export function filterLogs(logs: readonly LogRecord[], filter: LogFilter): LogRecord[] {
  const wanted = new Set(filter.severities);
  const needle = filter.search.trim().toLowerCase();
  return logs.filter(
    (r) =>
      (wanted.size === 0 || wanted.has(r.severity)) &&
      (!needle || r.message.toLowerCase().includes(needle) || r.loggerName.toLowerCase().includes(needle)),
  );
}

export function severityCounts(logs: readonly LogRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of logs) counts[r.severity] = (counts[r.severity] ?? 0) + 1;
  return counts;
}

/** The whole log as text, one record a line (continuation lines indented): the download. */
export function logsAsText(logs: readonly LogRecord[]): string {
  return logs
    .map((r) => {
      const [first = "", ...rest] = r.message.split("\n");
      const head = `${r.createdOn} ${r.severity.padEnd(8)} ${r.loggerName}: ${first}`;
      return [head, ...rest.map((line) => `    ${line}`)].join("\n");
    })
    .join("\n")
    .concat(logs.length ? "\n" : "");
}

/** The index of the first ERROR/CRITICAL record, or -1. */
export function firstErrorIndex(logs: readonly LogRecord[]): number {
  return logs.findIndex((r) => r.severity === "ERROR" || r.severity === "CRITICAL");
}

// -- time ----------------------------------------------------------------------------------

/** "1 h 02 min", "3 min 05 s", "4.2 s", "120 ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

export interface StatusSnapshot {
  status: string;
  snapshotCreatedOn: string;
}

export interface JobTimes {
  queued: string | null;
  started: string | null;
  ended: string | null;
}

/**
 * When the job was queued, started and ended, read from its snapshots (one per status change,
 * and one for a cancellation request: the first snapshot of a status counts).
 */
export function jobTimes(createdOn: string, snapshots: readonly StatusSnapshot[]): JobTimes {
  const sorted = [...snapshots].sort((a, b) => a.snapshotCreatedOn.localeCompare(b.snapshotCreatedOn));
  const started = sorted.find((s) => s.status === "started")?.snapshotCreatedOn ?? null;
  const ended = sorted.find((s) => isFinalStatus(s.status))?.snapshotCreatedOn ?? null;
  return { queued: createdOn, started, ended };
}

/** Run time: start to end, or start to now while it runs. */
export function runDuration(times: JobTimes, now: number): number | null {
  if (!times.started) return null;
  const start = Date.parse(times.started);
  const end = times.ended ? Date.parse(times.ended) : now;
  return end - start;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** A log line's time: hh:mm:ss.mmm local. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
