import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/login", name: "login", component: () => import("./LoginPage.vue"), meta: { public: true, bare: true } },
  {
    path: "/register",
    name: "register",
    component: () => import("./RegisterPage.vue"),
    meta: { public: true, bare: true },
  },
  { path: "/logout", name: "logout", component: () => import("./LogoutPage.vue"), meta: { public: true, bare: true } },
];
