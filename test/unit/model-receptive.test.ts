/**
 * Receptive fields through branches (residual sums, concatenations, dilated and strided paths,
 * upsampling) against PyTorch: gen_receptive.py backpropagates from the centre output position of
 * each corpus net (positive weights, max pools swapped for average pools so no path is cut) and
 * records the rows and columns of the input that receive a non-zero gradient, over all output
 * channels. Our field for that position is the union (smallest interval holding every path's
 * field): output position p reads input positions [left + p·jump, left + p·jump + size − 1]. After an
 * upsampling layer the field is a hull over output phases (see trace.ts), checked to hold
 * torch's and to exceed it by at most one input sample per side.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeModel } from '../../compute/program/trace';

interface RfCase {
  id: string;
  file: string;
  select: string;
  input: number[];
  outPos: [number, number];
  allChannels: { rows: [number, number]; cols: [number, number] };
}

const root = join(__dirname, '..', '..');
/** Nets with a transposed conv, an upsampling or a pixel shuffle (fields given as a hull over phases). */
const UPSAMPLING = new Set(['branches.py#TinyUNet', 'branches.py#TinyUNet-bilinear', 'superres.py#SuperResolutionNet']);
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/receptive.json'), 'utf8')) as RfCase[];

describe('receptive fields through branches match autograd (receptive.json)', () => {
  for (const c of cases) {
    it(c.id, () => {
      const text = readFileSync(join(root, 'test/model-corpus', c.file), 'utf8');
      const at = text.indexOf(c.select);
      const r = analyzeModel(text, { from: at + 1, to: at + 1, path: c.file, inputShape: c.input });
      assert.ok(r?.output?.receptiveField, `a spatial output with a receptive field; warnings: ${r?.warnings.join(' | ')}`);
      const rf = r.output.receptiveField;
      const span = (axis: number): [number, number] => {
        const start = rf.left[axis] + c.outPos[axis] * rf.jump[axis];
        return [start, start + rf.size[axis] - 1];
      };
      const want = [c.allChannels.rows, c.allChannels.cols];
      const got = [span(0), span(1)];
      if (!UPSAMPLING.has(c.id)) return assert.deepEqual(got, want);
      // After an upsampling layer the field is the hull over output phases: it holds torch's and
      // exceeds it by at most one network-input sample per side.
      got.forEach(([lo, hi], axis) => {
        const [wlo, whi] = want[axis];
        assert.ok(lo <= wlo && hi >= whi, `[${lo}, ${hi}] holds [${wlo}, ${whi}]`);
        assert.ok(wlo - lo <= 1 && hi - whi <= 1, `[${lo}, ${hi}] is within one sample of [${wlo}, ${whi}]`);
      });
    });
  }
});
