import { describe, expect, it } from "vitest";
import { formatRelative } from "./format";

describe("formatRelative", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  it("says how long ago", () => {
    expect(formatRelative("2026-01-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-01-09T12:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2026-01-10T11:59:58Z", now)).toBe("just now");
    expect(formatRelative(null, now)).toBe("");
  });
});
