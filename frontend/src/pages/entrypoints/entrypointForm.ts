/**
 * The entrypoint editor's form state and its mapping to and from the API (pure).
 *
 * Plugins: the form keeps, per chosen plugin, the snapshot it is pinned to (an existing
 * entrypoint's binding) or `null` for "the latest". A PUT names, for each, the pinned or
 * the latest snapshot id (`pluginSnapshotIds`); a POST names plugin ids (bound at latest).
 */
import {
  readArtifactParameters,
  tasksOfFiles,
  type BoundPlugin,
  type Entrypoint,
  type EntrypointCreate,
  type EntrypointFields,
  type EntrypointPut,
  type ParameterIn,
  type Plugin,
  type PluginTask,
} from "@/api/entrypoints";

export interface ParameterRow {
  /** A stable key for v-for (rows are reordered and removed). */
  key: number;
  name: string;
  type: ParameterIn["parameterType"];
  /** null: no default (the job must give a value). */
  defaultValue: string | null;
}

export interface ArtifactOutputRow {
  key: number;
  name: string;
  typeId: number | null;
}

export interface ArtifactParameterRow {
  key: number;
  name: string;
  outputs: ArtifactOutputRow[];
}

export interface PluginChoice {
  id: number;
  name: string;
  /** The bound snapshot (existing entrypoints), or null: bind the latest. */
  pinnedSnapshotId: number | null;
  /** Whether the pinned snapshot is the plugin's latest (from `BoundPluginOut.latestSnapshot`). */
  pinnedIsLatest: boolean;
}

export interface EntrypointForm {
  name: string;
  description: string;
  group: number | null;
  queues: number[];
  parameters: ParameterRow[];
  artifactParameters: ArtifactParameterRow[];
  taskGraph: string;
  artifactGraph: string;
  plugins: PluginChoice[];
  artifactPlugins: PluginChoice[];
}

let nextKey = 1;
export function newKey(): number {
  return nextKey++;
}

export function emptyForm(group: number | null): EntrypointForm {
  return {
    name: "",
    description: "",
    group,
    queues: [],
    parameters: [],
    artifactParameters: [],
    taskGraph: "",
    artifactGraph: "",
    plugins: [],
    artifactPlugins: [],
  };
}

export function formFromEntrypoint(entrypoint: Entrypoint): EntrypointForm {
  return {
    name: entrypoint.name,
    description: entrypoint.description ?? "",
    group: entrypoint.group.id,
    queues: (entrypoint.queues ?? []).map((q) => q.id),
    parameters: entrypoint.parameters.map((p) => ({
      key: newKey(),
      name: p.name,
      type: (p.parameterType as ParameterIn["parameterType"]) ?? "string",
      defaultValue: p.defaultValue,
    })),
    artifactParameters: readArtifactParameters(entrypoint.artifactParameters).map((a) => ({
      key: newKey(),
      name: a.name,
      outputs: a.outputs.map((o) => ({ key: newKey(), name: o.name, typeId: o.typeId })),
    })),
    taskGraph: entrypoint.taskGraph,
    artifactGraph: entrypoint.artifactGraph,
    plugins: entrypoint.plugins.map((p) => ({ id: p.id, name: p.name, pinnedSnapshotId: p.snapshotId, pinnedIsLatest: p.latestSnapshot })),
    artifactPlugins: entrypoint.artifactPlugins.map((p) => ({
      id: p.id,
      name: p.name,
      pinnedSnapshotId: p.snapshotId,
      pinnedIsLatest: p.latestSnapshot,
    })),
  };
}

function fields(form: EntrypointForm): EntrypointFields {
  return {
    name: form.name.trim(),
    description: form.description.trim() || null,
    taskGraph: form.taskGraph,
    artifactGraph: form.artifactGraph,
    parameters: form.parameters.map((p) => ({ name: p.name.trim(), parameterType: p.type, defaultValue: p.defaultValue })),
    artifactParameters: form.artifactParameters.map((a) => ({
      name: a.name.trim(),
      // An output without a type yet cannot be sent; the row shows it as missing.
      outputParams: a.outputs.filter((o) => o.typeId !== null).map((o) => ({ name: o.name.trim(), parameterType: o.typeId as number })),
    })),
    queues: [...form.queues],
  };
}

/** The lint body of an existing entrypoint (content only; bindings are the server's). */
export function toFields(form: EntrypointForm): EntrypointFields {
  return fields(form);
}

export function toCreateBody(form: EntrypointForm): EntrypointCreate {
  return {
    ...fields(form),
    group: form.group ?? 0,
    plugins: form.plugins.map((p) => p.id),
    artifactPlugins: form.artifactPlugins.map((p) => p.id),
  };
}

/** The latest snapshot of each plugin, from the group's plugin list. */
export function latestSnapshots(plugins: Plugin[] | undefined): Map<number, number> {
  return new Map((plugins ?? []).map((p) => [p.id, p.snapshot]));
}

function snapshotIds(choices: PluginChoice[], latest: Map<number, number>): number[] {
  const ids: number[] = [];
  for (const choice of choices) {
    const id = choice.pinnedSnapshotId ?? latest.get(choice.id);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

export function toPutBody(form: EntrypointForm, latest: Map<number, number>): EntrypointPut {
  return {
    ...fields(form),
    pluginSnapshotIds: snapshotIds(form.plugins, latest),
    artifactPluginSnapshotIds: snapshotIds(form.artifactPlugins, latest),
  };
}

/** True when the chosen plugins are exactly the entrypoint's current bindings (then the
 * existing entrypoint's `:lint`, which uses those bindings, is right). */
export function bindingsUnchanged(form: EntrypointForm, entrypoint: Entrypoint): boolean {
  const same = (choices: PluginChoice[], bound: Entrypoint["plugins"]) =>
    choices.length === bound.length &&
    choices.every((c) => bound.some((b) => b.id === c.id && b.snapshotId === c.pinnedSnapshotId));
  return same(form.plugins, entrypoint.plugins) && same(form.artifactPlugins, entrypoint.artifactPlugins);
}

/** A comparable form (keys left out) to tell whether anything changed. */
export function formSignature(form: EntrypointForm): string {
  return JSON.stringify({
    ...form,
    parameters: form.parameters.map(({ key: _k, ...rest }) => rest),
    artifactParameters: form.artifactParameters.map((a) => ({ name: a.name, outputs: a.outputs.map(({ key: _k, ...o }) => o) })),
  });
}

export interface ChosenTask {
  key: string;
  plugin: string;
  task: PluginTask;
}

/** The tasks of the chosen plugins, from the snapshot a save would use: the pinned one
 * (the entrypoint's binding) or the latest (the group's plugin list). */
export function chosenTasks(
  choices: PluginChoice[],
  plugins: Plugin[],
  bound: BoundPlugin[],
  kind: PluginTask["kind"],
): ChosenTask[] {
  return choices.flatMap((choice) => {
    const pinned = bound.find((b) => b.id === choice.id && b.snapshotId === choice.pinnedSnapshotId);
    const files = (pinned?.files ?? plugins.find((p) => p.id === choice.id)?.files ?? []) as { tasks: Record<string, unknown> }[];
    return tasksOfFiles(files)
      .filter((task) => task.kind === kind)
      .map((task) => ({ key: `${choice.id}:${task.name}`, plugin: choice.name, task }));
  });
}

/** `EntrypointParameterTypeMismatchError` names the parameters whose default does not read
 * as their type (`... of parameter(s) "['a', 'b']" ...`): messages for those rows. */
export function defaultMismatchErrors(message: string, parameters: ParameterRow[]): Record<string, string> {
  const listed = /parameter\(s\) "\[([^\]]*)\]"/.exec(message)?.[1];
  if (!listed) return {};
  const names = [...listed.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  const out: Record<string, string> = {};
  parameters.forEach((p, index) => {
    if (names.includes(p.name.trim())) out[`parameters.${index}.defaultValue`] = `"${p.defaultValue ?? ""}" does not read as ${p.type}.`;
  });
  return out;
}
