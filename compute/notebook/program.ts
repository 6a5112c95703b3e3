/**
 * A Jupyter notebook read as one Python program: its code cells joined in order, and offsets
 * mapped both ways between the joined text and each cell. IPython-only lines (`%magic`, `!shell`,
 * `name?`) are blanked with spaces of the same length, so offsets never shift; a cell that a cell
 * magic hands to another language (`%%bash`, `%%html`…) is blanked whole. Pure: no vscode.
 */

export interface NotebookCellText {
  /** The cell's source as the editor holds it. */
  text: string;
  kind: 'code' | 'markup';
  /** The cell's language id (`python`); other code cells (R, SQL…) are left out. */
  language?: string;
}

/** Where one included cell sits in the joined text. */
export interface CellSpan {
  /** The cell's index in the notebook (markup cells count). */
  cell: number;
  /** [from, to) of the cell's text in the joined text. */
  from: number;
  to: number;
}

export interface NotebookProgram {
  text: string;
  /** The included code cells, in order. */
  cells: CellSpan[];
}

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'autoreload']);

/** Languages read as Python. */
const PYTHON = new Set(['python', 'python3', 'ipython']);

/** The cell's text with IPython syntax blanked (same length, same line breaks). */
export function pythonOfCell(text: string): string {
  const magic = /^\s*%%(\w+)/.exec(text);
  if (magic && !PYTHON_CELL_MAGICS.has(magic[1])) return blank(text);
  let continued = false;
  return text
    .split('\n')
    .map((line, i) => {
      const trimmed = line.trimStart();
      // A line magic ended with `\` continues on the next line.
      const ipython =
        continued ||
        (i === 0 && magic !== null) ||
        /^[%!]/.test(trimmed) ||
        /^[\w.]+\?{1,2}\s*$/.test(trimmed) ||
        /^\?{1,2}[\w.]/.test(trimmed) ||
        /^[\w.]+\s*=\s*[!%]/.test(trimmed);
      continued = ipython && /\\\r?$/.test(line);
      return ipython ? blank(line) : line;
    })
    .join('\n');
}

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');

/**
 * The code cells `0 … upTo` (all when undefined), Python only, joined with a newline after each.
 * A cell's own offset `o` is `span.from + o` in the joined text.
 */
export function joinCells(cells: readonly NotebookCellText[], upTo = cells.length - 1): NotebookProgram {
  let text = '';
  const spans: CellSpan[] = [];
  for (let i = 0; i <= upTo && i < cells.length; i++) {
    const cell = cells[i];
    if (cell.kind !== 'code' || (cell.language !== undefined && !PYTHON.has(cell.language))) continue;
    const from = text.length;
    text += pythonOfCell(cell.text);
    spans.push({ cell: i, from, to: text.length });
    text += '\n';
  }
  return { text, cells: spans };
}

/** The cell an offset of the joined text falls in, and the offset inside it (a separator counts as its cell's end). */
export function toCell(program: NotebookProgram, offset: number): { cell: number; offset: number } | undefined {
  let lo = 0;
  let hi = program.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = program.cells[mid];
    if (offset < span.from) hi = mid - 1;
    else if (offset > span.to) lo = mid + 1;
    else return { cell: span.cell, offset: offset - span.from };
  }
  return undefined;
}

/** The joined-text offset of an offset inside a cell (clamped to the cell), or undefined when the cell is not included. */
export function fromCell(program: NotebookProgram, cell: number, offset: number): number | undefined {
  const span = program.cells.find((s) => s.cell === cell);
  return span && span.from + Math.max(0, Math.min(offset, span.to - span.from));
}

/** A range of the joined text as one cell's range; undefined when it crosses cells or falls outside them. */
export function rangeToCell(program: NotebookProgram, from: number, to: number): { cell: number; from: number; to: number } | undefined {
  const start = toCell(program, from);
  const end = toCell(program, Math.max(from, to));
  if (!start || !end || start.cell !== end.cell) return undefined;
  return { cell: start.cell, from: start.offset, to: end.offset };
}

/** "cell 3" (1-based, counting every cell as the notebook editor does). */
export const cellLabel = (cell: number): string => `cell ${cell + 1}`;

/** The cell and its line (both 0-based) of a 1-based line of the joined text. */
export function lineToCell(program: NotebookProgram, line: number): { cell: number; line: number } | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = program.text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const at = toCell(program, offset);
  if (!at) return undefined;
  const span = program.cells.find((s) => s.cell === at.cell)!;
  const before = program.text.slice(span.from, span.from + at.offset);
  return { cell: at.cell, line: before.split('\n').length - 1 };
}

/** A message about the joined text with its `line 12` references as `cell 3, line 2`. */
export function cellLinesIn(program: NotebookProgram, message: string): string {
  return message.replace(/\bline (\d+)\b/g, (whole, n: string) => {
    const at = lineToCell(program, Number(n));
    return at ? `${cellLabel(at.cell)}, line ${at.line + 1}` : whole;
  });
}
