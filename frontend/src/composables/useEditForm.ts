/**
 * Editing a resource's name and description in place: the form starts from the stored values,
 * `changed` says whether Save has anything to send.
 *
 *   const edit = useEditForm(() => queue.data.value, errors);
 *   <Button label="Edit" @click="edit.start" />  …  update.mutate({ id, body: edit.values() })
 */
import { computed, ref } from "vue";
import type { useServerErrors } from "./useServerErrors";

export function useEditForm(
  stored: () => { name: string; description?: string | null } | undefined,
  errors: ReturnType<typeof useServerErrors>,
) {
  const editing = ref(false);
  const name = ref("");
  const description = ref("");

  function start() {
    const current = stored();
    if (!current) return;
    name.value = current.name;
    description.value = current.description ?? "";
    errors.clear();
    editing.value = true;
  }
  const changed = computed(() => {
    const current = stored();
    return (
      Boolean(current) &&
      (name.value.trim() !== current?.name || (description.value.trim() || null) !== (current?.description ?? null))
    );
  });
  /** The trimmed name and description as the API takes them (an empty description is null). */
  const values = () => ({ name: name.value.trim(), description: description.value.trim() || null });

  return { editing, name, description, start, changed, values };
}
