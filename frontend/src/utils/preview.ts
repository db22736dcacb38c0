/**
 * Which preview a file gets, and the limits previews keep to. Pure; tested in preview.test.ts.
 * Adding a kind of preview: one line in EXTENSIONS and one component in ArtifactPreview.vue.
 */

export type PreviewKind = "image" | "npy" | "csv" | "json" | "text" | "none";

const EXTENSIONS: Record<string, PreviewKind> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
  npy: "npy",
  csv: "csv",
  tsv: "csv",
  json: "json",
  txt: "text",
  log: "text",
  md: "text",
  markdown: "text",
  yaml: "text",
  yml: "text",
  py: "text",
  toml: "text",
  cfg: "text",
  ini: "text",
  out: "text",
  err: "text",
};

/** Files larger than this are not previewed (a download button is offered instead). */
export const PREVIEW_LIMIT = 20 * 1024 * 1024;
/** Text shown at most (the rest is left to the download). */
export const TEXT_LIMIT = 512 * 1024;
/** CSV rows shown at most. */
export const CSV_ROW_LIMIT = 1000;

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

export function previewKind(name: string): PreviewKind {
  return EXTENSIONS[extensionOf(name)] ?? "none";
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** "1.5 KB", "20 MB": powers of 1024, labelled as people say them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

/** True when the bytes look like text: valid UTF-8 without NUL bytes in the first 8 KB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    // A cut multi-byte character at the very end is fine.
    new TextDecoder("utf-8", { fatal: true }).decode(head.length === bytes.length ? head : head.subarray(0, head.length - 4));
    return true;
  } catch {
    return false;
  }
}

/** The text of (the start of) a file, and whether it was cut. */
export function decodeText(bytes: Uint8Array, limit = TEXT_LIMIT): { text: string; truncated: boolean } {
  const truncated = bytes.length > limit;
  const text = new TextDecoder("utf-8").decode(truncated ? bytes.subarray(0, limit) : bytes);
  // A cut multi-byte character decodes as U+FFFD at the end: drop it.
  return { text: truncated ? text.replace(/\uFFFD$/, "") : text, truncated };
}
