// Generates src/api/schema.d.ts from the server's OpenAPI document.
//
//   node scripts/gen-api.mjs           write src/api/schema.d.ts
//   node scripts/gen-api.mjs --check   fail if the committed file differs (make test)
//
// The document comes from Python (../scripts/dump_openapi.py) so no server needs to run.
// PYTHON picks the interpreter (default: ../.venv/bin/python, else python3).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, "..");
const repo = resolve(frontend, "..");
const target = join(frontend, "src/api/schema.d.ts");
const check = process.argv.includes("--check");

const venvPython = join(repo, ".venv/bin/python");
const python = process.env.PYTHON || (existsSync(venvPython) ? venvPython : "python3");

const tmp = mkdtempSync(join(tmpdir(), "dioptra-openapi-"));
try {
  const documentPath = join(tmp, "openapi.json");
  execFileSync(python, [join(repo, "scripts/dump_openapi.py"), documentPath], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const ast = await openapiTS(pathToFileURL(documentPath), { alphabetize: true });
  const header =
    "// Generated from the server's OpenAPI document by `npm run gen:api` (make ui-types).\n" +
    "// Do not edit by hand.\n\n";
  const generated = header + astToString(ast);
  if (check) {
    const committed = existsSync(target) ? readFileSync(target, "utf-8") : "";
    if (committed !== generated) {
      console.error("API types are stale: run make ui-types (src/api/schema.d.ts differs from the server's OpenAPI document)");
      process.exit(1);
    }
    console.log("API types are up to date.");
  } else {
    writeFileSync(target, generated);
    console.log(`wrote ${target}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
