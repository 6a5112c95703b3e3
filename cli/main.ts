/**
 * The headless CLI (docs/cli.md): the extension's pure modules behind a JSON
 * interface for tests, benchmarks and scripts. Bad input prints one clear line on stderr and
 * exits with status 1 (2 for usage errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkIdentity,
  DEFAULT_LAYOUT,
  hoverInDocument,
  IDENTITIES,
  identityTex,
  offsetAt,
  parsePosition,
  recognizeRequest,
  simulate,
  TERMS,
  type MathTable,
  type ThemeKind,
} from '../compute';

class UsageError extends Error {}

const USAGE = `usage: node dist/cli.js <command>
  terms                                   the term catalog
  hover FILE LINE:COL [--theme T]         the hover at a 1-based position (T: light|dark|highContrast|highContrastLight)
  identities                              the derivative identities with their numerical checks
  recognize FILE [--range L1:C1-L2:C2] [--input 1,3,224,224]... [--set NAME=VALUE]... [--steps N] [--objective NAME]
  simulate REQUEST.json | -               run a simulation request`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined) throw new UsageError(`${name} needs a value.`);
  args.splice(i, 2);
  return value;
}

function readText(file: string | undefined): string {
  if (!file) throw new UsageError('Missing FILE.');
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Languages by file extension, as VS Code would assign them. */
function languageOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const languages: Record<string, string> = {
    py: 'python',
    md: 'markdown',
    tex: 'latex',
    txt: 'plaintext',
    ts: 'typescript',
    tsx: 'typescriptreact',
    js: 'javascript',
    mjs: 'javascript',
    jsx: 'javascriptreact',
    jl: 'julia',
    r: 'r',
  };
  return languages[ext] ?? 'plaintext';
}

function loadMath(): MathTable {
  return JSON.parse(readFileSync(join(__dirname, 'math.json'), 'utf8')) as MathTable;
}

function terms() {
  return TERMS.map(({ id, title, section, aliases, code, summary, formulas, related, lab }) => ({
    id,
    title,
    section,
    aliases: [...aliases, ...code],
    summary,
    formulas,
    related,
    ...(lab ? { lab } : {}),
  }));
}

function hover(args: string[]) {
  const theme = (option(args, '--theme') ?? 'dark') as ThemeKind;
  const [file, at] = args;
  const text = readText(file);
  const pos = parsePosition(at ?? '');
  if (!pos) throw new UsageError('hover needs a position LINE:COL (1-based).');
  if (text.split('\n')[pos.line - 1] === undefined) throw new Error(`${file} has no line ${pos.line}.`);
  const uri = pathToFileURL(resolve(file)).toString();
  const result = hoverInDocument(text, uri, pos.line - 1, pos.column - 1, languageOf(file), { math: loadMath(), theme, fontSize: 14 });
  return result && { term: result.term, markdown: result.markdown };
}

function identities() {
  return IDENTITIES.map((identity) => ({
    id: identity.id,
    name: identity.name,
    kind: identity.kind,
    prefix: identity.prefix,
    tex: identityTex(identity, DEFAULT_LAYOUT),
    texDenominator: identityTex(identity, 'denominator'),
    layout: DEFAULT_LAYOUT,
    assumptions: identity.assumptions,
    ...(identity.correction ? { correction: identity.correction } : {}),
    languages: ['latex', 'markdown', 'python'],
    check: { maxRelError: checkIdentity(identity) },
  }));
}

function parseRange(text: string, spec: string): { from: number; to: number } {
  const [a, b] = spec.split('-');
  const start = parsePosition(a ?? '');
  const end = parsePosition(b ?? a ?? '');
  if (!start || !end) throw new UsageError(`--range must be L1:C1-L2:C2 (1-based), not "${spec}".`);
  return { from: offsetAt(text, start.line, start.column), to: offsetAt(text, end.line, end.column) };
}

function parseShape(spec: string, least = 2): number[] {
  const shape = spec.split(',').map((s) => Number(s.trim()));
  if (shape.length < least || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UsageError(`--input must be positive integers N,C,... (at least ${least}), not "${spec}".`);
  }
  return shape;
}

/** A --set value: a number, true/false, None, numbers separated by commas (a list), or a string. */
function parseSetValue(raw: string): number | string | boolean | number[] {
  const v = raw.trim();
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  if (v.includes(',')) {
    const items = v
      .replace(/^[[(]|[\])]$/g, '')
      .split(',')
      .map((s) => Number(s.trim()));
    if (items.every((x) => Number.isFinite(x))) return items;
  }
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? n : v.replace(/^['"]|['"]$/g, '');
}

/** Workspace modules next to the file: `from .blocks import X` → blocks.py or blocks/__init__.py. */
function workspaceLoader(dotted: string, fromPath: string, level: number): { path: string; text: string } | undefined {
  let dir = dirname(resolve(fromPath));
  for (let i = 1; i < level; i++) dir = dirname(dir);
  const base = join(dir, ...dotted.split('.').filter(Boolean));
  for (const candidate of [`${base}.py`, join(base, '__init__.py')]) {
    if (existsSync(candidate)) return { path: candidate, text: readFileSync(candidate, 'utf8') };
  }
  return undefined;
}

function recognizeCommand(args: string[]) {
  const range = option(args, '--range');
  const input = option(args, '--input');
  // More --input options: the forward's further tensor arguments, in order (forward(self, z, labels)).
  const extraInputs: number[][] = [];
  for (let more = option(args, '--input'); more !== undefined; more = option(args, '--input')) extraInputs.push(parseShape(more, 1));
  const steps = option(args, '--steps');
  const objective = option(args, '--objective');
  const set: Record<string, number | string | boolean | number[]> = {};
  for (let spec = option(args, '--set'); spec !== undefined; spec = option(args, '--set')) {
    const m = /^([A-Za-z_][\w.]*)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--set must be NAME=VALUE (a number, true/false, or numbers separated by commas), not "${spec}".`);
    set[m[1]] = parseSetValue(m[2]);
  }
  const text = readText(args[0]);
  return recognizeRequest(text, {
    path: args[0],
    loader: workspaceLoader,
    ...(Object.keys(set).length ? { set } : {}),
    ...(extraInputs.length ? { extraInputs } : {}),
    ...(range ? parseRange(text, range) : {}),
    ...(input ? { inputShape: parseShape(input) } : {}),
    ...(steps !== undefined ? { optimizerSteps: Number(steps) } : {}),
    ...(objective !== undefined ? { optimizerObjective: objective } : {}),
  });
}

function simulateCommand(args: string[]) {
  const text = readText(args[0]);
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (e) {
    throw new Error(`${args[0]} is not valid JSON: ${(e as Error).message}`);
  }
  return simulate(request);
}

function run(argv: string[]): unknown {
  const [command, ...args] = argv;
  switch (command) {
    case 'terms':
      return terms();
    case 'hover':
      return hover(args);
    case 'identities':
      return identities();
    case 'recognize':
      return recognizeCommand(args);
    case 'simulate':
      return simulateCommand(args);
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'Missing command.');
  }
}

try {
  const result = run(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result && typeof result === 'object' && 'error' in result) process.exitCode = 1;
} catch (e) {
  process.stderr.write(`ml-lens: ${(e as Error).message}\n`);
  if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
