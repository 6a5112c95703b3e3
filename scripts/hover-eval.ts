/**
 * Hover precision and recall on a labelled corpus of realistic text (test/hover-corpus/).
 *
 *   npx tsx scripts/hover-eval.ts [--verbose] [corpus-root]
 *
 * Every corpus file X has a sidecar X.labels, one label a line: `LINE<TAB>TEXT<TAB>EXPECT`.
 * LINE is 1-based (`CELL:LINE` in a notebook, the cell 0-based, the line within the cell 1-based),
 * TEXT the exact text that should hover (its first occurrence on the line, `TEXT#2` for the second),
 * EXPECT the catalog id (or ids separated by `|`) it should show, or `arg:<name>` for a
 * hyperparameter identifier. Lines that are empty or start with `#` (comment lines) are skipped.
 *
 * The hover is asked at every column that starts a token on every line. A distinct hover (line,
 * range, term) is a true positive when a label on that line overlaps its range and lists its term,
 * otherwise a false positive; a label is recalled when a hover overlapping it has an expected id.
 * Files under `non-ml/` expect no hover at all.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { hoverInDocument, type MathTable } from '../compute';
import { simulatableSpans } from '../compute/recognize/spans';

/** Language groups reported separately. */
export type Group = 'python' | 'markdown' | 'latex' | 'notebook' | 'plaintext' | 'css';

export interface Label {
  /** Corpus-relative path of the labelled file. */
  file: string;
  /** 1-based line of the label in the .labels file. */
  labelLine: number;
  /** Cell index (notebooks only). */
  cell?: number;
  /** 0-based line in the document (the cell for notebooks). */
  line: number;
  text: string;
  occurrence: number;
  expect: string[];
  /** 0-based columns of TEXT on its line; -1 when TEXT is not on the line. */
  start: number;
  end: number;
  group: Group;
}

export interface Hover {
  file: string;
  cell?: number;
  line: number;
  start: number;
  end: number;
  term: string;
  text: string;
  group: Group;
  truePositive: boolean;
}

export interface GroupStats {
  labels: number;
  recalled: number;
  recall: number;
  hovers: number;
  truePositives: number;
  precision: number;
}

export interface Miss {
  label: Label;
  /** Terms of the hovers that overlap the label (with the wrong id), if any. */
  got: string[];
}

export interface Report {
  root: string;
  files: { file: string; lines: number; labels: number; nonMl: boolean }[];
  labels: Label[];
  /** Problems with the .labels files: unparsable lines, TEXT not found on its line, missing sidecars. */
  labelErrors: string[];
  /** ML files, per language group. */
  groups: Partial<Record<Group, GroupStats>>;
  total: GroupStats;
  misses: Miss[];
  falsePositives: Hover[];
  /** Every hover shown in a non-ML file (all are false positives). */
  nonMl: Hover[];
}

const CODE_TOKEN = /[A-Za-z0-9_]+|[^\sA-Za-z0-9_]/g;

const DUMMY_SVG = { svg: '<svg/>', widthEx: 1, heightEx: 1, valignEx: 0 };

function loadMath(): MathTable {
  const path = join(__dirname, '..', 'dist', 'math.json');
  // A stale or missing build: formulas it lacks render as a dummy image, so the script needs no build.
  const built = (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {}) as Record<string, unknown>;
  return new Proxy(built, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : DUMMY_SVG), has: () => true }) as unknown as MathTable;
}

interface Doc {
  cell?: number;
  languageId: string;
  text: string;
}

const LANGUAGE: Record<string, string> = { '.py': 'python', '.md': 'markdown', '.tex': 'latex', '.txt': 'plaintext', '.css': 'css' };

function extension(file: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(file);
  return m ? m[0] : '';
}

function groupOf(file: string): Group {
  const ext = extension(file);
  if (ext === '.ipynb') return 'notebook';
  return (LANGUAGE[ext] ?? 'plaintext') as Group;
}

/** The documents of a corpus file: the file itself, or a notebook's cells. */
function documents(path: string): Doc[] {
  const raw = readFileSync(path, 'utf8');
  const ext = extension(path);
  if (ext !== '.ipynb') return [{ languageId: LANGUAGE[ext] ?? 'plaintext', text: raw }];
  const nb = JSON.parse(raw) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.map((c, i) => ({
    cell: i,
    languageId: c.cell_type === 'code' ? 'python' : c.cell_type === 'markdown' ? 'markdown' : 'plaintext',
    text: Array.isArray(c.source) ? c.source.join('') : c.source,
  }));
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/** The 0-based start of the n-th (1-based) occurrence of `needle` in `line`, or -1. */
function occurrence(line: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = line.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function parseLabels(file: string, text: string, docs: Doc[], group: Group, errors: string[]): Label[] {
  const labels: Label[] = [];
  const lines = docs.map((d) => splitLines(d.text));
  text.split('\n').forEach((raw, i) => {
    const row = raw.replace(/\r$/, '');
    if (!row.trim() || row.startsWith('#')) return;
    const where = `${file}.labels:${i + 1}`;
    const parts = row.split('\t');
    if (parts.length !== 3 || !parts[1] || !parts[2]) {
      errors.push(`${where}: expected LINE<TAB>TEXT<TAB>EXPECT, got ${JSON.stringify(row)}`);
      return;
    }
    const [pos, textField, expectField] = parts;
    const m = /^(?:(\d+):)?(\d+)$/.exec(pos);
    if (!m) {
      errors.push(`${where}: bad position ${JSON.stringify(pos)}`);
      return;
    }
    const cell = m[1] === undefined ? undefined : Number(m[1]);
    if ((cell === undefined) !== (group !== 'notebook')) {
      errors.push(`${where}: ${group === 'notebook' ? 'a notebook label needs CELL:LINE' : 'CELL:LINE is for notebooks only'}`);
      return;
    }
    const line = Number(m[2]) - 1;
    const occ = /^(.+)#(\d+)$/.exec(textField);
    const needle = occ ? occ[1] : textField;
    const n = occ ? Number(occ[2]) : 1;
    const docLines = lines[cell ?? 0];
    const lineText = docLines?.[line];
    const start = lineText === undefined ? -1 : occurrence(lineText, needle, n);
    if (start < 0)
      errors.push(
        `${where}: ${JSON.stringify(needle)}${n > 1 ? ` (occurrence ${n})` : ''} is not on line ${pos}: ${JSON.stringify(lineText ?? '<no such line>')}`,
      );
    labels.push({
      file,
      labelLine: i + 1,
      cell,
      line,
      text: needle,
      occurrence: n,
      expect: expectField
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
      start,
      end: start < 0 ? -1 : start + needle.length,
      group,
    });
  });
  return labels;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (!name.endsWith('.labels') && !name.startsWith('.') && name !== 'README.md') out.push(path);
  }
  return out;
}

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

function stats(labels: number, recalled: number, hovers: number, truePositives: number): GroupStats {
  return { labels, recalled, recall: labels ? recalled / labels : 1, hovers, truePositives, precision: hovers ? truePositives / hovers : 1 };
}

/** Evaluate every file under `root` (default test/hover-corpus). */
export function evaluateCorpus(root = join(__dirname, '..', 'test', 'hover-corpus')): Report {
  const options = { math: loadMath(), theme: 'dark' as const, fontSize: 14 };
  const report: Report = { root, files: [], labels: [], labelErrors: [], groups: {}, total: stats(0, 0, 0, 0), misses: [], falsePositives: [], nonMl: [] };
  const counts: Partial<Record<Group, [number, number, number, number]>> = {};
  for (const path of listFiles(root)) {
    const file = relative(root, path).split(sep).join('/');
    const nonMl = file.startsWith('non-ml/');
    const group = groupOf(file);
    const docs = documents(path);
    const labelPath = `${path}.labels`;
    let labels: Label[] = [];
    if (!existsSync(labelPath)) report.labelErrors.push(`${file}: no ${file}.labels`);
    else labels = parseLabels(file, readFileSync(labelPath, 'utf8'), docs, group, report.labelErrors);
    if (nonMl && labels.length) report.labelErrors.push(`${file}: a non-ML file has labels`);
    report.labels.push(...labels);
    report.files.push({ file, lines: docs.reduce((n, d) => n + splitLines(d.text).length, 0), labels: labels.length, nonMl });

    const hovers: Hover[] = [];
    for (const doc of docs) {
      const spans = doc.languageId === 'python' ? simulatableSpans(doc.text) : [];
      const seen = new Set<string>();
      splitLines(doc.text).forEach((lineText, line) => {
        for (const tok of lineText.matchAll(CODE_TOKEN)) {
          const h = hoverInDocument(doc.text, `file:///${file}`, line, tok.index, doc.languageId, options, spans);
          if (!h) continue;
          const key = `${line}:${h.start}:${h.end}:${h.term}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const onLine = labels.filter((l) => l.cell === doc.cell && l.line === line && l.start >= 0);
          const truePositive = onLine.some((l) => overlaps(l.start, l.end, h.start, h.end) && l.expect.includes(h.term));
          hovers.push({ file, cell: doc.cell, line, start: h.start, end: h.end, term: h.term, text: lineText.slice(h.start, h.end), group, truePositive });
        }
      });
    }
    if (nonMl) {
      report.nonMl.push(...hovers);
      continue;
    }
    const c = (counts[group] ??= [0, 0, 0, 0]);
    for (const label of labels) {
      const near = hovers.filter((h) => h.cell === label.cell && h.line === label.line && overlaps(label.start, label.end, h.start, h.end));
      c[0]++;
      if (near.some((h) => label.expect.includes(h.term))) c[1]++;
      else report.misses.push({ label, got: [...new Set(near.map((h) => h.term))] });
    }
    c[2] += hovers.length;
    c[3] += hovers.filter((h) => h.truePositive).length;
    report.falsePositives.push(...hovers.filter((h) => !h.truePositive));
  }
  const sum = [0, 0, 0, 0];
  for (const [g, c] of Object.entries(counts) as [Group, [number, number, number, number]][]) {
    report.groups[g] = stats(...c);
    c.forEach((v, i) => (sum[i] += v));
  }
  report.total = stats(sum[0], sum[1], sum[2], sum[3]);
  return report;
}

/** Labels, recalled, recall, hovers, true positives, precision of several groups together. */
export function combined(report: Report, groups: Group[]): GroupStats {
  const s = groups.map((g) => report.groups[g]).filter((x): x is GroupStats => !!x);
  const add = (k: 'labels' | 'recalled' | 'hovers' | 'truePositives'): number => s.reduce((n, x) => n + x[k], 0);
  return stats(add('labels'), add('recalled'), add('hovers'), add('truePositives'));
}

function where(x: { file: string; cell?: number; line: number }): string {
  return x.cell === undefined ? `${x.file}:${x.line + 1}` : `${x.file}:${x.cell}:${x.line + 1}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const root = args.find((a) => !a.startsWith('--'));
  const t0 = Date.now();
  const report = root ? evaluateCorpus(root) : evaluateCorpus();
  const ms = Date.now() - t0;
  for (const e of report.labelErrors) console.log(`label error: ${e}`);
  const rows: [string, GroupStats][] = [
    ...(Object.entries(report.groups) as [string, GroupStats][]),
    ['prose (md+tex)', combined(report, ['markdown', 'latex'])],
    ['all ML', report.total],
  ];
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log(`${'language'.padEnd(16)}${pad('labels', 8)}${pad('recalled', 10)}${pad('recall', 9)}${pad('hovers', 8)}${pad('TP', 6)}${pad('precision', 11)}`);
  for (const [name, s] of rows) {
    console.log(
      `${name.padEnd(16)}${pad(s.labels, 8)}${pad(s.recalled, 10)}${pad(pct(s.recall), 9)}${pad(s.hovers, 8)}${pad(s.truePositives, 6)}${pad(pct(s.precision), 11)}`,
    );
  }
  console.log(`non-ML hovers: ${report.nonMl.length}`);
  for (const h of report.nonMl) console.log(`  ${where(h)}  ${JSON.stringify(h.text)} -> ${h.term}`);
  if (verbose) {
    console.log(`\nmisses (${report.misses.length}):`);
    for (const m of report.misses)
      console.log(
        `  ${where(m.label)}  ${JSON.stringify(m.label.text)} expected ${m.label.expect.join('|')}${m.got.length ? `, got ${m.got.join(', ')}` : ''}`,
      );
    console.log(`\nfalse positives (${report.falsePositives.length}):`);
    for (const h of report.falsePositives) console.log(`  ${where(h)}  ${JSON.stringify(h.text)} -> ${h.term}`);
  }
  console.log(`\n${report.files.length} files, ${report.labels.length} labels, ${ms} ms`);
}

if (/hover-eval\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) main();
