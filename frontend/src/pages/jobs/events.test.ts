import { describe, expect, it } from "vitest";
import {
  applyEvents,
  emptyLiveState,
  filterLogs,
  formatDuration,
  jobTimes,
  latestMetrics,
  logsAsText,
  mergeLogs,
  parseEvent,
  runDuration,
  type LogRecord,
} from "./events";

const log = (id: number, message = `m${id}`, severity = "INFO"): LogRecord => ({
  id,
  severity,
  loggerName: "stdout",
  message,
  createdOn: "2026-01-01T00:00:00+00:00",
});

describe("live state", () => {
  it("merges a replay without doubling", () => {
    const once = mergeLogs([], [log(1), log(2)]);
    expect(mergeLogs(once, [log(1), log(2)])).toBe(once);
    expect(mergeLogs(once, [log(1), log(2), log(3)]).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(mergeLogs([log(1), log(3)], [log(2)]).map((r) => r.id)).toEqual([1, 2, 3]);
  });
  it("applies status, logs, metrics and end", () => {
    const events = [
      parseEvent("status", '{"id":1,"status":"started","statusMessage":null}'),
      parseEvent("log", JSON.stringify(log(1, "Hello"))),
      parseEvent("metric", '{"name":"loss","value":0.5,"step":2,"timestamp":"t"}'),
      parseEvent("metric", '{"name":"loss","value":0.9,"step":1,"timestamp":"t"}'),
      parseEvent("metric", '{"name":"loss","value":0.4,"step":2,"timestamp":"t"}'),
      parseEvent("end", '{"id":1,"status":"finished"}'),
      parseEvent("unknown", "{}"),
      parseEvent("log", "not json"),
    ].filter((e) => e !== null);
    const state = applyEvents(emptyLiveState(), events);
    expect(state.status?.status).toBe("finished");
    expect(state.ended).toBe(true);
    expect(state.logs).toHaveLength(1);
    expect(state.metrics.loss?.map((p) => [p.step, p.value])).toEqual([
      [1, 0.9],
      [2, 0.4],
    ]);
    expect(latestMetrics(state.metrics).map((p) => p.value)).toEqual([0.4]);
  });
});

describe("logs", () => {
  it("filters by severity and search", () => {
    const logs = [log(1, "Hello, World!"), log(2, "boom", "ERROR")];
    expect(filterLogs(logs, { severities: ["ERROR"], search: "" }).map((r) => r.id)).toEqual([2]);
    expect(filterLogs(logs, { severities: [], search: "hello" }).map((r) => r.id)).toEqual([1]);
  });
  it("writes the download text", () => {
    expect(logsAsText([log(1, "a\nb")])).toBe("2026-01-01T00:00:00+00:00 INFO     stdout: a\n    b\n");
  });
});

describe("time", () => {
  it("formats durations", () => {
    expect(formatDuration(120)).toBe("120 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
    expect(formatDuration(3_720_000)).toBe("1 h 02 min");
  });
  it("reads start and end from status snapshots", () => {
    const times = jobTimes("2026-01-01T00:00:00Z", [
      { status: "finished", snapshotCreatedOn: "2026-01-01T00:00:05Z" },
      { status: "queued", snapshotCreatedOn: "2026-01-01T00:00:00Z" },
      { status: "started", snapshotCreatedOn: "2026-01-01T00:00:01Z" },
    ]);
    expect(times).toEqual({ queued: "2026-01-01T00:00:00Z", started: "2026-01-01T00:00:01Z", ended: "2026-01-01T00:00:05Z" });
    expect(runDuration(times, 0)).toBe(4000);
  });
});
