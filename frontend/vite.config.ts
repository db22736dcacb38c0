import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, "../src/dioptra/ui");

/** Copies Swagger UI's assets next to the build, so /api/docs loads nothing from a CDN. */
function swaggerUiAssets(): Plugin {
  const files = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"];
  return {
    name: "dioptra-swagger-ui-assets",
    apply: "build",
    closeBundle() {
      const require = createRequire(import.meta.url);
      const source = dirname(require.resolve("swagger-ui-dist/package.json"));
      const target = resolve(outDir, "swagger");
      mkdirSync(target, { recursive: true });
      for (const file of files) cpSync(resolve(source, file), resolve(target, file));
    },
  };
}

// The API server the dev server forwards to (`npm run dev`); `dioptra up` listens on 5000.
const api = process.env.DIOPTRA_API ?? "http://127.0.0.1:5000";

export default defineConfig({
  plugins: [vue(), swaggerUiAssets()],
  resolve: { alias: { "@": resolve(here, "src") } },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/health": { target: api },
    },
  },
});
