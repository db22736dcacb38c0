import { describe, expect, it } from "vitest";
import { flattenFieldErrors, parseErrorBody } from "./errors";

describe("flattenFieldErrors", () => {
  it("joins messages and flattens nested items", () => {
    expect(
      flattenFieldErrors({ name: ["Required.", "Too short."], parameters: { 0: { type: ["Bad."] } } }),
    ).toEqual({ name: "Required. Too short.", "parameters.0.type": "Bad." });
  });
});

describe("parseErrorBody", () => {
  it("reads field errors of a 400", () => {
    const parsed = parseErrorBody({ errors: { name: ["Missing data for required field."] } }, 400);
    expect(parsed.fields).toEqual({ name: "Missing data for required field." });
    expect(parsed.message).toBe("Some fields need attention.");
  });
  it("reads Dioptra's error body and puts a conflict on its field", () => {
    const parsed = parseErrorBody(
      {
        error: "EntityExistsError",
        message: "Conflict - The Queue with name having value (default) already exists.",
        detail: { entity_attributes: { name: "default", group_id: 1 } },
      },
      409,
    );
    expect(parsed.code).toBe("EntityExistsError");
    expect(parsed.message).toBe("The Queue with name having value (default) already exists.");
    expect(parsed.fields.name).toContain("already exists");
    expect(parsed.fields.group_id).toBeUndefined();
  });
  it("explains a search that does not parse", () => {
    const parsed = parseErrorBody(
      { error: "SearchParseError", message: "x", detail: { reason: "missing value after 'name:'" } },
      422,
    );
    expect(parsed.fields.search).toBe("missing value after 'name:'");
  });
  it("copes with no body", () => {
    expect(parseErrorBody(undefined, 502, "Bad Gateway").message).toBe("Bad Gateway");
  });
});
