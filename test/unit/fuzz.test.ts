/**
 * Fuzzing with mutated real code (issue 8): the Python files in examples/, test/corpus/ and
 * test/recognize-corpus/, cut, duplicated, swapped and salted with awkward tokens, go through the
 * recognizer, the CodeLens spans, the hover, the expression compiler and the simulator; arbitrary
 * JSON goes through the webview protocol parsers and the simulator.
 *
 * Contracts checked (read off each function):
 * - recognizeRequest: never throws; returns a request or `{ error }` with a non-empty message,
 *   and that message is not a leaked JavaScript bug (TypeError, RangeError, stack overflow).
 * - simulatableSpans, termAt, hoverInDocument, parseFromWebview/parseToWebview/parseLabState:
 *   never throw.
 * - parseExpression, compileExpression, simulate: throw only ComputeError, with a message.
 * - every call returns within CALL_LIMIT_MS (a runaway guard, not a performance assertion).
 *
 * Fixed seeds keep the runs deterministic. The whole file takes ~10 s on a 2-core machine.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ComputeError } from '../../compute/errors';
import { compileExpression, parseExpression } from '../../compute/expr';
import { hoverInDocument, termAt, type MathTable } from '../../compute/hover';
import { recognizeRequest, type AnyRecognition } from '../../compute/recognize';
import { simulatableSpans } from '../../compute/recognize/spans';
import { simulate } from '../../compute/simulate';
import { parseFromWebview, parseLabState, parseToWebview } from '../../shared/protocol';

/** FUZZ_SEED and FUZZ_SCALE (a run-count multiplier) allow longer local hunts; CI uses the defaults. */
const SEED = Number(process.env.FUZZ_SEED ?? 8_2026);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** A call slower than this is a runaway (a hang or a quadratic blow-up), not noise. */
const CALL_LIMIT_MS = 5_000;

const DIRS = ['examples', 'test/corpus', 'test/recognize-corpus'];
const CORPUS = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })),
);
const math = JSON.parse(readFileSync('dist/math.json', 'utf8')) as MathTable;
const HOVER_OPTIONS = { math, theme: 'dark' as const, fontSize: 14 };
const LANGUAGES = ['python', 'markdown', 'latex', 'plaintext', 'typescript', 'julia'];

const LONG_IDENT = `x${'abc_'.repeat(2_500)}`;
const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '=',
  ':',
  "'",
  '"',
  '"""',
  "'''",
  '\\',
  '#',
  '\n',
  '\t',
  '    ',
  '1e309',
  '-1e309',
  '-0',
  '-0.0',
  'nan',
  'float("nan")',
  'inf',
  'float("inf")',
  '10**400',
  '2**10000',
  '9'.repeat(400),
  '0x',
  '1_000',
  '1j',
  '.5e-400',
  'lambda x, y:',
  'def f(x, y):\n    return ',
  'return',
  'nn.Conv2d(',
  'torch.optim.Adam(',
  'nn.Sequential(',
  'kernel_size=',
  'stride=0',
  'padding="same"',
  'groups=0',
  'lr=-1',
  'betas=(',
  'AffineCoupling(mask=[1, 0], s="',
  '**',
  '/0',
  '//',
  '@',
  'x0',
  'x99',
  'é',
  'λ',
  '∂',
  '😀',
  '\u200b',
  '\ud800',
  '\u0000',
  'Adam',
  'softmax',
  LONG_IDENT,
];

/** One mutation of a text: delete, duplicate, swap or insert at a random place. */
type Mutation =
  | { op: 'delete' | 'duplicate'; at: number; len: number }
  | { op: 'swap'; at: number; len: number; other: number }
  | { op: 'insert'; at: number; token: string };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const span = fc.integer({ min: 0, max: 400 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: position, len: span }),
  fc.record({ op: fc.constant('swap' as const), at: position, len: span, other: position }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    token: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) }),
  }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * (t.length + 1));
    if (m.op === 'insert') t = t.slice(0, at) + m.token + t.slice(at);
    else if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.op === 'duplicate') t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
    else if (m.op === 'swap') {
      const a = t.slice(at, at + m.len);
      const rest = t.slice(0, at) + t.slice(at + m.len);
      const to = Math.floor(m.other * (rest.length + 1));
      t = rest.slice(0, to) + a + rest.slice(to);
    }
  }
  return t;
}

const mutatedFile = fc
  .record({ file: fc.nat(CORPUS.length - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) })
  .map(({ file, mutations }) => mutate(CORPUS[file].text, mutations));

/** A selection inside a text as fractions (so it can be drawn before the text's length is known). */
const selection = fc.tuple(position, fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })));

const timings = new Map<string, { calls: number; worst: number; total: number }>();
/** How recognitions of mutated code ended (so a change that makes every input an error shows). */
const outcomes = new Map<string, number>();

/** Run `fn`, record its wall time under `name`, and fail if it took longer than CALL_LIMIT_MS. */
function timed<T>(name: string, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - started;
    const t = timings.get(name) ?? { calls: 0, worst: 0, total: 0 };
    timings.set(name, { calls: t.calls + 1, worst: Math.max(t.worst, ms), total: t.total + ms });
    assert.ok(ms < CALL_LIMIT_MS, `${name} took ${ms.toFixed(0)} ms (limit ${CALL_LIMIT_MS} ms)`);
  }
}

/** Messages that betray a JavaScript bug caught and passed off as a user-facing error. */
const LEAKED_BUG =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid typed array length|undefined \(reading|of undefined|of null|Array buffer allocation failed|out of memory/i;

function checkMessage(message: unknown, what: string): void {
  assert.equal(typeof message, 'string', `${what}: the error message is a string`);
  assert.ok((message as string).trim().length > 0, `${what}: the error message is not empty`);
  assert.doesNotMatch(message as string, LEAKED_BUG, `${what}: the message is a user-facing sentence, not a leaked bug`);
}

/** `fn` may only throw a ComputeError with a real message; returns what it returned (or undefined). */
function onlyComputeError<T>(name: string, fn: () => T, input: unknown): T | undefined {
  try {
    return timed(name, fn);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    if (!(e instanceof ComputeError)) {
      assert.fail(
        `${name} threw ${(e as Error)?.name}: ${(e as Error)?.message}\ninput: ${JSON.stringify(input).slice(0, 2000)}\n${(e as Error)?.stack?.split('\n').slice(0, 6).join('\n')}`,
      );
    }
    checkMessage(e.message, name);
    return undefined;
  }
}

function neverThrows<T>(name: string, fn: () => T, input: unknown): T {
  try {
    return timed(name, fn);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.fail(
      `${name} threw ${(e as Error)?.name}: ${(e as Error)?.message}\ninput: ${JSON.stringify(input).slice(0, 2000)}\n${(e as Error)?.stack?.split('\n').slice(0, 6).join('\n')}`,
    );
  }
}

function checkRecognition(r: AnyRecognition, text: string): void {
  assert.ok(r && typeof r === 'object', 'recognizeRequest returns an object');
  if ('error' in r) checkMessage(r.error, `recognizeRequest on ${JSON.stringify(text.slice(0, 200))}`);
  else assert.ok(['conv', 'optimizer', 'flow'].includes(r.kind), `a known kind, not ${String((r as { kind?: unknown }).kind)}`);
}

/** recognize → simulate: a recognized request either runs or is refused with a ComputeError. */
function recognizeAndSimulate(text: string, from: number, to: number): void {
  const r = neverThrows('recognizeRequest', () => recognizeRequest(text, { from, to }), { text: text.slice(0, 2000), from, to });
  checkRecognition(r, text);
  const kind = 'error' in r ? 'error' : r.kind;
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  if (!('error' in r)) {
    const result = onlyComputeError('simulate', () => simulate(r), r);
    const ran = result === undefined ? 'refused' : 'ran';
    outcomes.set(`simulate ${ran}`, (outcomes.get(`simulate ${ran}`) ?? 0) + 1);
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

describe('fuzzing with mutated real code (fast-check)', function () {
  this.timeout(60_000 * Math.max(1, SCALE));

  after(() => {
    const rows = [...timings].map(([name, t]) => `${name}: ${t.calls} calls, worst ${t.worst.toFixed(1)} ms, mean ${(t.total / t.calls).toFixed(2)} ms`);
    console.log(`      fuzz timings:\n        ${rows.join('\n        ')}`);
    console.log(`      recognitions: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  });

  it('loads a corpus of real Python files', () => {
    assert.ok(CORPUS.length >= 20, `${CORPUS.length} files`);
  });

  it('recognizeRequest and simulatableSpans on mutated files: a request or { error }, never a throw', () => {
    fc.assert(
      fc.property(mutatedFile, selection, (text, [a, w]) => {
        const from = Math.floor(a * text.length);
        const to = Math.min(text.length, from + Math.floor(w * text.length));
        recognizeAndSimulate(text, from, to);
        const spans = neverThrows('simulatableSpans', () => simulatableSpans(text), text.slice(0, 2000));
        assert.ok(Array.isArray(spans));
        for (const s of spans) assert.ok(s.from >= 0 && s.from < s.to && s.to <= text.length, `span ${s.from}..${s.to} inside the text`);
        // Each span found in the mutated text, recognized as the cursor and as the selection.
        for (const s of spans.slice(0, 3)) {
          recognizeAndSimulate(text, s.from, s.to);
          recognizeAndSimulate(text, s.from + 1, s.from + 1);
        }
      }),
      { seed: SEED, numRuns: runs(250), endOnFailure: true },
    );
  });

  it('termAt and hoverInDocument on mutated files at random positions never throw', () => {
    fc.assert(
      fc.property(
        mutatedFile,
        fc.array(fc.tuple(position, fc.integer({ min: -3, max: 300 }), fc.constantFrom(...LANGUAGES)), { minLength: 1, maxLength: 6 }),
        (text, probes) => {
          const lines = text.split('\n');
          const spans = simulatableSpans(text);
          for (const [p, column, language] of probes) {
            const line = Math.floor(p * (lines.length + 2)) - 1; // also -1 and one past the end
            const lineText = lines[line] ?? '';
            const match = neverThrows('termAt', () => termAt(lineText, column, language), { lineText: lineText.slice(0, 500), column, language });
            if (match) assert.ok(match.start <= match.end && match.end <= lineText.length, 'the match lies on the line');
            const hover = neverThrows(
              'hoverInDocument',
              () => hoverInDocument(text, 'file:///fuzz.py', line, column, language, HOVER_OPTIONS, language === 'python' && p < 0.5 ? spans : undefined),
              { line, column, language },
            );
            if (hover) assert.ok(hover.markdown.length > 0 && hover.term.length > 0);
          }
        },
      ),
      { seed: SEED + 1, numRuns: runs(300), endOnFailure: true },
    );
  });

  it('parseExpression/compileExpression on mutated objective expressions: ComputeError or a callable', () => {
    const EXPRESSIONS = [
      '(1 - x)**2 + 100*(y - x**2)**2',
      'lambda x, y: x**2 + y**2',
      'def f(x, y):\n    return np.sin(x) * np.cos(y) + 0.1 * (x**2 + y**2)',
      '(x**2 + y - 11)**2 + (x + y**2 - 7)**2',
      '20 + x**2 - 10*np.cos(2*np.pi*x) + y**2 - 10*np.cos(2*np.pi*y)',
      'torch.tanh(x0) * 0.5 + torch.exp(-x1**2) - F.softplus(x0 - x1)',
      'np.log(1 + np.exp(x)) + abs(y) + max(x, y) + np.sqrt(x**2 + 1e-8)',
      'sigmoid(x0*x1) + np.where(x0 > 0, x0, 0.1*x0)',
    ];
    const expression = fc
      .record({ base: fc.constantFrom(...EXPRESSIONS), mutations: fc.array(mutation, { minLength: 0, maxLength: 5 }) })
      .map(({ base, mutations }) => mutate(base, mutations));
    const point = fc.array(fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e308, -1e-320, Infinity, NaN)), { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(expression, point, fc.boolean(), (source, x, fixVariables) => {
        const options = fixVariables ? { variables: ['x', 'y'] } : {};
        onlyComputeError('parseExpression', () => parseExpression(source, options.variables), source);
        const compiled = onlyComputeError('compileExpression', () => compileExpression(source, options), source);
        if (!compiled) return;
        const n = compiled.variables.length;
        const at = Float64Array.from({ length: n }, (_, i) => x[i] ?? 0.5);
        const value = onlyComputeError('expression.value', () => compiled.value(at), { source, at: [...at] });
        if (value !== undefined) assert.equal(typeof value, 'number');
        onlyComputeError('expression.valueAndGradient', () => compiled.valueAndGradient(at, new Float64Array(n)), { source, at: [...at] });
        onlyComputeError('expression.valueAndHessian', () => compiled.valueAndHessian(at, new Float64Array(n * n)), { source, at: [...at] });
        // A wrong arity is refused with a ComputeError, not a RangeError.
        onlyComputeError('expression.value', () => compiled.value(new Float64Array(n + 1)), { source });
      }),
      { seed: SEED + 2, numRuns: runs(400), endOnFailure: true },
    );
  });

  it('simulate on recognized requests with fields replaced by arbitrary JSON: a result or a ComputeError', () => {
    const requests = CORPUS.flatMap(({ text }) =>
      simulatableSpans(text)
        .slice(0, 4)
        .map((s) => recognizeRequest(text, { from: s.from, to: s.to }))
        .filter((r): r is Exclude<AnyRecognition, { error: string }> => !('error' in r)),
    );
    requests.push(recognizeRequest('AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2")') as Exclude<AnyRecognition, { error: string }>);
    assert.ok(requests.length >= 10, `${requests.length} recognized requests`);
    const KEYS = [
      'kind',
      'layers',
      'inputShape',
      'input',
      'optimizer',
      'optimizers',
      'objective',
      'start',
      'steps',
      'schedule',
      'points',
      'density',
      'samples',
      'gradientFlow',
      'noise',
      'method',
    ];
    const NUMBERS = fc.constantFrom(0, -0, -1, 1e309, -1e309, NaN, 1e300, 2 ** 31, 2 ** 53, 0.5, 1e-320);
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), NUMBERS, fc.array(NUMBERS, { maxLength: 5 }));
    fc.assert(
      fc.property(
        fc.nat(requests.length - 1),
        fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(20), fc.string({ maxLength: 20 }), value), { maxLength: 3 }),
        (i, top, deep) => {
          const request = structuredClone(requests[i]) as Record<string, unknown>;
          for (const [k, v] of top) request[k] = v;
          // Also replace a field one level down (a layer's argument, a hyperparameter).
          const nested = [request.layers, request.optimizer, request.objective].flatMap((x) => (Array.isArray(x) ? x : x && typeof x === 'object' ? [x] : []));
          for (const [j, key, v] of deep) {
            const target = nested[j % Math.max(1, nested.length)] as Record<string, unknown> | undefined;
            if (target && typeof target === 'object') {
              const keys = Object.keys(target);
              target[keys.length && key.length % 2 ? keys[key.length % keys.length] : key] = v;
            }
          }
          onlyComputeError('simulate', () => simulate(request), request);
        },
      ),
      { seed: SEED + 3, numRuns: runs(400), endOnFailure: true },
    );
  });

  it('simulate on arbitrary JSON: a result or a ComputeError', () => {
    const kinds = fc.record({ kind: fc.constantFrom('conv', 'optimizer', 'flow', 'x') }, { requiredKeys: [] });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.tuple(kinds, fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))).map(([a, b]) => ({ ...b, ...a })),
        ),
        (request) => {
          onlyComputeError('simulate', () => simulate(request), request);
        },
      ),
      { seed: SEED + 4, numRuns: runs(500), endOnFailure: true },
    );
  });

  it('the protocol parsers never throw on arbitrary values and return undefined or an object', () => {
    const types = fc.constantFrom('ready', 'error', 'copyText', 'saveFile', 'applyToCode', 'showLab', 'showTerm', 'x');
    const labs = fc.constantFrom('conv', 'optimizer', 'flow', 'x');
    const shaped = fc
      .tuple(
        fc.record({ type: types, lab: labs }, { requiredKeys: [] }),
        fc.dictionary(
          fc.constantFrom('message', 'text', 'what', 'name', 'encoding', 'data', 'request', 'source', 'term', 'requests', 'sources'),
          fc.jsonValue({ maxDepth: 3 }),
        ),
      )
      .map(([a, b]) => ({ ...b, ...a }));
    const values = fc.oneof(
      fc.anything({
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withObjectString: true,
        withNullPrototype: true,
        withTypedArray: true,
        withSparseArray: true,
      }),
      fc.jsonValue(),
      shaped,
    );
    fc.assert(
      fc.property(values, (v) => {
        for (const [name, parse] of [
          ['parseFromWebview', parseFromWebview],
          ['parseToWebview', parseToWebview],
          ['parseLabState', parseLabState],
        ] as const) {
          const out = neverThrows(name, () => parse(v), v);
          assert.ok(out === undefined || (typeof out === 'object' && out !== null), `${name} returns undefined or an object`);
        }
      }),
      { seed: SEED + 5, numRuns: runs(1_500), endOnFailure: true },
    );
  });

  describe('extreme inputs', () => {
    const DEEP = 5_000;
    const nested = `${'('.repeat(DEEP)}x${')'.repeat(DEEP)}`;
    const oneMbLine = `opt = torch.optim.Adam(model.parameters(), lr=${'1'.repeat(1 << 20)})`;
    const CASES: [string, string][] = [
      ['5,000 nested parentheses', `y = ${nested}\n`],
      ['5,000 unclosed parentheses', `opt = torch.optim.Adam(${'('.repeat(DEEP)}\n`],
      ['5,000 nested calls', `${'nn.Sequential('.repeat(DEEP)}${')'.repeat(DEEP)}\n`],
      ['5,000 nested lists in a layer argument', `nn.Conv2d(3, 8, kernel_size=${'['.repeat(DEEP)}3${']'.repeat(DEEP)})\n`],
      ['a 1 MB line', `${oneMbLine}\n`],
      ['a 1 MB identifier', `nn.Conv2d(${'a'.repeat(1 << 20)}, 8, 3)\n`],
      [
        'huge numbers',
        'nn.Conv2d(10**400, 1e309, kernel_size=-0, stride=nan, padding=2**10000)\ntorch.optim.Adam(p, lr=1e309, betas=(nan, -0), eps=10**400)\n',
      ],
      ['unicode and lone surrogates', 'nn.Conv2d(3, 8, kernel_size=3) # λ∂😀 \ud800\u0000\ntorch.optim.SGD(p, lr=0.1, momentum=0.9) # \u202e\n'],
      ['an empty file', ''],
      ['only newlines', '\n'.repeat(100_000)],
    ];
    for (const [name, text] of CASES) {
      it(`${name}: recognizer, spans and hover stay within their contracts`, () => {
        for (const [from, to] of [
          [0, text.length],
          [0, 0],
          [Math.floor(text.length / 2), Math.floor(text.length / 2)],
        ]) {
          recognizeAndSimulate(text, from, to);
        }
        const spans = neverThrows('simulatableSpans', () => simulatableSpans(text), name);
        for (const s of spans.slice(0, 2)) recognizeAndSimulate(text, s.from, s.to);
        const lines = lineCount(text);
        for (const line of [0, Math.floor(lines / 2), lines - 1]) {
          for (const column of [0, 5, 30, 1 << 19]) {
            neverThrows('hoverInDocument', () => hoverInDocument(text, 'file:///x.py', line, column, 'python', HOVER_OPTIONS, spans), { name, line, column });
            neverThrows('termAt', () => termAt(text.split('\n')[line] ?? '', column, 'markdown'), { name, line, column });
          }
        }
      });
    }

    it('expressions: deep nesting, long sources and huge literals are refused or compiled, never a RangeError', () => {
      const sources = [
        nested,
        `${'-'.repeat(DEEP)}x + y`,
        `${'np.exp('.repeat(2_000)}x${')'.repeat(2_000)} + y`,
        `x${' + x'.repeat(4_000)} + y`,
        `${'x**'.repeat(3_000)}y`,
        `x * 10**400 + y * 1e309 - nan`,
        `${LONG_IDENT} + x + y`,
        'x'.repeat(30_000),
        `lambda ${Array.from({ length: 500 }, (_, i) => `a${i}`).join(', ')}: a0`,
        '(1 - x)**2 + 100*(y - x**2)**2'.repeat(600),
      ];
      for (const source of sources) {
        onlyComputeError('parseExpression', () => parseExpression(source), source.slice(0, 200));
        const compiled = onlyComputeError('compileExpression', () => compileExpression(source), source.slice(0, 200));
        if (compiled)
          onlyComputeError(
            'expression.valueAndHessian',
            () => compiled.valueAndHessian(new Float64Array(compiled.variables.length).fill(0.5), new Float64Array(compiled.variables.length ** 2)),
            source.slice(0, 200),
          );
      }
    });

    it('every fuzzed call stayed within the bound', () => {
      let calls = 0;
      for (const [name, t] of timings) {
        calls += t.calls;
        assert.ok(t.worst < CALL_LIMIT_MS, `${name}: worst ${t.worst} ms`);
      }
      assert.ok(calls > 3_000, `${calls} calls were made`);
      // The mutations leave most files recognizable, so simulate is really exercised.
      for (const kind of ['conv', 'optimizer', 'simulate ran']) assert.ok((outcomes.get(kind) ?? 0) >= 10, `${kind}: ${outcomes.get(kind)}`);
    });
  });
});
