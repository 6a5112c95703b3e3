/**
 * The headless CLI (DESIGN.md, "The headless CLI"): the extension's pure modules behind a JSON
 * interface for tests, benchmarks and scripts. Bad input prints one clear line on stderr and
 * exits with status 1 (2 for usage errors).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  recognize FILE [--range L1:C1-L2:C2] [--input 1,3,224,224] [--steps N] [--objective NAME]
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
  const languages: Record<string, string> = { py: 'python', md: 'markdown', tex: 'latex', txt: 'plaintext', ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', jsx: 'javascriptreact', jl: 'julia', r: 'r' };
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

function parseShape(spec: string): number[] {
  const shape = spec.split(',').map((s) => Number(s.trim()));
  if (shape.length < 3 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UsageError(`--input must be positive integers N,C,... (at least 3), not "${spec}".`);
  }
  return shape;
}

function recognizeCommand(args: string[]) {
  const range = option(args, '--range');
  const input = option(args, '--input');
  const steps = option(args, '--steps');
  const objective = option(args, '--objective');
  const text = readText(args[0]);
  return recognizeRequest(text, {
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
