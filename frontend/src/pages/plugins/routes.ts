import type { RouteRecordRaw } from "vue-router";

export const routes: RouteRecordRaw[] = [
  { path: "/plugins", name: "plugins", component: () => import("./PluginsPage.vue") },
  {
    path: "/plugins/:id(\\d+)",
    name: "plugin",
    component: () => import("./PluginPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: "/plugins/:id(\\d+)/files/new",
    name: "plugin-file-new",
    component: () => import("./PluginFileEditor.vue"),
    props: (route) => ({ pluginId: Number(route.params.id), fileId: null }),
  },
  {
    path: "/plugins/:id(\\d+)/files/:fileId(\\d+)",
    name: "plugin-file",
    component: () => import("./PluginFileEditor.vue"),
    props: (route) => ({ pluginId: Number(route.params.id), fileId: Number(route.params.fileId) }),
  },
  // The original's "files" URL (its delete went there): the plugin page lists the files.
  { path: "/plugins/:id(\\d+)/files", redirect: (to) => ({ name: "plugin", params: { id: to.params.id } }) },
];
