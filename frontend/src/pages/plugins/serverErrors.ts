/**
 * Puts a server error where the user looks: a message without a field (a refused name, a
 * structure the engine rejects) goes to the field it is about, and a name conflict gets a
 * plain sentence instead of Dioptra's "with name having value (...)" wording.
 */
import { ApiError } from "@/api/client";

/** The error, with `message` shown under `field` (and as the toast's text). */
export function toField(error: unknown, field: string, message?: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const text = message ?? error.fields[field] ?? error.message;
  const body = (typeof error.body === "object" && error.body ? error.body : {}) as Record<string, unknown>;
  return new ApiError(error.status, { ...body, message: text, errors: { [field]: [text] }, detail: undefined });
}

/**
 * Rewrites the errors of a create/modify: `codes` maps a Dioptra error class to the field it
 * belongs to; `exists` words a name conflict (EntityExistsError) for that field.
 */
export function placeError(
  error: unknown,
  codes: Record<string, string>,
  exists?: { field: string; message: (value: string) => string },
): unknown {
  if (!(error instanceof ApiError) || !error.code) return error;
  if (error.code === "EntityExistsError" && exists) {
    const attributes = (error.detail?.entity_attributes ?? {}) as Record<string, unknown>;
    const value = String(attributes[exists.field] ?? attributes.name ?? "");
    return toField(error, exists.field, exists.message(value));
  }
  const field = codes[error.code];
  return field && !Object.keys(error.fields).length ? toField(error, field) : error;
}
