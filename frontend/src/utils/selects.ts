/**
 * PrimeVue's Select and MultiSelect ignore every click while their `loading` prop is set, so
 * a picker whose options are being (re)fetched would not open: the user clicks and nothing
 * happens. Ours show the spinner in place of the dropdown icon instead and stay clickable
 * (their empty message says "Loading…" until the first options arrive).
 */
export function dropdownIconWhile(loading: boolean): string | undefined {
  return loading ? "pi pi-spinner pi-spin" : undefined;
}
