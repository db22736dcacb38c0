/**
 * The state of a server-paged table as it lives in the URL query, so a reload, a shared
 * link or the back button bring the same page, sort and search back.
 */

export interface TableState {
  page: number; // 0-based
  pageLength: number;
  sortBy: string | null;
  descending: boolean;
  search: string;
}

export type QueryValue = string | null | (string | null)[] | undefined;

export const PAGE_LENGTHS = [10, 15, 25, 50, 100] as const;

function first(value: QueryValue): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ?? undefined;
}

/** The query keys of a table; `prefix` tells two tables of one page apart (`jobs.page`). */
export function tableQueryKeys(prefix = "") {
  return {
    page: `${prefix}page`,
    pageLength: `${prefix}pageLength`,
    sortBy: `${prefix}sortBy`,
    descending: `${prefix}descending`,
    search: `${prefix}search`,
  } as const;
}

export function readTableState(
  query: Record<string, QueryValue>,
  defaults: Partial<TableState> = {},
  prefix = "",
): TableState {
  const keys = tableQueryKeys(prefix);
  const base: TableState = {
    page: 0,
    pageLength: 15,
    sortBy: null,
    descending: false,
    search: "",
    ...defaults,
  };
  const page = Number.parseInt(first(query[keys.page]) ?? "", 10);
  const pageLength = Number.parseInt(first(query[keys.pageLength]) ?? "", 10);
  const sortBy = first(query[keys.sortBy]);
  const descending = first(query[keys.descending]);
  const search = first(query[keys.search]);
  return {
    page: Number.isFinite(page) && page >= 1 ? page - 1 : base.page,
    pageLength: Number.isFinite(pageLength) && pageLength >= 1 && pageLength <= 1000 ? pageLength : base.pageLength,
    sortBy: sortBy ? sortBy : base.sortBy,
    descending: descending === undefined ? base.descending : descending === "true",
    search: search ?? base.search,
  };
}

/** The query for a state: values equal to the defaults are left out to keep URLs short. */
export function writeTableState(
  state: TableState,
  defaults: Partial<TableState> = {},
  prefix = "",
): Record<string, string> {
  const keys = tableQueryKeys(prefix);
  const base = readTableState({}, defaults);
  const out: Record<string, string> = {};
  if (state.page !== base.page) out[keys.page] = String(state.page + 1);
  if (state.pageLength !== base.pageLength) out[keys.pageLength] = String(state.pageLength);
  if (state.sortBy && state.sortBy !== base.sortBy) out[keys.sortBy] = state.sortBy;
  if (state.sortBy && state.descending !== base.descending) out[keys.descending] = String(state.descending);
  if (state.search) out[keys.search] = state.search;
  return out;
}
