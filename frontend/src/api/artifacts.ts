/**
 * Artifacts: the outputs jobs saved. Same shape as every family file (see queues.ts): types,
 * list and detail queries, one mutation per change with its invalidation; plus the files of
 * an artifact, its bytes (for previews) and the URLs that download it.
 *
 * Artifacts are never created or deleted from the UI (jobs register them); only their
 * description (and task) changes, which makes a snapshot.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { ApiError, api, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Artifact = Schemas["ArtifactOut"];
export type ArtifactFile = Schemas["ArtifactFileOut"];
export type ArtifactModify = Schemas["ArtifactModifyBody"];
export type ArtifactTask = Schemas["ArtifactTaskOut"];

export const artifactKeys = {
  ...queryKeys.artifacts,
  files: (id: number) => [...queryKeys.artifacts.detail(id), "files"] as const,
  snapshots: (id: number) => [...queryKeys.artifacts.detail(id), "snapshots"] as const,
  /** The bytes of a file artifact (path null) or of one member of a folder artifact. */
  bytes: (id: number, path: string | null) => [...queryKeys.artifacts.detail(id), "bytes", path] as const,
};

/** Fields the list's search understands (shown in the search help). */
export const ARTIFACT_SEARCH_FIELDS = ["description", "artifactUri", "tag"];

/** How often a detail page asks again while the server is still computing the sha256. */
export const SHA256_POLL_MS = 2000;

/**
 * A page of artifacts. `outputTypes` (type ids) keeps the artifacts whose task outputs exactly
 * those types (the API's `outputParams`); it is part of the query key.
 */
export function useArtifactList(
  params: MaybeRefOrGetter<ListParams>,
  options: { enabled?: MaybeRefOrGetter<boolean>; outputTypes?: MaybeRefOrGetter<number[] | null | undefined> } = {},
) {
  return useQuery({
    queryKey: computed(() => {
      const types = toValue(options.outputTypes);
      return types?.length ? ([...artifactKeys.list(toValue(params)), { outputTypes: types }] as const) : artifactKeys.list(toValue(params));
    }),
    queryFn: ({ queryKey: [, , p, filter] }) =>
      call(
        api.GET("/api/v1/artifacts/", {
          params: { query: { ...listQuery(p), ...(filter ? { outputParams: filter.outputTypes.join(",") } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

/** The parameter types an artifact list can be filtered by: the group's and the builtins. */
export function useOutputTypeChoices(groupId: MaybeRefOrGetter<number | null | undefined>) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.parameterTypes.all, "artifactFilter", toValue(groupId) ?? null] as const),
    queryFn: async ({ queryKey: [, , group] }) => {
      const page = await call(
        api.GET("/api/v1/pluginParameterTypes/", {
          params: { query: { index: 0, pageLength: 1000, ...(group != null ? { groupId: group } : {}) } },
        }),
      );
      return page.data.filter((type) => !type.deleted).sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
  });
}

/**
 * One artifact. While its sha256 is still being computed (null for a few seconds after a job)
 * it is asked for again every `SHA256_POLL_MS` (30 times at most).
 */
export function useArtifact(id: MaybeRefOrGetter<number>, options: { pollDigest?: boolean } = {}) {
  return useQuery({
    queryKey: computed(() => artifactKeys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , artifactId] }) =>
      call(api.GET("/api/v1/artifacts/{id}", { params: { path: { id: artifactId } } })),
    refetchInterval: (query) =>
      options.pollDigest && query.state.data?.sha256 === null && query.state.dataUpdateCount < 30 ? SHA256_POLL_MS : false,
  });
}

/** The files of an artifact: a file artifact is one entry whose `relativePath` is "". */
export function useArtifactFiles(id: MaybeRefOrGetter<number>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => artifactKeys.files(toValue(id))),
    queryFn: ({ queryKey: [, , artifactId] }) =>
      call(api.GET("/api/v1/artifacts/{id}/files", { params: { path: { id: artifactId } } })),
    staleTime: Infinity, // an artifact's files never change
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

export function useArtifactSnapshots(id: MaybeRefOrGetter<number>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => artifactKeys.snapshots(toValue(id))),
    queryFn: ({ queryKey: [, , artifactId] }) =>
      call(
        api.GET("/api/v1/artifacts/{id}/snapshots", {
          params: { path: { id: artifactId }, query: { index: 0, pageLength: 100 } },
        }),
      ),
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

/**
 * The job that saved an artifact (its entrypoint, experiment, status and input artifacts).
 * Cached under the jobs family's detail key, so the job page and this share one copy.
 */
export function useProducingJob(jobId: MaybeRefOrGetter<number | null | undefined>) {
  return useQuery({
    queryKey: computed(() => queryKeys.jobs.detail(toValue(jobId) ?? -1)),
    queryFn: ({ queryKey: [, , id] }) => call(api.GET("/api/v1/jobs/{id}", { params: { path: { id } } })),
    enabled: computed(() => typeof toValue(jobId) === "number"),
  });
}

/** How many of a group's latest jobs are searched for the ones that loaded an artifact. */
export const USED_BY_SCAN = 200;

export interface UsedBy {
  jobs: { id: number; status: string; parameter: string; entrypoint: string | null }[];
  /** Jobs looked at, and jobs in the group: when fewer were looked at, older users may be missing. */
  scanned: number;
  total: number;
}

/**
 * The jobs that loaded an artifact as an input. The API has no filter for it, so the group's
 * latest `USED_BY_SCAN` jobs are read and matched on their artifact values.
 */
export function useJobsUsingArtifact(artifact: MaybeRefOrGetter<Artifact | undefined>) {
  return useQuery({
    queryKey: computed(() => [...artifactKeys.detail(toValue(artifact)?.id ?? -1), "usedBy"] as const),
    queryFn: async (): Promise<UsedBy> => {
      const current = toValue(artifact)!;
      const page = await call(
        api.GET("/api/v1/jobs/", {
          params: {
            query: listQuery({
              index: 0,
              pageLength: USED_BY_SCAN,
              sortBy: "createdOn",
              descending: true,
              groupId: current.group.id,
            }),
          },
        }),
      );
      const jobs: UsedBy["jobs"] = [];
      for (const job of page.data) {
        for (const [parameter, value] of Object.entries(job.artifactValues ?? {})) {
          if (value.id === current.id) {
            jobs.push({ id: job.id, status: job.status, parameter, entrypoint: job.entrypoint?.name ?? null });
          }
        }
      }
      return { jobs, scanned: page.data.length, total: page.totalNumResults };
    },
    enabled: computed(() => Boolean(toValue(artifact))),
    staleTime: 30_000,
  });
}

/** A short, telling name for an artifact in pickers and links: `#27 transformed_array.npy (job 26)`. */
export function artifactLabel(artifact: Pick<Artifact, "id" | "artifactUri" | "job">): string {
  return `#${artifact.id} ${artifactName(artifact)} (job ${artifact.job})`;
}

/** An artifact task as the latest snapshot of its plugin has it. */
export interface ArtifactTaskChoice {
  pluginId: number;
  pluginName: string;
  /** The plugin's latest snapshot: what a PUT names to use this task. */
  pluginSnapshotId: number;
  taskId: number;
  name: string;
  outputs: OutputParam[];
}

/** Every artifact task of a group's plugins (their latest versions), by plugin then name. */
export function useArtifactTaskChoices(groupId: MaybeRefOrGetter<number | null | undefined>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => [...queryKeys.plugins.all, "artifactTasks", toValue(groupId) ?? null] as const),
    queryFn: async ({ queryKey: [, , group] }): Promise<ArtifactTaskChoice[]> => {
      const page = await call(
        api.GET("/api/v1/plugins/", {
          params: { query: { index: 0, pageLength: 1000, ...(group != null ? { groupId: group } : {}) } },
        }),
      );
      const choices: ArtifactTaskChoice[] = [];
      for (const plugin of page.data) {
        for (const file of plugin.files) {
          const tasks = (file.tasks as { artifacts?: unknown }).artifacts;
          if (!Array.isArray(tasks)) continue;
          for (const task of tasks as { id?: unknown; name?: unknown; outputParams?: unknown }[]) {
            if (typeof task.id !== "number" || typeof task.name !== "string") continue;
            choices.push({
              pluginId: plugin.id,
              pluginName: plugin.name,
              pluginSnapshotId: plugin.snapshot,
              taskId: task.id,
              name: task.name,
              outputs: outputParams({ outputParams: Array.isArray(task.outputParams) ? task.outputParams : [] } as ArtifactTask),
            });
          }
        }
      }
      return choices.sort((a, b) => a.pluginName.localeCompare(b.pluginName) || a.name.localeCompare(b.name));
    },
    enabled: computed(() => toValue(options.enabled) ?? true),
    staleTime: 30_000,
  });
}

/** The body that points an artifact at another task (keeping its description). */
export function taskChange(artifact: Artifact, choice: Pick<ArtifactTaskChoice, "pluginSnapshotId" | "taskId">): ArtifactModify {
  return { description: artifact.description, pluginSnapshotId: choice.pluginSnapshotId, taskId: choice.taskId };
}

/**
 * The body that changes an artifact's description and nothing else. The API replaces the
 * artifact's task with what the body says (none when left out), so the current one is repeated.
 */
export function descriptionChange(artifact: Artifact, description: string | null): ArtifactModify {
  const task = artifactTask(artifact);
  return {
    description,
    ...(task ? { pluginSnapshotId: task.pluginResourceSnapshotId, taskId: task.id } : {}),
  };
}

export function useUpdateArtifact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ArtifactModify }) =>
      call(api.PUT("/api/v1/artifacts/{id}", { params: { path: { id } }, body })),
    onSuccess: (artifact) => {
      client.setQueryData(artifactKeys.detail(artifact.id), artifact);
      return Promise.all([
        client.invalidateQueries({ queryKey: artifactKeys.lists() }),
        client.invalidateQueries({ queryKey: artifactKeys.snapshots(artifact.id) }),
      ]);
    },
  });
}

/* ------------------------------------------------------------------------------------------- */
/* Bytes and download URLs.                                                                     */

export type ArchiveType = "tar_gz" | "zip";

/** The URL that downloads an artifact: a file, one member of a folder, or a folder as an archive. */
export function artifactContentsUrl(id: number, options: { path?: string | null; fileType?: ArchiveType } = {}): string {
  const query = new URLSearchParams();
  if (options.path) query.set("path", options.path);
  if (options.fileType) query.set("fileType", options.fileType);
  const suffix = query.toString();
  return `/api/v1/artifacts/${id}/contents${suffix ? `?${suffix}` : ""}`;
}

/** Reads a response's bytes, or throws an `ApiError` with the server's message. */
export async function fetchBytes(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", signal });
  } catch (cause) {
    throw new ApiError(0, null, cause instanceof Error ? `Network error: ${cause.message}` : "Network error");
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON: the status text says enough
    }
    throw new ApiError(response.status, body, response.statusText);
  }
  return response.arrayBuffer();
}

/** The bytes of a file artifact or of one member of a folder artifact (kept a minute once unused). */
export function useArtifactBytes(
  id: MaybeRefOrGetter<number>,
  path: MaybeRefOrGetter<string | null | undefined>,
  options: { enabled?: MaybeRefOrGetter<boolean> } = {},
) {
  return useQuery({
    queryKey: computed(() => artifactKeys.bytes(toValue(id), toValue(path) || null)),
    queryFn: ({ queryKey: [, , artifactId, , memberPath], signal }) =>
      fetchBytes(artifactContentsUrl(artifactId, { path: memberPath }), signal),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

/* ------------------------------------------------------------------------------------------- */
/* Reading an artifact's fields.                                                                */

export interface OutputParam {
  name: string;
  typeId: number | null;
  typeName: string;
}

/** The artifact task that wrote (and will load) an artifact, or null when it has none. */
export function artifactTask(artifact: Pick<Artifact, "task">): ArtifactTask | null {
  const task = artifact.task as Partial<ArtifactTask>;
  return typeof task?.name === "string" ? (task as ArtifactTask) : null;
}

/** The task's output parameters with their types. */
export function outputParams(task: ArtifactTask | null): OutputParam[] {
  if (!task) return [];
  return task.outputParams.map((param) => {
    const type = (param.parameterType ?? {}) as { id?: unknown; name?: unknown };
    return {
      name: String(param.name ?? ""),
      typeId: typeof type.id === "number" ? type.id : null,
      typeName: typeof type.name === "string" ? type.name : "?",
    };
  });
}

/** The last segment of the artifact's URI: its file or folder name. */
export function artifactName(artifact: Pick<Artifact, "artifactUri">): string {
  const uri = artifact.artifactUri.replace(/\/+$/, "");
  const last = uri.slice(uri.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}
