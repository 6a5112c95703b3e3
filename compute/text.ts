/** Offsets ↔ 1-based line:column positions in a text, as the CLI and the editor name them. */

/** The offset where each line starts (line 1 at 0). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding `offset`, by binary search over `lineStartsOf`. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}

/** Parse "L:C" (1-based). Returns undefined when malformed. */
export function parsePosition(spec: string): { line: number; column: number } | undefined {
  const m = /^(\d+):(\d+)$/.exec(spec.trim());
  if (!m) return undefined;
  const line = Number(m[1]);
  const column = Number(m[2]);
  return line >= 1 && column >= 1 ? { line, column } : undefined;
}

/** Brackets nested deeper than this are refused before parsing (tree walks recurse per level). */
export const MAX_NESTING = 500;

/**
 * The deepest nesting of (), [] and {} in `text` (brackets inside strings count too: a cheap
 * upper bound, used only to refuse pathological input before any recursive walk).
 */
export function maxBracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}
