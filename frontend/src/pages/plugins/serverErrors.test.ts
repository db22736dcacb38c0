import { describe, expect, it } from "vitest";
import { ApiError } from "@/api/client";
import { placeError, toField } from "./serverErrors";

const exists = new ApiError(409, {
  error: "EntityExistsError",
  message: "Conflict - The Plugin File with filename having value (tasks.py), and plugin_id having value (22) already exists.",
  detail: { entity_type: "plugin_file", existing_id: 3, entity_attributes: { filename: "tasks.py", plugin_id: 22 } },
});

describe("placeError", () => {
  it("words a name conflict for its field only", () => {
    const placed = placeError(exists, {}, { field: "filename", message: (v) => `Already a file named ${v}.` }) as ApiError;
    expect(placed.fields).toEqual({ filename: "Already a file named tasks.py." });
    expect(placed.message).toBe("Already a file named tasks.py.");
  });
  it("puts a field-less error on its field", () => {
    const error = new ApiError(400, { error: "InvalidTypeStructureError", message: "Bad Request - unknown type 'X'" });
    const placed = placeError(error, { InvalidTypeStructureError: "structure" }) as ApiError;
    expect(placed.fields.structure).toBe("unknown type 'X'");
  });
  it("leaves other errors alone", () => {
    const error = new ApiError(400, { errors: { filename: ["bad"] } });
    expect(placeError(error, { ResourceNameError: "filename" })).toBe(error);
    expect(toField("plain", "x")).toBe("plain");
  });
});
