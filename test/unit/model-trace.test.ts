/**
 * Whole-model traces against PyTorch: every case of test/fixtures/models.json (written by
 * gen_models.py, which imports the corpus files and runs them with forward hooks) is selected the
 * way a user would (the cursor on the class, factory or call), traced statically, and compared
 * call by call: module path, type, input and output shape, parameters; and the model's totals.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeModel } from '../../compute/program/trace';

interface FixtureLayer {
  path: string;
  type: string;
  inShape: number[];
  outShape: number[];
  params: number;
}
interface FixtureCase {
  id: string;
  file: string;
  select: string;
  input: number[];
  layers: FixtureLayer[];
  totals: { params: number; trainableParams: number };
}

const root = join(__dirname, '..', '..');
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/models.json'), 'utf8')) as FixtureCase[];

describe('whole-model traces match PyTorch (models.json)', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.select.slice(0, 60)}`, () => {
      const text = readFileSync(join(root, 'test/model-corpus', c.file), 'utf8');
      const at = text.indexOf(c.select);
      assert.ok(at >= 0, `select text not found in ${c.file}`);
      const loader = (dotted: string, _from: string, level: number) => {
        if (level !== 1) return undefined;
        try {
          return { path: `${dotted}.py`, text: readFileSync(join(root, 'test/model-corpus', `${dotted}.py`), 'utf8') };
        } catch {
          return undefined;
        }
      };
      const r = analyzeModel(text, { from: at + 1, to: at + 1, path: c.file, inputShape: c.input, loader });
      assert.ok(r, 'the selection is recognized as a model');
      const got = r.layers
        .filter((l) => l.path !== null)
        .map((l) => ({ path: l.path, type: l.type, inShape: l.inShape, outShape: l.outShape, params: l.params }));
      const want = c.layers.map((l) => ({ path: l.path, type: l.type, inShape: l.inShape, outShape: l.outShape, params: l.params }));
      const firstDiff = want.findIndex((w, i) => JSON.stringify(w) !== JSON.stringify(got[i]));
      assert.deepEqual(
        got[firstDiff] ?? got.slice(want.length),
        firstDiff >= 0 ? want[firstDiff] : [],
        `call ${firstDiff} differs (of ${want.length}); warnings: ${r.warnings.slice(0, 5).join(' | ')}`,
      );
      assert.equal(r.totals.params, c.totals.params, 'total parameters');
      assert.deepEqual(r.unknowns, [], 'no unknowns');
    });
  }
});
