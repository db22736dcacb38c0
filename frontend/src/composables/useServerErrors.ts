/**
 * Turns a failed API call into messages a form shows: per-field messages (under each
 * `FormField`) and a general message (a toast, and `message` for an inline banner).
 *
 *   const errors = useServerErrors();
 *   create.mutate(body, { onError: (e) => errors.handle(e, ["name", "description"]) });
 *   <FormField label="Name" name="name" :errors="errors.fields.value"> ... </FormField>
 *
 * Field errors for fields the form does not show are added to the toast, so nothing the
 * server says is lost. Forms never fail silently.
 */
import { useToast } from "primevue/usetoast";
import { ref } from "vue";
import { ApiError } from "@/api/client";
import type { FieldErrors } from "@/utils/errors";

export function useServerErrors() {
  const toast = useToast();
  const fields = ref<FieldErrors>({});
  const message = ref<string | null>(null);

  function clear(field?: string) {
    if (field) {
      const { [field]: _removed, ...rest } = fields.value;
      fields.value = rest;
    } else {
      fields.value = {};
      message.value = null;
    }
  }

  /** Shows an error; `shown` lists the fields the form renders (others go to the toast). */
  function handle(error: unknown, shown: readonly string[] = [], summary = "Not saved") {
    const all = error instanceof ApiError ? error.fields : {};
    const general = error instanceof Error ? error.message : String(error);
    const visible: FieldErrors = {};
    const hidden: string[] = [];
    for (const [field, text] of Object.entries(all)) {
      if (shown.includes(field)) visible[field] = text;
      else hidden.push(field === "_" ? text : `${field}: ${text}`);
    }
    fields.value = visible;
    message.value = [general, ...hidden].join(" ");
    toast.add({ severity: "error", summary, detail: message.value, life: 8000 });
  }

  return { fields, message, handle, clear };
}
