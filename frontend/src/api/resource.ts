/**
 * The queries and mutations every resource family has, written once with their
 * invalidation rules. A family file only says how to fetch:
 *
 *   export const useQueueList = (params, options = {}) =>
 *     useListQuery(queueKeys, params, options, (query) => call(api.GET("/api/v1/queues/", { params: { query } })));
 *   export const useCreateQueue = () =>
 *     useCreateMutation(queueKeys, (body: QueueCreate) => call(api.POST("/api/v1/queues/", { body })));
 *
 * Rules: create -> the new detail is cached and lists refresh; update -> the detail takes
 * the answer and lists refresh; delete -> the detail is dropped and lists refresh.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { listQuery, type ListOptions, type ListParams, type Page } from "./client";
import type { resourceKeys } from "./queryKeys";

type Keys = ReturnType<typeof resourceKeys<string>>;
type Query = ReturnType<typeof listQuery>;

/** A server-paged list (what ResourceTable takes): keeps the previous page while the next loads. */
export function useListQuery<T>(
  keys: Keys,
  params: MaybeRefOrGetter<ListParams>,
  options: ListOptions,
  fetchPage: (query: Query) => Promise<Page<T>>,
) {
  return useQuery({
    queryKey: computed(() => keys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => fetchPage(listQuery(p)),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One resource by id. */
export function useDetailQuery<T>(keys: Keys, id: MaybeRefOrGetter<number>, fetchOne: (id: number) => Promise<T>) {
  return useQuery({
    queryKey: computed(() => keys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , resourceId] }) => fetchOne(resourceId),
  });
}

export function useCreateMutation<TBody, TOut extends { id: number }>(keys: Keys, create: (body: TBody) => Promise<TOut>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: create,
    onSuccess: (created) => {
      client.setQueryData(keys.detail(created.id), created);
      return client.invalidateQueries({ queryKey: keys.lists() });
    },
  });
}

export function useUpdateMutation<TVars, TOut extends { id: number }>(keys: Keys, update: (vars: TVars) => Promise<TOut>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: update,
    onSuccess: (updated) => {
      client.setQueryData(keys.detail(updated.id), updated);
      return client.invalidateQueries({ queryKey: keys.lists() });
    },
  });
}

export function useDeleteMutation(keys: Keys, remove: (id: number) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: remove,
    onSuccess: (_answer, id) => {
      client.removeQueries({ queryKey: keys.detail(id) });
      return client.invalidateQueries({ queryKey: keys.lists() });
    },
  });
}
