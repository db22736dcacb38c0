import { describe, expect, it } from "vitest";
import type { Entrypoint, Plugin } from "@/api/entrypoints";
import {
  bindingsUnchanged,
  chosenTasks,
  defaultMismatchErrors,
  emptyForm,
  formFromEntrypoint,
  formSignature,
  latestSnapshots,
  toCreateBody,
  toPutBody,
} from "./entrypointForm";

const files = [
  {
    tasks: {
      functions: [
        {
          name: "hello_world",
          inputParams: [{ name: "name", parameterType: { id: 2, name: "string" }, required: false }],
          outputParams: [{ name: "greeting", parameterType: { id: 2, name: "string" } }],
        },
      ],
      artifacts: [{ name: "NumpyArrayArtifactTask", outputParams: [{ name: "array", parameterType: { id: 8, name: "NumpyArray" } }] }],
    },
  },
];

const entrypoint = {
  id: 21,
  name: "hello_world",
  description: null,
  group: { id: 1, name: "public", url: "" },
  queues: [{ id: 7, name: "default", deleted: false, group: { id: 1, name: "public", url: "" }, url: "" }],
  parameters: [{ name: "name", parameterType: "string", defaultValue: "World" }],
  artifactParameters: [{ name: "arr", outputParams: [{ name: "output", parameterType: { id: 8, name: "NumpyArray" } }] }],
  taskGraph: "greet:\n  hello_world:\n    name: $name\n",
  artifactGraph: "",
  plugins: [{ id: 11, name: "hello_world", snapshotId: 13, latestSnapshot: false, url: "", files }],
  artifactPlugins: [],
} as unknown as Entrypoint;

const plugins = [{ id: 11, name: "hello_world", snapshot: 35, files }, { id: 15, name: "tutorial_artifacts", snapshot: 19, files }] as unknown as Plugin[];

describe("entrypoint form", () => {
  it("reads an entrypoint and writes its PUT with the pinned snapshots", () => {
    const form = formFromEntrypoint(entrypoint);
    expect(form.queues).toEqual([7]);
    expect(form.artifactParameters[0]?.outputs[0]).toMatchObject({ name: "output", typeId: 8 });
    expect(bindingsUnchanged(form, entrypoint)).toBe(true);
    const body = toPutBody(form, latestSnapshots(plugins));
    expect(body.pluginSnapshotIds).toEqual([13]);
    expect(body.artifactParameters).toEqual([{ name: "arr", outputParams: [{ name: "output", parameterType: 8 }] }]);
  });

  it("takes the latest snapshot of an updated or added plugin", () => {
    const form = formFromEntrypoint(entrypoint);
    form.plugins = [{ ...form.plugins[0]!, pinnedSnapshotId: null, pinnedIsLatest: true }];
    form.artifactPlugins = [{ id: 15, name: "tutorial_artifacts", pinnedSnapshotId: null, pinnedIsLatest: true }];
    const body = toPutBody(form, latestSnapshots(plugins));
    expect(body.pluginSnapshotIds).toEqual([35]);
    expect(body.artifactPluginSnapshotIds).toEqual([19]);
    expect(bindingsUnchanged(form, entrypoint)).toBe(false);
  });

  it("creates with plugin ids and the group", () => {
    const form = emptyForm(1);
    form.name = " new ";
    form.plugins = [{ id: 11, name: "hello_world", pinnedSnapshotId: null, pinnedIsLatest: true }];
    expect(toCreateBody(form)).toMatchObject({ name: "new", group: 1, plugins: [11], artifactPlugins: [], description: null });
  });

  it("lists the tasks of the snapshot a save would use", () => {
    const form = formFromEntrypoint(entrypoint);
    expect(chosenTasks(form.plugins, plugins, entrypoint.plugins, "function").map((t) => t.task.name)).toEqual(["hello_world"]);
    expect(chosenTasks(form.plugins, plugins, entrypoint.plugins, "artifact").map((t) => t.task.name)).toEqual(["NumpyArrayArtifactTask"]);
  });

  it("tells changes apart and places unreadable defaults", () => {
    const form = formFromEntrypoint(entrypoint);
    const before = formSignature(form);
    form.parameters[0]!.defaultValue = "x";
    expect(formSignature(form)).not.toBe(before);
    expect(defaultMismatchErrors(`Could not cast value(s) "['x']" of parameter(s) "['name']" to ...`, form.parameters)).toEqual({
      "parameters.0.defaultValue": '"x" does not read as string.',
    });
  });
});
