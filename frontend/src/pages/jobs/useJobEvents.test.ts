import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { effectScope, nextTick, ref } from "vue";
import { useJobEvents } from "./useJobEvents";

/** A stand-in for the browser's EventSource: tests push events and errors by hand. */
class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((message: { data: string }) => void)[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
}

const log = (id: number, message: string) => ({
  id,
  severity: "INFO",
  loggerName: "stdout",
  message,
  createdOn: "2026-01-01T00:00:00+00:00",
});

describe("useJobEvents", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("follows a job to its end, merging a replay, and closes the stream", async () => {
    const statuses: string[] = [];
    let ended = 0;
    const scope = effectScope();
    const live = scope.run(() =>
      useJobEvents(7, { onStatus: (status) => statuses.push(status), onEnd: () => (ended += 1) }),
    )!;
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe("/api/v1/jobs/7/events");
    source.open();
    expect(live.connection.value).toBe("live");

    source.emit("status", { id: 7, status: "started", statusMessage: null });
    source.emit("log", log(1, "Hello"));
    source.emit("metric", { name: "loss", value: 0.5, step: 0, timestamp: "t" });
    vi.advanceTimersByTime(100);
    expect(live.state.value.status?.status).toBe("started");
    expect(live.state.value.logs.map((r) => r.message)).toEqual(["Hello"]);
    expect(statuses).toEqual(["started"]);

    // A reconnection replays everything: nothing is doubled.
    source.emit("status", { id: 7, status: "started", statusMessage: null });
    source.emit("log", log(1, "Hello"));
    source.emit("log", log(2, "World"));
    source.emit("status", { id: 7, status: "finished", statusMessage: null });
    source.emit("end", { id: 7, status: "finished" });
    expect(live.state.value.logs.map((r) => r.id)).toEqual([1, 2]);
    expect(live.state.value.ended).toBe(true);
    expect(live.connection.value).toBe("ended");
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    expect(statuses).toEqual(["started", "finished"]);
    expect(ended).toBe(1);
    scope.stop();
  });

  it("opens a new stream when the job changes and closes the old one", async () => {
    const id = ref(1);
    const scope = effectScope();
    scope.run(() => useJobEvents(id));
    id.value = 2;
    await nextTick();
    expect(FakeEventSource.instances.map((s) => s.url)).toEqual(["/api/v1/jobs/1/events", "/api/v1/jobs/2/events"]);
    expect(FakeEventSource.instances[0]!.readyState).toBe(FakeEventSource.CLOSED);
    scope.stop();
    expect(FakeEventSource.instances[1]!.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("reports reconnecting while the browser retries", () => {
    const scope = effectScope();
    const live = scope.run(() => useJobEvents(3))!;
    const source = FakeEventSource.instances[0]!;
    source.open();
    source.onerror?.();
    expect(live.connection.value).toBe("reconnecting");
    scope.stop();
  });
});
