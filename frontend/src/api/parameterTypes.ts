/**
 * Plugin parameter types: the named types task inputs and outputs declare.
 * The six builtins (any, string, integer, number, boolean, null) live read-only in `public`.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { api, call, listQuery, type ListParams, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type ParameterType = Schemas["ParameterTypeOut"];
export type ParameterTypeCreate = Schemas["ParameterTypeCreateBody"];
export type ParameterTypeModify = Schemas["ParameterTypeModifyBody"];

export const parameterTypeKeys = {
  ...queryKeys.parameterTypes,
  /** Every type a group's tasks can use: its own and the builtins. */
  usable: (groupId: number) => [...queryKeys.parameterTypes.all, "usable", groupId] as const,
};

export const PARAMETER_TYPE_SEARCH_FIELDS = ["name", "description", "tag"];

export const BUILTIN_TYPE_NAMES = ["any", "string", "integer", "number", "boolean", "null"] as const;

/** What values each builtin type takes (for people; the engine's rules). */
export const BUILTIN_MEANING: Record<string, string> = {
  any: "any value: no check is made",
  string: "text (a Python str)",
  integer: "whole numbers (a Python int; booleans excluded)",
  number: "integers and floating-point numbers (int or float)",
  boolean: "true or false",
  null: "only null (Python None)",
};

/** Builtins are the six engine types seeded into `public`; the server refuses to change them. */
export function isBuiltinType(type: Pick<ParameterType, "name" | "group">): boolean {
  return type.group.name === "public" && (BUILTIN_TYPE_NAMES as readonly string[]).includes(type.name);
}

/** The name a user type may not take (builtins compare case-insensitively, trimmed). */
export function isBuiltinName(name: string): boolean {
  return (BUILTIN_TYPE_NAMES as readonly string[]).includes(name.trim().toLowerCase());
}

export function useParameterTypeList(
  params: MaybeRefOrGetter<ListParams>,
  options: { enabled?: MaybeRefOrGetter<boolean> } = {},
) {
  return useQuery({
    queryKey: computed(() => parameterTypeKeys.list(toValue(params))),
    queryFn: ({ queryKey: [, , p] }) =>
      call(api.GET("/api/v1/pluginParameterTypes/", { params: { query: listQuery(p) } })),
    placeholderData: keepPreviousData,
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

export function useParameterType(id: MaybeRefOrGetter<number>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useQuery({
    queryKey: computed(() => parameterTypeKeys.detail(toValue(id))),
    queryFn: ({ queryKey: [, , typeId] }) =>
      call(api.GET("/api/v1/pluginParameterTypes/{id}", { params: { path: { id: typeId } } })),
    enabled: computed(() => toValue(options.enabled) ?? true),
  });
}

/** Fetches all pages of a list (the server caps a page at 1000). */
async function fetchAll(query: { groupId?: number; search?: string }): Promise<ParameterType[]> {
  const out: ParameterType[] = [];
  for (let index = 0; ; ) {
    const page = await call(
      api.GET("/api/v1/pluginParameterTypes/", { params: { query: { index, pageLength: 1000, ...query } } }),
    );
    out.push(...page.data);
    index += page.data.length;
    if (page.isComplete || page.data.length === 0) return out;
  }
}

/**
 * The types a group's tasks can use: the builtins first, then the group's own by name.
 * (Builtins live in `public`; when the group is another one they are fetched from there.)
 */
export function useUsableParameterTypes(groupId: MaybeRefOrGetter<number | null>) {
  return useQuery({
    queryKey: computed(() => parameterTypeKeys.usable(toValue(groupId) ?? -1)),
    enabled: computed(() => toValue(groupId) != null),
    queryFn: async ({ queryKey: [, , group] }) => {
      const own = await fetchAll({ groupId: group });
      // Builtins live in `public`: from another group, read every visible type and keep them.
      const builtinList = own.some(isBuiltinType) ? [] : (await fetchAll({})).filter(isBuiltinType);
      const all = [...builtinList, ...own].filter((type) => !type.deleted);
      const order = (type: ParameterType) => (isBuiltinType(type) ? BUILTIN_TYPE_NAMES.indexOf(type.name as never) : 100);
      return all.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
    },
    staleTime: 30_000,
  });
}

export function useCreateParameterType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ParameterTypeCreate) => call(api.POST("/api/v1/pluginParameterTypes/", { body })),
    onSuccess: (type) => {
      client.setQueryData(parameterTypeKeys.detail(type.id), type);
      return client.invalidateQueries({ queryKey: parameterTypeKeys.all });
    },
  });
}

export function useUpdateParameterType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ParameterTypeModify }) =>
      call(api.PUT("/api/v1/pluginParameterTypes/{id}", { params: { path: { id } }, body })),
    onSuccess: (type) => {
      client.setQueryData(parameterTypeKeys.detail(type.id), type);
      return client.invalidateQueries({ queryKey: parameterTypeKeys.all });
    },
  });
}

export function useDeleteParameterType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.DELETE("/api/v1/pluginParameterTypes/{id}", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      client.removeQueries({ queryKey: parameterTypeKeys.detail(id) });
      return client.invalidateQueries({ queryKey: parameterTypeKeys.all });
    },
  });
}
