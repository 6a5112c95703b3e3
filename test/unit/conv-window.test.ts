/**
 * The conv lab's kernel view (compute/conv/window.ts): every output of the sliding picture equals
 * compute's reference runLayer bit for bit, over strides, dilations, every padding form and mode,
 * groups, pools (ceil_mode, count_include_pad) and transposed convolutions (output_padding); the
 * windows, readers and cell origins agree with each other; and test/fixtures/conv_window.json
 * (written by test/fixtures/gen_conv_window.py from PyTorch) is matched.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComputeError } from '../../compute/errors';
import { runLayer, weightShape } from '../../compute/conv/direct';
import { normalizeLayer, type ConvLayerJson } from '../../compute/conv/layer';
import { slidingExample, smallExample, WINDOW_LIMITS, type SlidingExample } from '../../compute/conv/window';
import { createRng } from '../../compute/random';
import type { TensorJson } from '../../compute/tensor';

const rng = createRng(2024);
const normal = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Random float64 example for a layer (so exact equality really tests the summation order). */
function example(layerJson: ConvLayerJson, inShape: number[]) {
  const layer = normalizeLayer(layerJson);
  const input = { shape: inShape, data: normal(size(inShape)) };
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  const weight = isConv ? { shape: weightShape(layer), data: normal(size(weightShape(layer))) } : undefined;
  const bias = isConv && layer.bias ? { shape: [layer.out_channels], data: normal(layer.out_channels) } : undefined;
  return { layer, input, weight, bias };
}

function assertMatchesReference(name: string, layerJson: ConvLayerJson, inShape: number[]): SlidingExample {
  const { layer, input, weight, bias } = example(layerJson, inShape);
  const view = slidingExample(layerJson, input, weight, bias);
  const ref = runLayer(layer, input, weight, bias);
  assert.deepEqual(view.outShape, [...ref.shape], `${name}: shape`);
  assert.equal(view.output.length, ref.data.length, `${name}: length`);
  for (let i = 0; i < ref.data.length; i++) {
    assert.ok(Object.is(view.output[i], ref.data[i]), `${name}: output ${i} is ${view.output[i]}, runLayer gives ${ref.data[i]}`);
  }
  checkConsistency(name, view, input.data);
  return view;
}

/** Windows, readers and padded-cell origins describe the same picture. */
function checkConsistency(name: string, view: SlidingExample, x: Float64Array): void {
  const { padded, outSize, inSize } = view;
  const outPlane = outSize[0] * outSize[1];
  const inPlane = inSize[0] * inSize[1];
  // Every padded cell's value is its source's (or the pad fill).
  for (let ch = 0; ch < view.inChannels; ch++) {
    padded.values[ch].forEach((v, cell) => {
      const s = padded.source[cell];
      if (s >= 0) assert.equal(v, x[ch * inPlane + s], `${name}: padded value`);
      else assert.ok(padded.kind[cell] === 'pad' || padded.kind[cell] === 'inserted', `${name}: zero cell kind`);
      if (padded.kind[cell] === 'input') {
        const r = Math.floor(cell / padded.cols) - padded.before[0];
        const c = (cell % padded.cols) - padded.before[1];
        if (view.family !== 'conv_transpose') assert.equal(s, r * inSize[1] + c, `${name}: input cell source`);
      }
    });
  }
  // readersOf(cell) is exactly the set of windows whose terms include cell.
  const readers = new Map<number, Set<number>>();
  for (let p = 0; p < outPlane; p++) {
    const win = view.windowAt(0, p);
    for (const t of win.terms) {
      if (!readers.has(t.cell)) readers.set(t.cell, new Set());
      readers.get(t.cell)!.add(p);
    }
  }
  for (let cell = 0; cell < padded.rows * padded.cols; cell++) {
    assert.deepEqual(new Set(view.readersOf(cell)), readers.get(cell) ?? new Set(), `${name}: readers of cell ${cell}`);
  }
}

const CONFIGS: [string, ConvLayerJson, number[]][] = [
  ['conv2d plain', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 3 }, [1, 1, 5, 5]],
  ['conv2d p1', { op: 'conv2d', in_channels: 2, out_channels: 3, kernel_size: 3, padding: 1 }, [1, 2, 5, 6]],
  ['conv2d s2', { op: 'conv2d', in_channels: 1, out_channels: 2, kernel_size: 3, stride: 2, padding: 1 }, [1, 1, 7, 6]],
  [
    'conv2d s(2,3) d(2,1)',
    { op: 'conv2d', in_channels: 2, out_channels: 2, kernel_size: [3, 2], stride: [2, 3], dilation: [2, 1], padding: [2, 1] },
    [1, 2, 9, 8],
  ],
  ['conv2d same odd', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 'same' }, [1, 1, 5, 5]],
  ['conv2d same even d2', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 4, dilation: 2, padding: 'same' }, [1, 1, 8, 8]],
  ['conv2d valid', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: [2, 3], padding: 'valid' }, [1, 1, 4, 5]],
  [
    'conv2d per-side',
    {
      op: 'conv2d',
      in_channels: 1,
      out_channels: 1,
      kernel_size: 3,
      padding: [
        [2, 0],
        [1, 3],
      ],
    },
    [1, 1, 4, 5],
  ],
  ['conv2d reflect', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 2, padding_mode: 'reflect' }, [1, 1, 5, 4]],
  ['conv2d replicate', { op: 'conv2d', in_channels: 2, out_channels: 1, kernel_size: 3, padding: [3, 1], padding_mode: 'replicate' }, [1, 2, 4, 4]],
  ['conv2d circular s2', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 3, stride: 2, padding: 3, padding_mode: 'circular' }, [1, 1, 3, 5]],
  [
    'conv2d reflect per-side',
    {
      op: 'conv2d',
      in_channels: 1,
      out_channels: 1,
      kernel_size: 2,
      padding: [
        [0, 2],
        [1, 0],
      ],
      padding_mode: 'reflect',
    },
    [1, 1, 3, 3],
  ],
  ['conv2d groups 2', { op: 'conv2d', in_channels: 4, out_channels: 2, kernel_size: 3, groups: 2, padding: 1 }, [1, 4, 5, 5]],
  ['conv2d depthwise x2', { op: 'conv2d', in_channels: 2, out_channels: 4, kernel_size: 3, groups: 2 }, [1, 2, 5, 5]],
  ['conv2d no bias flip', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: [2, 3], bias: false, flip_kernel: true, padding: 1 }, [1, 1, 4, 4]],
  ['conv2d k7 on 16', { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 7, stride: 2, padding: 3 }, [1, 1, 16, 16]],
  ['conv1d', { op: 'conv1d', in_channels: 2, out_channels: 2, kernel_size: 3, stride: 2, dilation: 2, padding: 2 }, [1, 2, 9]],
  ['conv1d circular', { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 5, padding: 4, padding_mode: 'circular' }, [1, 1, 4]],
  ['conv1d same', { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 4, padding: 'same', padding_mode: 'replicate' }, [1, 1, 6]],
  [
    'conv_transpose2d s2 p1 op1',
    { op: 'conv_transpose2d', in_channels: 1, out_channels: 1, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 },
    [1, 1, 3, 3],
  ],
  [
    'conv_transpose2d groups d2',
    { op: 'conv_transpose2d', in_channels: 2, out_channels: 4, kernel_size: [2, 3], stride: [1, 2], dilation: 2, groups: 2 },
    [1, 2, 3, 4],
  ],
  [
    'conv_transpose2d crop',
    { op: 'conv_transpose2d', in_channels: 1, out_channels: 1, kernel_size: 2, stride: 3, padding: 2, output_padding: 2 },
    [1, 1, 4, 4],
  ],
  [
    'conv_transpose2d op with dilation',
    { op: 'conv_transpose2d', in_channels: 2, out_channels: 1, kernel_size: 3, stride: 1, dilation: 3, output_padding: [2, 1], padding: [1, 0] },
    [1, 2, 3, 3],
  ],
  ['conv_transpose2d flip', { op: 'conv_transpose2d', in_channels: 1, out_channels: 2, kernel_size: 3, stride: 2, flip_kernel: true }, [1, 1, 3, 2]],
  ['conv_transpose1d', { op: 'conv_transpose1d', in_channels: 1, out_channels: 2, kernel_size: 4, stride: 3, padding: 1, output_padding: 2 }, [1, 1, 4]],
  ['max_pool2d', { op: 'max_pool2d', kernel_size: 2 }, [1, 1, 6, 6]],
  ['max_pool2d ceil pad', { op: 'max_pool2d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }, [1, 2, 6, 6]],
  ['max_pool2d dilation ceil', { op: 'max_pool2d', kernel_size: 2, stride: 2, dilation: 2, ceil_mode: true }, [1, 1, 7, 8]],
  ['avg_pool2d include pad ceil', { op: 'avg_pool2d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }, [1, 1, 6, 5]],
  ['avg_pool2d exclude pad', { op: 'avg_pool2d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }, [1, 2, 6, 5]],
  ['avg_pool2d divisor', { op: 'avg_pool2d', kernel_size: 2, padding: 1, divisor_override: 3 }, [1, 1, 5, 5]],
  ['avg_pool1d ceil', { op: 'avg_pool1d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }, [1, 1, 8]],
  ['max_pool1d', { op: 'max_pool1d', kernel_size: 3, stride: 1, padding: 1 }, [1, 3, 7]],
];

describe('conv kernel view (slidingExample)', () => {
  for (const [name, layer, inShape] of CONFIGS) {
    it(`equals runLayer exactly: ${name}`, () => {
      assertMatchesReference(name, layer, inShape);
    });
  }

  it('sums products (plus bias) in the equation of every window', () => {
    const view = assertMatchesReference('sum', { op: 'conv2d', in_channels: 2, out_channels: 2, kernel_size: 3, padding: 1, groups: 2 }, [1, 2, 4, 4]);
    const win = view.windowAt(1, 0);
    assert.ok(
      win.terms.every((t) => t.channel === 1),
      'group 1 reads input channel 1 only',
    );
    assert.equal(win.terms.length, 9);
    assert.equal(win.terms.filter((t) => !t.counted).length, 5, 'corner window: 5 padding cells');
    const sum = win.terms.filter((t) => t.counted).reduce((a, t) => a + t.product, win.bias);
    assert.ok(Math.abs(sum - win.value) < 1e-12);
    assert.deepEqual(
      view.groups.map((g) => g.inputChannels),
      [[0], [1]],
    );
  });

  it('marks reflect/replicate/circular padding with its source and transposed zeros as inserted', () => {
    const reflect = assertMatchesReference(
      'reflect',
      { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 2, padding_mode: 'reflect' },
      [1, 1, 4],
    );
    assert.deepEqual(reflect.padded.kind, ['mode', 'mode', 'input', 'input', 'input', 'input', 'mode', 'mode']);
    assert.deepEqual(reflect.padded.source, [2, 1, 0, 1, 2, 3, 2, 1]);
    const circular = assertMatchesReference(
      'circular',
      { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 2, padding_mode: 'circular' },
      [1, 1, 4],
    );
    assert.deepEqual(circular.padded.source, [2, 3, 0, 1, 2, 3, 0, 1]);
    const zeros = assertMatchesReference('zeros', { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 1 }, [1, 1, 3]);
    assert.deepEqual(zeros.padded.kind, ['pad', 'input', 'input', 'input', 'pad']);
    // Transposed: k 3, s 2, p 1, op 1 on 3 samples: x̃ = pad 1 | x0 0 x1 0 x2 | pad 1 + 1.
    const t = assertMatchesReference(
      'transposed',
      { op: 'conv_transpose1d', in_channels: 1, out_channels: 1, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 },
      [1, 1, 3],
    );
    assert.deepEqual(t.padded.kind, ['pad', 'input', 'inserted', 'input', 'inserted', 'input', 'pad', 'pad']);
    assert.deepEqual(t.padded.source, [-1, 0, -1, 1, -1, 2, -1, -1]);
    assert.deepEqual(t.stride, [1, 1]);
    assert.equal(t.kernelFlipped, true);
    assert.deepEqual(t.kernelOf(0, 0).weightIndex, [2, 1, 0]);
    // 2-D: a cell between samples on one axis and in the padding on the other is padding.
    const t2 = assertMatchesReference('transposed 2d', { op: 'conv_transpose2d', in_channels: 1, out_channels: 1, kernel_size: 2, stride: 2 }, [1, 1, 2, 2]);
    const kinds = t2.padded.kind;
    assert.equal(t2.padded.rows, 5);
    assert.deepEqual(kinds.slice(5, 10), ['pad', 'input', 'inserted', 'input', 'pad']);
    assert.deepEqual(kinds.slice(10, 15), ['pad', 'inserted', 'inserted', 'inserted', 'pad']);
  });

  it('max pooling records the argmax and treats padding as −∞', () => {
    const view = assertMatchesReference('max', { op: 'max_pool2d', kernel_size: 3, stride: 2, padding: 1 }, [1, 1, 5, 5]);
    for (let p = 0; p < view.outSize[0] * view.outSize[1]; p++) {
      const win = view.windowAt(0, p);
      assert.ok(win.argmax >= 0);
      assert.equal(win.terms[win.argmax].x, win.value);
    }
    assert.equal(view.padded.values[0][0], -Infinity);
  });

  it('refuses 3-D layers and examples above the limits with a message', () => {
    const refuse = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ComputeError && pattern.test(e.message));
    refuse(
      () =>
        slidingExample(
          { op: 'conv3d', in_channels: 1, out_channels: 1, kernel_size: 3 },
          { shape: [1, 1, 4, 4, 4], data: new Float64Array(64) },
          { shape: [1, 1, 3, 3, 3], data: new Float64Array(27) },
          { shape: [1], data: [0] },
        ),
      /1-D and 2-D/,
    );
    refuse(() => slidingExample({ op: 'max_pool2d', kernel_size: 2 }, { shape: [1, 1, 17, 4], data: new Float64Array(68) }), /at most 16 samples/);
    refuse(
      () => slidingExample({ op: 'max_pool2d', kernel_size: 2 }, { shape: [1, 5, 4, 4], data: new Float64Array(80) }),
      /at most 4 input and output channels/,
    );
    refuse(() => slidingExample({ op: 'max_pool1d', kernel_size: 8 }, { shape: [1, 1, 16], data: new Float64Array(16) }), /at most 7 taps/);
    refuse(() => slidingExample({ op: 'max_pool1d', kernel_size: 2 }, { shape: [2, 1, 4], data: new Float64Array(8) }), /single image/);
    refuse(() => slidingExample({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 3 }, { shape: [1, 1, 4], data: new Float64Array(4) }), /weight/);
    assert.ok(WINDOW_LIMITS.grid >= 2 * WINDOW_LIMITS.spatial);
  });

  it('smallExample shrinks real layers to something the view shows', () => {
    const cases: [ConvLayerJson, number[]][] = [
      [{ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3 }, [1, 3, 224, 224]],
      [{ op: 'conv2d', in_channels: 128, out_channels: 128, kernel_size: 3, padding: 1, groups: 128 }, [1, 128, 56, 56]],
      [{ op: 'conv2d', in_channels: 64, out_channels: 64, kernel_size: 3, padding: 2, dilation: 2, padding_mode: 'reflect' }, [1, 64, 32, 32]],
      [{ op: 'conv_transpose2d', in_channels: 64, out_channels: 32, kernel_size: 4, stride: 2, padding: 1 }, [1, 64, 16, 16]],
      [{ op: 'conv_transpose1d', in_channels: 8, out_channels: 8, kernel_size: 3, stride: 2, padding: 1, output_padding: 1, groups: 8 }, [1, 8, 100]],
      [{ op: 'max_pool2d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }, [1, 64, 112, 112]],
      [{ op: 'avg_pool1d', kernel_size: 4 }, [1, 16, 1000]],
      [{ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 7, dilation: 2 }, [1, 1, 1024]],
    ];
    for (const [layer, inShape] of cases) {
      const small = smallExample(layer, inShape);
      const view = assertMatchesReference(`small ${layer.op}`, small.layer, small.inShape);
      assert.ok(view.outSize.every((o) => o >= 2) || view.dims === 1, `${layer.op}: at least two outputs per axis (${view.outSize})`);
      assert.ok(small.reduced.length > 0);
      if (layer.groups === layer.in_channels && layer.groups) assert.equal(view.layer.groups, view.inChannels, 'depthwise stays depthwise');
    }
    assert.throws(() => smallExample({ op: 'conv3d', in_channels: 1, out_channels: 1, kernel_size: 3 }), /1-D and 2-D/);
  });
});

interface FixtureCase {
  name: string;
  layer: ConvLayerJson;
  input: TensorJson;
  weight?: TensorJson;
  bias?: TensorJson;
  output: TensorJson;
}

describe('conv kernel view against PyTorch (test/fixtures/conv_window.json)', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conv_window.json'), 'utf8')) as { torch: string; cases: FixtureCase[] };
  it('has cases', () => assert.ok(fixture.cases.length >= 10));
  for (const c of fixture.cases) {
    it(`${c.name} (torch ${fixture.torch})`, () => {
      const view = slidingExample(c.layer, c.input, c.weight, c.bias);
      assert.deepEqual(view.outShape, c.output.shape);
      // Inputs are small integers and halves: conv sums are exact; averages are one division.
      const exact = !c.layer.op.startsWith('avg');
      c.output.data.forEach((ref, i) => {
        if (exact) assert.equal(view.output[i], ref, `${c.name}: output ${i}`);
        else assert.ok(Math.abs(view.output[i] - ref) <= 1e-12 * Math.max(1, Math.abs(ref)), `${c.name}: output ${i}: ${view.output[i]} vs ${ref}`);
      });
    });
  }
});
