/** Which live workers serve a queue: a worker lists queue names, "*" meaning every queue. */
export const ANY_QUEUE = "*";

export interface WorkerLike {
  worker: string;
  queues: string[];
}

export function workersServing<W extends WorkerLike>(workers: readonly W[], queueName: string): W[] {
  return workers.filter((w) => w.queues.includes(ANY_QUEUE) || w.queues.includes(queueName));
}
