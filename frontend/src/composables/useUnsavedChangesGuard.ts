/**
 * An editor's unsaved changes: "Leave without saving?" before the router leaves the page,
 * and the browser's own question before the tab closes or reloads.
 *
 *   useUnsavedChangesGuard({
 *     dirty: () => dirty.value,
 *     skip: () => leavingAfterSave,          // leaving on purpose (after a save or delete)
 *     message: "This file has changes that are not saved. They will be lost.",
 *   });
 *
 * Call it in a component's setup (it uses onBeforeRouteLeave and the component's lifetime).
 */
import { useConfirm } from "primevue/useconfirm";
import { onBeforeUnmount, onMounted } from "vue";
import { onBeforeRouteLeave } from "vue-router";

export function useUnsavedChangesGuard(options: { dirty: () => boolean; skip?: () => boolean; message: string }) {
  const confirm = useConfirm();

  onBeforeRouteLeave(() => {
    if (!options.dirty() || options.skip?.()) return true;
    return new Promise<boolean>((resolve) =>
      confirm.require({
        header: "Leave without saving?",
        message: options.message,
        icon: "pi pi-exclamation-triangle",
        rejectProps: { label: "Stay", severity: "secondary", outlined: true },
        acceptProps: { label: "Leave", severity: "danger" },
        accept: () => resolve(true),
        reject: () => resolve(false),
        onHide: () => resolve(false),
      }),
    );
  });

  function beforeUnload(event: BeforeUnloadEvent) {
    if (options.dirty()) {
      event.preventDefault();
      event.returnValue = "";
    }
  }
  onMounted(() => window.addEventListener("beforeunload", beforeUnload));
  onBeforeUnmount(() => window.removeEventListener("beforeunload", beforeUnload));
}
