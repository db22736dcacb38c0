/** A table's page, sort and search, read from and written to the URL query. */
import { computed } from "vue";
import { useRoute, useRouter } from "vue-router";
import { readTableState, writeTableState, type TableState } from "@/utils/tableQuery";

export function useTableState(defaults: Partial<TableState> = {}) {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => readTableState(route.query, defaults));

  /** Paging and sorting add a history entry (back returns to the previous page); search replaces. */
  function update(change: Partial<TableState>, { replace = false } = {}) {
    const next = { ...state.value, ...change };
    const others = Object.fromEntries(
      Object.entries(route.query).filter(([key]) => !["page", "pageLength", "sortBy", "descending", "search"].includes(key)),
    );
    const query = { ...others, ...writeTableState(next, defaults) };
    return replace ? router.replace({ query }) : router.push({ query });
  }

  return { state, update };
}
