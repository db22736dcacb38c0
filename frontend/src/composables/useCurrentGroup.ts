/**
 * The current group: the one every list is scoped to (`groupId`) and the default group of
 * every create form. The choice is kept in localStorage; when it is not one of the user's
 * groups (first visit, another user), the first group is used.
 */
import { computed, ref } from "vue";
import { useMyGroups } from "@/api/groups";
import { useCurrentUser } from "@/api/users";

const STORAGE_KEY = "dioptra.groupId";

function readStored(): number | null {
  try {
    const value = Number.parseInt(localStorage.getItem(STORAGE_KEY) ?? "", 10);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

const stored = ref<number | null>(readStored());

export function useCurrentGroup() {
  const user = useCurrentUser();
  const groupsQuery = useMyGroups(() => Boolean(user.data.value));
  const groups = computed(() => groupsQuery.data.value ?? []);

  /** The group id lists are scoped to; null until the groups are known. */
  const groupId = computed<number | null>(() => {
    const list = groups.value;
    if (!list.length) return null;
    const found = list.find((group) => group.id === stored.value);
    return (found ?? list[0])?.id ?? null;
  });
  const group = computed(() => groups.value.find((g) => g.id === groupId.value) ?? null);
  /** True once the group is known: lists wait for it so they never show another group's rows. */
  const ready = computed(() => groupId.value !== null);

  function setGroup(id: number) {
    stored.value = id;
    try {
      localStorage.setItem(STORAGE_KEY, String(id));
    } catch {
      // kept for this visit only
    }
  }

  return { groups, group, groupId, ready, setGroup, isLoading: groupsQuery.isLoading };
}
