import { describe, expect, it } from "vitest";
import { artifactContentsUrl, artifactLabel, artifactName, artifactTask, descriptionChange, outputParams, type Artifact } from "./artifacts";

const task = {
  id: 6,
  name: "NumpyArrayArtifactTask",
  outputParams: [{ name: "array", parameterType: { id: 8, name: "NumpyArray", group: { id: 1 } } }],
  pluginResourceId: 15,
  pluginResourceSnapshotId: 19,
  pluginFileResourceId: 16,
  pluginFileResourceSnapshotId: 18,
};
const artifact = {
  id: 27,
  job: 26,
  artifactUri: "file:///data/artifacts/jobs/26/transformed_array/transformed%20array.npy",
  task,
} as unknown as Artifact;

describe("artifact helpers", () => {
  it("names an artifact by the last segment of its URI", () => {
    expect(artifactName(artifact)).toBe("transformed array.npy");
    expect(artifactName({ artifactUri: "s3://bucket/jobs/3/results/" })).toBe("results");
    expect(artifactLabel(artifact)).toBe("#27 transformed array.npy (job 26)");
  });
  it("reads the task and its output types, or none", () => {
    expect(artifactTask(artifact)?.name).toBe("NumpyArrayArtifactTask");
    expect(outputParams(artifactTask(artifact))).toEqual([{ name: "array", typeId: 8, typeName: "NumpyArray" }]);
    expect(artifactTask({ task: {} } as Artifact)).toBeNull();
    expect(outputParams(null)).toEqual([]);
  });
  it("keeps the task when only the description changes (the API would drop it)", () => {
    expect(descriptionChange(artifact, "new")).toEqual({ description: "new", pluginSnapshotId: 19, taskId: 6 });
    expect(descriptionChange({ ...artifact, task: {} } as Artifact, null)).toEqual({ description: null });
  });
  it("builds download URLs", () => {
    expect(artifactContentsUrl(4)).toBe("/api/v1/artifacts/4/contents");
    expect(artifactContentsUrl(4, { path: "plots/a b.png" })).toBe("/api/v1/artifacts/4/contents?path=plots%2Fa+b.png");
    expect(artifactContentsUrl(4, { fileType: "zip" })).toBe("/api/v1/artifacts/4/contents?fileType=zip");
  });
});
