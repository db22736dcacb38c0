import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/account", name: "account", component: () => import("./AccountPage.vue") },
];
