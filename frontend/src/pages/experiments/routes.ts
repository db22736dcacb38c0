import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/experiments", name: "experiments", component: () => import("./ExperimentsPage.vue") },
  {
    path: "/experiments/:id(\\d+)",
    name: "experiment",
    component: () => import("./ExperimentPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: "/experiments/:id(\\d+)/jobs/new",
    name: "experiment-job-new",
    component: () => import("@/pages/jobs/JobCreatePage.vue"),
    props: (route) => {
      const entrypoint = Number.parseInt(String(route.query.entrypoint ?? ""), 10);
      const from = Number.parseInt(String(route.query.from ?? ""), 10);
      return {
        experimentId: Number(route.params.id),
        entrypointId: Number.isFinite(entrypoint) ? entrypoint : null,
        fromJobId: Number.isFinite(from) ? from : null,
        fixedExperiment: true,
      };
    },
  },
];
