import type { RouteRecordRaw } from "vue-router";

function optionalNumber(value: unknown): number | null {
  const n = Number.parseInt(String(Array.isArray(value) ? value[0] : (value ?? "")), 10);
  return Number.isFinite(n) ? n : null;
}

export const routes: RouteRecordRaw[] = [
  { path: "/jobs", name: "jobs", component: () => import("./JobsPage.vue") },
  {
    // ?experiment=<id> picks the experiment, ?entrypoint=<id> the entrypoint,
    // ?from=<job id> prefills everything from that job ("edit and rerun").
    path: "/jobs/new",
    name: "job-new",
    component: () => import("./JobCreatePage.vue"),
    props: (route) => ({
      experimentId: optionalNumber(route.query.experiment),
      entrypointId: optionalNumber(route.query.entrypoint),
      fromJobId: optionalNumber(route.query.from),
    }),
  },
  {
    path: "/jobs/:id(\\d+)",
    name: "job",
    component: () => import("./JobPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
];
