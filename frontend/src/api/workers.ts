/** Live workers (those whose heartbeat is recent) and the queues they serve. */
import { useQuery } from "@tanstack/vue-query";
import { api, call, type Schemas } from "./client";
import { queryKeys } from "./queryKeys";

export type Worker = Schemas["WorkerOut"];
export { workersServing } from "@/utils/workers";

export function useWorkers() {
  return useQuery({
    queryKey: queryKeys.workers.all,
    queryFn: () => call(api.GET("/api/v1/workers/")),
    refetchInterval: 10_000,
  });
}
