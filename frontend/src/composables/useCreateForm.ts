/**
 * The state of a create dialog's name / group / description: a fresh form each time the
 * dialog opens, in the current group, with its server errors cleared.
 *
 *   const { current, errors, name, description, group } = useCreateForm(visible);
 *   <NameGroupDescriptionFields v-model:name="name" … :groups="current.groups.value" :errors="errors" />
 */
import { ref, watch, type Ref } from "vue";
import { useCurrentGroup } from "./useCurrentGroup";
import { useServerErrors } from "./useServerErrors";

export function useCreateForm(visible: Ref<boolean>) {
  const current = useCurrentGroup();
  const errors = useServerErrors();
  const name = ref("");
  const description = ref("");
  const group = ref<number | null>(null);

  watch(visible, (open) => {
    if (!open) return;
    name.value = "";
    description.value = "";
    group.value = current.groupId.value;
    errors.clear();
  });

  /** The trimmed name and description as the API takes them (an empty description is null). */
  const values = () => ({ name: name.value.trim(), description: description.value.trim() || null });

  return { current, errors, name, description, group, values };
}
