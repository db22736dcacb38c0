/**
 * Plugins, their files (with the tasks each file registers) and the signature analysis
 * that finds tasks in Python source.
 *
 * Invalidation: a file change writes a new plugin snapshot, so it refreshes the plugin's
 * detail (its `files`), the plugin lists (file counts) and the plugin's file lists.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { api, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Plugin = Schemas["PluginOut"];
export type PluginCreate = Schemas["PluginCreateBody"];
export type PluginModify = Schemas["PluginModifyBody"];
export type PluginFile = Schemas["PluginFileOut"];
export type PluginFileBody = Schemas["PluginFileBody"];
export type TasksIn = Schemas["TasksIn"];
export type FunctionTaskIn = Schemas["FunctionTaskIn"];
export type ArtifactTaskIn = Schemas["ArtifactTaskIn"];

/**
 * The `tasks` of a file as the server answers them. The OpenAPI document types it as a
 * free-form object, so its shape is written down here (from the server's renderer).
 */
export interface StoredTypeRef {
  id: number;
  name: string;
  deleted: boolean;
  group: { id: number; name: string };
}
export interface StoredParam {
  name: string;
  parameterType: StoredTypeRef;
  required?: boolean;
}
export interface StoredTask {
  id: number;
  name: string;
  inputParams?: StoredParam[];
  outputParams: StoredParam[];
}
export interface StoredTasks {
  functions: StoredTask[];
  artifacts: StoredTask[];
}

export function storedTasks(tasks: unknown): StoredTasks {
  const value = (tasks ?? {}) as Partial<StoredTasks>;
  return { functions: value.functions ?? [], artifacts: value.artifacts ?? [] };
}

/**
 * The answer of `POST /workflows/pluginTaskSignatureAnalysis` (free-form in the OpenAPI
 * document): function tasks under `tasks`, artifact tasks (classes deriving from
 * `ArtifactTaskInterface`, outputs only) under `artifactTasks`. Types are suggested names.
 */
export interface AnalyzedParam {
  name: string;
  type: string;
  required?: boolean;
}
export interface MissingTypeSuggestion {
  name: string;
  description: string;
}
export interface AnalyzedTask {
  name: string;
  inputs?: AnalyzedParam[];
  outputs: AnalyzedParam[];
  missing_types: MissingTypeSuggestion[];
}
export interface SignatureReport {
  tasks: AnalyzedTask[];
  artifactTasks: AnalyzedTask[];
}

export const pluginKeys = {
  ...queryKeys.plugins,
  files: (pluginId: number) => [...queryKeys.plugins.detail(pluginId), "files"] as const,
  fileList: (pluginId: number, params: ListParams) =>
    [...queryKeys.plugins.detail(pluginId), "files", "list", params] as const,
  file: (pluginId: number, fileId: number) => [...queryKeys.plugins.detail(pluginId), "files", "detail", fileId] as const,
  fileSnapshots: (pluginId: number, fileId: number) =>
    [...queryKeys.plugins.detail(pluginId), "files", "detail", fileId, "snapshots"] as const,
};

export const PLUGIN_SEARCH_FIELDS = ["name", "description", "tag"];
export const PLUGIN_FILE_SEARCH_FIELDS = ["filename", "description", "contents", "tag"];

type Enabled = { enabled?: MaybeRefOrGetter<boolean> };
const enabledOf = (options: Enabled) => computed(() => toValue(options.enabled) ?? true);

export function usePluginList(params: MaybeRefOrGetter<ListParams>, options: Enabled = {}) {
  return useQuery({
    queryKey: computed(() => pluginKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) => call(api.GET("/api/v1/plugins/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: enabledOf(options),
  });
}

export function usePlugin(id: MaybeRefOrGetter<number>, options: Enabled = {}) {
  return useQuery({
    queryKey: computed(() => pluginKeys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , pluginId] }) =>
      call(api.GET("/api/v1/plugins/{id}", { params: { path: { id: pluginId } } })),
    enabled: enabledOf(options),
  });
}

export function useCreatePlugin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PluginCreate) => call(api.POST("/api/v1/plugins/", { body })),
    onSuccess: (plugin) => {
      client.setQueryData(pluginKeys.detail(plugin.id), plugin);
      return client.invalidateQueries({ queryKey: pluginKeys.lists() });
    },
  });
}

export function useUpdatePlugin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: PluginModify }) =>
      call(api.PUT("/api/v1/plugins/{id}", { params: { path: { id } }, body })),
    onSuccess: (plugin) => {
      client.setQueryData(pluginKeys.detail(plugin.id), plugin);
      return client.invalidateQueries({ queryKey: pluginKeys.lists() });
    },
  });
}

export function useDeletePlugin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE("/api/v1/plugins/{id}", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      client.removeQueries({ queryKey: pluginKeys.detail(id) });
      return client.invalidateQueries({ queryKey: pluginKeys.lists() });
    },
  });
}

/** A plugin's files, server-paged (a factory, so ResourceTable can take it as `useList`). */
export function pluginFileList(pluginId: MaybeRefOrGetter<number>) {
  return (params: MaybeRefOrGetter<ListParams>, options: Enabled = {}) =>
    useQuery({
      queryKey: computed(() => pluginKeys.fileList(toValue(pluginId), toValue(params))),
      queryFn: ({ queryKey }) => {
        const [, , id, , , p] = queryKey;
        return call(
          api.GET("/api/v1/plugins/{id}/files", { params: { path: { id }, query: listQuery({ ...p, groupId: null }) } }),
        );
      },
      placeholderData: keepPreviousData,
      enabled: enabledOf(options),
    });
}

export function usePluginFile(
  pluginId: MaybeRefOrGetter<number>,
  fileId: MaybeRefOrGetter<number>,
  options: Enabled = {},
) {
  return useQuery({
    queryKey: computed(() => pluginKeys.file(toValue(pluginId), toValue(fileId))),
    queryFn: ({ queryKey }) => {
      const [, , id, , , file] = queryKey;
      return call(api.GET("/api/v1/plugins/{id}/files/{fileId}", { params: { path: { id, fileId: file } } }));
    },
    enabled: enabledOf(options),
  });
}

/** Every saved version of a file, newest first (the server keeps one per save). */
export function usePluginFileSnapshots(
  pluginId: MaybeRefOrGetter<number>,
  fileId: MaybeRefOrGetter<number>,
  options: Enabled = {},
) {
  return useQuery({
    queryKey: computed(() => pluginKeys.fileSnapshots(toValue(pluginId), toValue(fileId))),
    queryFn: async ({ queryKey }) => {
      const [, , id, , , file] = queryKey;
      const out: PluginFile[] = [];
      for (let index = 0; ; ) {
        const page = await call(
          api.GET("/api/v1/plugins/{id}/files/{fileId}/snapshots", {
            params: { path: { id, fileId: file }, query: { index, pageLength: 100 } },
          }),
        );
        out.push(...page.data);
        index += page.data.length;
        if (page.isComplete || page.data.length === 0 || out.length >= 500) break;
      }
      return out.sort((a, b) => b.snapshot - a.snapshot);
    },
    enabled: enabledOf(options),
  });
}

function refreshPlugin(client: ReturnType<typeof useQueryClient>, pluginId: number) {
  return Promise.all([
    client.invalidateQueries({ queryKey: pluginKeys.detail(pluginId) }),
    client.invalidateQueries({ queryKey: pluginKeys.lists() }),
  ]);
}

export function useCreatePluginFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pluginId, body }: { pluginId: number; body: PluginFileBody }) =>
      call(api.POST("/api/v1/plugins/{id}/files", { params: { path: { id: pluginId } }, body })),
    onSuccess: (file, { pluginId }) => {
      client.setQueryData(pluginKeys.file(pluginId, file.id), file);
      return refreshPlugin(client, pluginId);
    },
  });
}

export function useUpdatePluginFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pluginId, fileId, body }: { pluginId: number; fileId: number; body: PluginFileBody }) =>
      call(api.PUT("/api/v1/plugins/{id}/files/{fileId}", { params: { path: { id: pluginId, fileId } }, body })),
    onSuccess: (file, { pluginId }) => {
      client.setQueryData(pluginKeys.file(pluginId, file.id), file);
      return refreshPlugin(client, pluginId);
    },
  });
}

export function useDeletePluginFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pluginId, fileId }: { pluginId: number; fileId: number }) =>
      call(api.DELETE("/api/v1/plugins/{id}/files/{fileId}", { params: { path: { id: pluginId, fileId } } })),
    onSuccess: (_data, { pluginId, fileId }) => {
      client.removeQueries({ queryKey: pluginKeys.file(pluginId, fileId) });
      return refreshPlugin(client, pluginId);
    },
  });
}

/** Finds the tasks of Python source without running it (400 with the line when it does not parse). */
export async function analyzePluginSource(pythonCode: string): Promise<SignatureReport> {
  const body = await call(api.POST("/api/v1/workflows/pluginTaskSignatureAnalysis", { body: { pythonCode } }));
  const report = (body ?? {}) as Partial<SignatureReport>;
  return { tasks: report.tasks ?? [], artifactTasks: report.artifactTasks ?? [] };
}
