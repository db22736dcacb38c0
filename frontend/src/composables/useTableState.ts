/**
 * A table's page, sort and search, read from and written to the URL query. A page with two
 * tables gives one of them a `prefix` (`"jobs."` -> `?jobs.page=2`).
 */
import { computed } from "vue";
import { useRoute, useRouter } from "vue-router";
import { readTableState, tableQueryKeys, writeTableState, type TableState } from "@/utils/tableQuery";

export function useTableState(defaults: Partial<TableState> = {}, prefix = "") {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => readTableState(route.query, defaults, prefix));
  const own: string[] = Object.values(tableQueryKeys(prefix));

  /** Paging and sorting add a history entry (back returns to the previous page); search replaces. */
  function update(change: Partial<TableState>, { replace = false } = {}) {
    const next = { ...state.value, ...change };
    const others = Object.fromEntries(Object.entries(route.query).filter(([key]) => !own.includes(key)));
    const query = { ...others, ...writeTableState(next, defaults, prefix) };
    return replace ? router.replace({ query }) : router.push({ query });
  }

  return { state, update };
}
