/**
 * The job form's unsaved values, kept in sessionStorage per experiment and entrypoint, so a
 * reload or a trip to another page does not lose what was typed. Cleared on submit.
 */
import type { ParameterInput } from "./parameters";

export interface JobDraft {
  inputs: Record<string, ParameterInput>;
  sweeps: Record<string, boolean>;
  artifacts: Record<string, { id: number; snapshotId: number } | null>;
  timeout: string;
  description: string;
}

const PREFIX = "dioptra.jobDraft";

function key(experimentId: number, entrypointId: number): string {
  return `${PREFIX}.${experimentId}.${entrypointId}`;
}

export function readDraft(experimentId: number, entrypointId: number): JobDraft | null {
  try {
    const text = sessionStorage.getItem(key(experimentId, entrypointId));
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<JobDraft>;
    if (typeof draft !== "object" || draft === null || typeof draft.inputs !== "object") return null;
    return {
      inputs: draft.inputs ?? {},
      sweeps: draft.sweeps ?? {},
      artifacts: draft.artifacts ?? {},
      timeout: typeof draft.timeout === "string" ? draft.timeout : "24h",
      description: typeof draft.description === "string" ? draft.description : "",
    };
  } catch {
    return null;
  }
}

export function writeDraft(experimentId: number, entrypointId: number, draft: JobDraft): void {
  try {
    sessionStorage.setItem(key(experimentId, entrypointId), JSON.stringify(draft));
  } catch {
    // storage full or unavailable: the form still works, unsaved
  }
}

export function clearDraft(experimentId: number, entrypointId: number): void {
  try {
    sessionStorage.removeItem(key(experimentId, entrypointId));
  } catch {
    // nothing to clear
  }
}
