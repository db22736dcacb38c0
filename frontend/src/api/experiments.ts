/**
 * Experiments: list, detail, create, update, delete, and their entrypoints (link/unlink).
 * Invalidation: create/delete refresh lists; an update or a link change refreshes the list
 * and the detail. An experiment's jobs live in `api/jobs.ts` (`useExperimentJobList`).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { api, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Experiment = Schemas["ExperimentOut"];
export type ExperimentCreate = Schemas["ExperimentCreateBody"];
export type ExperimentModify = Schemas["ExperimentModifyBody"];

export const experimentKeys = queryKeys.experiments;

/** Fields the list's search understands (shown in the search help). */
export const EXPERIMENT_SEARCH_FIELDS = ["name", "description", "tag"];

export function useExperimentList(params: MaybeRefOrGetter<ListParams>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => experimentKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/experiments/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: () => toValue(options.enabled) ?? true,
  });
}

export function useExperiment(id: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => experimentKeys.detail(toValue(id) ?? -1)),
    queryFn: ({ queryKey: [, , experimentId] }) =>
      call(api.GET("/api/v1/experiments/{id}", { params: { path: { id: experimentId } } })),
    enabled: () => toValue(id) != null,
  });
}

export function useCreateExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExperimentCreate) => call(api.POST("/api/v1/experiments/", { body })),
    onSuccess: (experiment) => {
      client.setQueryData(experimentKeys.detail(experiment.id), experiment);
      return client.invalidateQueries({ queryKey: experimentKeys.lists() });
    },
  });
}

export function useUpdateExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ExperimentModify }) =>
      call(api.PUT("/api/v1/experiments/{id}", { params: { path: { id } }, body })),
    onSuccess: (experiment) => {
      client.setQueryData(experimentKeys.detail(experiment.id), experiment);
      return client.invalidateQueries({ queryKey: experimentKeys.lists() });
    },
  });
}

export function useDeleteExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE("/api/v1/experiments/{id}", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      client.removeQueries({ queryKey: experimentKeys.detail(id) });
      return client.invalidateQueries({ queryKey: experimentKeys.lists() });
    },
  });
}

/** Links more entrypoints to an experiment. */
export function useAddExperimentEntrypoints() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ids }: { id: number; ids: number[] }) =>
      call(api.POST("/api/v1/experiments/{id}/entrypoints", { params: { path: { id } }, body: { ids } })),
    onSuccess: (_refs, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: experimentKeys.detail(id) }),
        client.invalidateQueries({ queryKey: experimentKeys.lists() }),
      ]),
  });
}

/** Unlinks one entrypoint from an experiment (its jobs keep their record). */
export function useRemoveExperimentEntrypoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, entrypointId }: { id: number; entrypointId: number }) =>
      call(
        api.DELETE("/api/v1/experiments/{id}/entrypoints/{entrypointId}", {
          params: { path: { id, entrypointId } },
        }),
      ),
    onSuccess: (_data, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: experimentKeys.detail(id) }),
        client.invalidateQueries({ queryKey: experimentKeys.lists() }),
      ]),
  });
}
