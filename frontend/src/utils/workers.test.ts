import { describe, expect, it } from "vitest";
import { workersServing } from "./workers";

describe("workersServing", () => {
  const workers = [
    { worker: "a", queues: ["gpu"] },
    { worker: "b", queues: ["*"] },
    { worker: "c", queues: ["cpu", "default"] },
  ];
  it("counts named queues and the wildcard", () => {
    expect(workersServing(workers, "gpu").map((w) => w.worker)).toEqual(["a", "b"]);
    expect(workersServing(workers, "default").map((w) => w.worker)).toEqual(["b", "c"]);
    expect(workersServing([], "default")).toEqual([]);
  });
});
