import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/parameter-types", name: "parameter-types", component: () => import("./ParameterTypesPage.vue") },
  {
    path: "/parameter-types/new",
    name: "parameter-type-new",
    component: () => import("./ParameterTypeEditor.vue"),
    props: { id: null },
  },
  {
    path: "/parameter-types/:id(\\d+)",
    name: "parameter-type",
    component: () => import("./ParameterTypeEditor.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
  // The original's paths.
  { path: "/pluginParams", redirect: { name: "parameter-types" } },
  { path: "/pluginParams/:id(\\d+)", redirect: (to) => ({ name: "parameter-type", params: { id: to.params.id } }) },
];
