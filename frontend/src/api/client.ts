/**
 * The one HTTP client of the UI: openapi-fetch typed by the generated `schema.d.ts`.
 *
 * - Cookies go with every call (the server's session cookie).
 * - A 401 outside the login call runs the handler the router installs (sends to /login?next=…).
 * - `call()` turns a result into its data or throws an `ApiError` carrying the server's
 *   message and per-field errors, which `useServerErrors` shows under form fields.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { MaybeRefOrGetter } from "vue";
import { parseErrorBody, type FieldErrors } from "@/utils/errors";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

export class ApiError extends Error {
  readonly status: number;
  readonly fields: FieldErrors;
  readonly code?: string;
  readonly detail?: Record<string, unknown>;
  readonly body: unknown;

  constructor(status: number, body: unknown, statusText = "") {
    const parsed = parseErrorBody(body, status, statusText);
    super(parsed.message);
    this.name = "ApiError";
    this.status = status;
    this.fields = parsed.fields;
    this.code = parsed.code;
    this.detail = parsed.detail;
    this.body = body;
  }
}

let onUnauthorized: (() => void) | null = null;

/** The router installs what a 401 does (it owns navigation; this module must not import it). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const unauthorized: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url, window.location.origin).pathname;
    const quiet = path.endsWith("/auth/login") || path.endsWith("/users/current");
    if (response.status === 401 && !quiet) onUnauthorized?.();
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(unauthorized);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call: its data, or an `ApiError` (network failures included). */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (cause) {
    throw new ApiError(0, null, cause instanceof Error ? `Network error: ${cause.message}` : "Network error");
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(response.status, error, response.statusText);
  return data as T;
}

/** The `{index, pageLength, ...}` query every list route takes. */
export interface ListParams {
  index: number;
  pageLength: number;
  search?: string;
  sortBy?: string | null;
  descending?: boolean;
  groupId?: number | null;
}

/** The second argument of every `use<X>List`. */
export interface ListOptions {
  enabled?: MaybeRefOrGetter<boolean>;
}

/** A page of a list route: `{index, isComplete, totalNumResults, data, ...}`. */
export interface Page<T> {
  index: number;
  isComplete: boolean;
  totalNumResults: number;
  data: T[];
}

/** Leaves out empty values so the server applies its defaults. */
export function listQuery(params: ListParams) {
  return {
    index: params.index,
    pageLength: params.pageLength,
    ...(params.search ? { search: params.search } : {}),
    ...(params.sortBy ? { sortBy: params.sortBy, descending: params.descending ?? false } : {}),
    ...(params.groupId != null ? { groupId: params.groupId } : {}),
  };
}
