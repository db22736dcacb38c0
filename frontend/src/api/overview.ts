/**
 * What the home page shows: how many of each resource the current group holds, and its
 * latest jobs. Keys are the families' own list keys, so their mutations refresh these too.
 */
import { useQueries, useQuery } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { isFinalStatus } from "@/utils/jobStatus";
import { api, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Family = "experiments" | "jobs" | "artifacts" | "entrypoints" | "plugins" | "parameterTypes" | "queues";

const PATHS = {
  experiments: "/api/v1/experiments/",
  jobs: "/api/v1/jobs/",
  artifacts: "/api/v1/artifacts/",
  entrypoints: "/api/v1/entrypoints/",
  plugins: "/api/v1/plugins/",
  parameterTypes: "/api/v1/pluginParameterTypes/",
  queues: "/api/v1/queues/",
} as const;

export const FAMILIES = Object.keys(PATHS) as Family[];

/** The number of each family's resources in a group (one 1-row page per family). */
export function useResourceCounts(groupId: MaybeRefOrGetter<number | null>) {
  const queries = useQueries({
    queries: computed(() =>
      FAMILIES.map((family) => {
        const params: ListParams = { index: 0, pageLength: 1, groupId: toValue(groupId) };
        return {
          queryKey: queryKeys[family].list(params),
          // Every list route takes the same query; the path is the only difference.
          queryFn: () =>
            call(api.GET(PATHS[family] as "/api/v1/queues/", { params: { query: listQuery(params) } })),
          enabled: toValue(groupId) !== null,
        };
      }),
    ),
  });
  return computed(() => {
    const counts: Partial<Record<Family, number>> = {};
    FAMILIES.forEach((family, index) => {
      const total = queries.value[index]?.data?.totalNumResults;
      if (total !== undefined) counts[family] = total;
    });
    return counts;
  });
}

export type RecentJob = Schemas["JobOut"];

/** The group's latest jobs, refreshed while any of them is still going. */
export function useRecentJobs(groupId: MaybeRefOrGetter<number | null>, count = 8) {
  const params = computed<ListParams>(() => ({
    index: 0,
    pageLength: count,
    sortBy: "createdOn",
    descending: true,
    groupId: toValue(groupId),
  }));
  return useQuery({
    queryKey: computed(() => queryKeys.jobs.list(params.value)),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/jobs/", { params: { query: listQuery(p) } })),
    enabled: computed(() => toValue(groupId) !== null),
    refetchInterval: (query) => (query.state.data?.data.some((job) => !isFinalStatus(job.status)) ? 3000 : 30_000),
  });
}
