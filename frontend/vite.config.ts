import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, resolve } from "node:path";
import { gzipSync } from "node:zlib";
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

/** Writes `<file>.gz` beside every text file of the build (after Swagger's are copied in), so
 * the server sends compressed bytes without compressing on each request (ui.py picks them). */
function precompressed(): Plugin {
  const textTypes = new Set([".js", ".css", ".html", ".svg", ".json", ".map", ".txt"]);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(resolve(dir, entry.name)) : [resolve(dir, entry.name)],
    );
  return {
    name: "dioptra-precompressed",
    apply: "build",
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        for (const file of walk(outDir)) {
          if (!textTypes.has(extname(file)) || statSync(file).size < 1024) continue;
          writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
        }
      },
    },
  };
}

// The API server the dev server forwards to (`npm run dev`); `dioptra up` listens on 5000.
const api = process.env.DIOPTRA_API ?? "http://127.0.0.1:5000";

export default defineConfig({
  plugins: [vue(), swaggerUiAssets(), precompressed()],
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
      "/docs": { target: api },
    },
  },
});
