/** The session and the current user: login, logout, registration, account changes. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { ApiError, api, call, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type CurrentUser = Schemas["CurrentUserOut"];
export type RegisterBody = Schemas["UserCreateBody"];
export type AccountBody = Schemas["UserModifyBody"];
export type PasswordBody = Schemas["PasswordChangeBody"];

/** The logged-in user, or null when nobody is (a 401 is an answer here, not an error). */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  try {
    return await call(api.GET("/api/v1/users/current"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const sessionQuery = {
  queryKey: queryKeys.session,
  queryFn: fetchCurrentUser,
  staleTime: 60_000,
  retry: false,
} as const;

export function useCurrentUser() {
  return useQuery(sessionQuery);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginBody"]) => call(api.POST("/api/v1/auth/login", { body })),
    onSuccess: async () => {
      // Another user may have been signed in: nothing cached may survive.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
      await client.fetchQuery({ ...sessionQuery, staleTime: 0 });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    /** `everywhere` ends every session of the user, not only this browser's. */
    mutationFn: (options: { everywhere?: boolean } = {}) =>
      call(api.POST("/api/v1/auth/logout", { params: { query: { everywhere: options.everywhere ?? false } } })),
    onSettled: () => {
      client.clear();
      client.setQueryData(queryKeys.session, null);
    },
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) => call(api.POST("/api/v1/users/", { body })),
  });
}

export function useUpdateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountBody) => call(api.PUT("/api/v1/users/current", { body })),
    onSuccess: (user) => client.setQueryData(queryKeys.session, user),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordBody) => call(api.POST("/api/v1/users/current/password", { body })),
  });
}
