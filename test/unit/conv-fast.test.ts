import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { runLayer, weightShape } from '../../compute/conv/direct';
import { chooseConvMethod, convForward, estimateCosts, runLayerFast, type ConvMethod } from '../../compute/conv/fast';
import { fftInPlace, RealFft3 } from '../../compute/conv/fourier';
import { normalizeLayer, type ConvLayerJson } from '../../compute/conv/layer';
import { createRng } from '../../compute/random';
import type { Tensor } from '../../compute/tensor';

function randomTensor(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => rng.normal()) };
}

/**
 * max |a − b| / max(1, max |a|): error relative to the output's scale (inputs and weights are
 * standard normal, so 1 is the natural floor when every output happens to be tiny or zero).
 */
function relError(reference: ArrayLike<number>, actual: ArrayLike<number>): number {
  let err = 0;
  let scale = 1;
  for (let i = 0; i < reference.length; i++) {
    err = Math.max(err, Math.abs(reference[i] - actual[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return err / scale;
}

/** A random forward convolution: 1-3 spatial axes, groups, stride, dilation, padding forms and modes. */
const convConfig = fc
  .record({
    dims: fc.constantFrom(1, 2, 3),
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.constantFrom(1, 2, 3),
    cinPerGroup: fc.integer({ min: 1, max: 3 }),
    coutPerGroup: fc.integer({ min: 1, max: 6 }),
    k: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
    s: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    d: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    pad: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 3, maxLength: 3 }),
    padForm: fc.constantFrom('int', 'pairs', 'same', 'valid'),
    mode: fc.constantFrom('zeros', 'reflect', 'replicate', 'circular'),
    extra: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
    bias: fc.boolean(),
    flip: fc.boolean(),
    seed: fc.integer(),
  })
  .map((c) => {
    const axes = Array.from({ length: c.dims }, (_, i) => i);
    const k = axes.map((i) => c.k[i]);
    const d = axes.map((i) => c.d[i]);
    const s = c.padForm === 'same' ? axes.map(() => 1) : axes.map((i) => c.s[i]);
    const padding: ConvLayerJson['padding'] = c.padForm === 'int' ? c.pad[0][0] : c.padForm === 'pairs' ? axes.map((i) => [...c.pad[i]]) : c.padForm;
    const layer = normalizeLayer({
      op: `conv${c.dims}d`,
      in_channels: c.cinPerGroup * c.groups,
      out_channels: c.coutPerGroup * c.groups,
      kernel_size: k,
      stride: s,
      dilation: d,
      padding,
      padding_mode: c.mode,
      groups: c.groups,
      bias: c.bias,
      flip_kernel: c.flip,
    });
    // Big enough for the kernel and for reflect (pad < n) / circular (pad ≤ n) padding.
    const spatial = axes.map((i) => Math.max(d[i] * (k[i] - 1) + 1, ...layer.padding[i].map((p) => p + 1)) + c.extra[i]);
    return { layer, inShape: [c.batch, layer.in_channels, ...spatial], seed: c.seed };
  });

describe('fast convolution', () => {
  it('FFT building blocks invert each other and match the DFT definition', () => {
    const n = 16;
    const rng = createRng(5);
    const re = Float64Array.from({ length: n }, () => rng.normal());
    const im = Float64Array.from({ length: n }, () => rng.normal());
    const [r0, i0] = [re.slice(), im.slice()];
    fftInPlace(re, im, n, false);
    // X[k] = Σ x[j]·e^{−2πijk/n}
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const t = (-2 * Math.PI * j * k) / n;
        sr += r0[j] * Math.cos(t) - i0[j] * Math.sin(t);
        si += r0[j] * Math.sin(t) + i0[j] * Math.cos(t);
      }
      assert.ok(Math.abs(sr - re[k]) < 1e-12 && Math.abs(si - im[k]) < 1e-12, `bin ${k}`);
    }
    const fft = new RealFft3(4, 2, 8);
    const x = Float64Array.from({ length: 64 }, () => rng.normal());
    const [sRe, sIm] = [new Float64Array(fft.size), new Float64Array(fft.size)];
    fft.forward(x, sRe, sIm);
    const back = new Float64Array(64);
    fft.inverseUnscaled(sRe, sIm, back);
    back.forEach((v, i) => assert.ok(Math.abs(v / 64 - x[i]) < 1e-13));
  });

  for (const method of ['gemm', 'fft', 'auto'] as const) {
    it(`${method} equals the direct reference on random layers (float64)`, () => {
      const tolerance = method === 'gemm' ? 1e-12 : 1e-9;
      fc.assert(
        fc.property(convConfig, ({ layer, inShape, seed }) => {
          const x = randomTensor(inShape, seed);
          const w = randomTensor(weightShape(layer), seed + 1);
          const b = layer.bias ? randomTensor([layer.out_channels], seed + 2) : undefined;
          const reference = runLayer(layer, x, w, b);
          const fast = runLayerFast(layer, x, w, b, { method });
          assert.deepEqual(fast.shape, reference.shape);
          assert.ok(fast.data instanceof Float64Array);
          const err = relError(reference.data, fast.data);
          assert.ok(err <= tolerance, `${method}: relative error ${err} for ${JSON.stringify({ ...layer, inShape })}`);
        }),
        { numRuns: method === 'auto' ? 60 : 200 },
      );
    });
  }

  it('winograd F(2×2, 3×3) and F(4×4, 3×3) equal the reference on random 3×3 stride-1 layers', () => {
    const config = fc.record({
      dims: fc.constantFrom(2, 3),
      batch: fc.integer({ min: 1, max: 2 }),
      groups: fc.constantFrom(1, 2),
      cinPerGroup: fc.integer({ min: 1, max: 5 }),
      coutPerGroup: fc.integer({ min: 1, max: 9 }),
      size: fc.array(fc.integer({ min: 2, max: 13 }), { minLength: 3, maxLength: 3 }),
      pad: fc.integer({ min: 0, max: 2 }),
      mode: fc.constantFrom('zeros', 'reflect', 'replicate', 'circular'),
      bias: fc.boolean(),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(config, (c) => {
        const layer = normalizeLayer({
          op: `conv${c.dims}d`,
          in_channels: c.cinPerGroup * c.groups,
          out_channels: c.coutPerGroup * c.groups,
          groups: c.groups,
          kernel_size: c.dims === 3 ? [1, 3, 3] : 3,
          padding: c.dims === 3 ? [0, c.pad, c.pad] : c.pad,
          padding_mode: c.mode,
          bias: c.bias,
        });
        // Large enough for the window (3 − 2·pad) and for reflect padding (pad < size).
        const spatial = c.size.slice(0, c.dims).map((n) => Math.max(n, 3, c.pad + 1));
        const x = randomTensor([c.batch, layer.in_channels, ...spatial], c.seed);
        const w = randomTensor(weightShape(layer), c.seed + 1);
        const b = layer.bias ? randomTensor([layer.out_channels], c.seed + 2) : undefined;
        const reference = runLayer(layer, x, w, b);
        for (const winogradTile of [2, 4] as const) {
          const fast = runLayerFast(layer, x, w, b, { method: 'winograd', winogradTile });
          assert.deepEqual(fast.shape, reference.shape);
          const err = relError(reference.data, fast.data);
          assert.ok(err <= 1e-12, `winograd F(${winogradTile}, 3): relative error ${err}`);
          const single = runLayerFast(layer, x, w, b, { method: 'winograd', winogradTile, precision: 'float32' });
          assert.ok(
            relError(reference.data, single.data) <= 1e-5,
            `winograd F(${winogradTile}, 3) float32: relative error ${relError(reference.data, single.data)}`,
          );
        }
      }),
      { numRuns: 150 },
    );
    const strided = normalizeLayer({ op: 'conv2d', in_channels: 2, out_channels: 2, kernel_size: 3, stride: 2 });
    const x = randomTensor([1, 2, 8, 8], 1);
    assert.throws(
      () => runLayerFast(strided, x, randomTensor([2, 2, 3, 3], 2), randomTensor([2], 3), { method: 'winograd' }),
      /Winograd method needs 3×3 windows with stride 1/,
    );
  });

  it('depthwise 3×3 (the sliding-window kernel) equals the reference', () => {
    for (const [stride, dilation, multiplier, mode] of [
      [1, 1, 1, 'zeros'],
      [[2, 1], [2, 1], 2, 'reflect'],
      [[3, 1], [1, 1], 3, 'circular'],
      [1, [3, 1], 1, 'replicate'],
    ] as const) {
      const layer = normalizeLayer({
        op: 'conv2d',
        in_channels: 4,
        out_channels: 4 * multiplier,
        groups: 4,
        kernel_size: 3,
        stride: typeof stride === 'number' ? stride : [...stride],
        dilation: typeof dilation === 'number' ? dilation : [...dilation],
        padding: 1,
        padding_mode: mode,
      });
      const x = randomTensor([2, 4, 11, 9], multiplier);
      const w = randomTensor(weightShape(layer), 2);
      const b = randomTensor([layer.out_channels], 3);
      const reference = runLayer(layer, x, w, b);
      assert.deepEqual(runLayerFast(layer, x, w, b, { method: 'gemm' }), reference);
    }
  });

  it('float32 precision stays within 1e-5 of the reference for every method', () => {
    fc.assert(
      fc.property(convConfig, fc.constantFrom<ConvMethod>('direct', 'gemm', 'fft'), ({ layer, inShape, seed }, method) => {
        const x = randomTensor(inShape, seed);
        const w = randomTensor(weightShape(layer), seed + 1);
        const b = layer.bias ? randomTensor([layer.out_channels], seed + 2) : undefined;
        const reference = runLayer(layer, x, w, b);
        const f32 = (t: Tensor | undefined) => t && { shape: t.shape, data: Float32Array.from(t.data) };
        const out = convForward(layer, f32(x)!, f32(w), f32(b), { method, precision: 'float32' });
        assert.ok(out.data instanceof Float32Array);
        const err = relError(reference.data, out.data);
        assert.ok(err <= 1e-5, `${method} float32: relative error ${err}`);
      }),
      { numRuns: 120 },
    );
  });

  it('computes a 16,384-sample signal with a 1,025-tap kernel by FFT, equal to direct', () => {
    const layer = normalizeLayer({ op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 1025 });
    const x = randomTensor([1, 1, 16384], 11);
    const w = randomTensor([1, 1, 1025], 12);
    const b = randomTensor([1], 13);
    assert.equal(chooseConvMethod(layer, x.shape), 'fft');
    const direct = runLayerFast(layer, x, w, b, { method: 'direct' });
    const fft = runLayerFast(layer, x, w, b, { method: 'fft' });
    const auto = runLayerFast(layer, x, w, b);
    assert.deepEqual(fft.shape, [1, 1, 16384 - 1024]);
    assert.ok(relError(direct.data, fft.data) < 1e-9, `FFT vs direct ${relError(direct.data, fft.data)}`);
    assert.deepEqual(auto.data, fft.data);
  });

  it('chooses Winograd for dense 3×3, GEMM for other small kernels, and the reference for pooling', () => {
    const resnet = normalizeLayer({ op: 'conv2d', in_channels: 64, out_channels: 64, kernel_size: 3, padding: 1 });
    assert.equal(chooseConvMethod(resnet, [1, 64, 56, 56]), 'winograd');
    const stem = normalizeLayer({ op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3 });
    assert.equal(chooseConvMethod(stem, [1, 3, 224, 224]), 'gemm');
    const depthwise = normalizeLayer({ op: 'conv2d', in_channels: 128, out_channels: 128, kernel_size: 3, padding: 1, groups: 128 });
    assert.equal(chooseConvMethod(depthwise, [1, 128, 56, 56]), 'gemm');
    const costs = estimateCosts(resnet, [1, 64, 56, 56]);
    assert.ok(costs.winograd < costs.gemm && costs.gemm < costs.direct && costs.gemm < costs.fft);

    const x = randomTensor([2, 3, 7, 6], 3);
    const pool = normalizeLayer({ op: 'max_pool2d', kernel_size: 3, stride: 2, padding: 1, ceil_mode: true });
    assert.equal(chooseConvMethod(pool, x.shape), 'direct');
    assert.deepEqual(runLayerFast(pool, x), runLayer(pool, x));
  });

  it('transposed convolution by every method equals the reference (scatter) loop', () => {
    const config = fc.record({
      dims: fc.constantFrom(1, 2, 3),
      batch: fc.integer({ min: 1, max: 2 }),
      groups: fc.constantFrom(1, 2),
      cinPerGroup: fc.integer({ min: 1, max: 3 }),
      coutPerGroup: fc.integer({ min: 1, max: 5 }),
      k: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
      s: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
      d: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 3 }),
      pad: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 3, maxLength: 3 }),
      extraOut: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      size: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
      bias: fc.boolean(),
      flip: fc.boolean(),
      method: fc.constantFrom<ConvMethod | 'auto'>('gemm', 'fft', 'winograd', 'auto'),
      seed: fc.integer(),
    });
    let checked = 0;
    fc.assert(
      fc.property(config, (c) => {
        const axes = Array.from({ length: c.dims }, (_, i) => i);
        // Winograd needs 3×3 windows: 2-D, or 3-D with a depth-1 kernel.
        if (c.method === 'winograd' && c.dims === 1) c.method = 'gemm';
        const stride = axes.map((i) => c.s[i]);
        const dilation = axes.map((i) => c.d[i]);
        const kernel = c.method === 'winograd' ? axes.map((i) => (c.dims === 3 && i === 0 ? 1 : 3)) : axes.map((i) => c.k[i]);
        const dil = c.method === 'winograd' ? axes.map(() => 1) : dilation;
        const layer = normalizeLayer({
          op: `conv_transpose${c.dims}d`,
          in_channels: c.cinPerGroup * c.groups,
          out_channels: c.coutPerGroup * c.groups,
          groups: c.groups,
          kernel_size: kernel,
          stride,
          dilation: dil,
          padding: axes.map((i) => [...c.pad[i]]),
          output_padding: axes.map((i) => c.extraOut[i] % Math.max(stride[i], dil[i])),
          bias: c.bias,
          flip_kernel: c.flip,
        });
        const inShape = [c.batch, layer.in_channels, ...axes.map((i) => c.size[i])];
        const x = randomTensor(inShape, c.seed);
        const w = randomTensor(weightShape(layer), c.seed + 1);
        const b = layer.bias ? randomTensor([layer.out_channels], c.seed + 2) : undefined;
        let reference: Tensor;
        try {
          reference = runLayer(layer, x, w, b);
        } catch {
          return; // padding larger than the output: no such layer
        }
        checked++;
        const fast = runLayerFast(layer, x, w, b, { method: c.method });
        assert.deepEqual(fast.shape, reference.shape);
        const err = relError(reference.data, fast.data);
        assert.ok(err <= (c.method === 'fft' ? 1e-9 : 1e-12), `${c.method}: relative error ${err}`);
      }),
      { numRuns: 200 },
    );
    assert.ok(checked > 100, `only ${checked} valid transposed layers were generated`);
  }).timeout(60_000); // 200 random layers incl. 3-D FFTs: slow on a loaded machine

  it('rejects bad weights and padding like the reference does', () => {
    const layer = normalizeLayer({ op: 'conv2d', in_channels: 2, out_channels: 4, kernel_size: 3, padding: 3, padding_mode: 'reflect' });
    const x = randomTensor([1, 2, 5, 5], 1);
    const w = randomTensor([4, 2, 3, 3], 2);
    const b = randomTensor([4], 3);
    for (const method of ['gemm', 'fft'] as const) {
      assert.throws(
        () => runLayerFast(layer, x, randomTensor([4, 2, 3, 2], 2), b, { method }),
        /weight has shape \[4, 2, 3, 2\] but should have \[4, 2, 3, 3\]/,
      );
      assert.throws(() => runLayerFast(layer, x, w, undefined, { method }), /needs a bias tensor/);
      assert.throws(() => runLayerFast(layer, randomTensor([1, 2, 3, 3], 1), w, b, { method }), /reflect" allows padding of at most 2/);
    }
  });
});
