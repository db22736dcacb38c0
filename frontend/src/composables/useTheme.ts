/** Light or dark: saved in localStorage, the OS preference until the user picks one. */
import { computed, ref, watchEffect } from "vue";

export type Theme = "light" | "dark";
const STORAGE_KEY = "dioptra.theme";

function initial(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // storage unavailable: follow the OS
  }
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const theme = ref<Theme>(initial());

watchEffect(() => {
  document.documentElement.classList.toggle("app-dark", theme.value === "dark");
});

export function useTheme() {
  return {
    theme,
    isDark: computed(() => theme.value === "dark"),
    toggle() {
      theme.value = theme.value === "dark" ? "light" : "dark";
      try {
        localStorage.setItem(STORAGE_KEY, theme.value);
      } catch {
        // not saved; still switched for this visit
      }
    },
  };
}
