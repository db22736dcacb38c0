import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/artifacts", name: "artifacts", component: () => import("./ArtifactsPage.vue") },
  {
    path: "/artifacts/:id(\\d+)",
    name: "artifact",
    component: () => import("./ArtifactPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
];
