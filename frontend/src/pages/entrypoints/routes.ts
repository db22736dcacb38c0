import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/entrypoints", name: "entrypoints", component: () => import("./EntrypointsPage.vue") },
  {
    path: "/entrypoints/new",
    name: "entrypoint-new",
    component: () => import("./EntrypointEditorPage.vue"),
    props: { id: null },
  },
  {
    path: "/entrypoints/:id(\\d+)",
    name: "entrypoint",
    component: () => import("./EntrypointEditorPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
];
