/**
 * Queues: the reference family. Every family file has the same shape: its types, a list
 * query, a detail query, one mutation per change (the invalidation rules live in resource.ts).
 */
import type { MaybeRefOrGetter } from "vue";
import { api, call, type ListOptions, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";
import { useCreateMutation, useDeleteMutation, useDetailQuery, useListQuery, useUpdateMutation } from "./resource";

export type Queue = Schemas["QueueOut"];
export type QueueCreate = Schemas["QueueCreateBody"];
export type QueueModify = Schemas["QueueModifyBody"];

export const queueKeys = queryKeys.queues;

/** Fields the list's search understands (shown in the search help). */
export const QUEUE_SEARCH_FIELDS = ["name", "description", "tag"];

/** A page of queues; `enabled` holds the call back (ResourceTable waits for the current group). */
export function useQueueList(params: MaybeRefOrGetter<ListParams>, options: ListOptions = {}) {
  return useListQuery(queueKeys, params, options, (query) => call(api.GET("/api/v1/queues/", { params: { query } })));
}

export function useQueue(id: MaybeRefOrGetter<number>) {
  return useDetailQuery(queueKeys, id, (queueId) =>
    call(api.GET("/api/v1/queues/{id}", { params: { path: { id: queueId } } })),
  );
}

export function useCreateQueue() {
  return useCreateMutation(queueKeys, (body: QueueCreate) => call(api.POST("/api/v1/queues/", { body })));
}

export function useUpdateQueue() {
  return useUpdateMutation(queueKeys, ({ id, body }: { id: number; body: QueueModify }) =>
    call(api.PUT("/api/v1/queues/{id}", { params: { path: { id } }, body })),
  );
}

export function useDeleteQueue() {
  return useDeleteMutation(queueKeys, (id: number) =>
    call(api.DELETE("/api/v1/queues/{id}", { params: { path: { id } } })),
  );
}
