/**
 * Follows a job live: `EventSource` on `GET /api/v1/jobs/{id}/events` (same origin, the
 * session cookie goes along), batching events into a `JobLiveState` (status, logs, metric
 * points). The stream replays everything on each reconnection; merging by key makes that
 * harmless. After `end` the source is closed (else the browser would reconnect).
 *
 * Fallback: when the stream cannot be opened (or keeps failing), poll the REST routes
 * every few seconds (status, whole log, metrics) until the job has ended.
 */
import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from "vue";
import { api, call } from "@/api/client";
import { fetchJobLog, fetchMetricHistory } from "@/api/jobs";
import { isFinalStatus } from "@/utils/jobStatus";
import {
  applyEvents,
  emptyLiveState,
  mergeMetrics,
  parseEvent,
  type JobEvent,
  type JobLiveState,
  type LogRecord,
  type MetricPoint,
} from "./events";

export type Connection = "connecting" | "live" | "reconnecting" | "polling" | "ended";

const EVENT_TYPES = ["status", "log", "metric", "end"] as const;
const FLUSH_MS = 60;
const POLL_MS = 3000;
const MAX_FAILURES = 4;

export function useJobEvents(
  jobId: MaybeRefOrGetter<number>,
  hooks: { onStatus?: (status: string, message: string | null) => void; onEnd?: () => void } = {},
) {
  const state = shallowRef<JobLiveState>(emptyLiveState());
  const connection = ref<Connection>("connecting");

  let source: EventSource | null = null;
  let pending: JobEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let generation = 0;
  let lastStatus: string | null = null;

  function flush() {
    flushTimer = undefined;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    state.value = applyEvents(state.value, batch);
    const status = state.value.status;
    if (status && status.status !== lastStatus) {
      lastStatus = status.status;
      hooks.onStatus?.(status.status, status.statusMessage);
    }
  }

  function enqueue(event: JobEvent) {
    pending.push(event);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  }

  function close() {
    source?.close();
    source = null;
    clearTimeout(pollTimer);
  }

  function ended() {
    clearTimeout(flushTimer);
    flush();
    close();
    connection.value = "ended";
    hooks.onEnd?.();
  }

  function open(id: number) {
    const mine = generation;
    if (typeof EventSource === "undefined") return startPolling(id, mine);
    source = new EventSource(`/api/v1/jobs/${id}/events`, { withCredentials: true });
    source.onopen = () => {
      failures = 0;
      connection.value = "live";
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        if (mine !== generation) return;
        const event = parseEvent(type, (message as MessageEvent<string>).data);
        if (event) enqueue(event);
        if (type === "end") ended();
      });
    }
    source.onerror = () => {
      if (mine !== generation || connection.value === "ended") return;
      failures += 1;
      if (source?.readyState === EventSource.CLOSED || failures >= MAX_FAILURES) {
        close();
        startPolling(id, mine);
      } else {
        connection.value = "reconnecting";
      }
    };
  }

  async function pollOnce(id: number): Promise<boolean> {
    const job = await call(api.GET("/api/v1/jobs/{id}", { params: { path: { id } } }));
    const log = await fetchJobLog(id);
    // The REST log has no ids: number the records by position (the log only grows).
    const logs: LogRecord[] = log.map((record, index) => ({ ...record, id: index + 1 }));
    const latest = await call(api.GET("/api/v1/jobs/{id}/metrics", { params: { path: { id } } }));
    let metrics = state.value.metrics;
    for (const metric of latest) {
      const known = metrics[metric.name];
      if (known?.at(-1)?.value === metric.value) continue;
      const history = await fetchMetricHistory(id, metric.name);
      metrics = mergeMetrics(metrics, history.map((p): MetricPoint => ({ ...p })));
    }
    const final = isFinalStatus(job.status);
    state.value = {
      status: { id, status: job.status, statusMessage: job.statusMessage, deleted: job.deleted },
      logs: logs.length === state.value.logs.length ? state.value.logs : logs,
      metrics,
      ended: final,
    };
    if (job.status !== lastStatus) {
      lastStatus = job.status;
      hooks.onStatus?.(job.status, job.statusMessage);
    }
    return final;
  }

  function startPolling(id: number, mine: number) {
    connection.value = "polling";
    const tick = async () => {
      if (mine !== generation) return;
      let final = false;
      try {
        final = await pollOnce(id);
      } catch {
        // keep trying: the next tick may succeed
      }
      if (mine !== generation) return;
      if (final) {
        connection.value = "ended";
        hooks.onEnd?.();
      } else pollTimer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
  }

  watch(
    () => toValue(jobId),
    (id) => {
      generation += 1;
      close();
      clearTimeout(flushTimer);
      pending = [];
      failures = 0;
      lastStatus = null;
      state.value = emptyLiveState();
      connection.value = "connecting";
      open(id);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    generation += 1;
    clearTimeout(flushTimer);
    close();
  });

  return { state, connection };
}
