/**
 * Entrypoints: list, detail, create (POST), modify (one PUT: fields, queues and the exact
 * plugin snapshots to keep), delete, "update a pinned plugin to its latest snapshot"
 * (POST .../plugins or .../artifactPlugins re-binds at the latest), and the checks the
 * editor runs as you type (`:lint` and the `validateOnly` dry run).
 *
 * The editor also needs every plugin and queue of a group (pickers): those lists are keyed
 * under `plugins.lists()` / `queues.lists()`, so the owners' invalidations refresh them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { api, ApiError, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Entrypoint = Schemas["EntrypointOut"];
export type EntrypointCreate = Schemas["EntrypointCreateBody"];
export type EntrypointPut = Schemas["EntrypointPutBody"];
export type EntrypointFields = Schemas["EntrypointFields"];
export type BoundPlugin = Schemas["BoundPluginOut"];
export type LintResult = Schemas["LintOut"];
export type Plugin = Schemas["PluginOut"];
export type Queue = Schemas["QueueOut"];
export type ParameterIn = Schemas["ParameterIn"];
export type ArtifactParameterIn = Schemas["ArtifactParameterIn"];

export const entrypointKeys = queryKeys.entrypoints;

/** Fields the list's search understands (shown in the search help). */
export const ENTRYPOINT_SEARCH_FIELDS = ["name", "description", "tag", "task_graph", "artifact_graph"];

/** The entrypoint parameter types the API accepts (`ParameterIn.parameterType`). */
export const ENTRYPOINT_PARAMETER_TYPES: readonly ParameterIn["parameterType"][] = [
  "string",
  "float",
  "integer",
  "boolean",
  "list",
  "mapping",
];

export function useEntrypointList(params: MaybeRefOrGetter<ListParams>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => entrypointKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/entrypoints/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

export function useEntrypoint(id: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => entrypointKeys.detail(toValue(id) ?? -1)),
    queryFn: ({ queryKey: [, , entrypointId] }) =>
      call(api.GET("/api/v1/entrypoints/{id}", { params: { path: { id: entrypointId } } })),
    enabled: computed(() => toValue(id) != null),
    // An editor must not be reset under the user's hands by a background refetch.
    refetchOnWindowFocus: false,
  });
}

export function useCreateEntrypoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EntrypointCreate) => call(api.POST("/api/v1/entrypoints/", { body })),
    onSuccess: (entrypoint) => {
      client.setQueryData(entrypointKeys.detail(entrypoint.id), entrypoint);
      return client.invalidateQueries({ queryKey: entrypointKeys.lists() });
    },
  });
}

export function useUpdateEntrypoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: EntrypointPut }) =>
      call(api.PUT("/api/v1/entrypoints/{id}", { params: { path: { id } }, body })),
    onSuccess: (entrypoint) => {
      client.setQueryData(entrypointKeys.detail(entrypoint.id), entrypoint);
      return client.invalidateQueries({ queryKey: entrypointKeys.lists() });
    },
  });
}

export function useDeleteEntrypoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE("/api/v1/entrypoints/{id}", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      client.removeQueries({ queryKey: entrypointKeys.detail(id) });
      return client.invalidateQueries({ queryKey: entrypointKeys.lists() });
    },
  });
}

/** Re-binds plugins at their latest snapshot (a new entrypoint snapshot); `artifact` for
 * artifact plugins. Used by the list's "update" buttons. */
export function useSyncEntrypointPlugins() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, pluginIds, artifact }: { id: number; pluginIds: number[]; artifact: boolean }) =>
      artifact
        ? call(
            api.POST("/api/v1/entrypoints/{id}/artifactPlugins", {
              params: { path: { id } },
              body: { artifactPlugins: pluginIds },
            }),
          )
        : call(api.POST("/api/v1/entrypoints/{id}/plugins", { params: { path: { id } }, body: { plugins: pluginIds } })),
    onSuccess: (_plugins, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: entrypointKeys.detail(id) }),
        client.invalidateQueries({ queryKey: entrypointKeys.lists() }),
      ]),
  });
}

// -- the editor's checks ---------------------------------------------------------------------

/** What a check found: the server's messages, or an error that is about a field. */
export interface CheckResult {
  valid: boolean;
  messages: string[];
  /** Findings that do not make the graph invalid but will stop a job. */
  warnings: string[];
  /** A request error that is not a graph finding (a name clash, a bad parameter...). */
  error?: ApiError;
}

/** `POST /entrypoints:lint` (new) or `/entrypoints/{id}:lint` (existing, current bindings). */
export async function lintEntrypoint(
  target: { id: number; body: EntrypointFields } | { id: null; body: EntrypointCreate },
  signal?: AbortSignal,
): Promise<CheckResult> {
  try {
    const result =
      target.id === null
        ? await call(api.POST("/api/v1/entrypoints:lint", { body: target.body, signal }))
        : await call(api.POST("/api/v1/entrypoints/{id}:lint", { params: { path: { id: target.id } }, body: target.body, signal }));
    return {
      valid: result.valid,
      messages: result.issues.map((issue) => issue.message),
      warnings: (result.warnings ?? []).map((warning) => warning.message),
    };
  } catch (error) {
    if (error instanceof ApiError) return { valid: false, messages: [], warnings: [], error };
    throw error;
  }
}

/** The full save check (`?validateOnly=true`): cycles, undeclared references and artifact
 * tasks too. A graph finding answers 400 `EntrypointValidationError` with `detail.reason`. */
export async function dryRunEntrypoint(
  target: { id: number; body: EntrypointPut } | { id: null; body: EntrypointCreate },
  signal?: AbortSignal,
): Promise<{ ok: true; warnings: string[] } | { ok: false; reason: Record<string, unknown> | null; error: ApiError }> {
  try {
    const checked =
      target.id === null
        ? await call(api.POST("/api/v1/entrypoints/", { params: { query: { validateOnly: true } }, body: target.body, signal }))
        : await call(
            api.PUT("/api/v1/entrypoints/{id}", {
              params: { path: { id: target.id }, query: { validateOnly: true } },
              body: target.body,
              signal,
            }),
          );
    return { ok: true, warnings: saveWarnings(checked) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reason = error.code === "EntrypointValidationError" ? (error.detail?.reason as Record<string, unknown> | undefined) : undefined;
    return { ok: false, reason: reason ?? null, error };
  }
}

/** The warnings of a save's answer (create and PUT only): findings that did not stop the
 * save but will stop a job, such as an artifact task no attached artifact plugin registers. */
export function saveWarnings(saved: Entrypoint): string[] {
  return (saved.warnings ?? []).map((warning) => warning.message);
}

// -- pickers: every plugin and queue of a group ---------------------------------------------

async function fetchAllPages<T>(fetchPage: (index: number) => Promise<{ data: T[]; isComplete: boolean }>): Promise<T[]> {
  const out: T[] = [];
  for (let index = 0; ; ) {
    const page = await fetchPage(index);
    out.push(...page.data);
    index += page.data.length;
    if (page.isComplete || page.data.length === 0) return out;
  }
}

export function useGroupPlugins(groupId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.plugins.lists(), "all", toValue(groupId) ?? -1] as const),
    enabled: computed(() => toValue(groupId) != null),
    queryFn: ({ queryKey }) =>
      fetchAllPages((index) =>
        call(
          api.GET("/api/v1/plugins/", {
            params: { query: { index, pageLength: 1000, groupId: queryKey[3], sortBy: "name", descending: false } },
          }),
        ),
      ),
    staleTime: 30_000,
  });
}

export function useGroupQueues(groupId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.queues.lists(), "all", toValue(groupId) ?? -1] as const),
    enabled: computed(() => toValue(groupId) != null),
    queryFn: ({ queryKey }) =>
      fetchAllPages((index) =>
        call(
          api.GET("/api/v1/queues/", {
            params: { query: { index, pageLength: 1000, groupId: queryKey[3], sortBy: "name", descending: false } },
          }),
        ),
      ),
    staleTime: 30_000,
  });
}

// -- tasks of plugin files (the API types them loosely: `tasks: {[key]: unknown}`) ------------

export interface TaskParam {
  name: string;
  type: string;
  typeId: number | null;
  required: boolean;
}

export interface PluginTask {
  name: string;
  kind: "function" | "artifact";
  inputs: TaskParam[];
  outputs: TaskParam[];
}

function readParams(value: unknown): TaskParam[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const param = (item ?? {}) as { name?: unknown; parameterType?: unknown; required?: unknown };
    const type = (param.parameterType ?? {}) as { name?: unknown; id?: unknown };
    return {
      name: String(param.name ?? ""),
      type: typeof type.name === "string" ? type.name : "?",
      typeId: typeof type.id === "number" ? type.id : null,
      required: param.required !== false,
    };
  });
}

/** The function and artifact tasks of a plugin's files (`PluginOut.files[]` or `BoundPluginOut.files[]`). */
export function tasksOfFiles(files: { tasks: Record<string, unknown> }[]): PluginTask[] {
  const out: PluginTask[] = [];
  for (const file of files) {
    const tasks = file.tasks as { functions?: unknown; artifacts?: unknown };
    for (const [key, kind] of [["functions", "function"], ["artifacts", "artifact"]] as const) {
      const list = tasks[key];
      if (!Array.isArray(list)) continue;
      for (const task of list as { name?: unknown; inputParams?: unknown; outputParams?: unknown }[]) {
        out.push({ name: String(task.name ?? ""), kind, inputs: readParams(task.inputParams), outputs: readParams(task.outputParams) });
      }
    }
  }
  return out;
}

/** An artifact parameter as the API returns it (`EntrypointOut.artifactParameters` is untyped). */
export interface ArtifactParameterView {
  name: string;
  outputs: { name: string; typeId: number | null; typeName: string }[];
}

export function readArtifactParameters(value: Entrypoint["artifactParameters"]): ArtifactParameterView[] {
  return value.map((item) => {
    const param = item as { name?: unknown; outputParams?: unknown };
    return {
      name: String(param.name ?? ""),
      outputs: readParams(param.outputParams).map((o) => ({ name: o.name, typeId: o.typeId, typeName: o.type })),
    };
  });
}
