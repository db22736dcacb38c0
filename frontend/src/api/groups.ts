/** The groups of the current user (the top bar's group selector reads them). */
import { useQuery } from "@tanstack/vue-query";
import { api, call, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Group = Schemas["GroupOut"];

const ALL = { index: 0, pageLength: 100 };

/** The query behind `useMyGroups`, also prefetched by the router once the session is known. */
export const myGroupsQuery = {
  queryKey: queryKeys.groups.list(ALL),
  queryFn: () => call(api.GET("/api/v1/groups/", { params: { query: ALL } })),
  staleTime: 5 * 60_000,
};

export function useMyGroups(enabled: () => boolean = () => true) {
  return useQuery({ ...myGroupsQuery, select: (page) => page.data, enabled });
}
