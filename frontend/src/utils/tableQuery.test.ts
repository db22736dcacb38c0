import { describe, expect, it } from "vitest";
import { readTableState, writeTableState } from "./tableQuery";

describe("table state in the URL", () => {
  it("round-trips and keeps URLs short", () => {
    const state = { page: 2, pageLength: 50, sortBy: "name", descending: true, search: "name:a*" };
    const query = writeTableState(state);
    expect(query).toEqual({ page: "3", pageLength: "50", sortBy: "name", descending: "true", search: "name:a*" });
    expect(readTableState(query)).toEqual(state);
    expect(writeTableState(readTableState({}))).toEqual({});
  });
  it("ignores nonsense", () => {
    expect(readTableState({ page: "-4", pageLength: "abc" })).toMatchObject({ page: 0, pageLength: 15 });
  });
});
