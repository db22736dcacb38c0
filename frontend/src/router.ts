/**
 * Routes: each family lists its own in `pages/<family>/routes.ts` (lazy-loaded pages:
 * `component: () => import("./XPage.vue")`); this file collects them, guards signed-in pages
 * and handles 401s.
 *
 * Route meta: `public` (no sign-in needed), `bare` (no app shell: login, register).
 */
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from "vue-router";
import { setUnauthorizedHandler } from "@/api/client";
import { myGroupsQuery } from "@/api/groups";
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
  // vue-router fetches a lazy page's code only after the guards: start it now, beside the
  // session check, so a cold load does not pay for the two one after the other.
  preloadPages(to);
  // Cached for a minute (sessionQuery.staleTime); refetched when stale or invalidated.
  const user = await queryClient.fetchQuery(sessionQuery).catch(() => null);
  if (!user) return { name: "login", query: to.fullPath === "/" ? {} : { next: to.fullPath } };
  // Every list waits for the current group: ask for the groups before the page mounts.
  void queryClient.prefetchQuery(myGroupsQuery);
  return true;
});

function preloadPages(to: RouteLocationNormalized) {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // Lazy pages are `() => import(...)`; the module cache hands vue-router the same promise.
      if (typeof component === "function") void (component as () => Promise<unknown>)().catch(() => undefined);
    }
  }
}

// An API call answered 401 (the session expired, or the user logged out elsewhere).
setUnauthorizedHandler(() => {
  queryClient.setQueryData(queryKeys.session, null);
  const current = router.currentRoute.value;
  if (!current.meta.public) {
    void router.push({ name: "login", query: { next: current.fullPath, expired: "1" } });
  }
});
