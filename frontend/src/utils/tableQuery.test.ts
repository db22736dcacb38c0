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
  it("keeps two tables of one page apart with a prefix", () => {
    const query = { page: "2", "jobs.page": "4", "jobs.search": "status:failed" };
    expect(readTableState(query, {}, "jobs.")).toMatchObject({ page: 3, search: "status:failed" });
    expect(readTableState(query)).toMatchObject({ page: 1, search: "" });
    expect(writeTableState({ page: 1, pageLength: 15, sortBy: null, descending: false, search: "" }, {}, "jobs.")).toEqual({
      "jobs.page": "2",
    });
  });
});
