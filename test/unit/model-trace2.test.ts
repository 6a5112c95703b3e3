/**
 * Whole-model traces against PyTorch, second corpus batch: every case of
 * test/fixtures/models2.json (written by gen_models2.py: nanoGPT/minGPT, timm-style ViT, ConvNeXt,
 * EfficientNet, a multi-file package, Inception-v3, FPN/HRNet, a padding U-Net, Conformer,
 * seq2seq, conditional GANs, einops) selected the way a user would and compared call by call as in
 * model-trace.test.ts (module path, type, input and output shape, parameters; the totals, trainable
 * included). Imports are resolved like the CLI does: relative to the importing file, `from . import
 * x` through the package's __init__.py.
 *
 * A case with `inputs` (forward takes several tensors) is traced with the first one as the input
 * shape: the evaluator passes one tensor to forward. A case with `expectPartial` calls code ML Lens
 * does not read (einops, pack_padded_sequence): the answer must be partial, a warning must name
 * one of `partialLines`, and the `readablePrefix` layer calls before it must match.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { analyzeModel } from '../../compute/program/trace';
import type { ModelRecognition } from '../../compute/program/model-types';

interface FixtureLayer {
  path: string;
  type: string;
  inShape: number[] | null;
  outShape: number[] | null;
  params: number;
}
interface FixtureCase {
  id: string;
  file: string;
  select: string;
  input: number[];
  inputs?: { shape: number[]; dtype: string; fill?: number }[];
  expectPartial?: boolean;
  partialLines?: number[];
  readablePrefix?: number;
  layers: FixtureLayer[];
  totals: { params: number; trainableParams: number };
}

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test/model-corpus');
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/models2.json'), 'utf8')) as FixtureCase[];

/** The CLI's workspace loader, with paths relative to the corpus (so a file has one name). */
function loader(dotted: string, fromPath: string, level: number): { path: string; text: string } | undefined {
  if (level < 1) return undefined;
  let dir = posix.dirname(fromPath);
  for (let i = 1; i < level; i++) dir = posix.dirname(dir);
  const base = posix.join(dir, ...dotted.split('.').filter(Boolean));
  for (const candidate of [`${base}.py`, posix.join(base, '__init__.py')]) {
    const full = join(corpus, candidate);
    if (existsSync(full)) return { path: posix.normalize(candidate), text: readFileSync(full, 'utf8') };
  }
  return undefined;
}

function trace(c: FixtureCase): ModelRecognition {
  const text = readFileSync(join(corpus, c.file), 'utf8');
  const at = text.indexOf(c.select);
  assert.ok(at >= 0, `select text not found in ${c.file}`);
  const extraInputs = (c.inputs ?? []).slice(1).map((i) => i.shape);
  const r = analyzeModel(text, { from: at + 1, to: at + 1, path: c.file, inputShape: c.input, loader, ...(extraInputs.length ? { extraInputs } : {}) });
  assert.ok(r, 'the selection is recognized as a model');
  return r;
}

const rows = (layers: { path: string | null; type: string; inShape: unknown; outShape: unknown; params: unknown }[]) =>
  layers.map((l) => ({ path: l.path, type: l.type, inShape: l.inShape, outShape: l.outShape, params: l.params }));

function compareLayers(r: ModelRecognition, want: FixtureLayer[], upTo = want.length): void {
  const got = rows(r.layers.filter((l) => l.path !== null));
  const w = rows(want).slice(0, upTo);
  const firstDiff = w.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(got[i]));
  assert.deepEqual(
    got[firstDiff] ?? (upTo === want.length ? got.slice(w.length) : []),
    firstDiff >= 0 ? w[firstDiff] : [],
    `call ${firstDiff} differs (of ${w.length}); warnings: ${r.warnings.slice(0, 5).join(' | ')}`,
  );
}

/**
 * Cases that fail today, by id, with the cause (reported; remove the entry when fixed). The
 * file:line is the construct's in test/model-corpus/.
 */
const FAILING: Record<string, string> = {
  // Teacher forcing: `teacher_force = random.random() < ratio` (seq2seq.py:93) decides which token
  // feeds the decoder; it depends on a random draw, so the branch is named as not decided and the
  // decoder's later calls are not traced (honest, partial). PyTorch's run took one branch.
  'seq2seq.py#Seq2Seq': 'random.random() decides the decoder input (seq2seq.py:93): partial by design',
};

describe('whole-model traces match PyTorch, second corpus (models2.json)', () => {
  for (const c of cases) {
    const title = `${c.id}: ${c.select.slice(0, 60)}`;
    // RUN_FAILING=1 runs the skipped cases too (to see which a change fixed).
    const cause = process.env.RUN_FAILING ? undefined : FAILING[c.id];
    if (cause) {
      // FAILS: see FAILING[c.id]
      it.skip(`${title} — FAILS: ${cause}`, () => undefined);
      continue;
    }
    if (c.expectPartial) {
      it(`${title} (expected partial)`, () => {
        const r = trace(c);
        assert.equal(r.partial, true, 'the answer is marked partial');
        const lines = c.partialLines ?? [];
        assert.ok(
          r.warnings.some((w) => lines.some((n) => w.startsWith(`line ${n}:`))),
          `a warning names line ${lines.join(' or ')}; warnings: ${r.warnings.slice(0, 5).join(' | ')}`,
        );
        compareLayers(r, c.layers, c.readablePrefix ?? 0);
      });
      continue;
    }
    it(title, () => {
      const r = trace(c);
      compareLayers(r, c.layers);
      assert.equal(r.totals.params, c.totals.params, 'total parameters');
      assert.equal(r.totals.trainableParams, c.totals.trainableParams, 'trainable parameters');
      assert.deepEqual(r.unknowns, [], 'no unknowns');
    });
  }
});
