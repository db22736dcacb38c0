/**
 * Queues: the reference family. Every family file has the same shape:
 * types, a list query, a detail query, and one mutation per change with its invalidation.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { api, call, listQuery, type ListOptions, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Queue = Schemas["QueueOut"];
export type QueueCreate = Schemas["QueueCreateBody"];
export type QueueModify = Schemas["QueueModifyBody"];

export const queueKeys = queryKeys.queues;

/** Fields the list's search understands (shown in the search help). */
export const QUEUE_SEARCH_FIELDS = ["name", "description", "tag"];

/** A page of queues; `enabled` holds the call back (ResourceTable waits for the current group). */
export function useQueueList(params: MaybeRefOrGetter<ListParams>, options: ListOptions = {}) {
  return useQuery({
    queryKey: computed(() => queueKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/queues/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useQueue(id: MaybeRefOrGetter<number>) {
  return useQuery({
    queryKey: computed(() => queueKeys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , queueId] }) =>
      call(api.GET("/api/v1/queues/{id}", { params: { path: { id: queueId } } })),
  });
}

export function useCreateQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: QueueCreate) => call(api.POST("/api/v1/queues/", { body })),
    onSuccess: (queue) => {
      client.setQueryData(queueKeys.detail(queue.id), queue);
      return client.invalidateQueries({ queryKey: queueKeys.lists() });
    },
  });
}

export function useUpdateQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: QueueModify }) =>
      call(api.PUT("/api/v1/queues/{id}", { params: { path: { id } }, body })),
    onSuccess: (queue) => {
      client.setQueryData(queueKeys.detail(queue.id), queue);
      return client.invalidateQueries({ queryKey: queueKeys.lists() });
    },
  });
}

export function useDeleteQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE("/api/v1/queues/{id}", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      client.removeQueries({ queryKey: queueKeys.detail(id) });
      return client.invalidateQueries({ queryKey: queueKeys.lists() });
    },
  });
}
