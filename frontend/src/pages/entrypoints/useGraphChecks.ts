/**
 * Validation as you type, for the entrypoint editor.
 *
 * Instantly (every keystroke): YAML syntax errors (`yaml`), and warnings for references and
 * task names that the form does not know. After a pause (500 ms), the server:
 *   1. `:lint` (new: `POST /entrypoints:lint`; existing with unchanged plugin bindings:
 *      `POST /entrypoints/{id}:lint`): structure and task names;
 *   2. when lint passes, the full save check (`?validateOnly=true`: POST or PUT), which
 *      also finds undefined references, cycles and argument errors.
 * Server warnings (an artifact task no attached artifact plugin registers: the save is
 * allowed, jobs are refused) are marked as warnings, and the graph stays valid.
 * The server's messages carry `(line N)`; they are placed on the right editor and line.
 * A request error that is about a form field (a name clash, a bad parameter) comes back
 * as `fieldErrors` for the form to show next to the field.
 */
import { computed, onBeforeUnmount, ref, watch, type Ref } from "vue";
import { dryRunEntrypoint, lintEntrypoint, type Entrypoint } from "@/api/entrypoints";
import type { ApiError } from "@/api/client";
import {
  bindingsUnchanged,
  defaultMismatchErrors,
  toCreateBody,
  toFields,
  toPutBody,
  type EntrypointForm,
} from "./entrypointForm";
import {
  clientDiagnostics,
  issuesToDiagnostics,
  readArtifactGraph,
  readTaskGraph,
  reasonMessages,
  type Diagnostic,
  type KnownNames,
} from "./graphModel";

export type CheckState = "empty" | "pending" | "checking" | "valid" | "invalid" | "failed";

interface ServerFindings {
  task: Diagnostic[];
  artifact: Diagnostic[];
  general: string[];
  /** Whether the full check (dry run) passed: then the client's guesses are dropped. */
  fullyValid: boolean;
}

const NONE: ServerFindings = { task: [], artifact: [], general: [], fullyValid: false };

export function useGraphChecks(options: {
  form: EntrypointForm;
  entrypoint: Ref<Entrypoint | null | undefined>;
  latest: Ref<Map<number, number>>;
  known: Ref<Omit<KnownNames, "parameters" | "artifactParameters">>;
  /** False until the page has what a check needs (the current group, the plugin list). */
  ready: Ref<boolean>;
}) {
  const { form } = options;
  const taskParsed = computed(() => readTaskGraph(form.taskGraph));
  const artifactParsed = computed(() => readArtifactGraph(form.artifactGraph));

  const client = computed(() =>
    clientDiagnostics(taskParsed.value, artifactParsed.value, {
      parameters: form.parameters.map((p) => p.name.trim()),
      artifactParameters: form.artifactParameters.map((a) => a.name.trim()),
      ...options.known.value,
    }),
  );

  const server = ref<ServerFindings>(NONE);
  const state = ref<CheckState>("empty");
  const fieldErrors = ref<Record<string, string>>({});
  const failure = ref<string | null>(null);
  const checkedAt = ref<Date | null>(null);

  function merge(serverItems: Diagnostic[], clientItems: Diagnostic[]): Diagnostic[] {
    const syntax = clientItems.filter((d) => d.message.startsWith("YAML"));
    const guesses = clientItems.filter((d) => !d.message.startsWith("YAML"));
    if (syntax.length) return [...syntax, ...guesses];
    const serverLines = new Set(serverItems.map((d) => d.line));
    const keep = server.value.fullyValid && state.value === "valid" ? [] : guesses.filter((d) => !serverLines.has(d.line));
    return [...serverItems, ...keep];
  }

  const taskDiagnostics = computed(() => merge(server.value.task, client.value.task));
  const artifactDiagnostics = computed(() => merge(server.value.artifact, client.value.artifact));
  const generalIssues = computed(() => server.value.general);
  const hasSyntaxErrors = computed(() => client.value.task.concat(client.value.artifact).some((d) => d.severity === "error"));

  // -- the server round ------------------------------------------------------------------

  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  let round = 0;

  /** A name for checks of a form whose name is still empty (the server wants one). */
  const placeholderName = `untitled_${Date.now().toString(36)}`;

  function bodyName(): string {
    return form.name.trim() || placeholderName;
  }

  /** Places messages on editor lines; one about a parameter (`parameter 'a': ...`) goes
   * next to that parameter's row instead. */
  function place(messages: string[], fullyValid: boolean): ServerFindings {
    const placed = issuesToDiagnostics(messages, form.taskGraph, form.artifactGraph);
    const general: string[] = [];
    const fields: Record<string, string> = {};
    for (const message of placed.general) {
      const found = /parameter '([^']+)': (.*)$/.exec(message);
      const index = found ? form.parameters.findIndex((p) => p.name.trim() === found[1]) : -1;
      if (found && index >= 0) fields[`parameters.${index}.defaultValue`] = found[2] ?? message;
      else general.push(message);
    }
    fieldErrors.value = fields;
    return { ...placed, general, fullyValid };
  }

  function requestFailed(error: ApiError) {
    // A field problem (a name clash, a parameter name) goes next to its field.
    const fields = { ...error.fields };
    if (error.code === "EntrypointParameterTypeMismatchError") Object.assign(fields, defaultMismatchErrors(error.message, form.parameters));
    if (error.code === "ResourceNameError") fields.name = error.message;
    if (error.code === "EntityExistsError") fields.name = `An entrypoint named "${form.name.trim()}" already exists in this group.`;
    if (Object.keys(fields).length) {
      fieldErrors.value = fields;
      server.value = NONE;
      state.value = "invalid";
      failure.value = null;
      return;
    }
    server.value = { ...NONE, general: [error.message] };
    state.value = error.status >= 500 || error.status === 0 ? "failed" : "invalid";
    failure.value = error.message;
  }

  async function run() {
    clearTimeout(timer);
    controller?.abort();
    if (!form.taskGraph.trim()) {
      server.value = NONE;
      fieldErrors.value = {};
      state.value = "empty";
      return;
    }
    if (hasSyntaxErrors.value || form.group === null) {
      server.value = NONE;
      state.value = hasSyntaxErrors.value ? "invalid" : "pending";
      return;
    }
    const mine = ++round;
    controller = new AbortController();
    const signal = controller.signal;
    state.value = "checking";
    const entrypoint = options.entrypoint.value ?? null;
    const named = { ...form, name: bodyName() };
    try {
      // 1. lint (skipped for an existing entrypoint whose bindings changed in the form:
      //    its :lint would check against the old ones; the dry run checks the new ones).
      const lintable = !entrypoint || bindingsUnchanged(form, entrypoint);
      if (lintable) {
        const lint = entrypoint
          ? await lintEntrypoint({ id: entrypoint.id, body: toFields(named) }, signal)
          : await lintEntrypoint({ id: null, body: toCreateBody(named) }, signal);
        if (mine !== round) return;
        if (lint.error) return requestFailed(lint.error);
        if (!lint.valid) {
          server.value = place([...lint.messages, ...lint.warnings], false);
          state.value = "invalid";
          failure.value = null;
          checkedAt.value = new Date();
          return;
        }
      }
      // 2. the full save check.
      const dry = entrypoint
        ? await dryRunEntrypoint({ id: entrypoint.id, body: toPutBody(named, options.latest.value) }, signal)
        : await dryRunEntrypoint({ id: null, body: toCreateBody(named) }, signal);
      if (mine !== round) return;
      checkedAt.value = new Date();
      failure.value = null;
      if (dry.ok) {
        fieldErrors.value = {};
        server.value = dry.warnings.length ? place(dry.warnings, true) : { ...NONE, fullyValid: true };
        state.value = "valid";
      } else if (dry.reason) {
        server.value = place(reasonMessages(dry.reason), false);
        state.value = "invalid";
      } else {
        requestFailed(dry.error);
      }
    } catch (error) {
      if (signal.aborted || mine !== round) return;
      state.value = "failed";
      failure.value = error instanceof Error ? error.message : String(error);
    }
  }

  const signature = computed(() =>
    JSON.stringify([
      form.name,
      form.group,
      form.taskGraph,
      form.artifactGraph,
      form.parameters.map((p) => [p.name, p.type, p.defaultValue]),
      form.artifactParameters.map((a) => [a.name, a.outputs.map((o) => [o.name, o.typeId])]),
      form.plugins.map((p) => [p.id, p.pinnedSnapshotId]),
      form.artifactPlugins.map((p) => [p.id, p.pinnedSnapshotId]),
      form.queues,
    ]),
  );

  watch(
    [signature, options.ready],
    () => {
      if (!options.ready.value) return;
      clearTimeout(timer);
      if (!form.taskGraph.trim()) {
        void run();
        return;
      }
      if (state.value !== "checking") state.value = "pending";
      timer = setTimeout(() => void run(), 500);
    },
    { immediate: true },
  );

  /** Shows a save's findings (`detail.reason` messages) like a check's. */
  function showFindings(messages: string[]): number {
    round++;
    controller?.abort();
    server.value = place(messages, false);
    state.value = "invalid";
    return messages.length;
  }

  onBeforeUnmount(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  return {
    taskParsed,
    artifactParsed,
    taskDiagnostics,
    artifactDiagnostics,
    generalIssues,
    state,
    fieldErrors,
    failure,
    checkedAt,
    hasSyntaxErrors,
    /** Runs the checks now (the "Check" button). */
    checkNow: () => run(),
    showFindings,
  };
}
