/**
 * Pure helpers that turn the server's error bodies into something a form can show.
 *
 * The server answers errors in two shapes:
 * - Dioptra's `{error, message, detail, originating_path}` (401/403/404/409/422/...);
 * - `{errors: {field: [messages] | {nested}}, message?}` (400, a body or query that fails
 *   validation; nested objects for list items or sub-objects).
 */

export type FieldErrors = Record<string, string>;

export interface ParsedError {
  /** A sentence for a toast or a banner. */
  message: string;
  /** Messages by field (dotted paths for nested fields: `parameters.0.name`). */
  fields: FieldErrors;
  /** Dioptra's error class name (`EntityExistsError`), when the body has one. */
  code?: string;
  detail?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens `{a: ["x"], b: {0: {c: ["y"]}}}` to `{a: "x", "b.0.c": "y"}`. */
export function flattenFieldErrors(errors: unknown, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(errors)) {
    const texts = errors.filter((item): item is string => typeof item === "string");
    if (texts.length) out[prefix || "_"] = texts.join(" ");
    errors.forEach((item, index) => {
      if (typeof item !== "string")
        Object.assign(out, flattenFieldErrors(item, prefix ? `${prefix}.${index}` : String(index)));
    });
  } else if (isRecord(errors)) {
    for (const [key, value] of Object.entries(errors)) {
      Object.assign(out, flattenFieldErrors(value, prefix ? `${prefix}.${key}` : key));
    }
  } else if (typeof errors === "string") {
    out[prefix || "_"] = errors;
  }
  return out;
}

/** Removes the "Conflict - " style status prefix Dioptra puts in front of messages. */
export function stripStatusPrefix(message: string): string {
  return message.replace(/^[A-Z][A-Za-z ]+ - /, "");
}

/** Reads any error body (or nothing) into a message and per-field errors. */
export function parseErrorBody(body: unknown, status: number, statusText = ""): ParsedError {
  if (isRecord(body)) {
    const fields = "errors" in body ? flattenFieldErrors(body.errors) : {};
    const rawMessage = typeof body.message === "string" ? body.message : "";
    const code = typeof body.error === "string" ? body.error : undefined;
    const detail = isRecord(body.detail) ? body.detail : undefined;
    // A name conflict belongs to the name field.
    if (code === "EntityExistsError" && detail && isRecord(detail.entity_attributes)) {
      const attributes = Object.keys(detail.entity_attributes).filter((key) => key !== "group_id");
      for (const attribute of attributes) fields[attribute] ??= stripStatusPrefix(rawMessage);
    }
    if (code === "SearchParseError" && detail && typeof detail.reason === "string") {
      return { message: `Search: ${detail.reason}`, fields: { search: detail.reason }, code, detail };
    }
    let message = rawMessage ? stripStatusPrefix(rawMessage) : "";
    if (!message && Object.keys(fields).length) message = "Some fields need attention.";
    if (!message) message = statusText || `The server answered ${status}.`;
    return { message, fields, code, detail };
  }
  if (typeof body === "string" && body.trim()) {
    return { message: body.trim().slice(0, 300), fields: {} };
  }
  return { message: statusText || `The server answered ${status}.`, fields: {} };
}
