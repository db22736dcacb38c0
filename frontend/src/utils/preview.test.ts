import { describe, expect, it } from "vitest";
import { baseName, decodeText, extensionOf, formatBytes, looksLikeText, previewKind } from "./preview";

describe("preview kinds", () => {
  it("picks a preview by extension, case-insensitively", () => {
    expect(previewKind("plot.PNG")).toBe("image");
    expect(previewKind("a/b/photo.jpeg")).toBe("image");
    expect(previewKind("x.npy")).toBe("npy");
    expect(previewKind("metrics.csv")).toBe("csv");
    expect(previewKind("config.json")).toBe("json");
    for (const name of ["a.txt", "b.log", "README.md", "c.yaml", "d.yml", "e.py"]) expect(previewKind(name)).toBe("text");
    expect(previewKind("weights.pt")).toBe("none");
    expect(previewKind("Makefile")).toBe("none");
    expect(previewKind(".bashrc")).toBe("none");
    expect(extensionOf("archive.tar.gz")).toBe("gz");
    expect(baseName("dir/sub/file.npy")).toBe("file.npy");
    expect(baseName("folder/")).toBe("folder");
  });
  it("formats sizes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatBytes(26269726)).toBe("25.1 MB");
    expect(formatBytes(null)).toBe("");
  });
  it("tells text from binary and cuts long text", () => {
    expect(looksLikeText(new TextEncoder().encode("héllo\nworld"))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(false);
    const long = new TextEncoder().encode("é".repeat(10));
    expect(decodeText(long, 5)).toEqual({ text: "éé", truncated: true });
    expect(decodeText(long)).toEqual({ text: "é".repeat(10), truncated: false });
  });
});
