import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dropdownIconWhile } from "./selects";

function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vueFiles(path);
    return path.endsWith(".vue") ? [path] : [];
  });
}

describe("pickers", () => {
  it("shows a spinner only while loading", () => {
    expect(dropdownIconWhile(true)).toContain("pi-spin");
    expect(dropdownIconWhile(false)).toBeUndefined();
  });

  it("never sets `loading` on a Select or MultiSelect (it makes them ignore clicks)", () => {
    const offenders: string[] = [];
    for (const file of vueFiles(join(__dirname, ".."))) {
      for (const tag of readFileSync(file, "utf8").matchAll(/<(Select|MultiSelect)\b[^>]*>/gs)) {
        if (/\s:?loading=/.test(tag[0])) offenders.push(`${file}: <${tag[1]}>`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
