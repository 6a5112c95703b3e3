/**
 * compute/conv against PyTorch 1.13 and SciPy: every case in test/fixtures/conv.json (written by
 * test/fixtures/gen_conv.py) must match to 1e-9 relative error with exactly the same shapes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConvRequest, type ConvLayerJson, type TensorJson } from '../../compute';
import { convolve, correlate, flipKernel, runLayer } from '../../compute/conv/direct';
import { normalizeLayer } from '../../compute/conv/layer';
import { simulate } from '../../compute/simulate';

interface ValueCase {
  name: string;
  layer: ConvLayerJson;
  input: TensorJson;
  weight?: TensorJson;
  bias?: TensorJson;
  output: TensorJson;
}
interface ShapeCase {
  name: string;
  layer: ConvLayerJson;
  inShape: number[];
  outShape: number[];
}
interface FieldCase {
  name: string;
  inShape: number[];
  layers: ConvLayerJson[];
  size: number[][];
  jump: number[][];
}
interface ScipyCase {
  name: string;
  fn: 'convolve' | 'correlate';
  mode: 'full' | 'valid' | 'same';
  x: TensorJson;
  w: TensorJson;
  output: TensorJson;
}
interface Fixture {
  torch: string;
  cases: ValueCase[];
  shapeCases: ShapeCase[];
  receptiveFields: FieldCase[];
  scipy: ScipyCase[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conv.json'), 'utf8')) as Fixture;
const TOLERANCE = 1e-9;
let worst = { error: 0, name: '' };

const tensor = (t: TensorJson) => ({ shape: t.shape, data: Float64Array.from(t.data) });

/** Max of |got − ref| / max(1, |ref|); throws when the shapes differ. */
function relativeError(name: string, got: { shape: readonly number[]; data: ArrayLike<number> } | undefined, ref: TensorJson): number {
  assert.ok(got, `${name}: no output`);
  assert.deepEqual([...got.shape], ref.shape, `${name}: shape`);
  let error = 0;
  for (let i = 0; i < ref.data.length; i++) {
    const e = Math.abs(got.data[i] - ref.data[i]) / Math.max(1, Math.abs(ref.data[i]));
    error = Number.isNaN(e) ? Infinity : Math.max(error, e);
  }
  if (error > worst.error) worst = { error, name };
  return error;
}

function runCase(c: ValueCase): number {
  const layer: ConvLayerJson = { ...c.layer };
  if (c.weight) layer.weight = c.weight;
  if (c.bias) layer.bias = c.bias;
  const result = simulate({ kind: 'conv', input: c.input, layers: [layer] });
  assert.deepEqual(result.layers[0].outShape, c.output.shape, `${c.name}: analyzed shape`);
  return relativeError(c.name, result.output, c.output);
}

describe(`conv against PyTorch ${fixture.torch} (test/fixtures/conv.json)`, () => {
  after(() => {
    if (worst.error > 0) console.log(`      largest relative error: ${worst.error.toExponential(2)} (${worst.name})`);
  });

  it('the fixture covers every op', () => {
    const ops = new Set(fixture.cases.map((c) => c.layer.op));
    for (const op of [
      'conv1d',
      'conv2d',
      'conv3d',
      'conv_transpose1d',
      'conv_transpose2d',
      'conv_transpose3d',
      'max_pool1d',
      'max_pool2d',
      'max_pool3d',
      'avg_pool1d',
      'avg_pool2d',
      'avg_pool3d',
    ]) {
      assert.ok(ops.has(op), op);
    }
    assert.ok(fixture.shapeCases.length >= 40);
  });

  describe('values, hand-picked cases', () => {
    for (const c of fixture.cases.filter((c) => !c.name.startsWith('sweep'))) {
      it(c.name, () => {
        const error = runCase(c);
        assert.ok(error <= TOLERANCE, `${c.name}: relative error ${error}`);
      });
    }
  });

  describe('values, exhaustive 1-D sweeps', () => {
    const groups = new Map<string, ValueCase[]>();
    for (const c of fixture.cases.filter((c) => c.name.startsWith('sweep'))) {
      const op = c.layer.op;
      groups.set(op, [...(groups.get(op) ?? []), c]);
    }
    for (const [op, cases] of groups) {
      it(`${op}: ${cases.length} combinations`, () => {
        const failures: string[] = [];
        for (const c of cases) {
          try {
            const error = runCase(c);
            if (!(error <= TOLERANCE)) failures.push(`${c.name}: relative error ${error}`);
          } catch (e) {
            failures.push(`${c.name}: ${(e as Error).message.split('\n')[0]}`);
          }
        }
        assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${cases.length} failed`);
      });
    }
  });

  it(`output shapes of ${fixture.shapeCases.length} realistic layers`, () => {
    const failures: string[] = [];
    for (const c of fixture.shapeCases) {
      try {
        const got = analyzeConvRequest({ kind: 'conv', inputShape: c.inShape, layers: [c.layer] }).layers[0].outShape;
        if (got.join() !== c.outShape.join()) failures.push(`${c.name}: [${got}] but PyTorch gives [${c.outShape}]`);
      } catch (e) {
        failures.push(`${c.name}: ${(e as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  describe('receptive field and jump, measured with autograd', () => {
    for (const c of fixture.receptiveFields) {
      it(c.name, () => {
        const layers = analyzeConvRequest({ kind: 'conv', inputShape: c.inShape, layers: c.layers }).layers;
        layers.forEach((layer, i) => {
          assert.deepEqual(layer.receptiveField.size, c.size[i], `layer ${i + 1} (${layer.op}) size`);
          layer.receptiveField.jump.forEach((j, axis) => assert.ok(Math.abs(j - c.jump[i][axis]) < 1e-12, `layer ${i + 1} jump ${j} ≠ ${c.jump[i][axis]}`));
        });
      });
    }
  });
});

describe('true convolution vs cross-correlation (SciPy)', () => {
  for (const c of fixture.scipy) {
    it(c.name, () => {
      const fn = c.fn === 'convolve' ? convolve : correlate;
      const error = relativeError(c.name, fn(tensor(c.x), tensor(c.w), c.mode), c.output);
      assert.ok(error <= TOLERANCE, `relative error ${error}`);
    });
  }

  it('a PyTorch conv with the kernel flipped is the true convolution', () => {
    for (const c of fixture.scipy.filter((c) => c.fn === 'convolve' && c.mode === 'full')) {
      const k = c.w.shape;
      const lift = (t: TensorJson) => ({ shape: [1, 1, ...t.shape], data: Float64Array.from(t.data) });
      const args = { op: `conv${k.length}d`, in_channels: 1, out_channels: 1, kernel_size: k, padding: k.map((n) => n - 1), bias: false };
      const flipped = runLayer(normalizeLayer(args), lift(c.x), flipKernel(lift(c.w)));
      assert.ok(relativeError(c.name, { shape: flipped.shape.slice(2), data: flipped.data }, c.output) <= TOLERANCE);
      // The same through a request, with the flip_kernel option.
      const viaRequest = simulate({
        kind: 'conv',
        input: { ...c.x, shape: [1, 1, ...c.x.shape] },
        layers: [{ ...args, flip_kernel: true, weight: { ...c.w, shape: [1, 1, ...k] } }],
      });
      assert.deepEqual(viaRequest.output?.data, Array.from(flipped.data));
      // Without the flip it is cross-correlation, which differs for these asymmetric kernels.
      const plain = runLayer(normalizeLayer(args), lift(c.x), lift(c.w));
      assert.notDeepEqual(Array.from(plain.data), Array.from(flipped.data));
    }
  });

  it('flipKernel reverses every spatial axis of every (out, in) filter and is its own inverse', () => {
    const w = { shape: [2, 1, 2, 3], data: Float64Array.from({ length: 12 }, (_, i) => i) };
    assert.deepEqual(Array.from(flipKernel(w).data), [5, 4, 3, 2, 1, 0, 11, 10, 9, 8, 7, 6]);
    assert.deepEqual(flipKernel(flipKernel(w)), w);
  });
});

describe('conv requests reject bad input with a clear ComputeError', () => {
  const x = (shape: number[]) => ({ shape, data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i % 7) });
  const weight = (shape: number[]) => x(shape);
  const conv2d = { op: 'conv2d', in_channels: 3, out_channels: 4, kernel_size: 3 };
  const cases: [string, unknown, RegExp][] = [
    [
      'mismatched channels',
      { kind: 'conv', input: x([1, 2, 5, 5]), layers: [{ ...conv2d, weight: weight([4, 3, 3, 3]) }] },
      /conv2d expects 3 input channels but the input has 2/,
    ],
    [
      'mismatched channels between layers',
      { kind: 'conv', inputShape: [1, 3, 8, 8], layers: [conv2d, { ...conv2d, in_channels: 5 }] },
      /Layer 2 \(conv2d\): conv2d expects 5 input channels but the input has 4/,
    ],
    [
      'wrong weight shape',
      { kind: 'conv', input: x([1, 3, 5, 5]), layers: [{ ...conv2d, weight: weight([4, 3, 3, 2]) }] },
      /weight has shape \[4, 3, 3, 2\] but should have \[4, 3, 3, 3\]/,
    ],
    [
      'kernel larger than the padded input',
      { kind: 'conv', inputShape: [1, 3, 4, 4], layers: [{ ...conv2d, kernel_size: 7, padding: 1 }] },
      /kernel spans 7 samples but the padded input has only 6/,
    ],
    [
      'dilated kernel larger than the input',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ ...conv2d, op: 'conv1d', kernel_size: 3, dilation: 4 }] },
      /kernel spans 9 samples but the padded input has only 8/,
    ],
    [
      'pool kernel larger than the padded input',
      { kind: 'conv', inputShape: [1, 3, 2], layers: [{ op: 'max_pool1d', kernel_size: 3, stride: 2 }] },
      /kernel spans 3 samples but the padded input has only 2/,
    ],
    ['zero stride', { kind: 'conv', inputShape: [1, 3, 8, 8], layers: [{ ...conv2d, stride: 0 }] }, /stride must be a positive integer/],
    [
      'negative stride on one axis',
      { kind: 'conv', inputShape: [1, 3, 8, 8], layers: [{ ...conv2d, stride: [1, -2] }] },
      /stride\[1\] must be a positive integer/,
    ],
    ['fractional kernel', { kind: 'conv', inputShape: [1, 3, 8, 8], layers: [{ ...conv2d, kernel_size: 2.5 }] }, /kernel_size must be a positive integer/],
    [
      'NaN in the input',
      { kind: 'conv', input: { shape: [1, 3, 1, 1], data: [1, NaN, 2] }, layers: [{ ...conv2d, kernel_size: 1 }] },
      /input holds a non-finite value \(NaN\) at flat index 1/,
    ],
    [
      'NaN in the weight',
      { kind: 'conv', input: x([1, 3, 1, 1]), layers: [{ ...conv2d, kernel_size: 1, weight: { shape: [4, 3, 1, 1], data: [...Array(11).fill(1), NaN] } }] },
      /layer 1 weight holds a non-finite value/,
    ],
    [
      'Infinity in the bias',
      {
        kind: 'conv',
        input: x([1, 3, 1, 1]),
        layers: [{ ...conv2d, kernel_size: 1, weight: weight([4, 3, 1, 1]), bias: { shape: [4], data: [0, 0, Infinity, 0] } }],
      },
      /layer 1 bias holds a non-finite value/,
    ],
    [
      'data length not matching the shape',
      { kind: 'conv', input: { shape: [1, 3, 2, 2], data: [1, 2] }, layers: [{ ...conv2d, kernel_size: 1 }] },
      /has shape \[1, 3, 2, 2\] \(12 values\) but 2 data values/,
    ],
    [
      'too much work for values',
      { kind: 'conv', input: { shape: [1, 3, 20000, 20000], data: [] }, layers: [{ ...conv2d, out_channels: 64, kernel_size: 7 }] },
      /multiply-accumulates.*the limit is 2e\+9/,
    ],
    [
      'too much pooling work',
      { kind: 'conv', input: { shape: [1, 1, 4096, 4096], data: [] }, layers: [{ op: 'max_pool2d', kernel_size: 64, stride: 1 }] },
      /the limit is 2e\+9/,
    ],
    [
      'a tensor beyond the element limit',
      { kind: 'conv', input: { shape: [1, 1, 9000, 9000], data: [] }, layers: [{ op: 'max_pool2d', kernel_size: 1 }] },
      /81000000 elements; the limit is 67108864/,
    ],
    [
      'an output beyond the element limit',
      {
        kind: 'conv',
        input: x([1, 1, 3, 3]),
        layers: [{ op: 'conv_transpose2d', in_channels: 1, out_channels: 1, kernel_size: 1, stride: 5000, bias: false, weight: weight([1, 1, 1, 1]) }],
      },
      /the limit is 67108864/,
    ],
    [
      'reflect padding as large as the input',
      { kind: 'conv', input: x([1, 3, 3]), layers: [{ ...conv2d, op: 'conv1d', padding: 3, padding_mode: 'reflect', bias: false, weight: weight([4, 3, 3]) }] },
      /padding_mode "reflect" allows padding of at most 2 on an axis of size 3, not 3/,
    ],
    [
      'circular padding wrapping twice',
      {
        kind: 'conv',
        input: x([1, 3, 3]),
        layers: [{ ...conv2d, op: 'conv1d', padding: 4, padding_mode: 'circular', bias: false, weight: weight([4, 3, 3]) }],
      },
      /padding_mode "circular" allows padding of at most 3/,
    ],
    [
      'pool padding over half the kernel',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ op: 'max_pool1d', kernel_size: 2, padding: 2, dilation: 3 }] },
      /Pooling padding \(2\) must be at most half the kernel size \(2\)/,
    ],
    [
      "'same' on a transposed conv",
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ ...conv2d, op: 'conv_transpose1d', padding: 'same' }] },
      /Transposed convolution takes numeric padding/,
    ],
    [
      'uneven padding pairs on a pool',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ op: 'avg_pool1d', kernel_size: 3, padding: [[0, 1]] }] },
      /Pooling padding must be the same on both sides/,
    ],
    [
      'output_padding not below stride or dilation',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ ...conv2d, op: 'conv_transpose1d', stride: 2, output_padding: 2 }] },
      /output_padding \(2\) must be smaller than stride or dilation/,
    ],
    [
      'divisor_override on a 1-D pool',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ op: 'avg_pool1d', kernel_size: 2, divisor_override: 3 }] },
      /divisor_override applies only to avg_pool2d and avg_pool3d/,
    ],
    [
      'flip_kernel on a pool',
      { kind: 'conv', inputShape: [1, 3, 8], layers: [{ op: 'max_pool1d', kernel_size: 2, flip_kernel: true }] },
      /flip_kernel applies only to convolutions/,
    ],
  ];
  for (const [what, request, message] of cases) {
    it(what, () =>
      assert.throws(
        () => simulate(request),
        (e: Error) => (e.name === 'ComputeError' && message.test(e.message) ? true : assert.fail(`${e.name}: ${e.message}`)),
      ),
    );
  }
});
