/**
 * The simulatable calls near a position, for a hover's "Simulate this …" link without parsing the
 * whole file: the lines around the position, after the file's one-line imports (so `Adam(...)`
 * imported by name is still an optimizer). Bounded by the window, whatever the file's size, so
 * the first hover after an edit never parses the whole file. The calls found are those of the
 * whole-file reading (simulatableSpans), except a call of the file's own layer helper (`def
 * conv3x3(...): return nn.Conv2d(...)`) defined outside the window, where no term sits anyway.
 */
import { simulatableSpans, type SimulatableSpan } from '../recognize/spans';

/** Lines read on each side of the position. */
export const NEAR_LINES = 40;

const IMPORT_LINE = /^(?:from\s+[\w.]+\s+import\s+[^(\n]*|import\s+[^\n]*)$/gm;

export function simulatableSpansNear(text: string, offset: number, lines = NEAR_LINES): SimulatableSpan[] {
  let from = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  for (let i = 0; i < lines && from > 0; i++) from = text.lastIndexOf('\n', from - 2) + 1;
  from = outsideLongStrings(text, from);
  let to = offset;
  for (let i = 0; i <= lines && to < text.length; i++) {
    const next = text.indexOf('\n', to + (i === 0 ? 0 : 1));
    to = next < 0 ? text.length : next;
  }
  const head = (text.slice(0, from).match(IMPORT_LINE) ?? []).join('\n');
  const prefix = head ? `${head}\n` : '';
  const window = prefix + text.slice(from, to);
  const shift = from - prefix.length;
  return simulatableSpans(window)
    .filter((s) => s.from >= prefix.length)
    .map((s) => ({ ...s, from: s.from + shift, to: s.to + shift }));
}

/** A line start at or before `from` that is not inside a triple-quoted string (a docstring cut in two would swallow the window). */
function outsideLongStrings(text: string, from: number): number {
  for (let guard = 0; guard < 8 && from > 0; guard++) {
    const before = text.slice(0, from);
    let moved = false;
    for (const quote of ['"""', "'''"]) {
      if ((before.split(quote).length - 1) % 2 === 1) {
        from = text.lastIndexOf('\n', before.lastIndexOf(quote)) + 1;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return from;
}
