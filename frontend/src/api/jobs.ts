/**
 * Jobs: lists (all, or one experiment's), detail, its status snapshots, metrics and log,
 * submit, cancel, rerun, delete; plus the few entrypoint, queue and artifact reads the job
 * form needs (keyed under their own families so other pages share the cache; the
 * entrypoint itself comes from `api/entrypoints.ts`).
 *
 * Live data: lists refetch every few seconds while a job on the page is unfinished; the
 * job page follows `GET /jobs/{id}/events` (pages/jobs/useJobEvents.ts) and polls the
 * detail slowly as a fallback. Invalidation: submit/rerun/delete refresh job lists (and
 * the experiment's); cancel refreshes the list and the detail.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter, type Ref } from "vue";
import { isFinalStatus } from "@/utils/jobStatus";
import { api, call, listQuery, type ListParams, type Page, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Job = Schemas["JobOut"];
export type JobCreate = Schemas["JobCreateBody"];
export type JobPage = Schemas["JobPage"];
export type MetricSnapshot = Schemas["MetricSnapshotOut"];
export type Entrypoint = Schemas["EntrypointOut"];
export type Artifact = Schemas["ArtifactOut"];

export const jobKeys = {
  ...queryKeys.jobs,
  experimentLists: (experimentId: number) => [...queryKeys.jobs.all, "experiment", experimentId] as const,
  experimentList: (experimentId: number, params: ListParams) =>
    [...queryKeys.jobs.all, "experiment", experimentId, params] as const,
  snapshots: (id: number) => [...queryKeys.jobs.detail(id), "snapshots"] as const,
  metrics: (id: number) => [...queryKeys.jobs.detail(id), "metrics"] as const,
  metricHistory: (id: number, name: string) => [...queryKeys.jobs.detail(id), "metrics", name] as const,
  log: (id: number) => [...queryKeys.jobs.detail(id), "log"] as const,
};

/** Fields the jobs list's search understands. */
export const JOB_SEARCH_FIELDS = ["description", "status", "timeout", "tag"];

/** How often a list with an unfinished job refetches. */
export const LIVE_LIST_MS = 3000;

function liveInterval(page: Page<Job> | undefined): number | false {
  return page?.data.some((job) => !isFinalStatus(job.status)) ? LIVE_LIST_MS : false;
}

/**
 * A list query whose background refetches (the live interval) do not count as fetching,
 * so a table shows its loading state only when what it shows is stale (page, sort, search).
 */
function quietRefetch<Q extends { isFetching: Ref<boolean>; isPlaceholderData: Ref<boolean>; isPending: Ref<boolean> }>(query: Q): Q {
  const isFetching = computed(() => query.isFetching.value && (query.isPlaceholderData.value || query.isPending.value));
  return { ...query, isFetching } as unknown as Q;
}

export function useJobList(params: MaybeRefOrGetter<ListParams>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return quietRefetch(useQuery({
    queryKey: computed(() => jobKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/jobs/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: () => toValue(options.enabled) ?? true,
    refetchInterval: (query) => liveInterval(query.state.data),
  }));
}

/** A list composable (for ResourceTable) of one experiment's jobs. */
export function experimentJobList(experimentId: MaybeRefOrGetter<number>) {
  return (params: MaybeRefOrGetter<ListParams>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) =>
    quietRefetch(useQuery({
      queryKey: computed(() => jobKeys.experimentList(toValue(experimentId), { ...toValue(params), groupId: null })),
      queryFn: ({ queryKey: [, , id, p] }) => {
        const { groupId: _ignored, ...query } = listQuery(p as ListParams);
        return call(api.GET("/api/v1/experiments/{id}/jobs", { params: { path: { id: id as number }, query } }));
      },
      placeholderData: keepPreviousData,
      enabled: () => toValue(options.enabled) ?? true,
      refetchInterval: (query) => liveInterval(query.state.data),
    }));
}

export function useJob(id: MaybeRefOrGetter<number>, options: { pollMs?: MaybeRefOrGetter<number | false> } = {}) {
  return useQuery({
    queryKey: computed(() => jobKeys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , jobId] }) => call(api.GET("/api/v1/jobs/{id}", { params: { path: { id: jobId } } })),
    refetchInterval: (query) => (isFinalStatus(query.state.data?.status) ? false : (toValue(options.pollMs) ?? false)),
  });
}

/**
 * The job's snapshots: one per status change (and one for a cancellation request), so they
 * tell when it started and ended.
 */
export function useJobSnapshots(id: MaybeRefOrGetter<number>, status: MaybeRefOrGetter<string | undefined>) {
  return useQuery({
    queryKey: computed(() => [...jobKeys.snapshots(toValue(id)), toValue(status) ?? ""] as const),
    queryFn: () =>
      call(
        api.GET("/api/v1/jobs/{id}/snapshots", {
          params: { path: { id: toValue(id) }, query: { index: 0, pageLength: 100 } },
        }),
      ),
    enabled: () => toValue(status) !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The latest value of each metric (a fallback for the event stream). */
export function useJobMetrics(id: MaybeRefOrGetter<number>, enabled: MaybeRefOrGetter<boolean> = true) {
  return useQuery({
    queryKey: computed(() => jobKeys.metrics(toValue(id))),
    queryFn: () => call(api.GET("/api/v1/jobs/{id}/metrics", { params: { path: { id: toValue(id) } } })),
    enabled: () => toValue(enabled),
  });
}

const HISTORY_PAGE = 500;
const HISTORY_MAX_PAGES = 40;

/** Every step of one metric (up to 20 000 points). */
export async function fetchMetricHistory(id: number, name: string): Promise<MetricSnapshot[]> {
  const points: MetricSnapshot[] = [];
  for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
    const result = await call(
      api.GET("/api/v1/jobs/{id}/metrics/{name}/snapshots", {
        params: { path: { id, name }, query: { index: page * HISTORY_PAGE, pageLength: HISTORY_PAGE } },
      }),
    );
    points.push(...result.data);
    if (result.isComplete || result.data.length < HISTORY_PAGE) break;
  }
  return points;
}

const LOG_PAGE = 500;
const LOG_MAX_PAGES = 100;

/** The whole log, in arrival order (the fallback when the event stream cannot be opened). */
export async function fetchJobLog(id: number): Promise<Schemas["LogRecordOut"][]> {
  const records: Schemas["LogRecordOut"][] = [];
  for (let page = 0; page < LOG_MAX_PAGES; page++) {
    const result = await call(
      api.GET("/api/v1/jobs/{id}/log", { params: { path: { id }, query: { index: page * LOG_PAGE, pageLength: LOG_PAGE } } }),
    );
    records.push(...result.data);
    if (result.isComplete || result.data.length < LOG_PAGE) break;
  }
  return records;
}

function invalidateJobLists(client: ReturnType<typeof useQueryClient>, experimentId?: number | null) {
  return Promise.all([
    client.invalidateQueries({ queryKey: jobKeys.lists() }),
    experimentId != null
      ? client.invalidateQueries({ queryKey: jobKeys.experimentLists(experimentId) })
      : client.invalidateQueries({ queryKey: [...jobKeys.all, "experiment"] }),
  ]);
}

export function useCreateJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ experimentId, body }: { experimentId: number; body: JobCreate }) =>
      call(api.POST("/api/v1/experiments/{id}/jobs", { params: { path: { id: experimentId } }, body })),
    onSuccess: (job, { experimentId }) => {
      client.setQueryData(jobKeys.detail(job.id), job);
      return invalidateJobLists(client, experimentId);
    },
  });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.POST("/api/v1/jobs/{id}/cancel", { params: { path: { id } } })),
    onSuccess: (job) => {
      client.setQueryData(jobKeys.detail(job.id), job);
      return invalidateJobLists(client, job.experiment?.id);
    },
  });
}

export function useRerunJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.POST("/api/v1/jobs/{id}/rerun", { params: { path: { id } } })),
    onSuccess: (job) => {
      client.setQueryData(jobKeys.detail(job.id), job);
      return invalidateJobLists(client, job.experiment?.id);
    },
  });
}

export function useDeleteJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: number; experimentId?: number | null }) =>
      call(api.DELETE("/api/v1/jobs/{id}", { params: { path: { id } } })),
    onSuccess: (_data, { id, experimentId }) => {
      client.removeQueries({ queryKey: jobKeys.detail(id) });
      return invalidateJobLists(client, experimentId);
    },
  });
}

// -- what the job form reads from other families ---------------------------------------------

/** One entrypoint snapshot (what a job ran). */
export function useEntrypointSnapshot(id: MaybeRefOrGetter<number | null>, snapshotId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.entrypoints.detail(toValue(id) ?? -1), "snapshot", toValue(snapshotId) ?? -1] as const),
    queryFn: () =>
      call(
        api.GET("/api/v1/entrypoints/{id}/snapshots/{snapshotId}", {
          params: { path: { id: toValue(id) as number, snapshotId: toValue(snapshotId) as number } },
        }),
      ),
    enabled: () => toValue(id) != null && toValue(snapshotId) != null,
    staleTime: Infinity,
  });
}

const OPTIONS_PAGE = 100;

/** Every item of a group for a picker (up to 500), sorted by name. */
export function useEntrypointOptions(groupId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.entrypoints.lists(), "options", toValue(groupId)] as const),
    queryFn: async () => {
      const out: Entrypoint[] = [];
      for (let page = 0; page < 5; page++) {
        const query = listQuery({ index: page * OPTIONS_PAGE, pageLength: OPTIONS_PAGE, sortBy: "name", groupId: toValue(groupId) });
        const result = await call(api.GET("/api/v1/entrypoints/", { params: { query } }));
        out.push(...result.data);
        if (result.isComplete) break;
      }
      return out;
    },
    enabled: () => toValue(groupId) != null,
  });
}

export function useQueueOptions(groupId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.queues.lists(), "options", toValue(groupId)] as const),
    queryFn: async () => {
      const query = listQuery({ index: 0, pageLength: OPTIONS_PAGE, sortBy: "name", groupId: toValue(groupId) });
      return (await call(api.GET("/api/v1/queues/", { params: { query } }))).data;
    },
    enabled: () => toValue(groupId) != null,
  });
}

/** Links a queue to an entrypoint (so jobs of the entrypoint may use it). */
export function useAttachQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entrypointId, queueId }: { entrypointId: number; queueId: number }) =>
      call(api.POST("/api/v1/entrypoints/{id}/queues", { params: { path: { id: entrypointId } }, body: { ids: [queueId] } })),
    onSuccess: (_refs, { entrypointId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.entrypoints.detail(entrypointId) }),
        client.invalidateQueries({ queryKey: queryKeys.entrypoints.lists() }),
      ]),
  });
}

export const ARTIFACT_PICKER_PAGE = 100;
export const ARTIFACT_PICKER_MAX_PAGES = 5;

/**
 * The newest artifacts of a group that match `search` (description, URI, tag): up to
 * 500, newest first; the job form keeps those whose task fits the parameter.
 */
export function useArtifactCandidates(groupId: MaybeRefOrGetter<number | null>, search: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.artifacts.lists(), "candidates", toValue(groupId), toValue(search)] as const),
    queryFn: async () => {
      const out: Artifact[] = [];
      let total = 0;
      for (let page = 0; page < ARTIFACT_PICKER_MAX_PAGES; page++) {
        const query = listQuery({
          index: page * ARTIFACT_PICKER_PAGE,
          pageLength: ARTIFACT_PICKER_PAGE,
          sortBy: "id",
          descending: true,
          groupId: toValue(groupId),
          search: toValue(search) || undefined,
        });
        const result = await call(api.GET("/api/v1/artifacts/", { params: { query } }));
        out.push(...result.data);
        total = result.totalNumResults;
        if (result.isComplete) break;
      }
      return { artifacts: out, total, truncated: out.length < total };
    },
    enabled: () => toValue(groupId) != null,
    placeholderData: keepPreviousData,
  });
}

/** Several artifacts by id (a job's outputs), in one query. */
export function useArtifactsById(ids: MaybeRefOrGetter<number[]>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.artifacts.details(), "many", toValue(ids)] as const),
    queryFn: () =>
      Promise.all(
        toValue(ids).map((id) => call(api.GET("/api/v1/artifacts/{id}", { params: { path: { id } } }))),
      ),
    enabled: () => toValue(ids).length > 0,
  });
}
