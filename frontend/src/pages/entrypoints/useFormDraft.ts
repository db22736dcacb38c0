/**
 * Keeps an unsaved entrypoint form in localStorage (per entrypoint, or "new"), so a reload
 * or a closed tab loses nothing. The page offers to restore it when it opens again; a save
 * or "Discard" removes it.
 */
import { ref, watch, type Ref } from "vue";
import { formSignature, type EntrypointForm } from "./entrypointForm";

interface StoredDraft {
  form: EntrypointForm;
  savedAt: string;
}

const PREFIX = "dioptra.entrypointDraft.";

function read(key: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    return parsed && typeof parsed === "object" && parsed.form ? parsed : null;
  } catch {
    return null;
  }
}

export function useFormDraft(options: { key: Ref<string | null>; form: EntrypointForm; dirty: Ref<boolean> }) {
  /** A stored draft that differs from what the page loaded (offered for restore). */
  const offered = ref<StoredDraft | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function forget(key = options.key.value) {
    if (key) {
      try {
        localStorage.removeItem(PREFIX + key);
      } catch {
        // nothing stored
      }
    }
    offered.value = null;
  }

  /** Called once the form holds the server's (or the empty) state. */
  function check() {
    const key = options.key.value;
    const draft = key ? read(key) : null;
    offered.value = draft && formSignature(draft.form) !== formSignature(options.form) ? draft : null;
  }

  watch(
    () => (options.dirty.value ? formSignature(options.form) : null),
    (signature) => {
      clearTimeout(timer);
      const key = options.key.value;
      if (!signature || !key || offered.value) return;
      timer = setTimeout(() => {
        try {
          localStorage.setItem(PREFIX + key, JSON.stringify({ form: options.form, savedAt: new Date().toISOString() }));
        } catch {
          // storage full or off: the draft lives for this visit only
        }
      }, 800);
    },
  );

  return { offered, check, forget };
}
