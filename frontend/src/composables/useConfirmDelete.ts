/**
 * "Delete X?" done once: the confirmation dialog, the call, a toast for the outcome.
 *
 *   const confirmDelete = useConfirmDelete();
 *   confirmDelete({ itemName: "queue", label: queue.name, remove: () => remove.mutateAsync(queue.id),
 *                   onDeleted: () => router.push({ name: "queues" }) });
 */
import { useConfirm } from "primevue/useconfirm";
import { useToast } from "primevue/usetoast";

export interface DeleteRequest {
  /** "queue", "plugin file", ... */
  itemName: string;
  /** The resource's name as the user knows it. */
  label: string;
  /** What else the user should know (what happens to dependants). */
  consequence?: string;
  remove: () => Promise<unknown>;
  onDeleted?: () => void;
}

export function useConfirmDelete() {
  const confirm = useConfirm();
  const toast = useToast();
  return (request: DeleteRequest) =>
    confirm.require({
      header: `Delete ${request.itemName}?`,
      message: `Delete ${request.itemName} "${request.label}"? ${request.consequence ?? "This cannot be undone from the UI."}`,
      icon: "pi pi-exclamation-triangle",
      rejectProps: { label: "Cancel", severity: "secondary", outlined: true },
      acceptProps: { label: "Delete", severity: "danger" },
      accept: async () => {
        try {
          await request.remove();
          toast.add({ severity: "success", summary: "Deleted", detail: `${request.itemName} "${request.label}"`, life: 4000 });
          request.onDeleted?.();
        } catch (error) {
          toast.add({
            severity: "error",
            summary: `${request.itemName.charAt(0).toUpperCase()}${request.itemName.slice(1)} not deleted`,
            detail: error instanceof Error ? error.message : String(error),
            life: 8000,
          });
        }
      },
    });
}
