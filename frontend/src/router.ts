/**
 * Routes: each family lists its own in `pages/<family>/routes.ts` (lazy-loaded pages:
 * `component: () => import("./XPage.vue")`); this file collects them, guards signed-in pages
 * and handles 401s.
 *
 * Route meta: `public` (no sign-in needed), `bare` (no app shell: login, register).
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { setUnauthorizedHandler } from "@/api/client";
import { queryClient } from "@/api/queryClient";
import { queryKeys } from "@/api/queryKeys";
import { sessionQuery } from "@/api/users";

declare module "vue-router" {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Rendered without the app shell. */
    bare?: boolean;
  }
}

// Every `pages/<family>/routes.ts` exporting `routes` is picked up here: adding a family
// touches no shared file. vue-router ranks paths by specificity, so order does not matter.
const familyRoutes = import.meta.glob<{ routes: RouteRecordRaw[] }>("./pages/*/routes.ts", { eager: true });

const routes: RouteRecordRaw[] = [
  ...Object.values(familyRoutes).flatMap((module) => module.routes),
  {
    path: "/:pathMatch(.*)*",
    name: "not-found",
    component: () => import("@/pages/NotFoundPage.vue"),
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  // Cached for a minute (sessionQuery.staleTime); refetched when stale or invalidated.
  const user = await queryClient.fetchQuery(sessionQuery).catch(() => null);
  if (!user) return { name: "login", query: to.fullPath === "/" ? {} : { next: to.fullPath } };
  return true;
});

// An API call answered 401 (the session expired, or the user logged out elsewhere).
setUnauthorizedHandler(() => {
  queryClient.setQueryData(queryKeys.session, null);
  const current = router.currentRoute.value;
  if (!current.meta.public) {
    void router.push({ name: "login", query: { next: current.fullPath, expired: "1" } });
  }
});
