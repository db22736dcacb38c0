/**
 * Query keys, one factory per family: all -> lists -> list(params) -> details -> detail(id).
 *
 * Invalidate with the widest key that is right: `keys.lists()` after a create or delete,
 * `keys.lists()` and `keys.detail(id)` after an update, `keys.all` when unsure.
 * Families add their own sub-keys in `api/<family>.ts` by spreading a factory:
 *   export const jobKeys = { ...queryKeys.jobs, log: (id: number) => [...queryKeys.jobs.detail(id), "log"] as const };
 */
import type { ListParams } from "./client";

export function resourceKeys<const F extends string>(family: F) {
  const all = [family] as const;
  return {
    all,
    lists: () => [...all, "list"] as const,
    list: (params: ListParams) => [...all, "list", params] as const,
    details: () => [...all, "detail"] as const,
    detail: (id: number) => [...all, "detail", id] as const,
  };
}

export const queryKeys = {
  session: ["session"] as const,
  groups: resourceKeys("groups"),
  workers: resourceKeys("workers"),
  queues: resourceKeys("queues"),
  plugins: resourceKeys("plugins"),
  parameterTypes: resourceKeys("parameterTypes"),
  entrypoints: resourceKeys("entrypoints"),
  experiments: resourceKeys("experiments"),
  jobs: resourceKeys("jobs"),
  artifacts: resourceKeys("artifacts"),
  tags: resourceKeys("tags"),
};
