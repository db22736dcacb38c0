/**
 * The jobs list's status filter, written into the server's search text as a `status:<s>`
 * term (terms are comma-separated and AND-ed), so it lives in the URL with the search.
 */

function terms(search: string): string[] {
  return search
    .split(",")
    .map((term) => term.trim())
    .filter(Boolean);
}

const STATUS_TERM = /^status\s*:\s*(.*)$/i;

/** The status a search filters on, when it has exactly one plain `status:` term. */
export function statusInSearch(search: string): string | null {
  const found = terms(search)
    .map((term) => STATUS_TERM.exec(term)?.[1]?.trim() ?? null)
    .filter((value): value is string => value !== null);
  return found.length === 1 && /^[a-z]+$/.test(found[0] ?? "") ? (found[0] ?? null) : null;
}

/** The search with its `status:` terms replaced by this status (or removed for null). */
export function withStatus(search: string, status: string | null): string {
  const kept = terms(search).filter((term) => !STATUS_TERM.test(term));
  if (status) kept.push(`status:${status}`);
  return kept.join(", ");
}
