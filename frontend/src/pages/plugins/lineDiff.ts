/**
 * A line diff (longest common subsequence) for comparing two versions of a file, shown as
 * hunks with a few lines of context. Files past a size bound are compared by counts only.
 */

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** 1-based line numbers in the old and new text (absent on the side that lacks it). */
  oldLine?: number;
  newLine?: number;
}

export interface DiffResult {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** True when the texts were too large to align line by line. */
  truncated: boolean;
}

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffResult {
  const a = before.split("\n");
  const b = after.split("\n");
  // Common head and tail first: most edits are local.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const lines: DiffLine[] = a.slice(0, start).map((text, i) => ({ kind: "same", text, oldLine: i + 1, newLine: i + 1 }));
  let truncated = false;
  const middle: DiffLine[] = [];
  if (midA.length * midB.length > MAX_CELLS) {
    truncated = true;
    midA.forEach((text, i) => middle.push({ kind: "removed", text, oldLine: start + i + 1 }));
    midB.forEach((text, i) => middle.push({ kind: "added", text, newLine: start + i + 1 }));
  } else {
    const n = midA.length;
    const m = midB.length;
    const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      const row = table[i]!;
      const next = table[i + 1]!;
      for (let j = m - 1; j >= 0; j -= 1) {
        row[j] = midA[i] === midB[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        middle.push({ kind: "same", text: midA[i]!, oldLine: start + i + 1, newLine: start + j + 1 });
        i += 1;
        j += 1;
      } else if (j < m && (i >= n || table[i + 1]![j]! < table[i]![j + 1]!)) {
        middle.push({ kind: "added", text: midB[j]!, newLine: start + j + 1 });
        j += 1;
      } else {
        middle.push({ kind: "removed", text: midA[i]!, oldLine: start + i + 1 });
        i += 1;
      }
    }
  }
  lines.push(...middle);
  a.slice(endA).forEach((text, k) => lines.push({ kind: "same", text, oldLine: endA + k + 1, newLine: endB + k + 1 }));
  return {
    lines,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
    truncated,
  };
}

/** The changed lines with `context` unchanged lines around them; gaps become `null`. */
export function hunks(lines: DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k += 1) keep[k] = true;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((line, index) => {
    if (keep[index]) out.push(line);
    else if (out.length && out[out.length - 1] !== null) out.push(null);
  });
  if (out.length && out[out.length - 1] === null) out.pop();
  return out;
}
