import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeLayers, convOutSize, createRng, normalizeLayer, poolOutSize, runLayer, weightShape, type ConvLayerJson, type Tensor } from '../../compute';
import { simulate } from '../../compute/simulate';
import type { ConvRequest } from '../../compute/conv/request';

function randomTensor(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => rng.normal()) };
}

const dot = (a: Tensor, b: Tensor) => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

describe('conv shapes', () => {
  it('follows PyTorch for the ResNet stem', () => {
    const conv = normalizeLayer({ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3 });
    const pool = normalizeLayer({ op: 'max_pool2d', kernel_size: 3, stride: 2, padding: 1 });
    const [a, b] = analyzeLayers([1, 3, 224, 224], [conv, pool]);
    assert.deepEqual(a.outShape, [1, 64, 112, 112]);
    assert.equal(a.params, 64 * 3 * 49 + 64);
    assert.equal(a.macs, 112 * 112 * 64 * 3 * 49);
    assert.deepEqual(b.outShape, [1, 64, 56, 56]);
    // 7 + (3 − 1)·2 = 11 input pixels, jump 4.
    assert.deepEqual(b.receptiveField, { size: [11, 11], jump: [4, 4] });
  });

  it('receptive field through transposed convs: exact spans, fractional jumps', () => {
    const t = (k: number, s: number, d = 1) =>
      normalizeLayer({ op: 'conv_transpose1d', in_channels: 1, out_channels: 1, kernel_size: k, stride: s, dilation: d });
    const c = (k: number) => normalizeLayer({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: k });
    const fields = (layers: ReturnType<typeof t>[]) => analyzeLayers([1, 1, 50], layers).map((a) => [a.receptiveField.size[0], a.receptiveField.jump[0]]);
    // k3/s2: even outputs see 2 inputs, odd ones 1; any 2 neighbours together see only 2.
    assert.deepEqual(fields([t(3, 2), c(2), c(2)]), [
      [2, 0.5],
      [2, 0.5],
      [3, 0.5],
    ]);
    // k3/s4/d3: taps 0, 3, 6 never land on the same residue mod 4, so each output sees one input.
    assert.deepEqual(fields([t(3, 4, 3), c(3)]), [
      [1, 0.25],
      [3, 0.25],
    ]);
    // Periods too large for the exact table fall back to an estimate, quickly.
    const start = Date.now();
    const huge = analyzeLayers([1, 1, 4], [t(8192, 4096), t(8192, 4096), c(3)]);
    assert.ok(Date.now() - start < 1000);
    assert.deepEqual(huge[0].receptiveField, { size: [2], jump: [1 / 4096] });
    assert.ok(huge.every((a) => Number.isFinite(a.receptiveField.size[0])));
  });

  it('handles dilation, ceil_mode and same padding', () => {
    assert.equal(convOutSize(32, 3, 1, 2, 2, 2), 32);
    assert.equal(poolOutSize(5, 2, 2, 0, 1, false), 2);
    assert.equal(poolOutSize(5, 2, 2, 0, 1, true), 3);
    // The last window may not start in the right padding: 4 + 1 = 5, windows at 0, 2, 4 only.
    assert.equal(poolOutSize(4, 2, 2, 1, 1, true), 3);
    const same = normalizeLayer({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 4, padding: 'same', dilation: 3 });
    assert.deepEqual(same.padding, [[4, 5]]);
  });

  it('rejects bad layers with a sentence naming the problem', () => {
    const bad: [ConvLayerJson, RegExp][] = [
      [{ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 0 }, /kernel_size must be a positive integer/],
      [{ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 3, stride: -1 }, /stride must be a positive integer/],
      [{ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 3, groups: 2 }, /in_channels \(3\) must be divisible by groups \(2\)/],
      [{ op: 'conv2d', in_channels: 4, out_channels: 8, kernel_size: 3, stride: 2, padding: 'same' }, /padding='same' needs stride 1/],
      [{ op: 'conv5d', kernel_size: 3 }, /Unknown layer op "conv5d"/],
      [{ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: [3, 3, 3] }, /kernel_size has 3 values but the layer has 2 spatial axes/],
      [{ op: 'max_pool2d', kernel_size: 2, padding: 2 }, /at most half the kernel size/],
    ];
    for (const [layer, message] of bad) assert.throws(() => normalizeLayer(layer), message);
    const conv = normalizeLayer({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 7 });
    assert.throws(() => analyzeLayers([1, 4, 32, 32], [conv]), /expects 3 input channels but the input has 4/);
    assert.throws(() => analyzeLayers([1, 3, 5, 5], [conv]), /kernel spans 7 samples but the padded input has only 5/);
    assert.deepEqual(analyzeLayers([1, 3, 1e5, 1e5], [conv])[0].outShape, [1, 8, 99994, 99994], 'shapes of any size can be analyzed');
    assert.throws(
      () =>
        simulate({ kind: 'conv', layers: [{ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 7 }], input: { shape: [1, 3, 1e5, 1e5], data: [] } }),
      /the limit is/,
    );
    assert.throws(
      () => simulate({ kind: 'conv', layers: [{ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 7 }], inputShape: [1, 3, 0, 5] }),
      /positive integer sizes/,
    );
  });
});

describe('direct convolution', () => {
  it('computes a hand-checked 1-D cross-correlation with bias', () => {
    const layer = normalizeLayer({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 2, padding: 1 });
    const x = { shape: [1, 1, 3], data: Float64Array.from([1, 2, 3]) };
    const w = { shape: [1, 1, 2], data: Float64Array.from([10, 1]) };
    const b = { shape: [1], data: Float64Array.from([0.5]) };
    // Padded input 0 1 2 3 0, windows (0,1) (1,2) (2,3) (3,0): kernel not flipped.
    assert.deepEqual(Array.from(runLayer(layer, x, w, b).data), [1.5, 12.5, 23.5, 30.5]);
  });

  it('pads in reflect, replicate and circular modes', () => {
    const x = { shape: [1, 1, 4], data: Float64Array.from([1, 2, 3, 4]) };
    const w = { shape: [1, 1, 1], data: Float64Array.from([1]) };
    const out = (mode: string) =>
      Array.from(
        runLayer(normalizeLayer({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 1, padding: 2, bias: false, padding_mode: mode }), x, w).data,
      );
    assert.deepEqual(out('reflect'), [3, 2, 1, 2, 3, 4, 3, 2]);
    assert.deepEqual(out('replicate'), [1, 1, 1, 2, 3, 4, 4, 4]);
    assert.deepEqual(out('circular'), [3, 4, 1, 2, 3, 4, 1, 2]);
  });

  it('max and average pooling respect padding rules', () => {
    const x = { shape: [1, 1, 4], data: Float64Array.from([1, -2, 3, 5]) };
    const max = normalizeLayer({ op: 'max_pool1d', kernel_size: 2, stride: 2, padding: 1 });
    assert.deepEqual(Array.from(runLayer(max, x).data), [1, 3, 5]);
    const avg = (count_include_pad: boolean) =>
      Array.from(runLayer(normalizeLayer({ op: 'avg_pool1d', kernel_size: 2, stride: 2, padding: 1, count_include_pad }), x).data);
    assert.deepEqual(avg(true), [0.5, 0.5, 2.5]);
    assert.deepEqual(avg(false), [1, 0.5, 5]);
  });

  it('shape formula equals the real output shape, and transposed conv is the adjoint of conv', () => {
    const config = fc.record({
      dims: fc.constantFrom(1, 2),
      cin: fc.integer({ min: 1, max: 3 }),
      groups: fc.constantFrom(1, 2),
      coutPerGroup: fc.integer({ min: 1, max: 2 }),
      k: fc.integer({ min: 1, max: 4 }),
      s: fc.integer({ min: 1, max: 3 }),
      p: fc.integer({ min: 0, max: 2 }),
      d: fc.integer({ min: 1, max: 2 }),
      extra: fc.integer({ min: 0, max: 5 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(config, ({ dims, cin, groups, coutPerGroup, k, s, p, d, extra, seed }) => {
        const n = d * (k - 1) + 1 + extra;
        const inC = cin * groups;
        const outC = coutPerGroup * groups;
        const args = { in_channels: inC, out_channels: outC, kernel_size: k, stride: s, padding: p, dilation: d, groups, bias: false };
        const conv = normalizeLayer({ op: `conv${dims}d`, ...args });
        const xShape = [2, inC, ...Array(dims).fill(n)];
        const x = randomTensor(xShape, seed);
        const w = randomTensor(weightShape(conv), seed + 1);
        const y = runLayer(conv, x, w);
        assert.deepEqual(y.shape, analyzeLayers(xShape, [conv])[0].outShape);
        // convᵀ maps the output space back; output_padding recovers sizes lost to flooring.
        const lost = (n + 2 * p - d * (k - 1) - 1) % s;
        const t = normalizeLayer({
          op: `conv_transpose${dims}d`,
          ...args,
          in_channels: outC,
          out_channels: inC,
          output_padding: lost < Math.max(s, d) ? lost : 0,
        });
        if (lost >= Math.max(s, d)) return;
        const g = randomTensor([...y.shape], seed + 2);
        const back = runLayer(t, g, w);
        assert.deepEqual(back.shape, xShape);
        const lhs = dot(y, g);
        const rhs = dot(x, back);
        assert.ok(Math.abs(lhs - rhs) <= 1e-9 * Math.max(1, Math.abs(lhs)), `⟨conv x, g⟩ = ${lhs} but ⟨x, convᵀ g⟩ = ${rhs}`);
      }),
      { numRuns: 150 },
    );
  });

  it('is linear in its input', () => {
    const layer = normalizeLayer({ op: 'conv2d', in_channels: 2, out_channels: 3, kernel_size: 3, padding: 1, bias: false });
    const w = randomTensor(weightShape(layer), 7);
    const x1 = randomTensor([1, 2, 6, 6], 8);
    const x2 = randomTensor([1, 2, 6, 6], 9);
    const sum = { shape: x1.shape, data: x1.data.map((v, i) => 2 * v - 3 * x2.data[i]) };
    const y = runLayer(layer, sum, w).data;
    const y1 = runLayer(layer, x1, w).data;
    const y2 = runLayer(layer, x2, w).data;
    y.forEach((v, i) => assert.ok(Math.abs(v - (2 * y1[i] - 3 * y2[i])) < 1e-12));
  });

  it('simulate() runs a request with tensors and rejects NaN input', () => {
    const request = {
      kind: 'conv' as const,
      input: { shape: [1, 1, 3], data: [1, 2, 3] },
      layers: [
        {
          op: 'conv1d',
          in_channels: 1,
          out_channels: 1,
          kernel_size: 2,
          padding: 1,
          weight: { shape: [1, 1, 2], data: [10, 1] },
          bias: { shape: [1], data: [0.5] },
        },
      ],
    };
    const result = simulate(request as ConvRequest);
    assert.deepEqual(result.output?.data, [1.5, 12.5, 23.5, 30.5]);
    assert.equal(result.layers[0].params, 3);
    assert.throws(() => simulate({ ...request, input: { shape: [1, 1, 3], data: [1, NaN, 3] } }), /non-finite/);
    assert.throws(() => simulate({ kind: 'conv', input: request.input, layers: [{ ...request.layers[0], weight: undefined }] }), /needs a weight tensor/);
    assert.throws(() => simulate({ kind: 'nope' }), /Unknown request kind/);
  });
});
