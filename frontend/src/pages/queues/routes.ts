import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/queues", name: "queues", component: () => import("./QueuesPage.vue") },
  {
    path: "/queues/:id(\\d+)",
    name: "queue",
    component: () => import("./QueuePage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
];
