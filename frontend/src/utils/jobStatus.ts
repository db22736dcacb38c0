/** Job statuses (server/services/job_status.py): which have ended, which can be cancelled. */

export const JOB_STATUSES = ["queued", "started", "deferred", "finished", "failed", "cancelled", "timeout", "reset"] as const;

export const FINAL_STATUSES = ["finished", "failed", "cancelled", "timeout"] as const;

export function isFinalStatus(status: string | null | undefined): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status ?? "");
}

/** Cancel makes sense while a job has not ended. */
export function isCancellable(status: string | null | undefined): boolean {
  return status === "queued" || status === "started" || status === "deferred";
}
