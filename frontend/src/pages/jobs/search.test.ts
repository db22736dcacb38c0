import { describe, expect, it } from "vitest";
import { statusInSearch, withStatus } from "./search";

describe("status filter in the search", () => {
  it("reads one status term", () => {
    expect(statusInSearch("status:failed")).toBe("failed");
    expect(statusInSearch("hello, status: finished")).toBe("finished");
    expect(statusInSearch("hello")).toBeNull();
    expect(statusInSearch("status:fin*")).toBeNull();
  });
  it("replaces or removes the status term, keeping the rest", () => {
    expect(withStatus("", "failed")).toBe("status:failed");
    expect(withStatus("mnist, status:queued", "failed")).toBe("mnist, status:failed");
    expect(withStatus("mnist, status:queued", null)).toBe("mnist");
  });
});
